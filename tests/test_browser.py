"""The built site in a real browser: Playwright driving Debian's Chromium.

Three sites are served. The real site at the root, whatever topic it holds, gets the
checks that hold for any site (every page loads clean, nothing scrolls sideways on a
phone, no serious accessibility violation) and the screenshots of every question page;
its pages are read from its data when the tests run. The war fixture gets the checks
that name its pages and words, and the every-hedge fixture puts every hedge on a page.

Needs /usr/bin/chromium (`.ci/run` installs it). Without it the tests skip,
except under CI, where a skip would hide a broken install, so they fail.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from factsite.config import read_config
from factsite.pipeline import check
from tests.browsing import QUESTION_PAGES, QUESTIONS, SCHEMES
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


def test_every_page_loads_clean_and_fetches_nothing_from_elsewhere(browser, served, real_pages: list[str]) -> None:
    """Every page of the real site, in every language edition: status 200, no console
    error, no request to another address."""
    base_url = served["real"][0]
    editions = sorted(read_config(ROOT).editions)
    generated = [p for p in real_pages if p.startswith("answers/")]
    real_pages = real_pages + [f"{lang}/{p}" for lang in editions for p in generated if f"{lang}/{p}" not in real_pages]
    found = {}
    for path in real_pages:
        page = browser.new_page()
        errors: list[str] = []
        foreign: list[str] = []
        page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.on("request", lambda req, foreign=foreign: None if req.url.startswith(base_url) else foreign.append(req.url))
        response = page.goto(base_url + path, wait_until="networkidle")
        status = response.status if response is not None else None
        page.close()
        if (status, errors, foreign) != (200, [], []):
            found[path or "home"] = {"status": status, "errors": errors, "foreign": foreign}
    assert found == {}


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


def test_a_figure_leads_to_its_quote_and_the_archived_source_in_two_clicks(browser, served) -> None:
    """Figure -> footnote with the verbatim quote and what verified it -> the archived copy
    (the archive is answered by the test: this machine has no network)."""
    base = served["quake"][0]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    archived: list[str] = []

    def archive(route) -> None:
        archived.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Archived</title><p>The ministry said ...</p>")

    page.route("https://web.archive.org/**", archive)
    page.goto(base + "answers/deaths/", wait_until="networkidle")
    figure = page.locator(".admonition li", has_text="at least 1,200 people").first
    ref = figure.locator("a.footnote-ref").first
    target = ref.get_attribute("href")
    assert target and target.startswith("#fn:")
    ref.click()  # click one
    page.wait_for_function("h => location.hash === h", arg=target)
    note = page.locator(f"li[id='{target[1:]}']")
    text = note.inner_text()
    assert "“The ministry said at least 1,200 people had died.”" in text
    assert "Quotes checked" in text and "found, word for word, in a saved copy of this source (saved 2 Mar 2031)" in text
    link = note.locator("a", has_text="archived copy")
    address = "https://web.archive.org/web/20310302120000/https://valleywire.example/2031/03/02/quake-toll"
    assert link.get_attribute("href") == address
    link.click()  # click two
    page.wait_for_url(address)
    assert archived == [address] and page.title() == "Archived"
    page.close()


def test_phone_width_does_not_scroll_sideways(browser, served, real_pages: list[str]) -> None:
    """Every page of the real site."""
    base_url = served["real"][0]
    page = browser.new_page(viewport={"width": 375, "height": 740})
    for path in real_pages:
        page.goto(base_url + path, wait_until="networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at 375px"
    page.close()


PHONE = {"width": 375, "height": 740}
# The estimates tables: each follows a paragraph holding <span class="fs-estimates">, directly
# or (once Material's script has run) wrapped in .md-typeset__scrollwrap > .md-typeset__table.
ESTIMATE_TABLES = """() => [...document.querySelectorAll('article p:has(> .fs-estimates)')].map(marker => {
    const next = marker.nextElementSibling;
    return next && (next.matches('table') ? next : next.querySelector('table'));
})"""


@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_the_answer_is_body_size_on_a_phone(browser, served, site: str, slug: str) -> None:
    base_url = served[site][0]
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    sizes = page.eval_on_selector_all(
        "article .admonition.abstract :is(p, li)",
        "els => els.map(e => [e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])",
    )
    page.close()
    assert sizes, "no answer (!!! abstract) on the page"
    assert [(text, size) for text, size in sizes if size < 16] == []


@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_nothing_in_a_question_page_scrolls_sideways_on_a_phone(browser, served, site: str, slug: str) -> None:
    base_url = served[site][0]
    """Not the page, and no box inside it either: a table scrolling in its own box counts."""
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wide = page.evaluate(
        """() => [...document.querySelectorAll('article *')]
             .filter(e => e.scrollWidth > e.clientWidth + 1)
             .map(e => e.tagName.toLowerCase() + (e.getAttribute('class') ? '.' + e.getAttribute('class') : '')
                       + ': ' + e.scrollWidth + ' > ' + e.clientWidth)"""
    )
    page.close()
    assert wide == []


@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_estimates_are_stacked_blocks_with_every_cell_shown_on_a_phone(browser, served, site: str, slug: str) -> None:
    base_url = served[site][0]
    """One block per estimate, one labelled line per cell, the Note's caveats included."""
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    tables = page.evaluate(
        f"""() => ({ESTIMATE_TABLES})().map(table => {{
            if (!table) return null;
            const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
            return [...table.querySelectorAll('tbody tr')].map(tr => {{
                const box = tr.getBoundingClientRect();
                return {{
                    display: getComputedStyle(tr).display, left: box.left, right: box.right,
                    cells: [...tr.children].map((td, i) => {{
                        const style = getComputedStyle(td), cellBox = td.getBoundingClientRect();
                        return {{
                            header: headers[i],
                            label: (() => {{ const l = td.querySelector('.fs-label');
                                             return l && getComputedStyle(l).display !== 'none' ? getComputedStyle(l, '::before').content : null; }})(),
                            display: style.display, visibility: style.visibility,
                            left: cellBox.left, right: cellBox.right, height: cellBox.height,
                            fontSize: parseFloat(style.fontSize), text: td.textContent.trim(),
                        }};
                    }}),
                }};
            }});
        }})"""
    )
    measures = page.locator('article h2[id^="measure-"]').count()
    page.close()
    assert len(tables) == measures, "each measure's section has one estimates table"
    assert all(rows for rows in tables), "an estimates marker with no table (and rows) after it"
    for rows in tables:
        for row in rows:
            assert row["display"] == "block", row
            assert 0 <= row["left"] < row["right"] <= PHONE["width"], row
            assert [cell["header"] for cell in row["cells"]] == ["As of", "Figure", "Claimed by", "Scope", "Note"]
            for cell in row["cells"]:
                if not cell["text"]:  # an empty cell is folded away, not left as a bare label
                    assert cell["display"] == "none", cell
                    continue
                assert cell["display"] == "block" and cell["visibility"] == "visible", cell
                assert cell["height"] > 0 and 0 <= cell["left"] < cell["right"] <= PHONE["width"], cell
                assert cell["label"] == f'"{cell["header"]}"', cell
                assert cell["fontSize"] >= 16, cell


