"""Live preview, as a contributor uses it: serve, edit a fact file, see the page change."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from factsite.serve import KEPT
from tests.conftest import copy_project, project_command


def serve_command(project: Path, port: int) -> list[str]:
    """`build_facts.py serve` for a project copy, on loopback."""
    return project_command("serve", project, "--dev-addr", f"127.0.0.1:{port}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(check: Callable[[], bool], seconds: float) -> bool:
    """Poll until check() holds; bounded in time and in requests (loopback only)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


class Served(NamedTuple):
    project: Path
    base: str
    log: Path
    process: subprocess.Popen[bytes]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    project = copy_project(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            serve_command(project, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            assert wait_for(lambda: "at least 6,000" in fetch(base + "answers/killed/"), 60), log.read_text()
            yield Served(project, base, log, process)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def test_an_edit_shows_up_and_a_bad_edit_keeps_the_last_good_page(server: Served) -> None:
    project, base, log, _ = server
    fact = project / "facts" / "questions" / "killed.yaml"
    text = fact.read_text(encoding="utf-8")
    text = text.replace("      value: 6000\n", "      value: 7000\n").replace("at least 6,000 North", "at least 7,000 North")
    fact.write_text(text, encoding="utf-8")  # the figure and its quote: `check` reads one back from the other
    assert wait_for(lambda: "at least 7,000" in fetch(base + "answers/killed/"), 20), log.read_text()

    fact.write_text(text.replace("hedge: at least", "hedge: abuot"), encoding="utf-8")
    assert wait_for(lambda: "'abuot' is not an allowed hedge" in log.read_text(), 20)
    assert "still serving the last good pages" in log.read_text()
    assert "at least 7,000" in fetch(base + "answers/killed/")
    assert "Traceback" not in log.read_text()


def search_pages(base: str) -> dict[str, str]:
    """The served search index: page address -> all its indexed text."""
    try:
        docs = json.loads(fetch(base + "search/search_index.json"))["docs"]
    except ValueError:
        return {}
    pages: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + doc["title"] + " " + doc["text"]
    return pages


def test_an_edit_rebuilds_its_page_the_home_page_and_search_only(server: Served) -> None:
    """MkDocs rebuilds only what changed (--dirty); the home page, which includes the
    answers (a generated part), and the search index still show the edit."""
    project, base, log, _ = server
    before = search_pages(base)
    assert "answers/killed/" in before and "at least 6,000" in fetch(base)
    fact = project / "facts" / "questions" / "killed.yaml"
    text = fact.read_text(encoding="utf-8")
    fact.write_text(
        text.replace("      value: 6000\n", "      value: 7000\n").replace("at least 6,000 North", "at least 7,000 North")
    )
    assert wait_for(lambda: "at least 7,000" in fetch(base + "answers/killed/"), 20), log.read_text()
    assert "updated killed.md" in log.read_text()  # the edited question's page first
    assert wait_for(lambda: "at least 7,000" in fetch(base), 20), "the home page kept the old answer"
    assert wait_for(lambda: "7,000" in search_pages(base).get("answers/killed/", ""), 20)
    after = search_pages(base)
    assert after.keys() == before.keys(), "a rebuild dropped pages from search"
    assert "6,000" not in after["answers/killed/"]
    assert "Traceback" not in log.read_text()


NEW_QUESTION = """\
question:
  slug: portraits
  ask: How many portraits of the dead were shown at the awards ceremony?
  order: 9
  measures:
    - id: portraits
      label: Portraits
      unit: portraits of the dead
claims:
  - id: portraits-101
    measure: portraits
    figure:
      hedge: exact
      value: 101
    sources:
      - source: awards-2025-08-22
        quote: placed medals next to 101 portraits of the dead on a memorial wall.
"""


def test_a_new_question_file_is_served_and_gone_once_deleted(server: Served) -> None:
    project, base, log, _ = server
    new = project / "facts" / "questions" / "portraits.yaml"
    new.write_text(NEW_QUESTION, encoding="utf-8")
    page = base + "answers/portraits/"
    assert wait_for(lambda: "How many portraits of the dead" in fetch(page), 20), log.read_text()
    assert wait_for(lambda: "answers/portraits/" in search_pages(base), 20)
    assert wait_for(lambda: "How many portraits of the dead" in fetch(base), 20), "the home page does not list it"

    new.unlink()
    assert wait_for(lambda: "How many portraits of the dead" not in fetch(page), 20), "a deleted question is still served"
    assert wait_for(lambda: "answers/portraits/" not in search_pages(base), 20)
    assert "How many portraits of the dead" not in fetch(base)
    assert not list((project / "docs" / "answers").glob("portraits*")), "its generated page is left behind"
    assert "Traceback" not in log.read_text()


def test_a_broken_file_keeps_the_last_good_page_until_it_is_fixed(server: Served) -> None:
    project, base, log, _ = server
    fact = project / "facts" / "questions" / "killed.yaml"
    good = fact.read_text(encoding="utf-8")
    fact.write_text(good.replace("claims:\n", "claims: [\n"), encoding="utf-8")  # a YAML syntax error
    assert wait_for(lambda: "killed.yaml:" in log.read_text() and KEPT in log.read_text(), 20), log.read_text()
    assert "at least 6,000" in fetch(base + "answers/killed/")

    fixed = good.replace("      value: 6000\n", "      value: 6500\n").replace("at least 6,000 North", "at least 6,500 North")
    fact.write_text(fixed, encoding="utf-8")
    assert wait_for(lambda: "at least 6,500" in fetch(base + "answers/killed/"), 20), log.read_text()
    assert "Traceback" not in log.read_text()


def search_docs(base: str) -> list[dict[str, str]]:
    try:
        return list(json.loads(fetch(base + "search/search_index.json"))["docs"])
    except ValueError:
        return []


def test_an_edit_that_rebuilds_many_pages_leaves_search_as_a_full_build_would(server: Served) -> None:
    """Renaming a party rebuilds the parties page and every page naming it: each section
    stays in the index once, with its new text only (Material's own dirty merge kept the
    old entries of every rebuilt page but the first)."""
    project, base, log, _ = server
    before = search_docs(base)
    assert before and any("Kim Jong Un" in d["title"] for d in before)
    parties = project / "facts" / "parties.yaml"
    parties.write_text(parties.read_text(encoding="utf-8").replace("name: Kim Jong Un", "name: Kimzzz Jong Un"))
    assert wait_for(lambda: "Kimzzz Jong Un" in fetch(base + "answers/parties/"), 20), log.read_text()
    assert wait_for(lambda: any("Kimzzz" in d["title"] for d in search_docs(base)), 20)
    time.sleep(1.5)  # the rest of the site's rewrite, and its build
    after = search_docs(base)
    counted = Counter(d["location"] for d in after)
    assert counted == Counter(d["location"] for d in before), "a section indexed twice, or lost"
    full = project / "full-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(full)],
        cwd=project,
        check=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    built = json.loads((full / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert sorted(map(str, after)) == sorted(map(str, built)), "the preview's search differs from a full build's"


def test_a_page_rewritten_while_mkdocs_builds_it_is_served_in_its_last_version(server: Served) -> None:
    """Two quick saves: the second lands while MkDocs builds the first. The preview must
    end on the second, whatever the timing (it once kept the first for good)."""
    project, base, log, _ = server
    fact = project / "facts" / "questions" / "killed-or-wounded.yaml"
    good = fact.read_text(encoding="utf-8")
    caveat = "    - The December 2024 figure"
    assert caveat in good
    page = base + "answers/killed-or-wounded/"
    for n, pause in enumerate((0.3, 0.6, 0.9, 1.2)):
        fact.write_text(good.replace(caveat, f"    - MARKA{n}. The December 2024 figure"), encoding="utf-8")
        time.sleep(pause)
        fact.write_text(good.replace(caveat, f"    - MARKB{n}. The December 2024 figure"), encoding="utf-8")
        assert wait_for(lambda n=n: f"MARKB{n}" in fetch(page), 20), f"round {n}: {log.read_text()[-2000:]}"


def test_a_renamed_fact_file_moves_its_pages_edit_link(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_REPO_URL="https://github.com/o/r", SITE_EDIT_URI="edit/main/")
    with log.open("w") as out:
        process = subprocess.Popen(serve_command(project, port), stdout=out, stderr=subprocess.STDOUT, env=env)
    page = f"http://127.0.0.1:{port}/answers/who-confirmed/"
    try:
        assert wait_for(lambda: "facts/questions/who-confirmed.yaml" in fetch(page), 60), log.read_text()
        questions = project / "facts" / "questions"
        (questions / "who-confirmed.yaml").rename(questions / "who-confirmed-2.yaml")
        assert wait_for(lambda: "facts/questions/who-confirmed-2.yaml" in fetch(page), 20), log.read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)


def test_the_preview_puts_back_a_generated_file_someone_else_changed(tmp_path: Path) -> None:
    """The kept digests skip reading unchanged files, never a file changed behind them
    (another build into the same folder)."""
    from factsite.write import Written, write_pages

    out_dir, written = tmp_path / "answers", Written()
    pages = {"a.md": "# A\n", "b.md": "# B\n"}
    write_pages(out_dir, pages, written)
    (out_dir / "a.md").write_text("# X\n", encoding="utf-8")  # same size, other bytes
    report = write_pages(out_dir, pages, written)
    assert report.written == ["a.md"] and report.unchanged == ["b.md"]
    assert (out_dir / "a.md").read_text(encoding="utf-8") == "# A\n"


def test_stopping_the_server_stops_mkdocs(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        serve_command(project, port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") != "", 60)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)
    assert wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") == "", 10), "mkdocs serve outlived its parent"


def churn(facts: Path, seconds: float, stop: threading.Event, errors: list[BaseException]) -> None:
    """What editors and git do to fact files, as fast as they can: files appear (a copy of
    a real file: duplicate ids), vanish, are caught half-written (cut mid-line or
    mid-character), are safe-saved (a temporary .yaml renamed over the real one), are
    deleted and recreated (a checkout), and briefly become folders. The new files sort
    after questions/, so they are listed long before they are read: the widest window."""
    rng = random.Random(20250901)
    killed = facts / "questions" / "killed.yaml"
    good = killed.read_bytes()
    others = [p.read_bytes() for p in sorted(facts.rglob("*.yaml"))]
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not stop.is_set():
            extra = facts / f"zz-churn-{rng.randrange(3)}.yaml"
            step = rng.randrange(6)
            if step == 0:  # appears
                if not extra.is_dir():
                    extra.write_bytes(rng.choice(others))
            elif step == 1:  # vanishes
                if extra.is_file():
                    extra.unlink()
            elif step == 2:  # half-written, in place
                killed.write_bytes(good[: rng.randrange(len(good))])
            elif step == 3:  # safe-save
                tmp = killed.with_name("killed-save-tmp.yaml")
                tmp.write_bytes(good if rng.random() < 0.7 else good[: rng.randrange(len(good))])
                os.replace(tmp, killed)
            elif step == 4:  # checkout: delete, then recreate
                killed.unlink()
                time.sleep(rng.uniform(0, 0.005))
                killed.write_bytes(good)
            elif not extra.exists():  # a folder where a file was listed
                extra.mkdir()
                time.sleep(rng.uniform(0, 0.005))
                extra.rmdir()
            time.sleep(rng.uniform(0, 0.003))
    except BaseException as exc:  # reported by the test, not lost in the thread
        errors.append(exc)


def test_the_preview_survives_files_appearing_vanishing_and_half_written(server: Served) -> None:
    project, base, log, process = server
    facts = project / "facts"
    originals = {p: p.read_bytes() for p in facts.rglob("*.yaml")}
    stop, errors = threading.Event(), []
    worker = threading.Thread(target=churn, args=(facts, 2.5, stop, errors))
    worker.start()
    try:
        worker.join(timeout=10)
    finally:
        stop.set()
        worker.join()
    assert not errors, errors

    time.sleep(0.05)  # the restored files' times differ from any the preview has seen
    for path in facts.glob("zz-churn-*"):
        path.rmdir() if path.is_dir() else path.unlink()
    for path, data in originals.items():
        path.write_bytes(data)
    killed = facts / "questions" / "killed.yaml"
    edited = killed.read_text(encoding="utf-8").replace("      value: 6000\n", "      value: 8000\n")
    killed.write_text(edited.replace("at least 6,000 North", "at least 8,000 North"), encoding="utf-8")

    page = base + "answers/killed/"
    assert wait_for(lambda: process.poll() is not None or "at least 8,000" in fetch(page), 30), log.read_text()
    assert process.poll() is None, log.read_text()
    assert "at least 8,000" in fetch(page)
    assert "Traceback" not in log.read_text(), log.read_text()


def test_the_preview_parses_only_the_saved_file_and_still_checks_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`Reads` keeps every file read; a save parses that file alone, and what is kept (its
    records, the quote checks of unchanged claims) never hides a problem of the new bytes."""
    from factsite import load
    from factsite.errors import FactsError
    from factsite.pipeline import checked

    facts = copy_project(tmp_path) / "facts"
    parsed: list[str] = []
    real = load.parse

    def counted(path: str, data: bytes) -> tuple[object, list[object]]:
        if path.startswith("facts/"):  # not the generator's own default vocabulary
            parsed.append(path)
        return real(path, data)

    monkeypatch.setattr(load, "parse", counted)
    reads = load.Reads()
    first, _ = checked(facts, reads=reads)
    assert len(parsed) == len(list(facts.rglob("*.yaml")))

    parsed.clear()
    again, _ = checked(facts, reads=reads)
    assert parsed == [] and again == first

    killed = facts / "questions" / "killed.yaml"
    good = killed.read_text(encoding="utf-8")
    killed.write_text(good.replace("      value: 6000\n", "      value: 7000\n"), encoding="utf-8")
    with pytest.raises(FactsError) as found:
        checked(facts, reads=reads)
    assert parsed == ["facts/questions/killed.yaml"]
    assert any("the figure at least 7000 is not in the claim's quote" in str(p) for p in found.value.problems)

    killed.write_text(good, encoding="utf-8")
    assert checked(facts, reads=reads)[0] == first

    sources = facts / "sources.yaml"  # a source's language: the quote check of every claim citing it runs again
    sources.write_text(sources.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    parsed.clear()
    relaxed, _ = checked(facts, reads=reads)
    assert parsed == ["facts/sources.yaml"]
    assert {s.language for s in relaxed.sources} == {"de"}
