"""MkDocs hook: "edit this page" opens the file a contributor really edits.

For a generated page that is the fact file behind it (build_facts.py writes the
map); for a hand-written page, its Markdown under docs/. This file only adapts
MkDocs' files to that map: all logic that decides the map lives in factsite.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

GENERATED = "answers/"
EDIT_MAP = Path("answers") / "_partials" / "edit-paths.json"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    map_file = Path(config.docs_dir) / EDIT_MAP
    edit_paths = json.loads(map_file.read_text(encoding="utf-8")) if map_file.is_file() else {}
    for file in files:
        if file.src_uri.startswith(GENERATED):
            file.edit_uri = edit_paths.get(file.src_uri[len(GENERATED) :])
        else:
            file.edit_uri = "docs/" + file.src_uri
    return files
