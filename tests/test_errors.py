"""Broken fact files -> the exact lines a contributor sees.

Each case is a small fact tree (a valid base plus one broken file) and the full
list of problems it must produce, pinned word for word: FILE:LINE:COL: message (hint).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from factsite.errors import FactsError
from factsite.pipeline import check
from tests.conftest import write_tree

BASE = {
    "facts/base.yaml": """
        parties:
          - id: gov
            name: Government
            kind: government
        sources:
          - id: paper
            title: Paper
            publisher: unknown
            published: 2025-01-02
            language: en
        """,
}

# A valid question file; cases replace it or add to it.
QUESTION = """
    question:
      slug: q
      ask: How many?
      order: 1
      measures:
        - id: total
          label: Total
          unit: things
    claims:
      - id: c1
        figure:
          hedge: about
          value: 10
        claimant: gov
        sources:
          - source: paper
            quote: About 10.
    """


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    write_tree(tmp_path, {**BASE, "facts/questions/q.yaml": QUESTION, **files})
    try:
        check(tmp_path / "facts", tmp_path)
    except FactsError as exc:
        return [str(p) for p in exc.problems]
    return []


def claim(body: str) -> dict[str, str]:
    """The valid question with its claim list replaced by ``body``.

    The question takes lines 1-8 and `claims:` line 9, so the body starts on line 10,
    its items' `-` in column 3.
    """
    head = textwrap.dedent(QUESTION.split("claims:")[0]).lstrip("\n")
    items = textwrap.indent(textwrap.dedent(body).strip("\n"), "  ")
    return {"facts/questions/q.yaml": head + "claims:\n" + items + "\n"}


CASES = {
    "valid base": ({}, []),
    "unknown source id, with a suggestion": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            sources:
              - source: papr
                quote: About 10.
        """),
        ["facts/questions/q.yaml:13:17: unknown source id 'papr' (did you mean 'paper'?)"],
    ),
    "misspelt key": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            claimnt: gov
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:12:5: unknown key 'claimnt' in a claim (did you mean 'claimant'?)"],
    ),
    "hedge that does not exist": (
        claim("""
          - id: c1
            figure: {hedge: abuot, value: 10}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:21: 'abuot' is not an allowed hedge (did you mean 'about'?; "
            "allowed: exact, about, at least, more than, up to, as many as, range)"
        ],
    ),
    "a source's word for a hedge": (
        claim("""
          - id: c1
            figure: {hedge: approximately, value: 10}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:21: 'approximately' is not an allowed hedge (for 'approximately' write 'about'; "
            "allowed: exact, about, at least, more than, up to, as many as, range)"
        ],
    ),
    "a misspelt source's word for a hedge": (
        claim("""
          - id: c1
            figure: {hedge: aproximately, value: 10}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:21: 'aproximately' is not an allowed hedge (for 'approximately' write 'about'; "
            "allowed: exact, about, at least, more than, up to, as many as, range)"
        ],
    ),
    "impossible date": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            as_of: 2025-02-30
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:12:12: bad as_of: '2025-02-30' is not a real date (Feb 2025 has 28 days)"],
    ),
    "date in another shape": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            as_of: April 2025
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:12:12: bad as_of: 'April 2025' is not a date (write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28)"
        ],
    ),
    "duplicate claim id across files": (
        {
            "facts/questions/r.yaml": """
            question:
              slug: r
              ask: How many more?
              order: 2
              measures: [{id: total, label: Total, unit: things}]
            claims:
              - id: c1
                figure: {hedge: exact, value: 3}
                sources: [{source: paper, quote: Three.}]
            """
        },
        [
            "facts/questions/r.yaml:7:9: duplicate claim id 'c1' (first used at facts/questions/q.yaml:10:9) (give each one its own id)"
        ],
    ),
    "duplicate key": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            figure: {hedge: exact, value: 11}
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:12:5: duplicate key 'figure' (first at line 11) (keep one of the two and delete the other)"],
    ),
    "missing required key points at the record": (
        claim("""
          - id: c1
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:10:5: a claim is missing the required key 'figure' (add `figure:`)"],
    ),
    "required key left empty": (
        claim("""
          - id: c1
            figure:
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:11:12: 'figure' in a claim needs a value (fill in `figure:`)"],
    ),
    "optional key left empty": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            note:
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:12:10: 'note' in a claim is empty (fill it in or delete the line)"],
    ),
    "YAML syntax error": (
        {"facts/questions/q.yaml": "question:\n  slug: q\n  ask: [unclosed\n"},
        ["facts/questions/q.yaml:4:1: YAML syntax: did not find expected ',' or ']' (check indentation, colons and quotes)"],
    ),
    "range with a single-value hedge": (
        claim("""
          - id: c1
            figure: {hedge: at least, low: 5, high: 9}
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:11:21: hedge 'at least' does not go with a low–high range (use `about` or `range`)"],
    ),
    "range upside down": (
        claim("""
          - id: c1
            figure: {hedge: range, low: 9, high: 5}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:42: 'high' (5) must be greater than 'low' (9) (swap them, or use `value:` for a single number)"
        ],
    ),
    "range with only one end": (
        claim("""
          - id: c1
            figure: {hedge: range, low: 9}
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:11:13: a range needs both low and high; 'high' is missing (add `high:`)"],
    ),
    "no figure at all": (
        claim("""
          - id: c1
            figure: {hedge: exact}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:13: a figure needs exactly one of: value, low and high, or words "
            "(e.g. `value: 15000`, or `low: 25000` with `high: 30000`)"
        ],
    ),
    "number with separators": (
        claim("""
          - id: c1
            figure: {hedge: exact, value: "15,000"}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:35: '15,000' is not a number (write digits only, no separators, words or leading zeros, e.g. 15000)"
        ],
    ),
    "unknown party, with a suggestion": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            claimant: gvo
            cited: [gov, nobody-we-know]
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:12:15: unknown party id 'gvo' (did you mean 'gov'?)",
            "facts/questions/q.yaml:13:18: unknown party id 'nobody-we-know' (add it to the parties or fix the spelling)",
        ],
    ),
    "cited is not a list": (
        claim("""
          - id: c1
            figure: {hedge: about, value: 10}
            cited: gov
            sources: [{source: paper, quote: About 10.}]
        """),
        ["facts/questions/q.yaml:12:12: 'cited' must be a list (one `- item` per line), not a single value"],
    ),
    "measure required when a question has several": (
        {
            "facts/questions/q.yaml": """
            question:
              slug: q
              ask: How many?
              order: 1
              measures: [{id: total, label: Total, unit: things}, {id: planned, label: Planned, unit: things}]
            claims:
              - id: c1
                figure: {hedge: exact, value: 3}
                sources: [{source: paper, quote: Three.}]
              - id: c2
                measure: totl
                figure: {hedge: exact, value: 3}
                sources: [{source: paper, quote: Three.}]
            """
        },
        [
            "facts/questions/q.yaml:7:5: claim 'c1' must say which measure it is (add `measure:` with one of: total, planned)",
            "facts/questions/q.yaml:11:14: question 'q' has no measure 'totl' (did you mean 'total'?)",
        ],
    ),
    "revision of a claim that counts something else": (
        {
            "facts/questions/r.yaml": """
            question:
              slug: r
              ask: How many more?
              order: 2
              measures: [{id: total, label: Total, unit: things}]
            claims:
              - id: r1
                figure: {hedge: exact, value: 3}
                revises: c1
                sources: [{source: paper, quote: Three.}]
            """
        },
        [
            "facts/questions/r.yaml:9:14: claim 'r1' revises 'c1', which answers another question or measure (a revision must count the same thing)"
        ],
    ),
    "claims with no question": (
        {
            "facts/extra.yaml": """
            claims:
              - id: stray
                figure: {hedge: exact, value: 3}
                sources: [{source: paper, quote: Three.}]
            """
        },
        ["facts/extra.yaml:2:3: claims must sit in the same file as their question (add a `question:` block to this file)"],
    ),
    "http address": (
        {
            "facts/more.yaml": """
            sources:
              - id: other
                title: Other
                publisher: unknown
                published: unknown
                language: en
                url: http://example.org/
            """
        },
        [
            "facts/more.yaml:7:10: 'url' must be an https:// address (copy the full address from the browser; leave the key out if there is none)"
        ],
    ),
    "title and descriptive title both": (
        {
            "facts/more.yaml": """
            sources:
              - id: other
                title: Other
                descriptive_title: Another
                publisher: unknown
                published: unknown
                language: en
            """
        },
        [
            "facts/more.yaml:2:5: source 'other' needs exactly one of 'title' or 'descriptive_title' "
            "(use `title` for a real headline, `descriptive_title` when there is none)"
        ],
    ),
    "anchor and alias": (
        {"facts/more.yaml": "parties:\n  - &p {id: x, name: X, kind: expert}\n  - *p\n"},
        ["facts/more.yaml:2:5: anchors (&p) are not allowed (write the value out in full)"],
    ),
    "explicit tag": (
        {"facts/more.yaml": "parties:\n  - id: !!str x\n    name: X\n    kind: expert\n"},
        ["facts/more.yaml:2:9: YAML tags (tag:yaml.org,2002:str) are not allowed (remove the tag)"],
    ),
    "two documents": (
        {"facts/more.yaml": "parties: []\n---\nparties: []\n"},
        ["facts/more.yaml:2:1: a fact file holds one YAML document (remove the '---' line)"],
    ),
    "empty file": (
        {"facts/more.yaml": "# nothing yet\n"},
        ["facts/more.yaml:1:1: the file is empty (add `question:`, `claims:`, `events:`, `sources:` or `parties:`)"],
    ),
    "unknown top-level key": (
        {"facts/more.yaml": "partys: []\n"},
        ["facts/more.yaml:1:1: unknown key 'partys' in a fact file (did you mean 'parties'?)"],
    ),
    "duplicate question order": (
        {
            "facts/questions/r.yaml": """
            question:
              slug: r
              ask: How many more?
              order: 1
              measures: [{id: total, label: Total, unit: things}]
            """
        },
        ["facts/questions/r.yaml:4:10: questions 'q' and 'r' share order 1 (give each question its own place on the home page)"],
    ),
    "reserved slug": (
        {
            "facts/questions/r.yaml": """
            question:
              slug: sources
              ask: How many more?
              order: 2
              measures: [{id: total, label: Total, unit: things}]
            """
        },
        [
            "facts/questions/r.yaml:2:9: question 'sources' would write answers/sources.md, "
            "which belongs to the sources page (choose another slug)"
        ],
    ),
    "markup in a question title": (
        {
            "facts/questions/r.yaml": """
            question:
              slug: r
              ask: How <b>many</b>?
              order: 2
              measures: [{id: total, label: Total, unit: things}]
            """
        },
        [
            "facts/questions/r.yaml:3:8: 'ask' contains characters not allowed in a title: < > "
            "(use letters, digits and . , ; : ? ! ' ( ) / % -)"
        ],
    ),
    "file name with spaces": (
        {"facts/My Notes.yaml": "parties: []\n"},
        [
            "facts/My Notes.yaml:1:1: file and folder names use lowercase letters, digits, - and _ (rename it, e.g. killed-or-wounded.yaml)"
        ],
    ),
    "a .yml file is not silently ignored": (
        {"facts/more.yml": "parties: []\n"},
        ["facts/more.yml:1:1: fact files end in .yaml (rename it to more.yaml)"],
    ),
    "bad id": (
        {"facts/more.yaml": "parties:\n  - id: Big Party\n    name: X\n    kind: expert\n"},
        [
            "facts/more.yaml:2:9: 'Big Party' is not a valid id (use lowercase letters, digits and single hyphens, "
            "at most 64 characters, e.g. first-report)"
        ],
    ),
    "a duplicate of a claim that failed to load is still a duplicate": (
        claim("""
          - id: c1
            figure: {hedge: abuot, value: 10}
            sources: [{source: paper, quote: About 10.}]
          - id: c1
            figure: {hedge: about, value: 10}
            sources: [{source: paper, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:21: 'abuot' is not an allowed hedge (did you mean 'about'?; "
            "allowed: exact, about, at least, more than, up to, as many as, range)",
            "facts/questions/q.yaml:13:9: duplicate claim id 'c1' (first used at facts/questions/q.yaml:10:9) (give each one its own id)",
        ],
    ),
    "a broken source raises no phantom unknown-id problem": (
        {"facts/base.yaml": BASE["facts/base.yaml"].replace("published: 2025-01-02", "published: 2025-13-02")},
        ["facts/base.yaml:9:16: bad published: '2025-13-02' has no month 13 (months run 01 to 12)"],
    ),
    "every problem of a file in one run": (
        claim("""
          - id: c1
            figure: {hedge: abuot, value: 10}
            sources: [{source: paper, quote: About 10.}]
          - id: c2
            figure: {hedge: about, value: 10}
            claimnt: gov
            sources: [{source: papr, quote: About 10.}]
          - id: c3
            figure: {hedge: about, value: 10}
            sources: [{source: papr, quote: About 10.}]
        """),
        [
            "facts/questions/q.yaml:11:21: 'abuot' is not an allowed hedge (did you mean 'about'?; "
            "allowed: exact, about, at least, more than, up to, as many as, range)",
            "facts/questions/q.yaml:15:5: unknown key 'claimnt' in a claim (did you mean 'claimant'?)",
            "facts/questions/q.yaml:16:24: unknown source id 'papr' (did you mean 'paper'?)",
            "facts/questions/q.yaml:19:24: unknown source id 'papr' (did you mean 'paper'?)",
        ],
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_problem_lines(tmp_path: Path, files: dict[str, str], expected: list[str]) -> None:
    assert problems(tmp_path, files) == expected
