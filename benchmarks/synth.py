"""A synthetic fact tree of any size, shaped like the shipped one. Deterministic (seeded).

    python benchmarks/synth.py OUT_DIR --questions 1000 --claims 10000 [--seed 1]

Writes OUT_DIR/facts/ with parties.yaml, sources.yaml, events.yaml and one file per
question: every hedge, every date precision (and "before", periods, unstated),
several measures per question, revisions, timeline questions, long and
non-ASCII text. Values are written as JSON strings, which YAML reads verbatim.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

from factsite.load import default_vocabulary
from factsite.model import HEDGES as ALL_HEDGES

HEDGES = tuple(h for h in ALL_HEDGES if h != "range")  # a range is drawn as low and high below
KINDS = default_vocabulary().names("party_kinds")
EVENT_KINDS = default_vocabulary().names("event_kinds")
WORDS = (
    "troops",
    "soldiers",
    "brigade",
    "Kursk",
    "front",
    "estimate",
    "intelligence",
    "ministry",
    "officials",
    "Pyongyang",
    "Moscow",
    "Kyiv",
    "Seoul",
    "casualties",
    "reinforcements",
    "shells",
    "missiles",
    "report",
    "Ünterstützung",
    "Курск",
    "평양",
    "부대",
    "Україна",
    "déploiement",
    "estimación",
)
MODELINE = "# yaml-language-server: $schema=../{}schema/fact-file.schema.json\n"


@dataclass(frozen=True)
class Size:
    questions: int
    claims: int
    events: int
    sources: int
    parties: int


PRESETS = {
    "1x": Size(5, 18, 17, 5, 25),
    "10x": Size(50, 180, 170, 50, 250),
    "100x": Size(500, 1800, 1700, 500, 2500),
    "3k": Size(333, 3333, 333, 333, 500),
    "10k": Size(1000, 10000, 1000, 1000, 500),
}


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class Synth:
    def __init__(self, size: Size, seed: int) -> None:
        self.size = size
        self.rng = random.Random(seed)

    def text(self, lo: int, hi: int) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]
        return " ".join(words).capitalize() + "."

    def date(self, allow_none: bool = True) -> str | None:
        r = self.rng.random()
        year = self.rng.randint(2023, 2026)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        if allow_none and r < 0.15:
            return None
        if r < 0.45:
            return f"{year}-{month:02d}-{day:02d}"
        if r < 0.75:
            return f"{year}-{month:02d}"
        if r < 0.85:
            return str(year)
        if r < 0.93:
            return f"before {year}-{month:02d}-{day:02d}"
        return f"{year}-{month:02d}/{year + 1}-{month:02d}"

    def parties(self) -> str:
        lines = ["parties:"]
        for i in range(self.size.parties):
            lines += [
                f"  - id: party-{i:05d}",
                f"    name: {q('Party ' + str(i) + ' ' + self.text(2, 6))}",
                f"    kind: {q(self.rng.choice(KINDS))}",
            ]
            if i % 3 == 0:
                lines.append(f"    short_name: {q('P' + str(i))}")
            if i % 4 == 0:
                lines.append(f"    country: {q(self.rng.choice(['Ukraine', 'Russia', 'South Korea', 'North Korea']))}")
            if i % 7 == 0:
                lines.append(f"    note: {q(self.text(10, 40))}")
        return "\n".join(lines) + "\n"

    def sources(self) -> str:
        lines = ["sources:"]
        for i in range(self.size.sources):
            lines.append(f"  - id: source-{i:05d}")
            lines.append(f"    {'title' if i % 3 else 'descriptive_title'}: {q(self.text(4, 14))}")
            lines.append(f"    publisher: {q('unknown' if i % 5 == 0 else 'Publisher ' + str(i % 97))}")
            lines.append(f"    published: {q(self.date() or 'unknown')}")
            lines.append(f"    language: {q(self.rng.choice(['en', 'uk', 'ko', 'ru']))}")
            if i % 2 == 0:
                lines.append(f"    url: {q(f'https://example.org/news/{i}')}")
            if i % 4 == 0:
                lines.append(f"    authors: [{q('Author ' + str(i))}]")
            if i % 6 == 0:
                lines.append(f"    relays: [party-{i % self.size.parties:05d}]")
        return "\n".join(lines) + "\n"

    def citation(self, states: str = "") -> list[str]:
        """A citation whose quote, for a claim, ``states`` its figure ("at least 1234"), as
        `check` requires; the colon keeps a random word from reading as a hedge."""
        quote = self.text(8, 30) + (f": {states}." if states else "")
        return [f"      - source: source-{self.rng.randrange(self.size.sources):05d}", f"        quote: {q(quote)}"]

    def events(self, timeline_slugs: list[str], figure_slugs: list[str]) -> str:
        lines = ["events:"]
        for i in range(self.size.events):
            slug = (timeline_slugs or figure_slugs)[i % len(timeline_slugs or figure_slugs)]
            lines += [
                f"  - id: event-{i:05d}",
                f"    actor: party-{self.rng.randrange(self.size.parties):05d}",
                f"    kind: {q(self.rng.choice(EVENT_KINDS))}",
                f"    summary: {q(self.text(6, 20))}",
                f"    questions: [{slug}]",
            ]
            date = self.date()
            if date:
                lines.append(f"    date: {q(date)}")
            lines.append("    sources:")
            lines += self.citation()
        return "\n".join(lines) + "\n"

    def question(self, index: int, claims: int, timeline: bool) -> str:
        slug = f"q-{index:05d}"
        lines = [
            "question:",
            f"  slug: {slug}",
            f"  ask: {q(f'How many troops were counted in case {index}?')}",
            f"  order: {index + 1}",
        ]
        if timeline:
            return "\n".join(lines + ["  kind: timeline"]) + "\n"
        measures = 1 + index % 3
        lines.append("  measures:")
        for m in range(measures):
            lines += [f"    - id: m{m}", f"      label: {q(f'Measure {m} of case {index}')}", "      unit: troops"]
        lines += ["  definitions:", f"    - {q(self.text(10, 30))}", "claims:"]
        for c in range(claims):
            ident = f"{slug}-c{c:04d}"
            lines += [f"  - id: {ident}", f"    measure: m{c % measures}"]
            hedge = self.rng.choice(HEDGES + ("range",))
            base = self.rng.randint(100, 50000)
            if hedge == "range":
                high = base + self.rng.randint(1, 5000)
                lines.append(f"    figure: {{hedge: range, low: {base}, high: {high}}}")
                states = f"{base} to {high}"
            else:
                lines.append(f"    figure: {{hedge: {q(hedge)}, value: {base}}}")
                states = str(base) if hedge == "exact" else f"{hedge} {base}"
            date = self.date()
            if date:
                lines.append(f"    as_of: {q(date)}")
            if c % 5:
                lines.append(f"    claimant: party-{self.rng.randrange(self.size.parties):05d}")
            if c % 9 == 0:
                lines.append(f"    cited: [party-{self.rng.randrange(self.size.parties):05d}]")
            if c % 11 == 0:
                lines += ["    scope:", f"      place: {q(self.text(1, 3))}"]
            if c >= measures and c % 3 == 0:
                lines.append(f"    revises: {slug}-c{c - measures:04d}")
            if c % 4 == 0:
                lines.append(f"    note: {q(self.text(20, 60))}")
            lines.append("    sources:")
            lines += self.citation(states)
        return "\n".join(lines) + "\n"


def write_tree(out: Path, size: Size, seed: int = 1) -> Path:
    synth = Synth(size, seed)
    facts = out / "facts"
    (facts / "questions").mkdir(parents=True, exist_ok=True)
    timeline = {i for i in range(size.questions) if i % 50 == 49}
    figure_q = [i for i in range(size.questions) if i not in timeline] or [0]
    per = [size.claims // len(figure_q)] * len(figure_q)
    for i in range(size.claims - sum(per)):
        per[i] += 1
    counts = dict(zip(figure_q, per, strict=True))
    for i in range(size.questions):
        text = MODELINE.format("../") + synth.question(i, counts.get(i, 0), i in timeline)
        (facts / "questions" / f"q-{i:05d}.yaml").write_text(text, encoding="utf-8")
    (facts / "parties.yaml").write_text(MODELINE.format("") + synth.parties(), encoding="utf-8")
    (facts / "sources.yaml").write_text(MODELINE.format("") + synth.sources(), encoding="utf-8")
    slugs = [f"q-{i:05d}" for i in sorted(timeline)]
    (facts / "events.yaml").write_text(
        MODELINE.format("") + synth.events(slugs, [f"q-{i:05d}" for i in figure_q]), encoding="utf-8"
    )
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--preset", choices=sorted(PRESETS), default="1x")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(write_tree(args.out, PRESETS[args.preset], args.seed))


if __name__ == "__main__":
    main()
