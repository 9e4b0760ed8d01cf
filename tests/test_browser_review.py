"""Review passes over the real site in a real browser: an accessibility check (axe-core)
of every page in both colour schemes at two widths, and the screenshots a maintainer reads
before resolving anything that changes a page. Apart from test_browser.py so the two run
on both test workers at once.
"""

from __future__ import annotations

import os

import pytest

from factsite.config import read_config
from tests.browsing import MATERIAL_SCHEME, SCHEMES
from tests.conftest import EVERY_HEDGE, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
@pytest.mark.parametrize("site", ["real", "hedges"])
def test_no_serious_accessibility_violation(browser, served, real_pages: list[str], site: str, width: int, scheme: str) -> None:
    """Every page of the real site, and the every-hedge page. In the light and the dark (slate)
    scheme, which Material picks by prefers-color-scheme, and at a phone's width too, where
    the estimates tables are drawn as blocks."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed; `make test` runs `npm ci --prefix tools/node`")
        pytest.skip("run `npm ci --prefix tools/node` for the accessibility check")
    found = {}
    for path in real_pages if site == "real" else [f"answers/{EVERY_HEDGE}/"]:
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page.goto(served[site][0] + path, wait_until="networkidle")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == MATERIAL_SCHEME[scheme], path
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .filter(v => ['serious', 'critical'].includes(v.impact))
                 .map(v => v.id + ': ' + v.nodes.length + ' node(s), e.g. ' + v.nodes[0].target.join(' '))"""
        )
        page.close()
        if violations:
            found[path or "home"] = violations
    assert found == {}


SHOTS = ROOT / "test-output" / "screenshots"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_screenshots_of_every_question_page(browser, served, real_questions: list[str], width: int, scheme: str) -> None:
    """For review, not comparison: test-output/screenshots/[<lang>-]<question>-<width>[-dark].png
    (git-ignored), every question page of the real site (read from its data now) in every
    language edition, and the every-hedge page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    suffix = "" if scheme == "light" else f"-{scheme}"
    # Every language's edition too, in the light scheme (the dark one differs only in colour,
    # which the English pages' screenshots show; a screenshot costs about a second).
    editions = [f"{lang}/" for lang in sorted(read_config(ROOT).editions)] if scheme == "light" else []
    shown = [*(("real", "", slug) for slug in real_questions), ("hedges", "", EVERY_HEDGE)]
    shown += [("real", edition, slug) for edition in editions for slug in real_questions]
    for site, edition, slug in shown:
        page.goto(served[site][0] + f"{edition}answers/{slug}/", wait_until="networkidle")
        target = SHOTS / f"{edition.replace('/', '-')}{slug}-{width}{suffix}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    page.close()
