"""XSS payloads in every free-text field, built by the real pipeline, opened in Chromium.

Nothing may fire: no dialog, no console error, no injected element; the audit
passes (it runs inside `build_facts.py site`); and the payloads are shown to
the reader as the text they are.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from factsite.audit import audit_site
from tests.browsing import _Quiet
from tests.conftest import copy_project, site_cli
from tests.xss import PAYLOADS, write_poisoned_facts

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("xss"))
    facts = project / "facts"
    for path in facts.rglob("*"):
        if path.is_file():
            path.unlink()
    assert write_poisoned_facts(facts) >= 40
    result = site_cli(project, facts)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def poisoned_url(poisoned_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(poisoned_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_audit_finds_nothing(poisoned_site: Path) -> None:
    assert audit_site(poisoned_site) == []


def test_payloads_are_shown_as_text(poisoned_site: Path) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in poisoned_site.rglob("*.html"))
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html  # shown, as character references
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).parent.as_posix().replace(".", "") for p in site.rglob("index.html"))


def test_nothing_fires_in_the_browser(browser, poisoned_site: Path, poisoned_url: str) -> None:  # noqa: F811
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda msg: fired.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: fired.append(f"pageerror: {exc}"))
    visited = 0
    for path in _pages(poisoned_site):
        page.goto(poisoned_url + (path + "/" if path else ""), wait_until="networkidle")
        injected = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(e =>
                   [...e.attributes].some(a => a.name.startsWith('on')) ||
                   ['IFRAME', 'OBJECT', 'EMBED', 'STYLE'].includes(e.tagName)).length"""
        )
        assert injected == 0, path
        visited += 1
    page.close()
    assert visited >= 8
    assert fired == []


def test_search_results_do_not_fire(browser, poisoned_url: str) -> None:  # noqa: F811
    page = browser.new_page()
    fired: list[str] = []
    page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
    page.goto(poisoned_url, wait_until="networkidle")
    page.click("input.md-search__input")
    results = ""
    for query in ("soldiers", "planned", "boats", "tanks"):  # words from titles, on pages full of payloads
        page.keyboard.press("Control+A")
        page.keyboard.type(query, delay=20)  # Material searches on key events, not on fill()
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_timeout(300)
        results += page.inner_text(".md-search-result")
    page.close()
    assert fired == []
    assert "alert" in results  # the payloads are found, as text


def test_every_payload_reaches_a_page(poisoned_site: Path) -> None:
    from html import unescape

    text = unescape("".join(p.read_text(encoding="utf-8") for p in poisoned_site.rglob("*.html")))
    missing = [p for p in PAYLOADS if " ".join(p.split()) not in text]
    assert missing == []
