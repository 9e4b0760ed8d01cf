"""Hostile input from a stranger's pull request: a clean error, and nothing lost.

Every case runs the real `build_facts.py site` against a project whose site was
already built, and asserts: the exact problem lines, exit status 1, no traceback,
and the previous site/ byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import WAR_FACTS, copy_project, run_cli, site_cli

NUMBER_HINT = "write digits only, no separators, words or leading zeros, e.g. 15000"
TAG = "YAML tags ({}) are not allowed (remove the tag)"
NAME_HINT = "file and folder names use lowercase letters, digits, - and _ (rename it, e.g. killed-or-wounded.yaml)"
URL_LINE = (
    "facts/hostile.yaml:7:10: 'url' must be an https:// address "
    "(copy the full address from the browser; leave the key out if there is none)"
)


def party(name: str = "A", kind: str = "expert", pid: str = "hostile") -> str:
    return f"parties:\n  - id: {pid}\n    name: {name}\n    kind: {kind}\n"


def source(url: str) -> str:
    return f"sources:\n  - id: hostile\n    title: T\n    publisher: unknown\n    published: unknown\n    language: en\n    url: {url}\n"


def figure(value: str) -> str:
    return (
        "question:\n  slug: hostile\n  ask: How many?\n  order: 99\n  measures: [{id: total, label: Total, unit: things}]\n"
        f"claims:\n  - id: hostile\n    figure: {{hedge: exact, value: {value}}}\n"
        f'    sources: [{{source: awards-2025-08-22, quote: "Quote {value}."}}]\n'
    )


H = "facts/hostile.yaml"
CASES: dict[str, tuple[str, dict[str, bytes | str], list[str]]] = {
    # --- the YAML itself: refused before anything is built from it ----------------------------
    "size cap": (
        "yaml",
        {H: "parties: []\n# " + "x" * 1_048_600 + "\n"},
        [f"{H}:1:1: the file is 1,048,615 bytes, more than the 1,048,576 allowed (split it into several files)"],
    ),
    "deep nesting (libyaml segfaults at ~50,000)": (
        "yaml",
        {H: "parties: " + "[" * 50_000 + "]" * 50_000 + "\n"},
        [f"{H}:1:21: nesting deeper than 12 levels (flatten the structure)"],
    ),
    "anchor": (
        "yaml",
        {H: "parties:\n  - &p {id: a, name: A, kind: expert}\n"},
        [f"{H}:2:5: anchors (&p) are not allowed (write the value out in full)"],
    ),
    "alias bomb (432 bytes, gigabytes expanded)": (
        "yaml",
        {
            H: "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        },
        [f"{H}:1:4: anchors (&a) are not allowed (write the value out in full)"],
    ),
    "tag !!binary": ("yaml", {H: "parties: !!binary aGVsbG8=\n"}, [f"{H}:1:10: " + TAG.format("tag:yaml.org,2002:binary")]),
    "tag !!set": ("yaml", {H: "parties: !!set {a, b}\n"}, [f"{H}:1:10: " + TAG.format("tag:yaml.org,2002:set")]),
    "tag !!python/object": (
        "yaml",
        {H: "parties: !!python/object/apply:os.system [id]\n"},
        [f"{H}:1:10: " + TAG.format("tag:yaml.org,2002:python/object/apply:os.system")],
    ),
    "local tag": ("yaml", {H: "parties: !mine []\n"}, [f"{H}:1:10: " + TAG.format("!mine")]),
    "merge key": (
        "yaml",
        {H: "parties:\n  - <<: {id: a}\n    name: A\n    kind: expert\n"},
        [f"{H}:2:5: merge keys (<<) are not allowed (write the keys out in full)"],
    ),
    "two documents": (
        "yaml",
        {H: "parties: []\n---\nparties: []\n"},
        [f"{H}:2:1: a fact file holds one YAML document (remove the '---' line)"],
    ),
    "Latin-1 bytes": (
        "yaml",
        {H: "parties:\n  - id: a\n    name: Caf\xe9\n".encode("latin-1")},
        [f"{H}:3:14: the file is not valid UTF-8 text (save it as UTF-8)"],
    ),
    "UTF-16": ("yaml", {H: "parties: []\n".encode("utf-16")}, [f"{H}:1:1: the file is not valid UTF-8 text (save it as UTF-8)"]),
    "control character": ("yaml", {H: party("A\x07B")}, [f"{H}:3:12: control character U+0007 is not allowed (delete it)"]),
    "NUL byte": ("yaml", {H: party("A\x00B")}, [f"{H}:3:12: control character U+0000 is not allowed (delete it)"]),
    "tab indentation": ("yaml", {H: "parties:\n\t- id: a\n"}, [f"{H}:2:1: a tab cannot indent YAML (use spaces)"]),
    "duplicate key names both lines": (
        "yaml",
        {H: party() + "    name: B\n"},
        [f"{H}:5:5: duplicate key 'name' (first at line 3) (keep one of the two and delete the other)"],
    ),
    "complex key": (
        "yaml",
        {H: "parties:\n  - ? [id]\n    : a\n"},
        [f"{H}:2:7: a key must be a plain name (write `name: value`)"],
    ),
    "empty file": (
        "yaml",
        {H: ""},
        [f"{H}:1:1: the file is empty (add `question:`, `claims:`, `events:`, `sources:` or `parties:`)"],
    ),
    # --- YAML 1.1 surprises never reach the data: every value is text, typed by the model ----
    "yes is not a boolean": (
        "typing",
        {H: party(kind="yes")},
        [
            f"{H}:4:11: 'yes' is not an allowed kind (allowed: government, intelligence service, military, "
            "state media, official, legislature, news agency, news media, expert, political body; "
            "or add it to `party_kinds` in facts/vocabulary.yaml)"
        ],
    ),
    "NO is not a boolean": (
        "typing",
        {H: party(kind="NO")},
        [
            f"{H}:4:11: 'NO' is not an allowed kind (allowed: government, intelligence service, military, "
            "state media, official, legislature, news agency, news media, expert, political body; "
            "or add it to `party_kinds` in facts/vocabulary.yaml)"
        ],
    ),
    "012 is not octal 10": (
        "typing",
        {"facts/questions/hostile.yaml": figure("012")},
        [f"facts/questions/hostile.yaml:8:35: '012' is not a number ({NUMBER_HINT})"],
    ),
    "1:20 is not sexagesimal 80": (
        "typing",
        {"facts/questions/hostile.yaml": figure("1:20")},
        [f"facts/questions/hostile.yaml:8:35: '1:20' is not a number ({NUMBER_HINT})"],
    ),
    "impossible date 2024-02-30": (
        "typing",
        {
            "facts/more.yaml": party() + "events:\n  - id: e\n    date: 2024-02-30\n"
            "    actor: hostile\n    kind: stated\n    summary: S.\n    questions: [killed]\n"
            "    sources: [{source: awards-2025-08-22, quote: Q.}]\n"
        },
        ["facts/more.yaml:7:11: bad date: '2024-02-30' is not a real date (Feb 2024 has 29 days)"],
    ),
    ".nan": (
        "typing",
        {"facts/questions/hostile.yaml": figure(".nan")},
        [f"facts/questions/hostile.yaml:8:35: '.nan' is not a number ({NUMBER_HINT})"],
    ),
    ".inf": (
        "typing",
        {"facts/questions/hostile.yaml": figure(".inf")},
        [f"facts/questions/hostile.yaml:8:35: '.inf' is not a number ({NUMBER_HINT})"],
    ),
    "negative": (
        "typing",
        {"facts/questions/hostile.yaml": figure("-5")},
        [f"facts/questions/hostile.yaml:8:35: '-5' is not a number ({NUMBER_HINT})"],
    ),
    "exponent": (
        "typing",
        {"facts/questions/hostile.yaml": figure("1e6")},
        [f"facts/questions/hostile.yaml:8:35: '1e6' is not a number ({NUMBER_HINT})"],
    ),
    "absurd integer": (
        "typing",
        {"facts/questions/hostile.yaml": figure("99999999999999")},
        [
            "facts/questions/hostile.yaml:8:35: 99999999999999 is larger than any figure this site expects "
            "(1,000,000,000,000) (check the number of digits)"
        ],
    ),
    # --- ids: one spelling each, nothing invisible --------------------------------------------
    "id differing only in case": (
        "ids",
        {H: party(pid="Kcna")},
        [
            f"{H}:2:9: 'Kcna' is not a valid id (use lowercase letters, digits and single hyphens, "
            "at most 64 characters, e.g. first-report)"
        ],
    ),
    "id with a Cyrillic lookalike": (
        "ids",
        {H: party(pid="kcn\u0430")},
        [
            f"{H}:2:9: 'kcn\u0430' is not a valid id (use lowercase letters, digits and single hyphens, "
            "at most 64 characters, e.g. first-report)"
        ],
    ),
    "id with a zero-width space": (
        "ids",
        {H: party(pid="kcna\u200b")},
        [
            f"{H}:2:9: 'kcna\\u200b' is not a valid id (use lowercase letters, digits and single hyphens, "
            "at most 64 characters, e.g. first-report)"
        ],
    ),
    "duplicate id across files": (
        "ids",
        {H: party(pid="kcna")},
        ["facts/parties.yaml:26:9: duplicate party id 'kcna' (first used at facts/hostile.yaml:2:9) (give each one its own id)"],
    ),
    # --- text: nothing invisible, titles from a safe alphabet --------------------------------
    "right-to-left override": (
        "text",
        {H: party("evil\u202egnp.exe")},
        [f"{H}:3:11: 'name' contains an invisible or control character (retype the text)"],
    ),
    "zero-width joiner": (
        "text",
        {H: party("a\u200db")},
        [f"{H}:3:11: 'name' contains an invisible or control character (retype the text)"],
    ),
    "closing </title> in a question": (
        "text",
        {"facts/questions/hostile.yaml": figure("1").replace("ask: How many?", "ask: x</title><script>alert(1)</script>")},
        [
            "facts/questions/hostile.yaml:3:8: 'ask' contains characters not allowed in a title: < > "
            "(use letters, digits and . , ; : ? ! ' ( ) / % -)"
        ],
    ),
    "markdown in a measure label": (
        "text",
        {"facts/questions/hostile.yaml": figure("1").replace("label: Total", "label: '*Total*'")},
        [
            "facts/questions/hostile.yaml:5:33: 'label' contains characters not allowed in a title: * "
            "(use letters, digits and . , ; : ? ! ' ( ) / % -)"
        ],
    ),
    # --- URLs: https only ----------------------------------------------------------------------
    "javascript: URL": (
        "urls",
        {H: source("javascript:alert(1)")},
        [
            f"{H}:7:10: 'url' must be an https:// address (copy the full address from the browser; leave the key out if there is none)"
        ],
    ),
    "data: URL": (
        "urls",
        {H: source("data:text/html;base64,PHNjcmlwdD4=")},
        [
            f"{H}:7:10: 'url' must be an https:// address (copy the full address from the browser; leave the key out if there is none)"
        ],
    ),
    "quote breaking out of an attribute": (
        "urls",
        {H: source("'https://x.org/\" onmouseover=\"alert(1)'")},
        [
            f"{H}:7:10: 'url' must be an https:// address (copy the full address from the browser; "
            "leave the key out if there is none)"
        ],
    ),
    # --- structure ----------------------------------------------------------------------------
    "list where a mapping belongs": (
        "structure",
        {H: "parties:\n  - [a, b]\n"},
        [f"{H}:2:5: a party must be a mapping of `key: value` lines, not a list"],
    ),
    "timeline question with claims": (
        "structure",
        {
            "facts/questions/who-confirmed.yaml": (WAR_FACTS / "questions" / "who-confirmed.yaml").read_text(encoding="utf-8")
            + "claims:\n  - id: x\n    figure: {hedge: exact, value: 1}\n    sources: [{source: awards-2025-08-22, quote: Q 1.}]\n"
        },
        [
            "facts/questions/who-confirmed.yaml:14:5: question 'who-confirmed' is a timeline; it takes events, not claims "
            "(move the figure to a figures question)"
        ],
    ),
    "claims revising each other": (
        "structure",
        {
            "facts/questions/hostile.yaml": figure("1")
            + (
                "    revises: hostile-2\n  - id: hostile-2\n    figure: {hedge: exact, value: 2}\n    revises: hostile\n"
                "    sources: [{source: awards-2025-08-22, quote: Q 2.}]\n"
            )
        },
        [
            "facts/questions/hostile.yaml:10:14: claims revise each other in a circle starting at 'hostile' "
            "(the oldest claim must have no `revises:`)",
            "facts/questions/hostile.yaml:13:14: claims revise each other in a circle starting at 'hostile-2' "
            "(the oldest claim must have no `revises:`)",
        ],
    ),
    "file name outside the safe alphabet": (
        "structure",
        {"facts/<script>.yaml": "parties: []\n"},
        [
            "facts/<script>.yaml:1:1: file and folder names use lowercase letters, digits, - and _ "
            "(rename it, e.g. killed-or-wounded.yaml)"
        ],
    ),
    # --- paths: what a pull request names, and what the build writes --------------------------
    "file name with a line break": (
        "paths",
        {"facts/bad\nname.yaml": "parties: []\n"},
        ["facts/bad\\nname.yaml:1:1: " + NAME_HINT],
    ),
    "file name with a terminal escape": (
        "paths",
        {"facts/\x1b[2Jx.yaml": "parties: []\n"},
        ["facts/\\x1b[2Jx.yaml:1:1: " + NAME_HINT],
    ),
    "file name that forges a workflow command": (
        "paths",
        {"facts/x\n::error::forged.yaml": "parties: []\n"},
        ["facts/x\\n::error::forged.yaml:1:1: " + NAME_HINT],
    ),
    "slug of the contributor guide": (
        "paths",
        {"facts/questions/hostile.yaml": figure("1").replace("slug: hostile", "slug: contributing")},
        [
            "facts/questions/hostile.yaml:2:9: question 'contributing' would write answers/contributing.md, "
            "which belongs to the contributor guide (choose another slug)"
        ],
    ),
    "slug of the answers index": (
        "paths",
        {"facts/questions/hostile.yaml": figure("1").replace("slug: hostile", "slug: index")},
        [
            "facts/questions/hostile.yaml:2:9: question 'index' would write answers/index.md, "
            "which belongs to the answers folder's own page (MkDocs reads index.md so) (choose another slug)"
        ],
    ),
    "a question listed twice on an event": (
        "structure",
        {
            H: party() + "events:\n  - id: e\n    date: 2024-02-03\n    actor: hostile\n    kind: stated\n"
            "    summary: S.\n    questions: [killed, killed]\n    sources: [{source: awards-2025-08-22, quote: Q.}]\n"
        },
        [f"{H}:11:25: 'killed' is listed twice in 'questions' (first as item 1) (delete one of the two)"],
    ),
    "right-to-left override in a URL": ("urls", {H: source("https://example.org/\u202egpj.exe")}, [URL_LINE]),
    "zero-width space in a URL": ("urls", {H: source("https://exa\u200bmple.org/")}, [URL_LINE]),
    "a URL of 5,000 characters": (
        "urls",
        {H: source("https://example.org/" + "a" * 4980)},
        [f"{H}:7:10: 'url' is 5,000 characters long, more than 2,000 (use the page's short address)"],
    ),
    "Arabic-Indic digits as a figure": (
        "typing",
        {"facts/questions/hostile.yaml": figure("\u0663\u0660\u0660\u0660")},
        ["facts/questions/hostile.yaml:8:35: '\u0663\u0660\u0660\u0660' is not a number (" + NUMBER_HINT + ")"],
    ),
    "full-width digits as a date": (
        "typing",
        {
            "facts/more.yaml": party() + "events:\n  - id: e\n    date: \uff12\uff10\uff12\uff15-\uff10\uff14\n"
            "    actor: hostile\n    kind: stated\n    summary: S.\n    questions: [killed]\n"
            "    sources: [{source: awards-2025-08-22, quote: Q.}]\n"
        },
        [
            "facts/more.yaml:7:11: bad date: '\uff12\uff10\uff12\uff15-\uff10\uff14' is not a date "
            "(write YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-04-28)"
        ],
    ),
    "a figure with more digits than a float holds": (
        "typing",
        {"facts/questions/hostile.yaml": figure("123456789012.1234")},
        [
            "facts/questions/hostile.yaml:8:35: 123456789012.1234 has more than 15 significant digits "
            "(round it as the source does)"
        ],
    ),
}


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    built = site_cli(project)
    assert built.returncode == 0, built.stderr
    return project


def test_corpus_size_and_categories() -> None:
    assert len(CASES) >= 40
    assert {c for c, _, _ in CASES.values()} == {"yaml", "typing", "ids", "text", "urls", "structure", "paths"}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(project: Path, tmp_path: Path, name: str) -> None:
    _, files, expected = CASES[name]
    facts = tmp_path / "facts"
    shutil.copytree(WAR_FACTS, facts)
    for rel, content in files.items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    site_before = tree_hash(project / "site")
    docs_before = tree_hash(project / "docs")
    result = site_cli(project, facts, "--root", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[:-1] == expected
    assert tree_hash(project / "site") == site_before
    assert tree_hash(project / "docs") == docs_before


@pytest.mark.parametrize("link", ["facts/passwd.yaml", "facts/elsewhere"])
def test_symbolic_links_are_refused(project: Path, tmp_path: Path, link: str) -> None:
    shutil.copytree(WAR_FACTS, tmp_path / "facts")
    (tmp_path / link).symlink_to("/etc" if link.endswith("elsewhere") else "/etc/passwd")
    site_before = tree_hash(project / "site")
    result = site_cli(project, tmp_path / "facts", "--root", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{link}:1:1: symbolic links are not allowed in facts/ (commit the file itself)"
    assert "root:" not in result.stderr  # nothing of the target is read
    assert tree_hash(project / "site") == site_before


@pytest.mark.parametrize(
    "page, payload, expected",
    [
        ("about.md", "\n<script>alert(1)</script>\n", "audit: about/index.html: <script> the theme did not write"),
        ("about.md", '\n<img src="x" onerror="alert(1)">\n', "audit: about/index.html: event handler onerror= on <img>"),
        ("about.md", "\n[a broken link](nowhere.md)\n", "WARNING -  Doc file 'about.md' contains a link 'nowhere.md'"),
    ],
    ids=["raw script in a hand-written page", "event handler", "strict mode is strict"],
)
def test_a_failing_build_publishes_nothing(project: Path, page: str, payload: str, expected: str) -> None:
    """Not contributor input, but the same guarantee: MkDocs or the audit fails, the site stays."""
    target = project / "docs" / page
    original = target.read_text(encoding="utf-8")
    site_before = tree_hash(project / "site")
    try:
        target.write_text(original + payload, encoding="utf-8")
        result = site_cli(project)
    finally:
        target.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert result.stderr.splitlines()[-1] == "The site was not changed."
    assert tree_hash(project / "site") == site_before
    assert not list(project.glob(".site.new-*")), "the temporary build was left behind"


@pytest.mark.parametrize("target", ["copy of the facts", "/etc"])
def test_a_symbolic_link_as_the_facts_folder_is_refused(project: Path, tmp_path: Path, target: str) -> None:
    if target == "/etc":
        (tmp_path / "facts").symlink_to("/etc")
    else:
        shutil.copytree(WAR_FACTS, tmp_path / "real")
        (tmp_path / "facts").symlink_to(tmp_path / "real")
    site_before = tree_hash(project / "site")
    result = site_cli(project, tmp_path / "facts", "--root", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        "facts:1:1: the facts folder is a symbolic link (commit the folder itself; fact files are read only from inside it)"
    ]
    assert tree_hash(project / "site") == site_before


def test_annotations_cannot_be_forged_by_a_file_name(tmp_path: Path) -> None:
    """In GitHub Actions every problem is also a `::error` workflow command: a file name
    holding a line break must not start a command line of its own."""
    shutil.copytree(WAR_FACTS, tmp_path / "facts")
    (tmp_path / "facts" / "x\n::warning::forged\n::add-mask::x.yaml").write_text("parties: []\n", encoding="utf-8")
    result = run_cli("check", "--facts", str(tmp_path / "facts"), env={**os.environ, "GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=facts/x\\n%3A%3Awarning%3A%3Aforged\\n%3A%3Aadd-mask%3A%3Ax.yaml,line=1,col=1,title=Fact check::"
        "file and folder names use lowercase letters, digits, - and _ (rename it, e.g. killed-or-wounded.yaml)"
    ]
    assert all(not line.startswith("::") for line in result.stderr.splitlines())
