"""Units for any topic: money with its currency mark before the number, shares with "%"
joined to it, figures in words joined to their unit as English joins them, and big
figures printed exactly; the same in the page, the answer, the charts and the JSON-LD."""

from __future__ import annotations

import doctest
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from factsite import estimates_chart as est
from factsite import kinds, words
from factsite import model as m
from factsite import outputs as out
from factsite.kinds import MAX_NUMBER, UNIT_PATTERN, Invalid, Number, Text, currency_mark
from factsite.words import OF_WORDS, Unit, figure, quantity
from tests.conftest import ROOT, copy_project, generate_into, mkdocs_build, write_tree

UNIT_KIND = next(f.metadata["kind"] for f in m.spec_fields(m.Measure) if f.name == "unit")
SVG = "{http://www.w3.org/2000/svg}"


def fig(hedge: str = "exact", **values: object) -> m.Figure:
    return m.Figure(hedge=hedge, **values)  # type: ignore[arg-type]


# --- the wording ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "figure_, unit, expected",
    [
        # money: the mark before the number, no space; once before a range; the rest after
        (fig(value=8_700_000_000), "US$", "US$8.7 billion"),
        (fig(value=480_000_000), "€", "€480 million"),
        (fig("about", low=10000, high=12000), "US$", "about US$10,000–12,000"),
        (fig("up to", value=6_000_000), "£", "up to £6 million"),
        (fig(value=8_700_000_000), "US$ in damage", "US$8.7 billion in damage"),
        (fig(value=1500), "HK$", "HK$1,500"),
        (fig("at least", value=2.5), "A$ per litre", "at least A$2.5 per litre"),
        (fig(value=12_000_000), "₴ in aid", "₴12 million in aid"),
        (
            fig("about", value=2_000_000_000, out_of=8_700_000_000),
            "US$ in damage",
            "about US$2 billion of US$8.7 billion in damage",
        ),
        # percent: "%" joined to the number, after a range; "percent" stays a word
        (fig(value=45), "%", "45%"),
        (fig("range", low=40, high=45), "%", "40–45%"),
        (fig("about", value=45), "% of buildings", "about 45% of buildings"),
        (fig(value=100), "percent of the shells used", "100 percent of the shells used"),
        # figures in words: "of" after number-nouns and fractions, not after adjectives
        (fig(words="hundreds"), "people", "hundreds of people"),
        (fig(words="a third"), "buildings", "a third of buildings"),
        (fig(words="dozens"), "missiles", "dozens of missiles"),
        (fig(words="hundreds of thousands"), "people", "hundreds of thousands of people"),
        (fig(words="two thirds"), "voters", "two thirds of voters"),
        (fig(words="a handful"), "drones", "a handful of drones"),
        (fig(words="several dozen"), "ballistic missiles", "several dozen ballistic missiles"),
        (fig(words="a few hundred"), "troops", "a few hundred troops"),
        (fig(words="several"), "people", "several people"),
        (fig(words="Hundreds"), "people", "Hundreds of people"),
        # ... never "of" twice; a share in words drops the "%" (the words say the share)
        (fig(words="a third"), "of buildings", "a third of buildings"),
        (fig(words="about a third"), "% of buildings", "about a third of buildings"),
        (fig(words="about a third"), "%", "about a third"),
        (fig(words="a third"), "percent of buildings", "a third of buildings"),
        # ... money in words: the mark stays in front, as a label
        (fig(words="several billion"), "US$ in damage", "US$ several billion in damage"),
        (fig(words="several"), "", "several"),
        # units as before
        (fig("about", value=4700, out_of=15000), "soldiers", "about 4,700 of 15,000 soldiers"),
        (fig(words="several dozen", out_of=300), "tanks", "several dozen of 300 tanks"),
    ],
)
def test_a_figure_is_written_with_its_unit_where_english_puts_it(figure_: m.Figure, unit: str, expected: str) -> None:
    assert figure(figure_, unit) == expected


