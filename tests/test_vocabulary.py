"""A site's own vocabulary of party and event kinds, and hints that never change a meaning."""

from __future__ import annotations

import pytest

from factsite.kinds import near_spelling


@pytest.mark.parametrize(
    "typed, known, meant",
    [
        ("abuot", ["about", "at least"], "about"),
        ("goverment", ["government"], "government"),
        ("confrimed", ["confirmed", "denied"], "confirmed"),
        ("Government", ["government"], "government"),
        ("inteligence servce", ["intelligence service"], "intelligence service"),
        ("south-korea-nss", ["south-korea-nis"], "south-korea-nis"),
        # Words that look alike but mean something else: no hint at all.
        ("declared", ["deployed", "confirmed"], None),
        ("UN agency", ["news agency", "government"], None),
        ("emergency service", ["intelligence service"], None),
        ("ended", ["denied"], None),
        ("pledged", ["signed"], None),
        ("NGO", ["expert", "government"], None),
    ],
)
def test_did_you_mean_is_spelling_never_meaning(typed: str, known: list[str], meant: str | None) -> None:
    assert near_spelling(typed, known) == meant
