"""The audit catches live content: real built pages with one violation planted in each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factsite.audit import audit_site

ARTICLE = '<article class="md-content__inner md-typeset">'


def test_the_war_site_is_clean(built_site: Path) -> None:
    assert audit_site(built_site) == []


@pytest.mark.parametrize(
    "where, injected, expected",
    [
        (ARTICLE, "<script>alert(1)</script>", "<script> the theme did not write: 'alert(1)'"),
        (ARTICLE, '<p onclick="alert(1)">x</p>', "event handler onclick= on <p>"),
        (ARTICLE, '<a href="javascript:alert(1)">x</a>', "unsafe URL in href= on <a>: 'javascript:alert(1)'"),
        (ARTICLE, '<a href=" JaVa\tScRiPt:alert(1)">x</a>', "unsafe URL in href= on <a>"),
        (ARTICLE, '<a href="data:text/html,x">x</a>', "unsafe URL in href= on <a>: 'data:text/html,x'"),
        (ARTICLE, "<iframe src=x></iframe>", "<iframe> element"),
        (ARTICLE, "<object data=x></object>", "<object> element"),
        (ARTICLE, "<style>body{}</style>", "<style> element"),
        (ARTICLE, '<p style="display:none">x</p>', "style= on <p>"),
        (ARTICLE, '<img src="https://tracker.example/p.png">', "<img> from another address: 'https://tracker.example/p.png'"),
        (ARTICLE, '<img src="//tracker.example/p.png">', "<img> from another address"),
        (ARTICLE, '<script type="application/ld+json">{"a": "</p>"}</script>', "JSON-LD with a raw <, > or &"),
        (ARTICLE, '<script type="application/ld+json">{not json}</script>', "JSON-LD that is not JSON"),
        (
            ARTICLE,
            '<script type="application/ld+json">{}</script><script type="application/ld+json">{}</script>',
            "JSON-LD blocks where one is allowed",
        ),
        (ARTICLE, "<form><input></form>", "<form> inside the content"),
        (ARTICLE, '<span data-x="1">x</span>', "attribute data-x= on <span> inside the content"),
        (ARTICLE, '<span dir="evil">x</span>', "dir='evil' on <span>"),
        (ARTICLE, '<span lang="x onload">x</span>', "lang='x onload' on <span>"),
        (ARTICLE, '<span lang="en" dir="rtl onclick">x</span>', "dir='rtl onclick' on <span>"),
        (ARTICLE, '<details open ontoggle="alert(1)"><summary>x</summary></details>', "event handler ontoggle= on <details>"),
        (ARTICLE, "<details open><summary>x</summary></details>", "attribute open= on <details> inside the content"),
        ("<head>", '<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> tags differ from the theme's"),
        ("<head>", '<link rel="preload" href="x.js">', "<link rel='preload'>"),
        (
            "<head>",
            '<link rel="alternate feed" type="application/atom+xml" href="https://evil.example/feed.xml">',
            "<link rel='alternate'> that is not one of the site's feeds: 'https://evil.example/feed.xml'",
        ),
        ("<head>", '<link rel="alternate feed" type="text/html" href="x.html">', "<link rel='alternate'> that is not one of"),
        ("<head>", '<link rel="alternate" hreflang="uk" href="https://evil.example/uk/">', "<link rel='alternate'>"),
        ("<head>", '<link rel="alternate" hreflang="uk" href="//evil.example/uk/">', "<link rel='alternate'>"),
        ("<head>", '<link rel="alternate" href="uk/">', "<link rel='alternate'>"),
        (
            "<head>",
            '<script src="https://cdn.example/x.js"></script>',
            "<script> the theme did not write: 'https://cdn.example/x.js'",
        ),
        ("<title>", "x</title><script>alert(1)</script><title>", "<script> the theme did not write"),
    ],
)
def test_planted_violation_is_found(built_site: Path, tmp_path: Path, where: str, injected: str, expected: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "answers" / "killed" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert where in html
    page.write_text(html.replace(where, where + injected, 1), encoding="utf-8")
    problems = audit_site(site)
    assert problems, "the audit missed it"
    assert all(p.startswith("answers/killed/index.html: ") for p in problems)
    assert any(expected in p for p in problems), problems


def test_language_marks_and_folds_pass(built_site: Path, tmp_path: Path) -> None:
    """What the sources page writes: <dl>, <details>, and lang/dir with well-formed values."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "answers" / "killed" / "index.html"
    allowed = (
        '<h2 id="source-x" lang="ar" dir="rtl">x</h2><dl><dt>Headline</dt><dd><span lang="zh-Hant">x</span></dd></dl>'
        '<details><summary>3 earlier claims</summary><ul><li>x</li></ul></details><p dir="auto" lang="pt-BR">x</p>'
    )
    page.write_text(page.read_text(encoding="utf-8").replace(ARTICLE, ARTICLE + allowed, 1), encoding="utf-8")
    assert audit_site(site) == []