@pytest.mark.parametrize("hedge", m.HEDGE_TABLE, ids=lambda h: h.name)
@pytest.mark.parametrize(
    "unit, value, low, high, single, pair, rest",
    [
        ("US$ in damage", 8.7e9, 8.7e9, 9e9, "US$8.7 billion", "US$8.7 billion–9 billion", " in damage"),
        ("€", 8.7e9, 8.7e9, 9e9, "€8.7 billion", "€8.7 billion–9 billion", ""),
        ("% of buildings", 45, 40, 45, "45%", "40–45%", " of buildings"),
        ("%", 45, 40, 45, "45%", "40–45%", ""),
        ("troops", 15000, 10000, 12000, "15,000", "10,000–12,000", " troops"),
    ],
)
def test_every_hedge_wraps_the_amount_with_its_mark_and_sign(
    hedge: m.Hedge, unit: str, value: float, low: float, high: float, single: str, pair: str, rest: str
) -> None:
    if hedge.takes_value:
        assert figure(fig(hedge.name, value=value), unit) == hedge.template.format(single) + rest
    if hedge.takes_range:
        assert figure(fig(hedge.name, low=low, high=high), unit) == hedge.template.format(pair) + rest


@pytest.mark.parametrize("word", sorted(OF_WORDS))
def test_every_of_word_takes_of(word: str) -> None:
    assert figure(fig(words=f"about {word}"), "people") == f"about {word} of people"
    assert figure(fig(words=f"about {word}"), "of the people") == f"about {word} of the people"


@pytest.mark.parametrize("words", ["several dozen", "a dozen", "a few hundred", "several", "many", "most", "a hundred"])
def test_number_adjectives_take_no_of(words: str) -> None:
    assert figure(fig(words=words), "people") == f"{words} people"


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("US$ in damage", Unit("US$", "", "in damage")),
        ("$", Unit("$", "", "")),
        ("HK$", Unit("HK$", "", "")),
        ("€ of aid", Unit("€", "", "of aid")),
        ("%", Unit("", "%", "")),
        ("% of buildings", Unit("", "%", "of buildings")),
        ("%age", Unit("", "", "%age")),
        ("percent of shells", Unit("", "", "percent of shells")),
        ("troops", Unit("", "", "troops")),
        ("", Unit("", "", "")),
    ],
)
def test_a_unit_is_split_where_the_figure_goes(unit: str, expected: Unit) -> None:
    assert Unit.of(unit) == expected


@pytest.mark.parametrize(
    "unit, mark",
    [("US$", "US$"), ("$", "$"), ("€", "€"), ("£", "£"), ("¥", "¥"), ("₴", "₴"), ("A$", "A$"), ("HK$", "HK$"), ("C$", "C$")]
    + [("US$ in damage", "US$"), ("USD", ""), ("dollars", ""), ("$5", ""), ("US$$$ x", ""), ("in $", ""), ("", "")],
)
def test_a_currency_mark_is_one_short_word_with_a_currency_symbol(unit: str, mark: str) -> None:
    assert currency_mark(unit) == mark


