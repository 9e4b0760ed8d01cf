"""The site's identity, read from its mkdocs.yml: one source of truth.

The name, description and address a reader sees in citation lines, JSON-LD and the
data package are the ones MkDocs puts in every page's title and header, and the
titles of the generated pages are the ones the navigation shows. Nothing in the
generator names a topic.

mkdocs.yml is read with a safe loader: its `!ENV` tag is resolved as MkDocs resolves
it, and any other tag (`!!python/name:` in some extensions' settings) reads as
nothing, since the generator needs none of those values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class SiteConfig:
    """What the generated pages need to know about the site they belong to."""

    name: str = ""
    """The site's name (``site_name``); empty when there is no mkdocs.yml."""
    description: str = ""
    url: str | None = None
    """Where the site is published (``site_url``, usually from the environment)."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """Navigation titles by page path relative to docs/ (``answers/timeline.md``)."""
    snapshots: str | None = None
    """The folder of the sources' saved texts (``extra: factsite: snapshots:``), relative to
    the project; `verify` checks quotes against them and the pages say which were checked."""

    language: str = "en"
    """The language its pages are written in (``theme.language``; MkDocs' default is English)."""
    editions: Mapping[str, str] = field(default_factory=dict)
    """Other languages' editions: language -> its MkDocs configuration file, relative to
    the project (``extra: factsite: editions:``). Each builds into ``site/<language>/``."""
    docs_dir: str = "docs"
    hooks: tuple[str, ...] = ()
    """The MkDocs hooks it loads (``hooks:``), as written."""

    def title(self, page: str, default: str) -> str:
        """The title the navigation gives ``page``, so the page's heading matches it."""
        return self.titles.get(page) or default


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader plus MkDocs' `!ENV`; every other tag reads as None."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    # `!ENV VAR` or `!ENV [VAR, OTHER, default]`: the first variable set wins, else the
    # last item is the default (yaml-env-tag's rule, which MkDocs uses).
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and os.environ.get(name):
            return os.environ[name]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _plain_file(name: str) -> bool:
    """A configuration file beside mkdocs.yml: no folder, nothing hidden."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml", name))


NAV_ITEMS = 10_000
"""More navigation entries than any site has; beyond it the nav is not read further."""


def _titles(nav: Any) -> dict[str, str]:
    """Every `Title: page.md` entry of a MkDocs nav, at any depth."""
    found: dict[str, str] = {}
    stack: list[Any] = [nav]
    seen: set[int] = set()
    while stack and len(seen) < NAV_ITEMS:  # YAML aliases can make a nav a cycle, or a billion items
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str) and isinstance(title, str):
                    found.setdefault(target, title)
                else:
                    stack.append(target)
    return found


def load_mkdocs_yml(path: Path) -> Any:
    """A mkdocs.yml as data, safely (see `_Loader`); raises OSError or yaml.YAMLError."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe subclass


def read_config(project: Path, config_file: str = CONFIG_FILE) -> SiteConfig:
    """The site's identity from ``project``/mkdocs.yml (or an edition's file); an empty
    one when there is none.

    A broken mkdocs.yml is MkDocs' to report (it runs next, with a better message), so
    it reads here as an empty configuration rather than a second error.
    """
    try:
        loaded = load_mkdocs_yml(project / config_file)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return SiteConfig()
    if not isinstance(loaded, dict):
        return SiteConfig()

    def text(key: str) -> str:
        value = loaded.get(key)
        return value.strip() if isinstance(value, str) else ""

    extra = loaded.get("extra")
    ours = extra.get("factsite") if isinstance(extra, dict) else None
    snapshots = ours.get("snapshots") if isinstance(ours, dict) else None
    editions = ours.get("editions") if isinstance(ours, dict) else None
    theme = loaded.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return SiteConfig(
        language=language if isinstance(language, str) and language else "en",
        editions={
            lang: file
            for lang, file in (editions.items() if isinstance(editions, dict) else ())
            if isinstance(lang, str) and isinstance(file, str) and LANGUAGE_CODE.fullmatch(lang) and _plain_file(file)
        },
        docs_dir=text("docs_dir") or "docs",
        hooks=tuple(h for h in loaded.get("hooks") or () if isinstance(h, str)) if isinstance(loaded.get("hooks"), list) else (),
        snapshots=snapshots.strip() if isinstance(snapshots, str) and snapshots.strip() else None,
        name=text("site_name"),
        description=text("site_description"),
        url=text("site_url") or None,
        titles=_titles(loaded.get("nav")),
    )
