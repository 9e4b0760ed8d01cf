"""Each measure's charts as static SVG, in a light and a dark variant.

* The estimates chart (estimates_chart.py), shown first: every current estimate on
  one value axis, dated or not, each labelled with who, when and the figure as written.
* The over-time chart (over_time_chart.py), only where a measure has two or more
  estimates with a stated as-of date, and showing only those. A date is drawn over the
  time it covers: a month or a year (or a period) as a horizontal span, a day as a
  point. Hedges are drawn as the hedge table says (`Hedge.marker`, `Hedge.bound`): a
  shape for a single value, an arrow to the open side of a floor or a ceiling, an
  interval for a range. Colour is the claimant; superseded estimates are faded.

Every chart has an alt text that carries each figure with its hedge, unit, claimant
and date, so the chart adds a picture and hides nothing. The table under the charts
stays the accessible source of truth.

Pure: returns SVG text. The output is byte-stable (no date, no random id).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from . import estimates_chart as est
from . import model as m
from . import outputs as out
from . import over_time_chart as ot
from .derive import Derived, MeasureView, value_key
from .i18n import _, current, ngettext
from .words import OWN_LABEL, OWN_STATEMENT, figure, when_text

KINDS = ("estimates", "over-time")
"""The charts of a measure, in the order the page shows them."""
SCHEMES = ("light", "dark")


def _measure_words(measure: m.Measure) -> str:
    """A measure's label inside a sentence: "People killed" -> "people killed", "WHO estimate" stays."""
    label = measure.label
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


def _date_words(claim: m.Claim, derived: Derived) -> str:
    """'Apr 2025', 'date not stated, reported 1 Sep 2025' or 'date not stated'."""
    when = derived.claim_when[claim.id]
    return when_text(when) if when.date else when_text(when, in_prose=True)


# --- the estimates chart ----------------------------------------------------------------------


