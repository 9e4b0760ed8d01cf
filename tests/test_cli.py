"""build_facts.py as a contributor and CI run it: real subprocesses, real files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import WAR_FACTS, copy_project, run_cli


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_on_the_war_facts() -> None:
    result = run_cli("check", "--facts", str(WAR_FACTS))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 5 questions, ")


def test_broken_file_gives_one_line_per_problem_and_exit_1(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    target = project / "facts" / "questions" / "killed.yaml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("hedge: at least", "hedge: at lest", 1).replace(
        "claimant: british-intelligence", "claimant: british-inteligence", 1
    )
    target.write_text(text, encoding="utf-8")
    result = run_cli("check", "--facts", str(project / "facts"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 problem(s)."  # check writes nothing in any case
    assert lines[0].startswith("facts/questions/killed.yaml:")
    assert "'at lest' is not an allowed hedge (did you mean 'at least'?" in lines[0]
    assert lines[1].endswith("unknown party id 'british-inteligence' (did you mean 'british-intelligence'?)")
    assert len(lines) == 3


def test_failed_build_touches_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    out = project / "docs" / "answers"
    assert run_cli("--facts", str(project / "facts"), "--out", str(out)).returncode == 0
    before = snapshot(project / "docs")
    (project / "facts" / "sources.yaml").write_text("sources:\n  - id: Not An Id\n", encoding="utf-8")
    result = run_cli("--facts", str(project / "facts"), "--out", str(out))
    assert result.returncode == 1
    assert snapshot(project / "docs") == before


def test_refuses_to_write_over_hand_written_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    before = snapshot(project / "docs")
    result = run_cli("--facts", str(project / "facts"), "--out", str(project / "docs"))
    assert result.returncode == 2
    assert "holds files that build_facts.py did not write" in result.stderr
    assert snapshot(project / "docs") == before


def test_same_input_same_bytes_and_no_needless_writes(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    facts = ("--facts", str(WAR_FACTS))
    assert run_cli(*facts, "--out", str(first)).returncode == 0
    assert run_cli(*facts, "--out", str(second)).returncode == 0
    assert snapshot(first) == snapshot(second)
    again = run_cli(*facts, "--out", str(first))
    assert "0 written" in again.stdout and "0 removed" in again.stdout


def test_removes_the_page_of_a_deleted_question(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(WAR_FACTS, facts)
    out = tmp_path / "out"
    assert run_cli("--facts", str(facts), "--out", str(out)).returncode == 0
    assert (out / "weapons.md").exists()
    (facts / "questions" / "weapons.yaml").unlink()
    text = (facts / "events.yaml").read_text(encoding="utf-8")
    (facts / "events.yaml").write_text(text.replace("      - weapons\n", "      - who-confirmed\n"), encoding="utf-8")
    result = run_cli("--facts", str(facts), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not (out / "weapons.md").exists()
    assert not list(out.rglob("weapons*")), "its charts and data go with it"


def test_missing_facts_folder(tmp_path: Path) -> None:
    result = run_cli("--facts", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no facts folder" in result.stderr


def test_problems_become_annotations_under_github_actions(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(WAR_FACTS, facts)
    target = facts / "questions" / "killed.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("hedge: at least", "hedge: at lest", 1), encoding="utf-8")
    result = run_cli("check", "--facts", str(facts), env=dict(os.environ, GITHUB_ACTIONS="true"))
    assert result.returncode == 1
    line = result.stderr.splitlines()[0]
    path, row, col = line.split(":")[:3]
    message = line.split(": ", 1)[1]
    assert result.stdout.splitlines() == [f"::error file={path},line={row},col={col},title=Fact check::{message}"]


def test_no_annotations_elsewhere(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(WAR_FACTS, facts)
    (facts / "sources.yaml").write_text("sources: 3\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = run_cli("check", "--facts", str(facts), env=env)
    assert result.returncode == 1 and result.stdout == ""
