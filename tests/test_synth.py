"""The benchmark's synthetic data: valid, deterministic, and shaped like the real thing."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synth import PRESETS, write_tree
from factsite.model import HEDGES
from factsite.pipeline import check


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_the_10x_tree_is_valid_and_complete(tmp_path: Path) -> None:
    data = check(write_tree(tmp_path, PRESETS["10x"]))
    size = PRESETS["10x"]
    assert (len(data.questions), len(data.claims), len(data.events), len(data.sources), len(data.parties)) == (
        size.questions,
        size.claims,
        size.events,
        size.sources,
        size.parties,
    )
    assert {c.figure.hedge for c in data.claims} == set(HEDGES)
    assert {c.as_of.precision for c in data.claims if c.as_of} == {"day", "month", "year"}
    assert any(c.as_of is None for c in data.claims)
    assert any(c.as_of and c.as_of.before for c in data.claims) and any(c.as_of and c.as_of.end for c in data.claims)
    assert any(c.revises for c in data.claims) and any(q.kind == "timeline" for q in data.questions)
    assert any(not c.isascii() for c in (p.name for p in data.parties))


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = tree_bytes(write_tree(tmp_path / "a", PRESETS["1x"], seed=7))
    second = tree_bytes(write_tree(tmp_path / "b", PRESETS["1x"], seed=7))
    other = tree_bytes(write_tree(tmp_path / "c", PRESETS["1x"], seed=8))
    assert first == second and first != other
