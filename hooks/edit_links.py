"""MkDocs hook: "edit this page" opens the file a contributor really edits, and each
page names its Atom feeds.

For a generated page the edit link is the fact file behind it (build_facts.py writes
the map); for a hand-written page, its Markdown under docs/. Every page gets the
site's feed, a question page its own too, as `page.meta` that overrides/main.html
turns into `<link rel="alternate">` (build_facts.py writes that map as well). This
file only adapts MkDocs' files to those maps: all logic that decides them lives in
factsite.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

GENERATED = "answers/"
EDIT_MAP = Path("answers") / "_partials" / "edit-paths.json"
FEED_MAP = Path("answers") / "_partials" / "feeds.json"


# Read once per build, in on_files, not once per page: at 1,000 pages the feed map is
# 1,000 entries, and reading it for every page cost MkDocs 0.23 s per build (measured).
_feeds: dict[str, str] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    feed_file = Path(config.docs_dir) / FEED_MAP
    _feeds.clear()
    _feeds.update(json.loads(feed_file.read_text(encoding="utf-8")) if feed_file.is_file() else {})
    map_file = Path(config.docs_dir) / EDIT_MAP
    edit_paths = json.loads(map_file.read_text(encoding="utf-8")) if map_file.is_file() else {}
    for file in files:
        if file.src_uri.startswith(GENERATED):
            file.edit_uri = edit_paths.get(file.src_uri[len(GENERATED) :])
        else:
            file.edit_uri = "docs/" + file.src_uri
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    feeds = _feeds
    if "*" in feeds:
        page.meta["site_feed"] = GENERATED + feeds["*"]
    own = feeds.get(page.file.src_uri[len(GENERATED) :]) if page.file.src_uri.startswith(GENERATED) else None
    if own:
        page.meta["feed"] = GENERATED + own
    return markdown