def rows(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[est.Row]:
    """Every current estimate, dated or not, lowest first (ties by claimant); figures in
    words last."""

    def key(claim: m.Claim) -> tuple:
        return (value_key(claim)[:2], labels[claim.claimant], value_key(claim)[2:])

    return [
        est.Row(
            labels[claim.claimant],
            _date_words(claim, derived),
            figure(claim.figure, view.measure.unit),
            m.HEDGE[claim.figure.hedge].bound,
            claim.figure.bounds,
        )
        for claim in sorted(view.current, key=key)
    ]


def estimates_alt(view: MeasureView, drawn: list[est.Row]) -> str:
    """>>> 'Chart of 2 current estimates of people killed, lowest to highest: 600 people (WHO, Apr 2025); …'"""
    words = _("; in words, not on the axis")
    items = [f"{r.figure} ({_sentence_who(r.who)}, {r.when}{'' if r.bounds else words})" for r in drawn]
    text = ngettext(
        "Chart of {n} current estimate of {measure}: {items}.",
        "Chart of {n} current estimates of {measure}, lowest to highest: {items}.",
        len(drawn),
    ).format(n=len(drawn), measure=_measure_words(view.measure), items="; ".join(items))
    if any(r.bound == "about" and r.bounds for r in drawn):
        text += " " + _(est.BAND_NOTE)
    return text


def _sentence_who(who: str) -> str:
    """Who, inside a sentence of the alt text."""
    return _(OWN_STATEMENT) if who == _(OWN_LABEL) else who


# --- the over-time chart ----------------------------------------------------------------------


def marks(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[ot.Mark]:
    """Every estimate of the measure with a number and a stated as-of date, superseded
    ones included, in time order. The chart is drawn only when there are two or more."""
    found = []
    for claim in view.claims:
        bounds = claim.figure.bounds
        date = derived.claim_when[claim.id].date
        if bounds is None or date is None:
            continue
        hedge = m.HEDGE[claim.figure.hedge]
        found.append(
            ot.Mark(
                claim.id,
                date.start.first,
                (date.end or date.start).last,
                bounds[0],
                bounds[1],
                hedge.bound,
                hedge.marker,
                claim.id in derived.superseded_by,
                labels[claim.claimant],
                date.label(),
                figure(claim.figure, view.measure.unit),
            )
        )
    return found


def over_time_alt(view: MeasureView, plotted: list[ot.Mark]) -> str:
    first, last = min(p.first for p in plotted), max(p.last for p in plotted)
    superseded = _(", superseded")
    items = [f"{p.text} ({_sentence_who(p.who)}, {p.when}{superseded if p.superseded else ''})" for p in plotted]
    return ngettext(
        "Chart of {n} dated estimate of {measure} over time, from {first} to {last}: {items}.",
        "Chart of {n} dated estimates of {measure} over time, from {first} to {last}: {items}.",
        len(plotted),
    ).format(
        n=len(plotted),
        measure=_measure_words(view.measure),
        first=current().month(first.year, first.month),
        last=current().month(last.year, last.month),
        items="; ".join(items),
    )


# --- files, alt texts, cache --------------------------------------------------------------------

CHART_VERSION = "10"
"""Bump when the drawing code changes, so cached charts are redrawn."""


def fingerprint(kind: str, scheme: str, alt: str, drawn: list[est.Row] | list[ot.Mark], view: MeasureView) -> str:
    """Everything a chart shows, hashed: equal fingerprints draw equal SVGs (each embeds
    its alt text as its description)."""
    parts = [CHART_VERSION, kind, scheme, view.measure.label, view.measure.unit, alt]
    parts += [] if current().english else [current().code]  # month names on the axis
    parts += [repr(d) for d in drawn]  # every label, date, figure, bound and value
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Chart:
    """One chart of a measure, before it is drawn in a scheme."""

    kind: str
    alt: str
    drawn: list[est.Row] | list[ot.Mark]

    def svg(self, view: MeasureView, scheme: str) -> str:
        if self.kind == "estimates":
            title = _("Current estimates of {measure}").format(measure=_measure_words(view.measure))
            return est.svg(title, self.alt, view.measure.unit, self.drawn, scheme)  # type: ignore[arg-type]
        return ot.svg(view.measure.label, self.alt, view.measure.unit, self.drawn, scheme)  # type: ignore[arg-type]


def measure_charts(view: MeasureView, derived: Derived, labels: dict[str | None, str]) -> list[Chart]:
    """A measure's charts in the order the page shows them: the estimates chart when any
    current estimate has a number, the over-time chart when they have two or more different
    stated dates (estimates all of one date make no line over time)."""
    found = []
    drawn = rows(view, derived, labels)
    if any(r.bounds for r in drawn):  # figures only in words: nothing to place on an axis
        found.append(Chart("estimates", estimates_alt(view, drawn), drawn))
    plotted = marks(view, derived, labels)
    if len({(mark.first, mark.last) for mark in plotted}) >= 2:
        found.append(Chart("over-time", over_time_alt(view, plotted), plotted))
    return found


def render_charts(
    data: m.Dataset, derived: Derived, cached: Callable[[str], str | None] = lambda _: None
) -> tuple[list[out.Output], dict[tuple[str, str], list[tuple[str, str]]], dict[str, str]]:
    """Every chart file; for each charted measure, ``(question slug, measure id) -> [(kind,
    alt text)]`` in the order the page shows them; and each file's fingerprint.
    ``cached(fingerprint)`` returns an SVG drawn before, so a chart whose inputs did not
    change is never drawn again."""
    labels: dict[str | None, str] = {p.id: p.label for p in data.parties} | {None: _(OWN_LABEL)}
    files: list[out.Output] = []
    alts: dict[tuple[str, str], list[tuple[str, str]]] = {}
    prints: dict[str, str] = {}
    for view in derived.questions:
        owner = out.question_owner(view.question)
        for mv in view.measures:
            found = measure_charts(mv, derived, labels)
            if found:
                alts[(view.question.slug, mv.measure.id)] = [(c.kind, c.alt) for c in found]
            for chart in found:
                for scheme in SCHEMES:
                    name = out.chart(view.question.slug, mv.measure.id, chart.kind, scheme)
                    prints[name] = fingerprint(chart.kind, scheme, chart.alt, chart.drawn, mv)
                    files.append(out.Output(name, cached(prints[name]) or chart.svg(mv, scheme), owner))
    return files, alts, prints
