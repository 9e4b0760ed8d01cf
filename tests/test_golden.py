"""Rendered Markdown of the small fixture, compared byte for byte with reviewed files.

A failure shows a diff; if the change is intended, run `make golden` and review
`git diff tests/golden` like any other change.
"""

from __future__ import annotations

import pytest

from tests.regen_golden import GOLDEN, render_fixture

RENDERED = render_fixture()


def test_same_set_of_pages() -> None:
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert on_disk == sorted(RENDERED), "pages added or removed: run `make golden` and review"


@pytest.mark.parametrize("rel", sorted(RENDERED))
def test_page_matches_golden(rel: str) -> None:
    expected = (GOLDEN / rel).read_text(encoding="utf-8")
    assert RENDERED[rel] == expected
