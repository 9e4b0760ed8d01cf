from __future__ import annotations

import re
from html import unescape

import markdown
import pytest

from factsite import model as m
from factsite.words import esc, figure, heading, number


@pytest.mark.parametrize(
    "fig, unit, expected",
    [
        (m.Figure(hedge="exact", value=3000), "troops", "3,000 troops"),
        (m.Figure(hedge="about", value=15000), "troops", "about 15,000 troops"),
        (m.Figure(hedge="at least", value=6000), "", "at least 6,000"),
        (m.Figure(hedge="more than", value=3000), "", "more than 3,000"),
        (m.Figure(hedge="up to", value=6000000), "shells", "up to 6 million shells"),
        (m.Figure(hedge="as many as", value=14000), "", "as many as 14,000"),
        (m.Figure(hedge="range", low=25000, high=30000), "", "25,000–30,000"),
        (m.Figure(hedge="about", low=10000, high=12000), "", "about 10,000–12,000"),
        (m.Figure(hedge="about", value=4700, out_of=15000), "soldiers", "about 4,700 of 15,000 soldiers"),
        (m.Figure(hedge="exact", words="several dozen"), "missiles", "several dozen missiles"),
        (m.Figure(hedge="exact", value=4.5), "", "4.5"),
        (m.Figure(hedge="exact", value=2500000), "", "2.5 million"),
        (m.Figure(hedge="exact", value=1234567), "", "1,234,567"),
    ],
)
def test_figure_as_a_reader_says_it(fig: m.Figure, unit: str, expected: str) -> None:
    assert figure(fig, unit) == expected


def test_number() -> None:
    assert [number(v) for v in (0, 999, 1000, 15000.0, 6_000_000)] == ["0", "999", "1,000", "15,000", "6 million"]


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "**bold** _em_ `code` ~~del~~",
    "# not a heading",
    "| not | a | table |",
    "[^fake-footnote]",
    '--8<-- "/etc/passwd"',
    "{: onclick=alert(1) }",
    "&lt;already escaped&gt; & ampersand",
    "line one\n\nline two",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = markdown.markdown(esc(text), extensions=["footnotes", "tables", "attr_list", "md_in_html"])
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>" not in html
    assert html.startswith("<p>") and html.count("<p>") == 1
    # What the reader sees is the original text, whitespace folded.
    assert unescape(re.sub(r"<[^>]+>", "", html)) == " ".join(text.split())


def test_heading_refuses_unchecked_text() -> None:
    assert heading("How many (roughly)?") == "How many (roughly)?"
    with pytest.raises(ValueError):
        heading("How <b>many</b>?")
