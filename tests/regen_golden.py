"""Regenerate the golden pages: `make golden` (or `python -m tests.regen_golden`).

Run after a deliberate change to the rendering, then review `git diff tests/golden`.
Never edit the golden files by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from factsite.pipeline import pages

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "small"
GOLDEN = HERE / "golden" / "small"


def render_fixture() -> dict[str, str]:
    _, _, rendered = pages(FIXTURE / "facts", FIXTURE)
    return rendered


def main() -> None:
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for rel, text in render_fixture().items():
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
