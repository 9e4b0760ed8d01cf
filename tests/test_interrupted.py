"""Builds that are stopped part-way: nothing half-done is published, nothing is left
for ever, and a leftover never breaks a later build.

`build_facts.py site` builds into `.site.new-<pid>` beside site/, then renames site/
to `.site.old-<pid>` and the new build in. These tests stop the real CLI at the worst
moment (MkDocs has written the whole staging folder) with SIGTERM, Ctrl-C's SIGINT and
SIGKILL, and plant the leftovers a killed build would leave.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from factsite.write import swap_in
from tests.conftest import copy_project, project_command, site_cli

# Added to a project copy's mkdocs.yml: when FACTSITE_TEST_STALL names a file, MkDocs
# says so there once every page is written into the staging folder, then waits to be
# stopped. Without the variable it does nothing, so later builds run normally.
STALL_HOOK = """\
import os
import time
from pathlib import Path


def on_post_build(config, **kwargs):
    marker = os.environ.get("FACTSITE_TEST_STALL")
    if marker:
        Path(marker + ".tmp").write_text(str(os.getpid()))
        os.replace(marker + ".tmp", marker)
        time.sleep(60)
"""

OLD_SITE = {
    "index.html": "<p>the previous site</p>\n",
    "answers/killed/index.html": "<p>at least 6,000</p>\n",
    "assets/site.css": "body { color: black; }\n",
}


def stalling_project(tmp_path: Path) -> Path:
    """A project copy whose MkDocs can be made to stall, with a previously published site/."""
    project = copy_project(tmp_path)
    (project / "hooks" / "stall.py").write_text(STALL_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text
    config.write_text(text.replace("\nhooks:\n", "\nhooks:\n  - hooks/stall.py\n", 1), encoding="utf-8")
    for rel, body in OLD_SITE.items():
        (project / "site" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "site" / rel).write_text(body, encoding="utf-8")
    return project


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site.new-", ".site.old-")))


def start_stalled_build(project: Path, marker: Path, new_session: bool = False) -> subprocess.Popen[str]:
    """`build_facts.py site` in the background; returns once MkDocs has filled the staging folder."""
    process = subprocess.Popen(
        project_command("site", project),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, FACTSITE_TEST_STALL=str(marker)),
        start_new_session=new_session,
    )
    deadline = time.monotonic() + 30
    while not marker.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"the build never reached MkDocs' post-build step (exit {process.returncode}):\n{out}\n{err}")
        time.sleep(0.02)
    staging = project / f".site.new-{process.pid}"
    assert (staging / "index.html").is_file(), leftovers(project)
    return process


def gone(pid: int, seconds: float = 10) -> bool:
    """Whether process ``pid`` has ended (an unreaped zombie counts: it runs no code)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # Linux: the state follows the command name in parentheses
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except (OSError, IndexError):  # no /proc, or the process just went
            state = ""
        if state == "Z":
            return True
        time.sleep(0.05)
    return False


def test_leftovers_of_killed_builds_are_removed_and_nothing_else(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    for name in (".site.new-99999999", ".site.old-99999999"):  # above any Linux pid_max: no such process
        (project / name).mkdir()
        (project / name / "junk.html").write_text("<p>junk</p>\n", encoding="utf-8")
    # Look alike, but are not a finished build's folders: kept.
    running = project / f".site.new-{os.getpid()}"  # this test's own process is running
    running.mkdir()
    (project / ".site.new-12345").write_text("a file, not a folder\n", encoding="utf-8")
    (project / ".site.new-abc").mkdir()
    (project / ".other.old-99999999").mkdir()
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.html").write_text("<p>keep</p>\n", encoding="utf-8")
    (project / ".site.old-99999998").symlink_to(elsewhere, target_is_directory=True)

    result = site_cli(project)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").is_file()
    assert not (project / ".site.new-99999999").exists()
    assert not (project / ".site.old-99999999").exists()
    assert running.is_dir()
    assert (project / ".site.new-12345").is_file()
    assert (project / ".site.new-abc").is_dir()
    assert (project / ".other.old-99999999").is_dir()
    assert (project / ".site.old-99999998").is_symlink()
    assert (elsewhere / "keep.html").is_file()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_stopped_build_cleans_up_and_keeps_the_previous_site(tmp_path: Path, signum: signal.Signals) -> None:
    project = stalling_project(tmp_path)
    before = hashes(project / "site")
    marker = tmp_path / "stalled"

    process = start_stalled_build(project, marker)
    mkdocs_pid = int(marker.read_text())
    process.send_signal(signum)  # to build_facts.py alone: it must stop MkDocs itself
    out, err = process.communicate(timeout=30)

    assert "Traceback" not in err, err
    assert err.strip().splitlines() == [f"build_facts.py: stopped by {signum.name}; the site was not changed"], err
    assert process.returncode == 128 + signum, (out, err)
    assert leftovers(project) == []
    assert hashes(project / "site") == before
    assert gone(mkdocs_pid), "MkDocs outlived the stopped build"

    again = site_cli(project)
    assert again.returncode == 0, again.stderr
    assert "the previous site" not in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_the_build_after_a_killed_one_succeeds_and_removes_its_leftovers(tmp_path: Path) -> None:
    project = stalling_project(tmp_path)
    before = hashes(project / "site")
    marker = tmp_path / "stalled"

    # Its own process group, killed whole, as a cancelled CI job or the OOM killer would:
    # no cleanup runs anywhere, and no orphaned MkDocs keeps writing.
    process = start_stalled_build(project, marker, new_session=True)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert gone(int(marker.read_text()))
    assert leftovers(project) == [f".site.new-{process.pid}"]  # what a kill leaves
    assert hashes(project / "site") == before

    result = site_cli(project)

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert leftovers(project) == []
    assert (project / "site" / "index.html").is_file()
    assert "the previous site" not in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_swap_in_replaces_a_leftover_of_an_earlier_process_with_the_same_pid(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / ".site.new-1"
    (site / "old.html").parent.mkdir()
    (site / "old.html").write_text("old\n", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new\n", encoding="utf-8")
    stale = tmp_path / f".site.old-{os.getpid()}"  # a killed build that had this pid
    stale.mkdir()
    (stale / "junk.html").write_text("junk\n", encoding="utf-8")

    swap_in(new, site)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in site.iterdir()] == ["index.html"]
