"""Just enough HTML reading for the tests, on the standard library's parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Cell:
    text: str = ""
    classes: list[str] = field(default_factory=list)  # classes of elements inside the cell
    hrefs: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)
    footnote_refs: list[str] = field(default_factory=list)  # href of each footnote reference
    footnotes: dict[str, str] = field(default_factory=dict)  # id -> text of each footnote
    tables: list[list[list[Cell]]] = field(default_factory=list)  # tbody rows only
    items: list[Cell] = field(default_factory=list)  # every <li>, with what is inside it
    title: str = ""
    h1: str = ""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.cell: Cell | None = None
        self.in_tbody = False
        self.footnote: str | None = None
        self.footnote_depth = 0
        self.capture: str | None = None
        self.open_items: list[Cell] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag not in ("br", "img", "hr", "input", "meta", "link"):
            self.stack.append(tag)
        if tag == "li":
            self.open_items.append(Cell())
        if a.get("id"):
            self.page.ids.add(a["id"])
            if self.cell is not None:
                self.cell.ids.append(a["id"])
            for item in self.open_items:
                item.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.page.hrefs.append(a["href"])
            if "footnote-ref" in a.get("class", ""):
                self.page.footnote_refs.append(a["href"])
            if self.cell is not None:
                self.cell.hrefs.append(a["href"])
            for item in self.open_items:
                item.hrefs.append(a["href"])
        if self.cell is not None and a.get("class"):
            self.cell.classes.extend(a["class"].split())
        if tag == "table":
            self.page.tables.append([])
        elif tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody:
            self.page.tables[-1].append([])
        elif tag == "td" and self.in_tbody:
            self.cell = Cell()
        elif tag == "li" and a.get("id", "").startswith("fn:"):
            self.footnote, self.footnote_depth = a["id"], len(self.stack)
            self.page.footnotes[self.footnote] = ""
        elif tag in ("title", "h1") and not getattr(self.page, tag):
            self.capture = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.open_items:
            self.page.items.append(self.open_items.pop())
        if self.footnote and tag == "li" and len(self.stack) == self.footnote_depth:
            self.footnote = None
        if tag == "td" and self.cell is not None:
            self.page.tables[-1][-1].append(self.cell)
            self.cell = None
        elif tag == "tbody":
            self.in_tbody = False
        if tag == self.capture:
            self.capture = None
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for item in self.open_items:
            item.text += data
        if self.cell is not None:
            self.cell.text += data
        if self.footnote:
            self.page.footnotes[self.footnote] += data
        if self.capture == "title":
            self.page.title += data
        elif self.capture == "h1":
            self.page.h1 += data


def scan(path: Path) -> Page:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    return scanner.page
