"""`build_facts.py capture` against a real HTTPS server on loopback: real TLS (a throwaway
certificate authority the subprocess trusts through SSL_CERT_FILE), real HTTP, the real
command in a subprocess, the real fact files edited, then `verify` on the result."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import os
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import trustme
import yaml

from factsite.capture import fetch_address, set_snapshot
from tests.conftest import run_cli, write_tree

# --- a real HTTPS server on loopback ---------------------------------------------------


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stream: int = 0
    """Send this many bytes with no Content-Length (the client must stop at its cap)."""


@dataclass
class Site:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """Each request's path and headers, in order."""

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"

    @property
    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


class _Server(http.server.ThreadingHTTPServer):
    site: Site


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # one request per connection, closed after the answer
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        site.requests.append((self.path, dict(self.headers.items())))
        route = site.routes.get(self.path) or Route(b"not here", "text/plain", 404)
        try:
            self.send_response(route.status)
            if route.content_type:
                self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if not route.stream and "Content-Length" not in route.headers:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.stream:
                block = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
                for _ in range(route.stream // len(block) + 1):
                    self.wfile.write(block)
            else:
                self.wfile.write(route.body)
        except OSError:  # the client hung up (as it must past its size cap)
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(authority: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def site(authority: trustme.CA) -> Iterator[Site]:
    """An HTTPS server on 127.0.0.1 with a certificate from ``authority``; its routes are
    set by the test, and every request is recorded."""
    server = _Server(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.site = Site(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(ca_file: Path | None) -> dict[str, str]:
    """The subprocess's environment: no proxy (loopback only), and trusting ``ca_file``."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    if ca_file is not None:
        env["SSL_CERT_FILE"] = str(ca_file)
    return env


# --- the facts ---------------------------------------------------------------------------

QUOTE = "We don't hide it - about 12,000 soldiers were sent"
"""The claim's quote as a contributor typed it: straight apostrophe, hyphen, plain space."""

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ministry confirms deployment | The Gazette</title>
<script>document.title = "ran"; fetch("/tracker");</script><style>p { color: red }</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<main><article>
<h1>Ministry confirms deployment</h1>
<p>The ministry said on Monday that its soldiers had been sent abroad for the first time.</p>
<p>“We don’t hide it – about 12,000\u00a0soldiers were sent,” the minister told reporters.</p>
<p>Officials declined to say where the units were stationed or for how long.</p>
<p>The last paragraph of the article ends here.</p>
</article>
<section class="comments"><h2>Comments</h2><div class="comment"><p>Reader comment: fake news, all of it!</p></div></section>
</main>
<footer><p>Copyright 2025 The Gazette. All rights reserved.</p></footer>
</body></html>
"""
PARAGRAPHS = (
    "Ministry confirms deployment",
    "The ministry said on Monday that its soldiers had been sent abroad for the first time.",
    "“We don’t hide it – about 12,000 soldiers were sent,” the minister told reporters.",
    "Officials declined to say where the units were stationed or for how long.",
    "The last paragraph of the article ends here.",
)


def source(ident: str, url: str | None = None, archive_url: str | None = None) -> str:
    lines = [
        f"  - id: {ident}  # a comment on the id line\n",
        f"    title: The page of {ident}\n",
        "    publisher: The Gazette\n",
        "    published: 2025-03-01\n",
        "    language: en\n",
    ]
    lines += [f"    url: {url}\n"] if url else []
    lines += [f"    archive_url: {archive_url}\n"] if archive_url else []
    lines += ["    note: >-\n", "      Kept as written.\n"]
    return "".join(lines)


def write_facts(base: Path, *sources: str, quote: str = QUOTE) -> Path:
    """A project with one question whose claim quotes source `gazette`, and ``sources``;
    returns its facts folder."""
    return (
        write_tree(
            base,
            {
                "facts/parties.yaml": "parties:\n  - {id: ministry, name: Ministry of Defence, kind: government}\n",
                "facts/sources.yaml": "# The documents. This comment, the keys' order and the blank lines\n"
                "# must survive an edit byte for byte.\n"
                "sources:\n"
                + "\n".join(sources)
                + "\n  - {id: leaflet, descriptive_title: A leaflet with no address, publisher: unknown, published: unknown, language: en}\n",
                "facts/questions/sent.yaml": f"""
                question:
                  slug: sent
                  ask: How many soldiers were sent?
                  order: 1
                  measures:
                    - {{id: total, label: Soldiers sent, unit: soldiers}}

                claims:
                  - id: ministry-12000
                    measure: total
                    figure: {{hedge: about, value: 12000}}
                    as_of: 2025-02-10
                    claimant: ministry
                    sources:
                      - source: gazette
                        quote: {quote}
                """,
            },
        )
        / "facts"
    )


def capture(facts: Path, *ids: str, ca_file: Path | None) -> tuple[int, list[str], list[str]]:
    """Run `build_facts.py capture`; exit status, stdout lines, stderr lines."""
    snapshots = facts.parent / "snapshots"
    result = run_cli("capture", *ids, "--facts", str(facts), "--snapshots", str(snapshots), env=environment(ca_file), timeout=60)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def recorded_snapshot(facts: Path, ident: str) -> dict[str, str] | None:
    data = yaml.safe_load((facts / "sources.yaml").read_text(encoding="utf-8"))
    entry = next(s for s in data["sources"] if s["id"] == ident)
    snapshot = entry.get("snapshot")
    return {k: str(v) for k, v in snapshot.items()} if snapshot else None


def today_range(before: dt.date) -> set[str]:
    """The UTC dates a capture that started on ``before`` may record (midnight may pass)."""
    return {before.isoformat(), dt.datetime.now(dt.UTC).date().isoformat()}


# --- the round trip ------------------------------------------------------------------


def test_capture_records_the_snapshot_and_verify_finds_the_quote(site: Site, ca_file: Path, tmp_path: Path) -> None:
    site.routes["/archive/gazette"] = Route(ARTICLE.encode("utf-8"))
    site.routes["/live/gazette"] = Route(b"<p>the live page, which must not be fetched</p>")
    facts = write_facts(tmp_path, source("gazette", site.url("/live/gazette"), site.url("/archive/gazette")))
    before_text = (facts / "sources.yaml").read_text(encoding="utf-8")
    question = (facts / "questions" / "sent.yaml").read_bytes()
    started = dt.datetime.now(dt.UTC).date()

    status, out, err = capture(facts, ca_file=ca_file)  # no ids: every source with an address and no snapshot

    assert status == 0, err
    assert err == []
    assert site.paths == ["/archive/gazette"], "the archived copy answered: the live page is never asked for"
    headers = site.requests[0][1]
    assert headers["User-Agent"].startswith("factsite-capture/")
    assert "Cookie" not in headers
    saved = tmp_path / "snapshots" / "gazette.txt"
    data = saved.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    text = data.decode("utf-8")
    assert out == [
        f"captured gazette from {site.url('/archive/gazette')} into {saved} ({len(text):,} characters, sha256 {digest[:12]}…)"
    ]
    lines = text.splitlines()
    for paragraph in PARAGRAPHS:  # every paragraph of the article, as the page writes it
        assert paragraph in lines
    for boilerplate in ("World news", "Reader comment", "All rights reserved", "fetch(", "color: red"):
        assert boilerplate not in text, "navigation, comments, footer, scripts and styles are left out"

    snapshot = recorded_snapshot(facts, "gazette")
    assert snapshot is not None
    assert snapshot["file"] == "gazette.txt" and snapshot["sha256"] == digest
    assert snapshot["captured"] in today_range(started)
    block = f"    snapshot:\n      file: gazette.txt\n      sha256: {digest}\n      captured: {snapshot['captured']}\n"
    id_line = "  - id: gazette  # a comment on the id line\n"
    expected = before_text.replace(id_line, id_line + block, 1)
    assert (facts / "sources.yaml").read_text(encoding="utf-8") == expected, "only the snapshot lines are new"
    assert (facts / "questions" / "sent.yaml").read_bytes() == question

    verified = run_cli("verify", "--explain", "--facts", str(facts), "--snapshots", str(tmp_path / "snapshots"))
    assert verified.returncode == 0, verified.stderr
    assert "ministry-12000 (gazette): needed apostrophes, dashes" in verified.stdout
    assert "ok: 1 quote from 1 source found" in verified.stdout


def test_the_live_page_when_the_archive_answers_404(site: Site, ca_file: Path, tmp_path: Path) -> None:
    site.routes["/live/gazette"] = Route(ARTICLE.encode("utf-8"))
    facts = write_facts(tmp_path, source("gazette", site.url("/live/gazette"), site.url("/archive/missing")))

    status, out, err = capture(facts, "gazette", ca_file=ca_file)

    assert status == 0, err
    assert site.paths == ["/archive/missing", "/live/gazette"]
    assert out[0].startswith(f"captured gazette from {site.url('/live/gazette')} into ")
    assert err == [f"note: source 'gazette': {site.url('/archive/missing')}: HTTP 404 Not Found; captured the live page instead"]
    assert recorded_snapshot(facts, "gazette") is not None


def test_a_quote_not_in_the_page_keeps_the_snapshot_and_points_at_the_quote(site: Site, ca_file: Path, tmp_path: Path) -> None:
    site.routes["/a"] = Route(ARTICLE.encode("utf-8"))
    quote = "We don't hide it - about 12,000 soldiers were sent to the front"
    facts = write_facts(tmp_path, source("gazette", archive_url=site.url("/a")), quote=quote)

    status, out, err = capture(facts, "gazette", ca_file=ca_file)

    assert status == 1
    assert out[0].startswith("captured gazette from ")
    lines = (facts / "questions" / "sent.yaml").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines, 1) if line.strip() == f"quote: {quote}")
    col = lines[row - 1].index(quote) + 1
    assert len(err) == 1
    assert err[0].startswith(f"facts/questions/sent.yaml:{row}:{col}: the quote is not in the saved copy of source 'gazette'")
    assert "and then differs at ' to the front'" in err[0]
    snapshot = recorded_snapshot(facts, "gazette")
    assert snapshot is not None, "the snapshot stays: the quote is what needs fixing"
    saved = tmp_path / "snapshots" / "gazette.txt"
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == snapshot["sha256"]


# --- failures ------------------------------------------------------------------------


def test_a_server_error_and_a_refused_connection_are_one_line_and_change_nothing(
    site: Site, ca_file: Path, tmp_path: Path
) -> None:
    site.routes["/broken"] = Route(b"<h1>oops</h1>", status=500)
    refused = f"https://127.0.0.1:{closed_port()}/live"
    facts = write_facts(tmp_path, source("gazette", refused, site.url("/broken")))
    before = (facts / "sources.yaml").read_bytes()

    status, out, err = capture(facts, ca_file=ca_file)

    assert status == 1
    assert out == []
    assert err == [
        f"capture failed for source 'gazette': {site.url('/broken')}: HTTP 500 Internal Server Error; {refused}: Connection refused"
    ]
    assert (facts / "sources.yaml").read_bytes() == before
    assert not (tmp_path / "snapshots").exists() or not any((tmp_path / "snapshots").iterdir())


def test_refused_pages_are_reported_and_the_other_sources_still_captured(site: Site, ca_file: Path, tmp_path: Path) -> None:
    http_port = closed_port()  # the redirect must be refused before any connection is tried
    site.routes["/to-http"] = Route(status=302, headers={"Location": f"http://127.0.0.1:{http_port}/page"})
    site.routes["/to-https"] = Route(status=301, headers={"Location": "/moved"})
    site.routes["/moved"] = Route(ARTICLE.encode("utf-8"))
    site.routes["/pdf"] = Route(b"%PDF-1.7", "application/pdf")
    site.routes["/huge"] = Route(b"", headers={"Content-Length": "20000001"})
    site.routes["/endless"] = Route(stream=21_000_000)
    facts = write_facts(
        tmp_path,
        source("gazette", site.url("/to-https"), site.url("/to-http")),
        source("pdf", site.url("/pdf")),
        source("huge", site.url("/huge")),
        source("endless", site.url("/endless")),
    )

    status, out, err = capture(facts, "pdf", "huge", "gazette", "endless", ca_file=ca_file)

    assert status == 1
    assert [line.split(" from ")[0] for line in out] == ["captured gazette"]
    assert out[0].startswith(f"captured gazette from {site.url('/to-https')} into ")
    assert err == [
        f"capture failed for source 'pdf': {site.url('/pdf')}: the page is application/pdf, not HTML or plain text",
        f"capture failed for source 'huge': {site.url('/huge')}: the page is 20,000,001 bytes, more than the 20,000,000 capture reads",
        f"note: source 'gazette': {site.url('/to-http')}: HTTP 302 redirect to a non-https address, not followed:"
        f" http://127.0.0.1:{http_port}/page; captured the live page instead",
        f"capture failed for source 'endless': {site.url('/endless')}: the page is more than 20,000,000 bytes, more than capture reads",
    ]
    assert "/page" not in site.paths
    assert [recorded_snapshot(facts, s) is not None for s in ("gazette", "pdf", "huge", "endless")] == [True, False, False, False]
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["gazette.txt"], "no temporary file is left behind"


def test_an_untrusted_certificate_is_refused(site: Site, tmp_path: Path) -> None:
    site.routes["/a"] = Route(ARTICLE.encode("utf-8"))
    facts = write_facts(tmp_path, source("gazette", archive_url=site.url("/a")))
    before = (facts / "sources.yaml").read_bytes()

    status, out, err = capture(facts, ca_file=None)  # the system's authorities only: they never signed it

    assert status == 1
    assert len(err) == 1
    assert err[0].startswith(f"capture failed for source 'gazette': {site.url('/a')}: certificate verify failed: ")
    assert site.paths == []
    assert (facts / "sources.yaml").read_bytes() == before


def test_an_unknown_source_id_is_named_and_nothing_is_fetched_or_written(site: Site, ca_file: Path, tmp_path: Path) -> None:
    site.routes["/a"] = Route(ARTICLE.encode("utf-8"))
    facts = write_facts(tmp_path, source("gazette", archive_url=site.url("/a")))
    before = (facts / "sources.yaml").read_bytes()

    status, out, err = capture(facts, "gazette", "gazete", ca_file=ca_file)

    assert status == 2
    assert out == []
    assert err == ["build_facts.py: capture: no source has the id 'gazete' (did you mean 'gazette'?)", "Nothing was captured."]
    assert site.paths == []
    assert (facts / "sources.yaml").read_bytes() == before
    assert not (tmp_path / "snapshots").exists()


def test_plain_text_is_saved_as_it_is(site: Site, ca_file: Path, tmp_path: Path) -> None:
    plain = "Ministry confirms deployment\n\n“We don’t hide it – about 12,000\u00a0soldiers were sent.”\r\n  Indented line.\t\n"
    cyrillic = "Міністр: «Ми цього не приховуємо» – близько 12 000 військових.\n"
    site.routes["/plain"] = Route(plain.encode("utf-8"), "text/plain; charset=utf-8")
    site.routes["/cp1251"] = Route(cyrillic.encode("cp1251"), "text/plain; charset=windows-1251")
    facts = write_facts(
        tmp_path,
        source("gazette", archive_url=site.url("/plain")),
        source("ukrainian", archive_url=site.url("/cp1251")),
    )

    status, out, err = capture(facts, "gazette", "ukrainian", ca_file=ca_file)

    assert status == 0, err
    assert len(out) == 2
    assert (tmp_path / "snapshots" / "gazette.txt").read_bytes() == plain.encode("utf-8")
    assert (tmp_path / "snapshots" / "ukrainian.txt").read_bytes() == cyrillic.encode("utf-8"), (
        "decoded as declared, saved as UTF-8"
    )


# --- the pieces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "fetched"),
    [
        (
            "https://web.archive.org/web/20250301123456/https://example.org/a?b=1",
            "https://web.archive.org/web/20250301123456id_/https://example.org/a?b=1",
        ),
        (
            "https://web.archive.org/web/2025if_/https://example.org/a",
            "https://web.archive.org/web/2025id_/https://example.org/a",
        ),
        (
            "https://web.archive.org/web/2025id_/https://example.org/a",
            "https://web.archive.org/web/2025id_/https://example.org/a",
        ),
        ("https://web.archive.org/web/*/https://example.org/a", "https://web.archive.org/web/*/https://example.org/a"),
        ("https://example.org/web/2025/https://example.org/a", "https://example.org/web/2025/https://example.org/a"),
        ("https://archive.ph/abcde", "https://archive.ph/abcde"),
    ],
)
def test_a_wayback_address_is_fetched_without_the_toolbar(given: str, fetched: str) -> None:
    assert fetch_address(given) == fetched


VALUES = {"file": "a.txt", "sha256": "ab" * 32, "captured": "2025-06-01"}
NEW_BLOCK = "snapshot:\n{0}  file: a.txt\n{0}  sha256: " + "ab" * 32 + "\n{0}  captured: 2025-06-01"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "sources:\n  - id: a  # note\n    title: T\n\n  - id: b\n",
            "sources:\n  - id: a  # note\n    " + NEW_BLOCK.format("    ") + "\n    title: T\n\n  - id: b\n",
            id="inserted after the id line",
        ),
        pytest.param(
            "sources:\n  - title: T\n    id: a\n    language: en\n",
            "sources:\n  - title: T\n    id: a\n    " + NEW_BLOCK.format("    ") + "\n    language: en\n",
            id="id not first",
        ),
        pytest.param(
            "sources:\n    -   id: a\n        title: T",
            "sources:\n    -   id: a\n        " + NEW_BLOCK.format("        ") + "\n        title: T",
            id="wider indentation, no final line break",
        ),
        pytest.param(
            "sources:\r\n  - id: a\r\n    title: T\r\n",
            "sources:\r\n  - id: a\r\n    " + NEW_BLOCK.format("    ").replace("\n", "\r\n") + "\r\n    title: T\r\n",
            id="CRLF",
        ),
        pytest.param(
            "sources:\n  - id: a\n    snapshot:\n      # old\n      file: old.txt\n      sha256: " + "0" * 64 + "  # old hash\n"
            "    # after\n    title: T\n",
            "sources:\n  - id: a\n    " + NEW_BLOCK.format("    ") + "\n    # after\n    title: T\n",
            id="an old snapshot replaced",
        ),
        pytest.param(
            "sources:\n  - snapshot:\n      file: old.txt\n      sha256: " + "0" * 64 + "\n    id: a\n",
            "sources:\n  - " + NEW_BLOCK.format("    ") + "\n    id: a\n",
            id="an old snapshot first",
        ),
        pytest.param(
            "sources:\n  - id: a\n    snapshot: {file: old.txt, sha256: x}  # flow\n    title: T\n",
            "sources:\n  - id: a\n    snapshot: {file: a.txt, sha256: "
            + "ab" * 32
            + ", captured: 2025-06-01}  # flow\n    title: T\n",
            id="an old flow snapshot",
        ),
        pytest.param(
            "sources:\n  - {id: b, title: B}\n  - {id: a, title: A}  # flow\n",
            "sources:\n  - {id: b, title: B}\n  - {id: a, snapshot: {file: a.txt, sha256: "
            + "ab" * 32
            + ", captured: 2025-06-01}, title: A}  # flow\n",
            id="a flow source",
        ),
        pytest.param(
            "claims:\n  - id: a\n    note: not a source\nsources:\n  - id: 'a'\n    title: T\n",
            "claims:\n  - id: a\n    note: not a source\nsources:\n  - id: 'a'\n    "
            + NEW_BLOCK.format("    ")
            + "\n    title: T\n",
            id="the source, not a claim of the same id",
        ),
        pytest.param(
            "\ufeffsources:\n  - id: a\n",
            "\ufeffsources:\n  - id: a\n    " + NEW_BLOCK.format("    ") + "\n",
            id="a byte-order mark kept",
        ),
    ],
)
def test_the_snapshot_is_written_into_the_fact_file_as_text(before: str, after: str) -> None:
    assert set_snapshot(before, "a", VALUES) == after
    entry = next(s for s in yaml.safe_load(after.lstrip("\ufeff"))["sources"] if str(s["id"]) == "a")
    assert {k: str(v) for k, v in entry["snapshot"].items()} == VALUES


def test_a_source_not_in_the_file_is_an_error() -> None:
    from factsite.capture import EditError

    with pytest.raises(EditError, match="source 'a' is not in its `sources:` list"):
        set_snapshot("sources:\n  - id: b\n", "a", VALUES)
