"""The contributor guide's worked example is real: its files check, and the problem
line it shows is the one a contributor gets. Works for any site's guide that keeps
the example's shape (YAML blocks whose first line names their file)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tests.conftest import ROOT, run_cli

GUIDE = ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r"^( *)```yaml\n(.*?)^\1```", re.M | re.S)
PROBLEM = re.compile(r"^ *```text\n *(facts/\S+?:\d+:\d+: '(\w+)' is not an allowed hedge .*)$", re.M)


def example_files() -> dict[str, str]:
    """Every YAML block of the guide that starts with `# facts/<file>.yaml`, by file."""
    files = {}
    for _indent, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        text = textwrap.dedent(body)
        first, _, rest = text.partition("\n")
        if re.fullmatch(r"# facts/[a-z0-9/_-]+\.yaml", first):
            files[first[2:]] = rest
    return files


def _write(base: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_text(text, encoding="utf-8")


def test_the_worked_example_checks(tmp_path: Path) -> None:
    files = example_files()
    assert any(rel.startswith("facts/questions/") for rel in files), "the guide lost its worked example"
    _write(tmp_path, files)
    result = run_cli("check", "--facts", str(tmp_path / "facts"))
    assert result.returncode == 0, result.stderr


def test_the_guides_problem_line_is_what_a_contributor_sees(tmp_path: Path) -> None:
    shown = PROBLEM.search(GUIDE.read_text(encoding="utf-8"))
    assert shown, "the guide lost its example problem line"
    line, typo = shown.groups()
    files = example_files()
    path = line.split(":")[0]
    assert files[path].count("hedge: about") == 1
    files[path] = files[path].replace("hedge: about", f"hedge: {typo}")
    _write(tmp_path, files)
    result = run_cli("check", "--facts", str(tmp_path / "facts"))
    assert result.stderr.splitlines()[0] == line
