"""A site's own vocabulary of party and event kinds, and hints that never change a meaning."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from factsite.derive import derive
from factsite.errors import FactsError
from factsite.guide import KINDS_END, KINDS_START
from factsite.kinds import near_spelling
from factsite.load import DEFAULT_VOCABULARY, default_vocabulary
from factsite.pipeline import check
from factsite.trust import scope_problems
from tests.conftest import ROOT, run_cli, write_tree
from tests.test_schema_validators import CHECK_JSONSCHEMA


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


# --- a site's own vocabulary, end to end -------------------------------------------

VOCABULARY = """
    # yaml-language-server: $schema=../schema/vocabulary.schema.json
    party_kinds:
      - {name: UN agency, means: An agency of the United Nations.}
      - {name: NGO, means: A non-governmental organisation.}
      - {name: emergency service, means: "Firefighters, rescuers, ambulances."}
    event_kinds:
      - {name: declared, means: The actor declared an emergency., confirms: true}
      - {name: appealed, means: The actor appealed for help.}
      - {name: ended, means: The actor ended an operation.}
"""

FACTS = """
    parties:
      - {id: un-ocha, name: UN relief office, kind: UN agency}
      - {id: red-cross, name: Red Cross, kind: NGO}
    sources:
      - {id: wire, title: Quake report, publisher: unknown, published: 2023-09-10, language: en}
    question:
      slug: emergency
      ask: Who declared an emergency, and when?
      kind: timeline
      order: 1
    events:
      - id: un-declared
        date: 2023-09-09
        actor: un-ocha
        kind: declared
        summary: The UN relief office declared an emergency.
        questions: [emergency]
        sources: [{source: wire, quote: The UN declared an emergency.}]
      - id: red-cross-appealed
        date: 2023-09-10
        actor: red-cross
        kind: appealed
        summary: The Red Cross appealed for funds.
        questions: [emergency]
        sources: [{source: wire, quote: The Red Cross appealed for funds.}]