def _guide_rows() -> list[tuple[str, dict[str, str], str]]:
    """CONTRIBUTING.md's table of units: (unit, figure keys, what the site shows)."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Units", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 4 and cells[2].startswith("`hedge:"):
            keys = dict(part.strip("` ").split(": ", 1) for part in cells[2].split(","))
            rows.append((cells[1].strip("`"), keys, cells[3]))
    return rows


@pytest.mark.parametrize("unit, keys, shown", _guide_rows(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_guide_shows_what_the_site_writes(unit: str, keys: dict[str, str], shown: str) -> None:
    values = {k: v if k in ("hedge", "words") else float(v) for k, v in keys.items()}
    assert UNIT_KIND.read(unit, "unit") == unit
    assert figure(fig(**values), unit) == shown


def test_the_guide_has_a_units_table() -> None:
    assert len(_guide_rows()) >= 6


@pytest.mark.parametrize("module", [words, kinds], ids=lambda module: module.__name__)
def test_the_examples_in_the_docstrings_hold(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


# --- what a contributor may write ------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["US$", "US$ in damage", "€", "£ in aid", "¥", "₴", "A$", "HK$", "C$", "% of buildings"])
def test_a_unit_may_start_with_a_currency_mark(unit: str) -> None:
    assert UNIT_KIND.read(unit, "unit") == unit
    assert re.fullmatch(UNIT_PATTERN, unit)


@pytest.mark.parametrize(
    "unit, message",
    [
        ("in damage $", "'unit' has a currency symbol outside a currency mark at its start: $"),
        ("US$$$ x", "'unit' has a currency symbol outside a currency mark at its start: $"),
        ("US$ or €", "'unit' has a currency symbol outside a currency mark at its start: €"),
        ("$<b>", "'unit' contains characters not allowed in a title: < >"),
        ("US$ *bold*", "'unit' contains characters not allowed in a title: *"),
        ("troops_sent", "'unit' contains characters not allowed in a title: _"),
    ],
)
def test_a_currency_symbol_is_allowed_only_in_the_mark(unit: str, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        UNIT_KIND.read(unit, "unit")
    assert caught.value.message == message


@pytest.mark.parametrize(
    "kind", [m.Text(40, heading_safe=True), *(f.metadata["kind"] for f in m.spec_fields(m.Measure) if f.name == "label")]
)
def test_other_titles_still_refuse_every_currency_symbol(kind: m.Text) -> None:
    with pytest.raises(Invalid, match="not allowed in a title: \\$"):
        kind.read("US$ in damage", "label")


def test_the_schema_lets_through_what_the_loader_allows() -> None:
    schema = json.loads((ROOT / "schema" / out.SCHEMA).read_text(encoding="utf-8"))
    unit = schema["$defs"]["Measure"]["properties"]["unit"]
    label = schema["$defs"]["Measure"]["properties"]["label"]
    assert unit["pattern"] == UNIT_PATTERN
    assert Draft202012Validator(unit).is_valid("US$ in damage") and not Draft202012Validator(label).is_valid("US$")
    assert not Draft202012Validator(unit).is_valid("US$ <b>")


# --- big figures: exact everywhere ---------------------------------------------------------------


def _read_back(printed: str, unit: str = "") -> Decimal:
    parts = Unit.of(unit)
    assert printed.startswith(parts.mark) and printed.endswith(parts.sign)
    digits, _, word = printed[len(parts.mark) : len(printed) - len(parts.sign)].replace(",", "").partition(" ")
    return Decimal(digits) * {"": 1, "million": 10**6, "billion": 10**9}[word]


@pytest.mark.parametrize("text", ["8700000000", "999999900000", "123456789012.125", "0.000001", str(MAX_NUMBER), "45.5"])
@pytest.mark.parametrize("unit", ["US$", "% of buildings", "troops"])
def test_a_quantity_keeps_every_digit_up_to_the_cap(text: str, unit: str) -> None:
    assert _read_back(quantity(Number().read(text, "value"), unit), unit) == Decimal(text)


def test_chart_axes_label_ticks_as_the_page_writes_amounts() -> None:
    end, ticks = est.axis(8_700_000_000, "US$")
    assert [quantity(t, "US$") for t in ticks] == ["US$0", "US$5 billion"]
    end, ticks = est.axis(45, "% of buildings")
    assert [quantity(t, "% of buildings") for t in ticks] == ["0%", "20%", "40%"]


# --- end to end: the real CLI on a fact tree of any topic ------------------------------------------

SLUG = "quake"
FACTS = {
    "parties.yaml": """
        parties:
          - {id: agency, name: Disaster Agency, kind: government}
          - {id: bank, name: World Bank, kind: expert}
    """,
    "sources.yaml": """
        sources:
          - {id: s1, title: First report, publisher: Daily, published: 2025-03-02, language: en}
          - {id: s2, title: Second report, publisher: Weekly, published: 2025-06-10, language: en}
    """,
    f"questions/{SLUG}.yaml": f"""
        question:
          slug: {SLUG}
          ask: How much did the earthquake destroy?
          order: 1
          measures:
            - {{id: damage, label: Damage, unit: US$ in damage}}
            - {{id: share, label: Buildings destroyed, unit: "% of buildings"}}
            - {{id: homeless, label: Left homeless, unit: people}}
        claims:
          - id: damage-bank
            measure: damage
            claimant: bank
            as_of: 2025-03
            figure: {{hedge: exact, value: 8700000000}}
            sources: [{{source: s1, quote: US$8.7 billion in damage.}}]
          - id: damage-agency
            measure: damage
            claimant: agency
            as_of: 2025-06
            figure: {{hedge: at least, value: 6000000000}}
            sources: [{{source: s2, quote: At least $6 billion.}}]
          - id: share-agency
            measure: share
            claimant: agency
            as_of: 2025-03
            figure: {{hedge: exact, value: 45}}
            sources: [{{source: s1, quote: 45% of buildings.}}]
          - id: share-bank
            measure: share
            claimant: bank
            as_of: 2025-06
            figure: {{hedge: range, low: 50, high: 55}}
            sources: [{{source: s2, quote: 50 to 55 percent.}}]
          - id: homeless-agency
            measure: homeless
            claimant: agency
            figure: {{hedge: exact, words: hundreds}}
            sources: [{{source: s1, quote: Hundreds of people were left homeless.}}]
    """,
}


def _svg_texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    facts = write_tree(tmp_path_factory.mktemp("units-facts") / "facts", FACTS)
    project = copy_project(tmp_path_factory.mktemp("units-project"), facts)
    generate_into(project)
    return project


def test_the_page_writes_money_shares_and_words_as_a_reader_says_them(project: Path) -> None:
    page = (project / "docs" / "answers" / out.question_page(SLUG)).read_text(encoding="utf-8")
    shown = unescape(page)  # the Markdown escapes "$" as &#36; a reader sees "$"
    answer = shown.split("## ", 1)[0]  # the answer sentences
    for text in ("US$8.7 billion in damage", "at least US$6 billion in damage", "45% of buildings", "50–55% of buildings"):
        assert text in answer and text in shown.split("## Damage", 1)[1]
    assert "hundreds of people" in answer
    for wrong in ("8700 million", "8,700 million", "8,700,000,000", "hundreds people", "45 %", "US$ 8"):
        assert wrong not in shown
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    texts = {part["text"] for part in ld["hasPart"]}
    assert {
        "Damage: US$8.7 billion in damage",
        "Buildings destroyed: 45% of buildings",
        "Left homeless: hundreds of people",
    } <= texts


def test_the_data_keeps_big_figures_as_exact_numbers(project: Path) -> None:
    text = (project / "docs" / "answers" / out.question_data(SLUG, "json")).read_text(encoding="utf-8")
    rows = {row["id"]: row for row in json.loads(text)["claims"]}
    assert rows["damage-bank"]["value"] == 8_700_000_000 and '"value": 8700000000,' in text
    assert rows["damage-bank"]["unit"] == "US$ in damage" and rows["homeless-agency"]["words"] == "hundreds"


def test_the_charts_write_amounts_as_the_page_does(project: Path) -> None:
    answers = project / "docs" / "answers"

    def texts(measure: str, kind: str) -> list[str]:
        return _svg_texts((answers / out.chart(SLUG, measure, kind, "light")).read_text(encoding="utf-8"))

    damage = texts("damage", "estimates")
    assert "US$8.7 billion in damage" in damage and "at least US$6 billion in damage" in damage
    assert "US$0" in damage and "US$5 billion" in damage  # the axis, in the page's words
    over_time = texts("damage", "over-time")
    ticks = [t for t in over_time if re.fullmatch(r"US\$[0-9.,]+(?: billion| million)?", t)]
    assert "US$0" in ticks and len(ticks) >= 3 and all(_read_back(t, "US$") % 10**8 == 0 for t in ticks)
    assert "US$ in damage" in over_time  # the title: the unit as written
    share = texts("share", "estimates") + texts("share", "over-time")
    assert "45% of buildings" in share and "50–55% of buildings" in share and "0%" in share
    svg = "\n".join(t for measure in ("damage", "share") for kind in ("estimates", "over-time") for t in texts(measure, kind))
    assert "8700 million" not in svg and "8,700,000,000" not in svg and "e+" not in svg
    alt = ET.fromstring((answers / out.chart(SLUG, "damage", "estimates", "light")).read_text(encoding="utf-8")).find(
        f"{SVG}desc"
    )
    assert alt is not None and "US$8.7 billion in damage (World Bank, Mar 2025)" in "".join(alt.itertext())
    assert not (answers / out.chart(SLUG, "homeless", "estimates", "light")).exists()  # words only: nothing to draw


def test_the_built_site_shows_the_dollar_sign(project: Path) -> None:
    built = mkdocs_build(project, project / "site")
    assert built.returncode == 0, built.stderr
    html = unescape((project / "site" / "answers" / SLUG / "index.html").read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", "", html)
    assert "US$8.7 billion in damage" in text and "hundreds of people" in text and "45% of buildings" in text


@pytest.mark.parametrize("unit", ["$$", "$$ in x", "$US", "€$", "U$S"])
def test_a_mark_is_letters_then_one_currency_symbol(unit: str) -> None:
    with pytest.raises(Invalid) as caught:
        Text(40, heading_safe=True, currency=True).read(unit, "unit")
    assert "currency symbol outside a currency mark" in caught.value.message


@pytest.mark.parametrize("unit", ["$", "$ in damage"])
def test_a_bare_dollar_sign_must_say_which_dollar(unit: str) -> None:
    with pytest.raises(Invalid) as caught:
        Text(40, heading_safe=True, currency=True).read(unit, "unit")
    assert caught.value.message == "'unit' starts with '$', which several currencies use"
    assert "`US$`" in caught.value.hint
