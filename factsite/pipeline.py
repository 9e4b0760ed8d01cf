"""The steps in order: load -> validate -> derive -> render -> write.

Each function raises `FactsError` with every problem found, before anything is
written; the command line turns that into messages.
"""

from __future__ import annotations

from pathlib import Path

from .derive import Derived, derive
from .errors import FactsError
from .load import load
from .model import Dataset
from .render import render_site
from .validate import build_dataset
from .write import WriteReport, write_pages


def check(facts_dir: Path, root: Path | None = None) -> Dataset:
    """Load and validate every fact file; the Dataset, or FactsError with all problems."""
    loaded = load(facts_dir, root)
    problems = list(loaded.problems)
    try:
        dataset = build_dataset(loaded)
    except FactsError as exc:
        problems.extend(exc.problems)
    if problems:
        raise FactsError(problems)
    return dataset


def pages(facts_dir: Path, root: Path | None = None) -> tuple[Dataset, Derived, dict[str, str]]:
    dataset = check(facts_dir, root)
    derived = derive(dataset)
    return dataset, derived, render_site(dataset, derived)


def generate(facts_dir: Path, out_dir: Path, root: Path | None = None) -> WriteReport:
    """Regenerate the Markdown pages in ``out_dir`` from ``facts_dir``."""
    _, _, rendered = pages(facts_dir, root)
    return write_pages(out_dir, rendered)