def test_estimates_stay_a_table_on_a_wide_screen_and_other_tables_stay_tables_on_a_phone(browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "answers/troops-sent/", wait_until="networkidle")
    wide = page.evaluate(
        f"""() => ({ESTIMATE_TABLES})().map(table => [
            getComputedStyle(table.querySelector('thead')).display,
            getComputedStyle(table.querySelector('td')).display,
            getComputedStyle(table.querySelector('td .fs-label')).display])"""
    )
    assert wide and all(row == ["table-header-group", "table-cell", "none"] for row in wide), wide
    page.close()
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + "answers/contributing/", wait_until="networkidle")
    others = page.eval_on_selector_all(
        "article table",
        "tables => tables.map(t => [getComputedStyle(t.querySelector('thead')).display, getComputedStyle(t.querySelector('td')).display])",
    )
    page.close()
    assert others and all(row == ["table-header-group", "table-cell"] for row in others), others


@pytest.mark.parametrize("slug", QUESTIONS)
def test_the_timeline_style_stops_at_its_end_marker(browser, base_url: str, slug: str) -> None:
    """The definitions and caveats after a page's related events are a plain list, no dots."""
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    items = page.evaluate(
        """() => {
            const heading = document.getElementById('definitions-and-caveats');
            const list = heading && heading.nextElementSibling;
            if (!list || list.tagName !== 'UL') return null;
            return [...list.children].map(li => [getComputedStyle(li, '::before').content,
                                                 getComputedStyle(list).listStyleType,
                                                 getComputedStyle(list).borderLeftStyle]);
        }"""
    )
    events = page.evaluate(
        """() => [...document.querySelectorAll('article p:has(> .fs-timeline) ~ ul')]
             .filter(ul => !ul.matches('p:has(> .fs-timeline-end) ~ ul'))
             .map(ul => getComputedStyle(ul.querySelector('li'), '::before').content)"""
    )
    markers = page.eval_on_selector_all(
        "article p:has(> .fs-timeline), article p:has(> .fs-timeline-end), article p:has(> .fs-estimates)",
        "ps => ps.map(p => getComputedStyle(p).display)",
    )
    page.close()
    assert items, "no 'Definitions and caveats' list after #definitions-and-caveats"
    assert all(item == ["none", "disc", "none"] for item in items), items
    assert all(dot == '""' for dot in events), events  # the timeline itself keeps its dots
    assert set(markers) <= {"none"}, markers


