"""After the build: prove no page carries live content that the theme did not put there.

Fails closed, like MediaWiki's sanitizer: inside a page's content area only the
tags and attributes our Markdown produces are allowed; everywhere, scripts,
<meta> and <title> must be exactly what the theme writes. The reference for "what
the theme writes" is the site's 404 page, which holds no contributor text.

    >>> audit_site(Path("site"))   # [] when clean
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from .words import LANGUAGE_TAG

# What Python-Markdown (footnotes, tables, admonition, tilde, toc, def_list, md_in_html's
# <details>) and the theme's edit button put inside <article>.
CONTENT_TAGS = frozenset(
    "a abbr blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr img li ol p path pre span strong "
    "summary sup sub svg table tbody td th thead tr ul".split()
)
# data-label: an estimates cell's column name, which the stylesheet draws on a phone.
CONTENT_ATTRS = frozenset(
    ["id", "class", "href", "title", "rel", "xmlns", "viewbox", "d", "src", "alt", "tabindex", "data-label"]
)
VALUED_ATTRS = {
    "lang": LANGUAGE_TAG,
    "dir": re.compile(r"rtl|ltr|auto"),
}
"""Attributes allowed anywhere only with a value of this form (the whole value)."""
JSON_LD = "application/ld+json"
NEVER = frozenset(["iframe", "object", "embed", "frame", "frameset", "applet", "base", "style", "template", "noscript", "portal"])
URL_ATTRS = frozenset(["href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset", "background", "cite"])
SAFE_SCHEMES = ("http:", "https:", "mailto:")
LINK_RELS = frozenset({"icon", "stylesheet", "next", "prev", "canonical"})
_BASE = re.compile(r'new URL\("[^"]*",location\)')


@dataclass
class _Script:
    attrs: dict[str, str]
    body: str = ""


@dataclass
class _Page:
    problems: list[str] = field(default_factory=list)
    scripts: list[_Script] = field(default_factory=list)
    metas: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    title: str = ""
    h1: str = ""
    nav_labels: set[str] = field(default_factory=set)
    """Texts of the theme's navigation links (from mkdocs.yml's nav, which is trusted)."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self.article_depth = 0  # > 0 while inside the content area
        self.stack: list[str] = []
        self.script: _Script | None = None
        self.capture: str | None = None
        self.nav_depth = 0  # > 0 inside a navigation label
        self.nav_text = ""

    def flag(self, text: str) -> None:
        self.page.problems.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        self._check_attrs(tag, a)
        if tag in NEVER:
            self.flag(f"<{tag}> element")
        if self.article_depth and tag not in CONTENT_TAGS and not (tag == "script" and a.get("type") == JSON_LD):
            self.flag(f"<{tag}> inside the content")
        if tag == "img" and (re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", a.get("src", ""), re.I)):
            self.flag(f"<img> from another address: {a.get('src', '')[:60]!r}")
        if tag == "script":
            self.script = _Script(a)
        elif tag == "meta":
            self.page.metas.append(tuple(sorted(a.items())))
        elif tag == "link" and set(a.get("rel", "").split()) == {"alternate", "feed"}:
            href = a.get("href", "")  # the site's own Atom feeds (overrides/main.html), by a relative address
            if a.get("type") != "application/atom+xml" or ":" in href or href.startswith(("/", "\\")):
                self.flag(f"<link rel='alternate'> that is not one of the site's feeds: {href[:60]!r}")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            href = a.get("href", "")  # the theme's links to the site's other language editions (extra.alternate)
            if not LANGUAGE_TAG.fullmatch(a.get("hreflang", "")) or ":" in href or href.startswith(("//", "\\")):
                self.flag(f"<link rel='alternate'> that is not one of the site's editions: {href[:60]!r}")
        elif tag == "link" and not set(a.get("rel", "").split()) <= LINK_RELS:
            self.flag(f"<link rel={a.get('rel')!r}>")
        elif tag == "title" or (tag == "h1" and not self.page.h1):
            self.capture = tag
        if tag == "span" and "md-ellipsis" in a.get("class", "").split() and not self.article_depth:
            self.nav_depth, self.nav_text = len(self.stack) + 1, ""
        if tag not in ("br", "hr", "img", "input", "meta", "link", "path"):
            self.stack.append(tag)
            if tag == "article" or self.article_depth:
                self.article_depth += 1

    def _check_attrs(self, tag: str, a: dict[str, str]) -> None:
        for name, value in a.items():
            if name.startswith("on"):
                self.flag(f"event handler {name}= on <{tag}>")
            elif name == "style":
                self.flag(f"style= on <{tag}>")
            elif name in URL_ATTRS and not _safe_url(value):
                self.flag(f"unsafe URL in {name}= on <{tag}>: {value[:60]!r}")
            elif (tag, name, value) == ("script", "type", JSON_LD):
                continue
            elif name in VALUED_ATTRS:
                if not VALUED_ATTRS[name].fullmatch(value):
                    self.flag(f"{name}={value[:40]!r} on <{tag}>")
            elif self.article_depth and name not in CONTENT_ATTRS and not name.startswith("aria-"):
                self.flag(f"attribute {name}= on <{tag}> inside the content")

    def handle_endtag(self, tag: str) -> None:
        if self.nav_depth and tag == "span" and len(self.stack) == self.nav_depth:
            label = " ".join(self.nav_text.split())
            if label:
                self.page.nav_labels.add(label)
            self.nav_depth = 0
        if tag == "script" and self.script is not None:
            self.page.scripts.append(self.script)
            self.script = None
        if self.capture == tag:
            self.capture = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            if self.article_depth:
                self.article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.nav_depth:
            self.nav_text += data
        if self.script is not None:
            self.script.body += data
        elif self.capture == "title":
            self.page.title += data
        elif self.capture == "h1":
            self.page.h1 += data


def _safe_url(value: str) -> bool:
    url = "".join(value.split()).lower()  # browsers ignore whitespace inside schemes
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url)
    return scheme is None or url.startswith(SAFE_SCHEMES)


