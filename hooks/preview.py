"""MkDocs hook for the live preview (`build_facts.py serve`); inert in every other build.

The preview runs `mkdocs serve --dirty`: on a save, MkDocs rebuilds only the pages whose
Markdown is newer than their built copy (about a second for 1,000 question pages,
against most of a minute for all of them). A dirty build alone gets several things
wrong, which this hook puts right, so the preview shows what a full build would:

* a hand-written page that includes a generated part (the home page's answers,
  ``--8<-- "home.md"``) is rebuilt when that part changes, though its own file did not;
* a page whose "edit this page" file changed (a fact file renamed) is rebuilt;
* a page or file whose source is gone (a deleted question, its charts) stops being served;
* search finds every page, each once, as it is now: Material's own dirty merge keeps the
  old entries of every rebuilt page but the first, so it is switched off and the hook
  merges instead;
* a page the generator rewrites while MkDocs builds it is built again by the next build:
  MkDocs would otherwise see a built copy newer than its source and keep the old text
  for good. (MkDocs decides "modified?" once per page per build, here, for the same
  reason: a page built without being read fails the build.)

It acts only when ``FACTSITE_PREVIEW`` is set (build_facts.py serve sets it, with
``--dirty``) and leaves every other build exactly as it was.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GENERATED = "answers/"
PARTIALS = Path("answers") / "_partials"
EDIT_MAP = PARTIALS / "edit-paths.json"
INCLUDE = "--8<--"
SEARCH_INDEX = Path("search") / "search_index.json"
MADE = ".factsite-preview-files"
"""In the preview's site folder: the generated files the last build made."""
EDITS = ".factsite-preview-edit-paths.json"
"""In the preview's site folder: the "edit this page" map the last build used."""
DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs warns at every dirty build; with `strict: true` the warning would fail the build.
The preview knows, and repairs what the warning is about."""

ACTIVE = bool(os.environ.get("FACTSITE_PREVIEW"))

# What one build's events share (MkDocs may load this file again for the next build).
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
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):  # Material's search: its dirty merge is partial
            plugin.search_index_prev = None
    index = Path(config.site_dir) / SEARCH_INDEX
    try:  # the index the last build wrote, before this build's search plugin replaces it
        _state["search"] = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        _state["search"] = None
    _state["read"] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not ACTIVE:
        return files
    _state["files"] = files
    site = Path(config.site_dir)
    _rebuild_including_pages(files, config)
    _rebuild_moved_edit_links(files, config, site)
    for file in files:
        file.is_modified = functools.partial(_answer, file.is_modified())  # type: ignore[method-assign]
    return files


def _answer(modified: bool) -> bool:
    return modified


def _newest_partial(config: MkDocsConfig) -> float:
    partials = Path(config.docs_dir) / PARTIALS
    return max((p.stat().st_mtime for p in partials.glob("*") if p.is_file()), default=0.0)


def _including_pages(files: Files) -> list[Path]:
    """The built copies of the hand-written pages that include a generated part."""
    return [
        Path(file.abs_dest_path)
        for file in files.documentation_pages()
        if not file.src_uri.startswith(GENERATED)
        and file.abs_src_path is not None
        and INCLUDE in Path(file.abs_src_path).read_text("utf-8")
    ]


def _rebuild_including_pages(files: Files, config: MkDocsConfig) -> None:
    """Before a build: remove each such copy older than the newest generated part (MkDocs
    rebuilds a page whose built copy is missing)."""
    newest = _state["partials"] = _newest_partial(config)
    for built in _including_pages(files):
        if built.is_file() and built.stat().st_mtime < newest:
            built.unlink()


def _rebuild_including_pages_after(files: Files, config: MkDocsConfig) -> None:
    """After a build: a generated part written while MkDocs built leaves built copies newer
    than it, which the check above would keep for good: remove them now (the write has
    already queued the next build)."""
    if _newest_partial(config) != _state.get("partials"):
        for built in _including_pages(files):
            built.unlink(missing_ok=True)


def _rebuild_moved_edit_links(files: Files, config: MkDocsConfig, site: Path) -> None:
    """Remove the built copy of each generated page whose "edit this page" file changed
    (hooks/edit_links.py reads the map only for pages it builds)."""
    try:
        now = (Path(config.docs_dir) / EDIT_MAP).read_text(encoding="utf-8")
    except OSError:
        return
    try:
        before = json.loads((site / EDITS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = None
    mapping = json.loads(now)
    if isinstance(before, dict):
        moved = {page for page in mapping.keys() | before.keys() if mapping.get(page) != before.get(page)}
        for file in files.documentation_pages():
            if file.src_uri.startswith(GENERATED) and file.src_uri[len(GENERATED) :] in moved:
                Path(file.abs_dest_path).unlink(missing_ok=True)
    (site / EDITS).write_text(now, encoding="utf-8")


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Note each page's source time as MkDocs reads it (see `_rebuild_rewritten`)."""
    read = _state.get("read")
    if ACTIVE and isinstance(read, dict) and page.file.abs_src_path:
        with contextlib.suppress(OSError):  # gone since listed: MkDocs reports it
            read[page.file.abs_dest_path] = (page.file.abs_src_path, os.stat(page.file.abs_src_path).st_mtime_ns)
    return None  # MkDocs reads the file itself


def on_post_build(config: MkDocsConfig) -> None:
    files = _state.get("files")
    if not ACTIVE or not isinstance(files, Files):
        return
    site = Path(config.site_dir)
    _remove_stale(site, files)
    _merge_search(site, files)
    _rebuild_rewritten()
    _rebuild_including_pages_after(files, config)


def _rebuild_rewritten() -> None:
    """A page whose source changed after MkDocs read it has a built copy newer than its
    source, which no later dirty build would replace: remove it, so the next one does
    (the change that caused it has already queued that build)."""
    read = _state.get("read")
    for dest, (src, seen) in read.items() if isinstance(read, dict) else ():
        try:
            changed = os.stat(src).st_mtime_ns != seen
        except OSError:
            changed = True
        if changed:
            Path(dest).unlink(missing_ok=True)


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
    """This build's index entries (the pages just built: Material's merge is off), plus
    the last index's entries for every page that still exists and was not rebuilt (a
    page's entries: its own and its sections', `url#…`)."""
    before = _state.get("search")
    index = site / SEARCH_INDEX
    if not isinstance(before, dict) or not index.is_file():
        return
    now = json.loads(index.read_text(encoding="utf-8"))
    rebuilt = {doc["location"].split("#")[0] for doc in now["docs"]}
    pages = {file.url.removeprefix("./") for file in files.documentation_pages()}  # the home page: "./" here, "" there
    kept = [doc for doc in before.get("docs", []) if doc["location"].split("#")[0] in pages - rebuilt]
    now["docs"] = kept + now["docs"]
    index.write_text(json.dumps(now, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
