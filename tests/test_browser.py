"""The built site in a real browser: Playwright driving Debian's Chromium.

Needs /usr/bin/chromium (`.ci/run` installs it). Without it the tests skip,
except under CI, where a skip would hide a broken install, so they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from factsite.pipeline import check
from tests.conftest import ROOT, SHIPPED_FACTS

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUESTIONS = [q.slug for q in check(SHIPPED_FACTS).questions]
PAGES = ["", *(f"answers/{slug}/" for slug in QUESTIONS), "answers/timeline/", "answers/sources/", "answers/parties/", "about/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"no Chromium at {CHROMIUM}; .ci/run should have installed Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_clean_and_fetches_nothing_from_elsewhere(browser, base_url: str, path: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: None if req.url.startswith(base_url) else foreign.append(req.url))
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert errors == []
    assert foreign == []
    page.close()


def test_footnote_jumps_to_its_source_and_back(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    page.goto(base_url + "answers/killed-or-wounded/", wait_until="networkidle")
    ref = page.locator("table a.footnote-ref").first
    target = ref.get_attribute("href")
    assert target and target.startswith("#fn:")
    ref.click()
    page.wait_for_function("h => location.hash === h", arg=target)
    note = page.locator(f"li[id='{target[1:]}']")
    assert note.is_visible()
    assert "“" in note.inner_text()  # the verbatim quote
    note.locator("a.footnote-backref").first.click()
    page.wait_for_function("() => location.hash.startsWith('#fnref')")
    page.close()


def test_phone_width_does_not_scroll_sideways(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 740})
    for path in PAGES:
        page.goto(base_url + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at 375px"
    page.close()


def test_footnote_tooltip_shows_the_source(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "answers/killed/", wait_until="networkidle")
    page.locator("table a.footnote-ref").first.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(timeout=5_000)
    assert "Publisher not named" in tip.inner_text()
    page.close()


def test_search_finds_kursk(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("Kursk", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    assert any("/answers/" in link for link in links), links


AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(browser, base_url: str, path: str) -> None:
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed; `make test` runs `npm ci --prefix tools/node`")
        pytest.skip("run `npm ci --prefix tools/node` for the accessibility check")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .filter(v => ['serious', 'critical'].includes(v.impact))
             .map(v => v.id + ': ' + v.nodes.length + ' node(s), e.g. ' + v.nodes[0].target.join(' '))"""
    )
    page.close()
    assert violations == []


SHOTS = ROOT / "test-output" / "screenshots"


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_screenshots_of_every_question_page(browser, base_url: str, width: int) -> None:
    """For review, not comparison: test-output/screenshots/<question>-<width>.png (git-ignored)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for slug in QUESTIONS:
        page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
        target = SHOTS / f"{slug}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    page.close()