"""


def _site(tmp_path: Path, facts: str = FACTS, vocabulary: str | None = VOCABULARY) -> Path:
    files = {"facts/all.yaml": facts}
    if vocabulary is not None:
        files["facts/vocabulary.yaml"] = vocabulary
    return write_tree(tmp_path, files)


def test_a_site_declares_its_own_kinds_and_the_timeline_answer_counts_its_confirming_ones(tmp_path: Path) -> None:
    project = _site(tmp_path)
    data = check(project / "facts")
    assert {p.kind for p in data.parties} == {"UN agency", "NGO"}
    view = derive(data).questions[0]
    assert [e.id for e in view.confirmations] == ["un-declared"]  # `confirms: true`; appealed is not
    out = project / "docs" / "answers"
    result = run_cli("--facts", str(project / "facts"), "--out", str(out), "--project", str(project))
    assert result.returncode == 0, result.stderr
    home = (out / "_partials" / "home.md").read_text(encoding="utf-8")
    assert "UN relief office</a> declared" in home or "UN relief office](" in home
    assert "appealed" not in home.split("\n")[0]


def test_the_default_kinds_are_refused_once_a_site_has_its_own(tmp_path: Path) -> None:
    project = _site(tmp_path, FACTS.replace("kind: NGO", "kind: government").replace("kind: appealed", "kind: declard"))
    with pytest.raises(FactsError) as caught:
        check(project / "facts", project)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0] == (
        "facts/all.yaml:3:44: 'government' is not an allowed kind (allowed: UN agency, NGO, emergency service; "
        "or add it to `party_kinds` in facts/vocabulary.yaml)"
    )
    assert lines[1].startswith("facts/all.yaml:22:11: 'declard' is not an allowed kind (did you mean 'declared'?; allowed: ")


def test_a_site_without_a_vocabulary_uses_the_default(tmp_path: Path) -> None:
    project = _site(
        tmp_path,
        FACTS.replace("kind: UN agency", "kind: government")
        .replace("kind: NGO", "kind: expert")
        .replace("kind: declared", "kind: confirmed")
        .replace("kind: appealed", "kind: stated"),
        vocabulary=None,
    )
    data = check(project / "facts")
    assert data.vocabulary == default_vocabulary()
    assert [e.id for e in derive(data).questions[0].confirmations] == ["un-declared"]


@pytest.mark.parametrize(
    "vocabulary, expected",
    [
        (
            "party_kinds:\n  - {name: NGO, means: A.}\n  - {name: ngo, means: B.}\nevent_kinds:\n  - {name: x, means: Y.}\n",
            ["facts/vocabulary.yaml:3:12: 'ngo' is in party_kinds twice (first at facts/vocabulary.yaml:2:12) (delete one)"],
        ),
        (
            "party_kinds:\n  - {name: NGO}\nevent_kinds: []\n",
            [
                "facts/vocabulary.yaml:2:5: a kind is missing the required key 'means' (add `means:`)",
                "facts/vocabulary.yaml:3:14: 'event_kinds' needs at least 1 item(s)",
            ],
        ),
        ("party_kinds:\n  - {name: <b>NGO</b>, means: A.}\nevent_kinds:\n  - {name: x, means: Y.}\n", None),
        (
            "party_kinds:\n  - {name: a, means: A.}\n  - {name: a, means: B.}\nbogus: 1\nevent_kinds:\n  - {name: x, means: Y.}\n",
            [
                "facts/vocabulary.yaml:3:12: 'a' is in party_kinds twice (first at facts/vocabulary.yaml:2:12) (delete one)",
                "facts/vocabulary.yaml:4:1: unknown key 'bogus' in the vocabulary (allowed keys: party_kinds, event_kinds)",
            ],
        ),
    ],
    ids=["repeated", "incomplete", "markup", "every problem at once"],
)
def test_vocabulary_problems_are_problem_lines(tmp_path: Path, vocabulary: str, expected: list[str] | None) -> None:
    project = _site(tmp_path, "sources: []\n", vocabulary)
    result = run_cli("check", "--facts", str(project / "facts"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()[:-1]
    if expected is None:
        assert lines and all(line.startswith("facts/vocabulary.yaml:2:") for line in lines), lines
    else:
        assert lines == expected


def test_sync_writes_the_sites_kinds_into_the_schema_editors_use(tmp_path: Path) -> None:
    project = _site(tmp_path)
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    result = run_cli("sync", "--facts", str(project / "facts"), "--project", str(project))
    assert result.returncode == 0, result.stderr
    schema = json.loads((project / "schema" / "fact-file.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["Party"]["properties"]["kind"]["enum"] == ["UN agency", "NGO", "emergency service"]
    assert schema["$defs"]["Event"]["properties"]["kind"]["enum"] == ["declared", "appealed", "ended"]
    # check-jsonschema, as editors and CI would run it, on the site's own files.
    for name, schema_file in (("all.yaml", "fact-file"), ("vocabulary.yaml", "vocabulary")):
        ran = subprocess.run(
            [
                *CHECK_JSONSCHEMA,
                "--schemafile",
                str(project / "schema" / f"{schema_file}.schema.json"),
                str(project / "facts" / name),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ran.returncode == 0, ran.stdout + ran.stderr
    (project / "facts" / "all.yaml").write_text(
        (project / "facts" / "all.yaml").read_text(encoding="utf-8").replace("kind: NGO", "kind: government"), encoding="utf-8"
    )
    ran = subprocess.run(
        [
            *CHECK_JSONSCHEMA,
            "--schemafile",
            str(project / "schema" / "fact-file.schema.json"),
            str(project / "facts" / "all.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 1 and "government" in ran.stdout


def test_the_default_vocabulary_file_matches_its_schema() -> None:
    ran = subprocess.run(
        [*CHECK_JSONSCHEMA, "--schemafile", str(ROOT / "schema" / "vocabulary.schema.json"), str(DEFAULT_VOCABULARY)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_a_new_kind_is_a_maintainers_change_not_a_fact_change() -> None:
    # Adding a kind changes the schemas (make sync): code review, never in a facts pull request.
    assert scope_problems(["facts/vocabulary.yaml", "schema/fact-file.schema.json"]) == []
    assert scope_problems(["facts/parties.yaml", "facts/vocabulary.yaml"]) == [
        "facts/vocabulary.yaml: a pull request that changes fact files cannot also change code or configuration"
    ]


def test_the_guide_lists_the_sites_own_kinds_as_inert_text(tmp_path: Path) -> None:
    project = _site(tmp_path, vocabulary=VOCABULARY.replace("An agency of the United Nations.", "<b>UN</b> | agency"))
    (project / "CONTRIBUTING.md").write_text(
        "# Guide\n\n<!-- field-reference:start (generated by `make sync`; do not edit by hand) -->\n<!-- field-reference:end -->\n\n"
        f"{KINDS_START}\n{KINDS_END}\n",
        encoding="utf-8",
    )
    result = run_cli("sync", "--facts", str(project / "facts"), "--project", str(project))
    assert result.returncode == 0, result.stderr
    guide = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    read = html.unescape(guide)  # as a reader sees it
    assert "| `NGO` | A non-governmental organisation. |" in read
    assert "| `declared` | The actor declared an emergency. Counts in a timeline question's one-line answer. |" in read
    assert "| `UN agency` | &#60;b&#62;UN&#60;/b&#62; &#124; agency |" in guide and "<b>" not in guide
    assert "`government`" not in guide.split(KINDS_START)[1]  # the default kinds are not this site's


# --- hostile and broken inputs around the vocabulary ----------------------------------------


def test_sync_refuses_a_vocabulary_that_is_not_a_plain_file(tmp_path: Path) -> None:
    project = _site(tmp_path, vocabulary=None)
    (project / "elsewhere.yaml").write_text(VOCABULARY, encoding="utf-8")
    (project / "facts" / "vocabulary.yaml").symlink_to(project / "elsewhere.yaml")
    result = run_cli("sync", "--facts", str(project / "facts"), "--project", str(project))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0] == "facts/vocabulary.yaml:1:1: the vocabulary must be a plain file (commit the file itself)"
    )
    assert not (project / "schema").exists()


def test_a_vocabulary_elsewhere_in_facts_is_refused_with_where_it_belongs(tmp_path: Path) -> None:
    project = _site(tmp_path)
    write_tree(project, {"facts/questions/vocabulary.yaml": VOCABULARY})
    with pytest.raises(FactsError) as caught:
        check(project / "facts", project)
    assert [str(p) for p in caught.value.problems] == [
        "facts/questions/vocabulary.yaml:1:1: a vocabulary is read only from facts/vocabulary.yaml (move it there)"
    ]


def test_look_alike_kinds_are_one_kind_and_a_decomposed_accent_still_matches(tmp_path: Path) -> None:
    twins = VOCABULARY.replace("{name: ended,", "{name: ｄｅｃｌａｒｅｄ,")
    project = _site(tmp_path, vocabulary=twins)
    with pytest.raises(FactsError) as caught:
        check(project / "facts", project)
    assert "'ｄｅｃｌａｒｅｄ' is in event_kinds twice" in str(caught.value.problems[0])
    accented = VOCABULARY.replace("{name: NGO,", "{name: café,")
    project = _site(tmp_path / "2", FACTS.replace("kind: NGO", 'kind: "cafe\\u0301"'), accented)
    assert {p.kind for p in check(project / "facts").parties} == {"UN agency", "café"}


def test_misspellings_against_a_long_vocabulary_cost_little_and_still_catch_case(tmp_path: Path) -> None:
    from factsite.kinds import Choice, Invalid

    long = Choice(values=tuple(f"kind {i}" for i in range(20_000)), vocabulary="party_kinds")
    with pytest.raises(Invalid) as caught:
        long.read("KIND 7", "kind")
    assert caught.value.hint.startswith("did you mean 'kind 7'?")
    with pytest.raises(Invalid) as caught:
        long.read("kidn 7", "kind")  # no scan of 20,000 words for a spelling hint
    assert caught.value.hint.startswith("allowed: kind 0, kind 1")
