"""Problems found in fact files, and the one exception that carries them out.

Inside the package every check appends a `Problem`; only the command line turns
them into text, so the wording lives in one place and tests can pin it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Loc


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where it is, and how to fix it."""

    loc: Loc
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.loc}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class FactsError(Exception):
    """The fact files have problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the fact files")
