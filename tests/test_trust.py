"""Which changes a pull request may combine, and that CODEOWNERS covers all code."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from factsite.trust import CODE, scope_problems
from tests.conftest import ROOT

MIXED = "a pull request that changes fact files cannot also change code or configuration"


@pytest.mark.parametrize(
    "changed, expected",
    [
        (["facts/events.yaml"], []),
        (["facts/questions/killed.yaml", "facts/sources.yaml"], []),
        (["facts/events.yaml", "docs/about.md"], []),
        (["mkdocs.yml", "hooks/edit_links.py"], []),  # a code change alone goes to code owners
        (["facts/events.yaml", "mkdocs.yml"], [f"mkdocs.yml: {MIXED}"]),
        (["facts/x.yaml", "hooks/evil.py"], [f"hooks/evil.py: {MIXED}"]),
        (["facts/x.yaml", ".github/workflows/site.yml"], [f".github/workflows/site.yml: {MIXED}"]),
        (["facts/x.yaml", "factsite/render.py", "Makefile"], [f"Makefile: {MIXED}", f"factsite/render.py: {MIXED}"]),
        (["facts/x.yaml", "docs/assets/site.css"], [f"docs/assets/site.css: {MIXED}"]),
        (["facts/x.yaml", "requirements.txt"], [f"requirements.txt: {MIXED}"]),
    ],
)
def test_scope(changed: list[str], expected: list[str]) -> None:
    assert scope_problems(changed) == expected


def test_runs_with_the_standard_library_only() -> None:
    result = subprocess.run(
        [sys.executable, "-S", "-m", "factsite.trust"],
        input="facts/a.yaml\nmkdocs.yml\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=30,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"mkdocs.yml: {MIXED}"


def test_codeowners_covers_every_code_path() -> None:
    lines = [
        line.split()
        for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    owned = {parts[0].lstrip("/") for parts in lines}
    assert owned == set(CODE)
    assert {path for path in owned if path.startswith("facts/")} == {"facts/vocabulary.yaml"}  # facts are data; kinds are not


def test_the_workflow_runs_the_scope_check_on_pull_requests() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["scope"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert any("python3 -m factsite.trust" in step.get("run", "") for step in job["steps"])
