"""`build_facts.py capture`: save a source's page as the text `verify` finds quotes in.

For each source chosen, the archived copy (``archive_url``) is fetched first, as it is
the page the contributor quoted and will not change; the live page (``url``) only if
that fails. The article's text is extracted (HTML through trafilatura; plain text as
it is), written as UTF-8 to ``<snapshot folder>/<source-id>.txt``, and recorded in the
source's entry of its fact file as ``snapshot:`` (file, SHA-256, date of capture). The
fact file is edited as text, so its comments and layout stay byte for byte; then the
facts are checked again and the source's quotes looked for in the new copy.

The network is reached here and nowhere else in the generator: https only (a redirect
to any other scheme is refused), certificates verified, a timeout, a size cap, no
cookies. Nothing from the page is ever run; everything from the page or the server
that reaches a message is one line (`errors.one_line`). Files are written only in the
snapshot folder (named ``<source-id>.txt``: ids are strict slugs) and to the fact file
being edited, each through a temporary file in the same folder and one rename.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import http.client
import logging
import os
import re
import ssl
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import yaml

from . import model as m
from .errors import FactsError, Problem, one_line
from .kinds import shown, suggest
from .load import fact_paths, relative
from .pipeline import check
from .verify import verify

TIMEOUT = 30
"""Seconds a connection or a single read may wait for the server."""
DEADLINE = 120
"""Seconds a whole download may take (a server that drips bytes never trips TIMEOUT)."""
MAX_BYTES = 20_000_000
"""A page larger than this is refused: no article is, and it would be read into memory."""
CHUNK = 64 * 1024
USER_AGENT = "factsite-capture/1 (saves the text of a page a fact file cites, to check its quotes offline)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
PREFIX = 12
"""How many hex digits of the SHA-256 the report line shows."""

# A Wayback Machine address names a snapshot as /web/<timestamp>/<original address>.
# As written, it serves the archived page rewritten for browsing: the Wayback toolbar,
# its scripts and banners inserted, every link rewritten. The `id_` modifier after the
# timestamp ("identity") serves the page's own bytes as they were archived, so the text
# extracted is the article's, with no Wayback words in it. Any other modifier (`if_`,
# `im_`, `js_` ...) is replaced by `id_`.
WAYBACK = re.compile(
    r"https://web\.archive\.org/web/(?P<stamp>[0-9]{1,14})(?:[a-z]{2}_)?/(?P<target>.+)", re.IGNORECASE | re.DOTALL
)

SNAPSHOT_KEYS = ("file", "sha256", "captured")

logging.getLogger("trafilatura").addHandler(logging.NullHandler())  # its warnings are not ours to print


class CaptureError(Exception):
    """One address could not be captured; the message is the reason, on one line."""


class EditError(Exception):
    """The fact file could not be edited as text; the message says why."""


# --- fetching -----------------------------------------------------------------------


def fetch_address(url: str) -> str:
    """The address to download for ``url``: a Wayback Machine snapshot's original page
    (``…/web/<timestamp>id_/<address>``, see WAYBACK), any other address as it is."""
    found = WAYBACK.fullmatch(url)
    if not found:
        return url
    return f"https://web.archive.org/web/{found['stamp']}id_/{found['target']}"


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another https:// address."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() != "https":
            fp.close()
            raise CaptureError(f"HTTP {code} redirect to a non-https address, not followed: {shown(one_line(newurl), 100)}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
    """An opener that speaks https only, verifies certificates (the system's, or the file
    SSL_CERT_FILE names), follows https redirects only and keeps no cookies. Proxies set
    in the environment (https_proxy, no_proxy) are used."""
    director = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPSHandler(context=ssl.create_default_context()),
        _HttpsOnlyRedirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),  # http://, file://, ftp://: "unknown url type"
    ):
        director.add_handler(handler)
    return director


@dataclass(frozen=True)
class Page:
    """What a server sent: its body, and what its headers say the body is."""

    body: bytes
    content_type: str | None
    """The media type (``text/html``), or None when the server named none."""
    charset: str | None


def _reason(exc: BaseException) -> str:
    """Why a download failed, in a few words on one line."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {one_line(str(exc.reason))}".strip()
    if isinstance(exc, urllib.error.URLError):
        return _reason(exc.reason) if isinstance(exc.reason, BaseException) else one_line(str(exc.reason))
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {one_line(exc.verify_message or str(exc))}"
    if isinstance(exc, TimeoutError):
        return f"no answer within {TIMEOUT} s"
    if isinstance(exc, OSError) and exc.strerror:
        return one_line(exc.strerror)
    return one_line(str(exc)) or type(exc).__name__