def _font_size(style: str | None, attribute: str | None) -> float | None:
    """An SVG text element's own font size in user units, from `style` or the attribute."""
    size = None
    if attribute:
        size = attribute
    for name, value in re.findall(r"(font-size|font)\s*:\s*([^;]+)", style or ""):
        if name == "font-size":
            size = value
        else:  # the shorthand: `font: [style] [weight] 12px[/line-height] family`
            found = re.search(r"(\d*\.?\d+)(px|pt)?(?=[\s/])", value)
            size = found.group(0) if found else size
    if size is None:
        return None
    number = re.fullmatch(r"\s*(\d*\.?\d+)\s*(px|pt)?\s*", size)
    assert number, f"unreadable font size {size!r}"
    return float(number.group(1)) * (4 / 3 if number.group(2) == "pt" else 1)


def smallest_chart_text(svg: Path) -> tuple[float, float]:
    """(smallest text size, width) in the SVG's user units: the width is the viewBox's when it has
    one (font sizes are in its units: `width="360pt" viewBox="0 0 360 …"` would make a 12px
    label 12pt), else the width attribute in px (1pt = 4/3 px)."""
    root = ET.parse(svg).getroot()
    sizes: list[float] = []

    def walk(element: ET.Element, inherited: float | None) -> None:
        own = _font_size(element.get("style"), element.get("font-size"))
        size = own if own is not None else inherited
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in {"text", "tspan"} and "".join(element.itertext()).strip():
            assert size is not None, f"{svg.name}: a text element with no font size"
            sizes.append(size)
        for child in element:
            walk(child, size)

    walk(root, None)
    assert sizes, f"{svg.name} has no <text>: its labels cannot be measured (drawn as paths?)"
    view_box = root.get("viewBox")
    if view_box:
        width = float(view_box.replace(",", " ").split()[2])
    else:
        found = re.fullmatch(r"\s*(\d*\.?\d+)\s*(px|pt)?\s*", root.get("width", ""))
        assert found, f"{svg.name}: no viewBox and no width in px or pt"
        width = float(found.group(1)) * (4 / 3 if found.group(2) == "pt" else 1)
    return min(sizes), width


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_chart_text_is_at_least_12px_on_a_phone(browser, served, site: str, slug: str, scheme: str) -> None:
    """Each chart shown at 375 px: its smallest text, scaled to the drawn width, is 12 px or more."""
    base_url, built_site = served[site]
    page = browser.new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    charts = page.eval_on_selector_all(
        'article img[src*="charts/"]',
        "imgs => imgs.filter(i => i.getBoundingClientRect().width > 0).map(i => [i.src, i.getBoundingClientRect().width])",
    )
    page.close()
    small = []
    for src, drawn in charts:
        assert drawn <= PHONE["width"]
        svg = built_site / unquote(urlsplit(src).path).lstrip("/")
        smallest, width = smallest_chart_text(svg)
        if smallest * drawn / width < 12:
            small.append(f"{svg.relative_to(built_site)}: {smallest:g} × {drawn:g}/{width:g} = {smallest * drawn / width:.1f}px")
    assert small == [], "\n".join(small)