def _scan(path: Path) -> _Page:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.page


def _theme_script(script: _Script) -> tuple[str, str]:
    """A script as the theme writes it on any page, with the page's base path taken out."""
    if script.attrs.get("id") == "__config":
        config = json.loads(script.body)
        config.pop("base", None)
        config.pop("search", None)
        return ("config", json.dumps(config, sort_keys=True))
    if "src" in script.attrs:
        return ("src", script.attrs["src"].rsplit("/", 1)[-1])
    return ("inline", _BASE.sub("new URL(BASE,location)", script.body))


def audit_page(path: Path, reference: _Page, site_name: str) -> list[str]:
    page = _scan(path)
    problems = list(page.problems)
    allowed = {_theme_script(s) for s in reference.scripts}
    data = [s for s in page.scripts if s.attrs == {"type": JSON_LD}]
    theme = [s for s in page.scripts if s not in data]
    for script in theme:
        if _theme_script(script) not in allowed:
            problems.append(f"<script> the theme did not write: {(script.attrs.get('src') or script.body)[:60]!r}")
    if len(theme) != len(reference.scripts):
        problems.append(f"{len(theme)} scripts where the theme writes {len(reference.scripts)}")
    problems += _json_ld_problems(data)
    if sorted(page.metas) != sorted(reference.metas):
        problems.append("<meta> tags differ from the theme's")
    heading = page.h1.replace("¶", "").strip()
    allowed_titles = {site_name, f"{heading} - {site_name}"} | {f"{label} - {site_name}" for label in reference.nav_labels}
    if page.title not in allowed_titles:
        problems.append(f"<title> is not the page heading: {page.title[:80]!r}")
    return problems


def _json_ld_problems(scripts: list[_Script]) -> list[str]:
    """Structured data is allowed as one inert JSON block: no markup characters at all."""
    problems = [] if len(scripts) <= 1 else [f"{len(scripts)} JSON-LD blocks where one is allowed"]
    for script in scripts:
        if any(ch in script.body for ch in "<>&"):
            problems.append("JSON-LD with a raw <, > or &")
        try:
            json.loads(script.body)
        except ValueError:
            problems.append("JSON-LD that is not JSON")
    return problems


SVG_NEVER = frozenset({"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"})


def audit_svg(path: Path) -> list[str]:
    """Charts are opened directly too (a new tab): no scripts, handlers or outside links in them.
    Text inside <text> elements is inert, whatever it says; elements and attributes are judged."""
    problems = []
    try:
        for _, element in ElementTree.iterparse(path):  # our own output; the parser resolves no entities
            tag = element.tag.rsplit("}", 1)[-1].lower()
            if tag in SVG_NEVER:
                problems.append(f"<{tag}> in SVG")
            for name, value in element.attrib.items():
                local = name.rsplit("}", 1)[-1].lower()
                if local.startswith("on"):
                    problems.append(f"event handler {local}= in SVG")
                elif local == "href" and not value.startswith("#"):
                    problems.append(f"link to {value[:60]!r} in SVG")
    except ElementTree.ParseError as exc:
        problems.append(f"SVG that is not well-formed XML: {exc}")
    return problems


def audit_site(site_dir: Path, editions: tuple[str, ...] = ()) -> list[str]:
    """Every problem in every HTML file of a built site, as 'path: problem' lines. Each
    language edition (a folder named in ``editions``) is judged against its own 404 page:
    its theme speaks its language."""
    problems = _audit_edition(site_dir, site_dir, editions)
    for lang in editions:
        problems += _audit_edition(site_dir / lang, site_dir, ())
    return problems


def _audit_edition(folder: Path, site_dir: Path, others: tuple[str, ...]) -> list[str]:
    def own(path: Path) -> bool:
        parts = path.relative_to(folder).parts
        return not (len(parts) > 1 and parts[0] in others)

    reference = _scan(folder / "404.html")
    site_name = reference.title
    problems = [f"{(folder / '404.html').relative_to(site_dir).as_posix()}: {p}" for p in reference.problems]
    for path in sorted(p for p in folder.rglob("*.html") if own(p)):
        rel = path.relative_to(site_dir).as_posix()
        problems += [f"{rel}: {p}" for p in audit_page(path, reference, site_name)]
    for path in sorted(p for p in folder.rglob("*.svg") if own(p)):
        if "assets" not in path.relative_to(folder).parts:  # the theme's own icons are not ours to judge
            problems += [f"{path.relative_to(site_dir).as_posix()}: {p}" for p in audit_svg(path)]
    return problems