def download(url: str, director: urllib.request.OpenerDirector) -> Page:
    """GET ``url`` (https only); CaptureError with the reason if anything goes wrong."""
    if urlsplit(url).scheme.lower() != "https":
        raise CaptureError("not an https:// address")
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    started = time.monotonic()
    try:
        with director.open(request, timeout=TIMEOUT) as response:
            headers = response.headers
            length = headers.get("Content-Length", "").strip()
            if length.isdigit() and int(length) > MAX_BYTES:
                raise CaptureError(f"the page is {int(length):,} bytes, more than the {MAX_BYTES:,} capture reads")
            encoding = headers.get("Content-Encoding", "").strip().lower()
            if encoding not in ("", "identity"):
                raise CaptureError(f"the server sent the page compressed ({shown(one_line(encoding), 20)}) though asked not to")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise CaptureError(f"the page is more than {MAX_BYTES:,} bytes, more than capture reads")
                if time.monotonic() - started > DEADLINE:
                    raise CaptureError(f"the download took more than {DEADLINE} s")
                chunks.append(chunk)
            # The media type as named (get_content_type() would call a malformed one text/plain).
            media = headers.get("Content-Type", "").partition(";")[0].strip().lower()
            return Page(b"".join(chunks), media or None, headers.get_content_charset())
    except CaptureError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError, HTTPError, TLS and socket errors are OSErrors
        if isinstance(exc, urllib.error.HTTPError):
            exc.close()  # an error answer is a response too: its connection is let go
        raise CaptureError(_reason(exc)) from None


# --- the text -----------------------------------------------------------------------


def _decode(body: bytes, charset: str | None) -> str:
    try:
        text = body.decode(charset or "utf-8")
    except LookupError:
        raise CaptureError(f"the server names an unknown character set '{shown(one_line(charset or ''), 30)}'") from None
    except UnicodeDecodeError:
        raise CaptureError(f"the text is not valid {'UTF-8' if not charset else shown(one_line(charset), 30)}") from None
    return text.removeprefix("\ufeff")


def html_text(body: bytes | str) -> str:
    """The article's text: every paragraph, heading, list item and quoted block of its
    body, one per line; no navigation, comments, tables, links or images.

    trafilatura is told to favour recall (keep a borderline paragraph rather than drop
    it): a quote from a paragraph the extractor dropped could not be verified, while a
    stray line of boilerplate in the saved text harms nothing. Tables are left out (a
    quote is prose), and so are reader comments (they are not the source's words)."""
    import trafilatura  # lxml and friends: loaded only when a page is extracted

    text = trafilatura.extract(
        body,
        output_format="txt",
        favor_recall=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        with_metadata=False,
        deduplicate=False,
    )
    return (text or "").strip()


def page_text(page: Page) -> str:
    """The text to save from ``page``; CaptureError if it has none capture can read."""
    if page.content_type == "text/plain":  # saved as it is
        text = _decode(page.body, page.charset)
    elif page.content_type in HTML_TYPES or page.content_type is None:
        if page.charset:  # the header's charset wins over the page's own <meta>, as in a browser
            try:
                body: bytes | str = page.body.decode(page.charset, errors="replace")
            except LookupError:
                body = page.body
        else:
            body = page.body  # trafilatura reads the page's <meta charset>, or guesses
        text = html_text(body)
        text = text + "\n" if text else text
    else:
        raise CaptureError(f"the page is {shown(one_line(page.content_type), 60)}, not HTML or plain text")
    if not text.strip():
        raise CaptureError("no article text found in the page")
    return text


# --- editing the fact file ----------------------------------------------------------

_BREAKS = "\r\n\x85\u2028\u2029"  # what YAML counts as a line break


def _line_end(text: str, index: int) -> int:
    """Where the line holding ``index`` ends (before its line break)."""
    ends = [found for ch in _BREAKS if (found := text.find(ch, index)) >= 0]
    return min(ends, default=len(text))


def _line_break(text: str, index: int) -> str:
    """The line break that ends the line at ``index`` (the file's own), or "\\n"."""
    end = _line_end(text, index)
    if text.startswith("\r\n", end):
        return "\r\n"
    return text[end] if end < len(text) else "\n"


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _source_node(root: yaml.Node | None, source_id: str) -> yaml.MappingNode:
    """The mapping of source ``source_id`` in a fact file's node tree."""
    if not isinstance(root, yaml.MappingNode):
        raise EditError("the file is not a mapping")
    for key, value in root.value:
        if _scalar(key) == "sources" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode) and any(
                    _scalar(k) == "id" and _scalar(v) == source_id for k, v in item.value
                ):
                    return item
    raise EditError(f"source '{source_id}' is not in its `sources:` list")