@functools.cache
def _current(facts: Path) -> dict[str, dict[str, list[str]]]:
    """slug -> measure id -> every current estimate's figure as written, with its unit."""
    from factsite.derive import derive
    from factsite.words import figure

    derived = derive(check(facts))
    return {
        v.question.slug: {mv.measure.id: sorted(figure(c.figure, mv.measure.unit) for c in mv.current) for mv in v.measures}
        for v in derived.questions
    }


@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_the_first_chart_of_each_measure_draws_every_current_estimate(browser, served, site: str, slug: str) -> None:
    """Dated or not: the first picture a reader meets under a measure's heading holds every
    current estimate (those with a number; a figure in words gets a row of its own too)."""
    base_url, folder = served[site]
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    first = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('article h2[id^="measure-"]')].map(h => {
            let img = null;
            for (let e = h.nextElementSibling; e && e.tagName !== 'H2' && !img; e = e.nextElementSibling)
                img = [...e.querySelectorAll('img')].find(i => i.getBoundingClientRect().width > 0) || null;
            return [h.id.slice('measure-'.length), img && img.src];
        }))"""
    )
    page.close()
    for measure, figures in _current(folder.parent / "facts")[slug].items():
        src = first[measure]
        if src is None:  # only figures in words: no axis to draw them on; the table holds them
            continue
        assert "/estimates-" in src, f"{measure}: the first chart is {src}"
        root = ET.parse(folder / unquote(urlsplit(src).path).lstrip("/")).getroot()
        drawn = sorted("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "figure")
        assert drawn == figures, measure


@pytest.mark.parametrize("site, slug", QUESTION_PAGES)
def test_every_figure_in_the_answer_carries_its_hedge_and_unit(browser, served, site: str, slug: str) -> None:
    """As the page shows it: each bold text in the answer is a measure's label or one current
    estimate's figure with its hedge and unit, and every current estimate is there."""
    base_url, folder = served[site]
    page = browser.new_page(viewport=PHONE)
    page.goto(base_url + f"answers/{slug}/", wait_until="networkidle")
    bold = page.eval_on_selector_all("article .admonition.abstract strong", "els => els.map(e => e.textContent)")
    page.close()
    current = _current(folder.parent / "facts")[slug]
    if not current:  # a timeline question: its answer counts events
        return
    figures = {f for found in current.values() for f in found}
    assert {b for b in bold if not b.endswith(":")} <= figures
    assert figures <= set(bold)


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


def test_the_language_switcher_stays_on_the_same_question(browser, served, real_questions: list[str]) -> None:
    """English -> Ukrainian -> English on a question page, by the header's language menu."""
    base = served["real"][0]
    slug = real_questions[0]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + f"answers/{slug}/", wait_until="networkidle")
    page.wait_for_timeout(1_000)  # the theme's sitemap lookups have answered: its click handler is armed
    english = page.inner_text("h1")
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang=uk]")
    page.wait_for_load_state("networkidle")
    assert page.url == base + f"uk/answers/{slug}/"
    assert page.evaluate("document.documentElement.lang") == "uk"
    assert page.inner_text("h1") != english
    page.hover(".md-header__option .md-select")
    page.click("a.md-select__link[hreflang=en]")
    page.wait_for_load_state("networkidle")
    assert page.url == base + f"answers/{slug}/"
    assert page.inner_text("h1") == english
    page.close()


def test_search_in_the_ukrainian_edition_finds_a_ukrainian_word(browser, served) -> None:
    """A word of a Ukrainian answer (the unit of the killed, as the edition writes it)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served["real"][0] + "uk/", wait_until="networkidle")
    page.click("input.md-search__input")
    # Typed text outside ASCII is inserted without key events, which Material's search
    # listens for: fill the box, then a key press, as a reader's keyboard would send.
    page.fill("input.md-search__input", "солдатів")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    assert any(re.search(r"/uk/answers/[a-z-]+/", link) for link in links), links
