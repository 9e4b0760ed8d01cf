"""Problems found in fact files, and the one exception that carries them out.

Inside the package every check appends a `Problem`; only the command line turns
them into text, so the wording lives in one place and tests can pin it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .model import Loc


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong, where it is, and how to fix it.

    Always one line: contributor text echoed in a message (an unknown key, a bad
    value) has its line breaks and invisible characters written as escapes.
    """

    loc: Loc
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        # The path too: a file name may hold a line break or an escape sequence.
        object.__setattr__(self, "loc", Loc(one_line(self.loc.path), self.loc.line, self.loc.col))
        object.__setattr__(self, "message", one_line(self.message))
        object.__setattr__(self, "hint", one_line(self.hint))

    def __str__(self) -> str:
        return f"{self.loc}: {self.text}"

    @property
    def text(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the pull request's diff."""
        return (
            f"::error file={_escape(self.loc.path, True)},line={self.loc.line},col={self.loc.col},"
            f"title=Fact check::{_escape(self.text)}"
        )


def _escape(value: str, in_property: bool = False) -> str:
    """Escape a workflow-command value the way the Actions runner unescapes it."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if in_property else value


def one_line(text: str) -> str:
    """Control and invisible characters as escapes (\\n, \\u202e): a message is one line."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text
    )


class FactsError(Exception):
    """The fact files have problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(f"{len(self.problems)} problem(s) in the fact files")