def _last_end(node: yaml.Node) -> int:
    """Where the last value inside ``node`` ends (a block mapping's own end mark is the
    start of whatever follows it, comments and indentation included)."""
    if isinstance(node, yaml.MappingNode):
        return max((_last_end(v) for _, v in node.value), default=node.end_mark.index)
    if isinstance(node, yaml.SequenceNode):
        return max((_last_end(v) for v in node.value), default=node.end_mark.index)
    return int(node.end_mark.index)


def set_snapshot(text: str, source_id: str, values: dict[str, str]) -> str:
    """``text`` (a fact file) with source ``source_id``'s ``snapshot:`` set to ``values``
    (file, sha256, captured), every other character unchanged: an existing `snapshot:`
    key is replaced, else one is added right after the source's `id:` line (or after its
    id, in a `{…}` mapping). EditError if the file is not laid out so this is safe."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(f"the file cannot be read: {one_line(str(exc).splitlines()[0])}") from None
    source = _source_node(root, source_id)
    pairs = {_scalar(k): (k, v) for k, v in source.value}
    flow = "snapshot: {" + ", ".join(f"{key}: {values[key]}" for key in SNAPSHOT_KEYS) + "}"
    id_key, id_value = pairs["id"]
    if isinstance(id_value, yaml.ScalarNode) and id_value.style in ("|", ">"):
        raise EditError("its `id:` is written as a block of text")
    newline = _line_break(text, id_value.end_mark.index)

    def block(indent: int) -> str:
        pad = " " * indent
        return "snapshot:" + "".join(f"{newline}{pad}  {key}: {values[key]}" for key in SNAPSHOT_KEYS)

    if "snapshot" in pairs:
        key, value = pairs["snapshot"]
        start = key.start_mark.index
        if source.flow_style or (isinstance(value, yaml.CollectionNode) and value.flow_style):
            return text[:start] + flow + text[value.end_mark.index :]
        end = _line_end(text, _last_end(value))
        return text[:start] + block(key.start_mark.column) + text[end:]
    if source.flow_style:
        at = id_value.end_mark.index
        return text[:at] + ", " + flow + text[at:]
    at = _line_end(text, id_value.end_mark.index)
    return text[:at] + newline + " " * id_key.start_mark.column + block(id_key.start_mark.column) + text[at:]


# --- files --------------------------------------------------------------------------


def _temporary(folder: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new temporary file in ``folder`` (to be renamed into place)."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".capture-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, mode)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` in one rename: a reader sees the old file or the new."""
    temporary = _temporary(path.parent, data, mode)
    try:
        os.replace(temporary, path)  # replaces a link at ``path`` itself, never its target
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def fact_file(facts_dir: Path, root: Path | None, source: m.Source) -> Path:
    """The fact file holding ``source`` (its location names it relative to ``root``)."""
    shown_as = root or facts_dir.parent
    for path in fact_paths(facts_dir):
        if relative(path, shown_as) == source.loc.path and path.is_file() and not path.is_symlink():
            return path
    raise EditError(f"its fact file {source.loc.path} was not found under {facts_dir}")


# --- the command --------------------------------------------------------------------


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _restore(path: Path, original: bytes, mode: int) -> None:
    """Put the fact file's original bytes back, if they changed."""
    try:
        if path.read_bytes() != original:
            write_atomically(path, original, mode)
    except OSError as exc:
        _say(f"build_facts.py: could not restore {path}: {one_line(exc.strerror or str(exc))}; `git checkout` it")


def _only(dataset: m.Dataset, source: m.Source) -> m.Dataset:
    """``dataset`` with only ``source`` and the quotes that cite it."""

    def cites(record: m.Claim | m.Event) -> tuple[m.Citation, ...]:
        return tuple(c for c in record.sources if c.source == source.id)

    return dataclasses.replace(
        dataset,
        claims=tuple(dataclasses.replace(c, sources=cites(c)) for c in dataset.claims if cites(c)),
        events=tuple(dataclasses.replace(e, sources=cites(e)) for e in dataset.events if cites(e)),
        sources=(source,),
    )


def choose(dataset: m.Dataset, ids: list[str]) -> tuple[list[m.Source], list[str]]:
    """The sources to capture, and a message for each id that names none. With no ids:
    every source with an address and no snapshot yet."""
    sources = {s.id: s for s in dataset.sources}
    if not ids:
        return [s for s in dataset.sources if (s.url or s.archive_url) and s.snapshot is None], []
    chosen, unknown = [], []
    for ident in dict.fromkeys(ids):  # each once, in the order given
        if ident in sources:
            chosen.append(sources[ident])
        else:
            hint = suggest(ident, sorted(sources))
            unknown.append(f"no source has the id '{shown(one_line(ident))}'" + (f" ({hint})" if hint else ""))
    return chosen, unknown


