"""Live preview, as a contributor uses it: serve, edit a fact file, see the page change."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project


def serve_command(project: Path, port: int) -> list[str]:
    """`build_facts.py serve` for a project copy, on loopback."""
    return [
        sys.executable,
        str(ROOT / "build_facts.py"),
        "serve",
        "--facts",
        str(project / "facts"),
        "--out",
        str(project / "docs" / "answers"),
        "--project",
        str(project),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]


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


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
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
            yield project, base, log
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def test_an_edit_shows_up_and_a_bad_edit_keeps_the_last_good_page(server: tuple[Path, str, Path]) -> None:
    project, base, log = server
    fact = project / "facts" / "questions" / "killed.yaml"
    text = fact.read_text(encoding="utf-8")
    fact.write_text(text.replace("      value: 6000\n", "      value: 7000\n"), encoding="utf-8")
    assert wait_for(lambda: "at least 7,000" in fetch(base + "answers/killed/"), 20), log.read_text()

    fact.write_text(text.replace("hedge: at least", "hedge: abuot"), encoding="utf-8")
    assert wait_for(lambda: "'abuot' is not an allowed hedge" in log.read_text(), 20)
    assert "still serving the last good pages" in log.read_text()
    assert "at least 7,000" in fetch(base + "answers/killed/")
    assert "Traceback" not in log.read_text()


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
