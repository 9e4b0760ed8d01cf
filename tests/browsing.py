"""What the browser tests share: Debian's Chromium driven by Playwright, the sites served
over HTTP, and the real site's pages (read from its data when the tests run).

Registered as a pytest plugin (pyproject.toml: `-p tests.browsing`), so its fixtures
reach every test module. The browser tests are in two files, test_browser.py and
test_browser_review.py, so that `pytest -n 2 --dist loadfile` runs them on both workers.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from factsite import outputs as out
from factsite.pipeline import check
from tests.conftest import EVERY_HEDGE, REAL_FACTS, ROOT, WAR_FACTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUESTIONS = [q.slug for q in check(WAR_FACTS).questions]
# Material follows prefers-color-scheme: its default scheme in light, slate in dark.
SCHEMES = ["light", "dark"]
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
# Every question page of the war fixture, and the fixture with every hedge at both ends of an answer.
QUESTION_PAGES = [
    *(pytest.param("war", slug, id=slug) for slug in QUESTIONS),
    pytest.param("hedges", EVERY_HEDGE, id=EVERY_HEDGE),
]


def page_address(markdown: PurePosixPath) -> str:
    """Where MkDocs serves a page of docs/: about.md -> about/, guide/index.md -> guide/, index.md -> ''."""
    folder = markdown.parent if markdown.stem == "index" else markdown.with_suffix("")
    return "" if folder == PurePosixPath(".") else f"{folder}/"


def site_pages(questions: list[str], docs: Path) -> list[str]:
    """A site's pages, home first: its question pages, the generated timeline, sources and
    parties pages, then its other hand-written pages (the contributor guide is not one)."""
    written = sorted(PurePosixPath(p.relative_to(docs).as_posix()) for p in docs.rglob("*.md"))
    return [
        "",
        *(f"answers/{slug}/" for slug in questions),
        *(f"answers/{PurePosixPath(name).stem}/" for name in (out.TIMELINE, out.SOURCES, out.PARTIES)),
        *(page_address(p) for p in written if "answers" not in p.parts and page_address(p)),
    ]


@pytest.fixture(scope="module")
def real_questions() -> list[str]:
    """The real site's question slugs, read from its facts when the tests run, so another
    site's facts/ changes what is visited, never what is collected."""
    return [q.slug for q in check(REAL_FACTS).questions]


@pytest.fixture(scope="module")
def real_pages(real_questions: list[str]) -> list[str]:
    return site_pages(real_questions, ROOT / "docs")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(real_site: Path, built_site: Path, hedge_site: Path, quake_site: Path) -> Iterator[dict[str, tuple[str, Path]]]:
    """Each site over HTTP: name -> (its address, its folder)."""
    servers, found = [], {}
    for name, folder in {"real": real_site, "war": built_site, "hedges": hedge_site, "quake": quake_site}.items():
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        found[name] = (f"http://127.0.0.1:{server.server_address[1]}/", folder)
    yield found
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(served: dict[str, tuple[str, Path]]) -> str:
    """The war fixture's address."""
    return served["war"][0]


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