def capture_command(
    facts_dir: Path, folder: Path | None, ids: list[str], *, root: Path | None = None, quiet: bool = False
) -> int:
    """`build_facts.py capture [ID ...]`: 0 when every source chosen was captured and its
    quotes found, 1 when a capture failed or a quote is not in its page, 2 on misuse.
    FactsError (the facts do not load, before anything is fetched) goes to the caller."""
    if folder is None:
        _say(
            "build_facts.py: capture needs a snapshot folder (give --snapshots DIR, or set extra.factsite.snapshots in mkdocs.yml)"
        )
        return 2
    if folder.exists() and not folder.is_dir():
        _say(f"build_facts.py: the snapshot folder {folder} is not a folder")
        return 2
    dataset = check(facts_dir, root)
    chosen, unknown = choose(dataset, ids)
    if unknown:
        for line in unknown:
            _say(f"build_facts.py: capture: {line}")
        _say("Nothing was captured.")
        return 2
    if not chosen:
        if not quiet:
            print("nothing to capture: every source with a url or archive_url has a snapshot (name a source to capture it again)")
        return 0
    director = opener()
    status = 0
    for source in chosen:
        status = max(status, capture_source(facts_dir, folder, root, source, dataset, director, quiet))
    return status


def capture_source(
    facts_dir: Path,
    folder: Path,
    root: Path | None,
    source: m.Source,
    dataset: m.Dataset,
    director: urllib.request.OpenerDirector,
    quiet: bool,
) -> int:
    """Capture one source: fetch, save, record, verify. 0 if all went well, else 1."""
    addresses = [a for a in (source.archive_url, source.url) if a]
    if not addresses:
        _say(
            str(
                Problem(
                    source.loc,
                    f"source '{source.id}' has no url or archive_url to capture",
                    f"add `archive_url:` or `url:`, or save its text as {source.id}.txt in {folder} by hand",
                )
            )
        )
        return 1
    failures: list[str] = []
    for address in addresses:
        try:
            text = page_text(download(fetch_address(address), director))
            break
        except CaptureError as exc:
            failures.append(f"{address}: {one_line(str(exc))}")
    else:
        _say(f"capture failed for source '{source.id}': " + "; ".join(failures))
        return 1
    if failures:  # the archived copy failed and the live page was saved: its link may be broken
        _say(f"note: source '{source.id}': {failures[0]}; captured the live page instead")

    name = f"{source.id}.txt"  # a slug: a plain file name
    taken = [s.id for s in dataset.sources if s.snapshot and s.snapshot.file == name and s.id != source.id]
    if taken:
        _say(str(Problem(source.loc, f"{name} is already the snapshot of source '{taken[0]}'", "rename that snapshot first")))
        return 1
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    values = {"file": name, "sha256": digest, "captured": dt.datetime.now(dt.UTC).date().isoformat()}
    by_hand = f"add `snapshot: {{file: {name}, sha256: {digest}, captured: {values['captured']}}}` to it by hand"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        saved = _temporary(folder, data, 0o644)
    except OSError as exc:
        _say(f"build_facts.py: cannot write in the snapshot folder {folder}: {one_line(exc.strerror or str(exc))}")
        return 1
    try:
        try:
            path = fact_file(facts_dir, root, source)
            original = path.read_bytes()
            mode = path.stat().st_mode & 0o7777
            edited = set_snapshot(original.decode("utf-8"), source.id, values).encode("utf-8")
        except (EditError, OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            _say(str(Problem(source.loc, f"cannot record the snapshot of source '{source.id}': {one_line(reason)}", by_hand)))
            return 1
        try:
            write_atomically(path, edited, mode)
            reloaded = check(facts_dir, root)
            recorded = next((s for s in reloaded.sources if s.id == source.id), None)
            if (
                recorded is None
                or recorded.snapshot is None
                or (recorded.snapshot.file, recorded.snapshot.sha256) != (name, digest)
            ):
                raise FactsError([Problem(source.loc, f"the edited file does not hold the snapshot of source '{source.id}'")])
            os.replace(saved, folder / name)
        except (FactsError, OSError) as exc:
            _restore(path, original, mode)
            if isinstance(exc, FactsError):
                for problem in exc.problems:
                    _say(str(problem))
            else:
                _say(f"build_facts.py: cannot write {folder / name} or {path}: {one_line(exc.strerror or str(exc))}")
            _say(f"The edit of {source.loc.path} was undone: {by_hand}.")
            return 1
        except BaseException:  # Ctrl-C while checking: the fact file as it was
            _restore(path, original, mode)
            raise
    finally:
        saved.unlink(missing_ok=True)  # gone already once renamed into place

    if not quiet:
        print(f"captured {source.id} from {address} into {folder / name} ({len(text):,} characters, sha256 {digest[:PREFIX]}…)")
    problems = verify(_only(reloaded, recorded), folder).problems
    for problem in problems:
        _say(str(problem))
    return 1 if problems else 0
