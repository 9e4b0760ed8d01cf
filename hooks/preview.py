"""MkDocs hook for the live preview (`build_facts.py serve`); inert in every other build.

The preview runs `mkdocs serve --dirty`: on a save, MkDocs rebuilds only the pages whose
Markdown changed (about a second for 1,000 question pages, against half a minute for
all of them). A dirty build alone would get three things wrong, which this hook puts
right, so the preview shows what a full build would:

* a hand-written page that includes a generated part (the home page's answers,
  ``--8<-- "home.md"``) is rebuilt when that part changes, though its own file did not;
* a page or file whose source is gone (a deleted question, its charts) stops being served;
* search still finds every page (Material's index holds only the pages just built);
* a page the generator writes while MkDocs builds is left for the next build, rather than
  failing this one (MkDocs would build it without having read it).

It acts only when ``FACTSITE_PREVIEW`` is set (build_facts.py serve sets it) and leaves
the published build, which is never dirty, exactly as it was.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

GENERATED = "answers/"
PARTIALS = Path("answers") / "_partials"
INCLUDE = "--8<--"
SEARCH_INDEX = Path("search") / "search_index.json"
MADE = ".factsite-preview-files"
"""In the preview's site folder: the generated files the last build made."""
DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs warns at every dirty build; with `strict: true` the warning would fail the build.
The preview knows, and repairs what the warning is about."""

ACTIVE = bool(os.environ.get("FACTSITE_PREVIEW"))

# MkDocs loads this file again for every build: what one build's events share lives here.
_state: dict[str, object] = {}


class _KnownDirty(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def on_pre_build(config: MkDocsConfig) -> None:
    if not ACTIVE:
        return
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(type(f).__name__ == _KnownDirty.__name__ for f in logger.filters):
        logger.addFilter(_KnownDirty())
    index = Path(config.site_dir) / SEARCH_INDEX
    try:  # the index the last build wrote, before this build's search plugin replaces it
        _state["search"] = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        _state["search"] = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not ACTIVE:
        return files
    _state["files"] = files
    _partials_included(files, config)
    for file in files:
        # MkDocs asks "modified?" twice per page (read it, then build it). The generator
        # may write a page in between, and a page built without being read fails the
        # build: decide once, here. A page saved later is rebuilt by the next build.
        file.is_modified = functools.partial(_answer, file.is_modified())  # type: ignore[method-assign]
    return files


def _answer(modified: bool) -> bool:
    return modified


def _partials_included(files: Files, config: MkDocsConfig) -> None:
    partials = Path(config.docs_dir) / PARTIALS
    newest = max((p.stat().st_mtime for p in partials.glob("*") if p.is_file()), default=0.0)
    for file in files.documentation_pages():
        if file.src_uri.startswith(GENERATED) or file.abs_src_path is None:
            continue
        built = Path(file.abs_dest_path)
        if built.is_file() and built.stat().st_mtime < newest and INCLUDE in Path(file.abs_src_path).read_text("utf-8"):
            built.unlink()  # MkDocs rebuilds a page whose built copy is missing


def on_post_build(config: MkDocsConfig) -> None:
    files = _state.get("files")
    if not ACTIVE or not isinstance(files, Files):
        return
    site = Path(config.site_dir)
    _remove_stale(site, files)
    _merge_search(site, files)


def _remove_stale(site: Path, files: Files) -> None:
    """Built files under answers/ that no source makes any more. The walk over every built
    file runs only when a source is gone since the last build (its list is kept in the
    site folder), which most saves are not."""
    made = {f.dest_uri for f in files if f.dest_uri.startswith(GENERATED)}
    listed = site / MADE
    try:
        before = set(listed.read_text(encoding="utf-8").splitlines())
    except OSError:
        before = None  # the first build, or an old site folder: walk
    if before is None or before - made:
        for folder, _, names in os.walk(site / GENERATED, topdown=False):
            here = Path(folder)
            prefix = here.relative_to(site).as_posix() + "/"
            for name in names:
                if prefix + name not in made:
                    (here / name).unlink()
            if not any(here.iterdir()):
                here.rmdir()
    listed.write_text("\n".join(sorted(made)), encoding="utf-8")


def _merge_search(site: Path, files: Files) -> None:
    """This build's index entries, plus the last index's entries for every page that still
    exists and was not rebuilt (a page's entries: its own and its sections', `url#…`)."""
    before = _state.get("search")
    index = site / SEARCH_INDEX
    if not isinstance(before, dict) or not index.is_file():
        return
    now = json.loads(index.read_text(encoding="utf-8"))
    rebuilt = {doc["location"].split("#")[0] for doc in now["docs"]}
    pages = {file.url for file in files.documentation_pages()}
    kept = [doc for doc in before.get("docs", []) if doc["location"].split("#")[0] in pages - rebuilt]
    now["docs"] = kept + now["docs"]
    index.write_text(json.dumps(now, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
