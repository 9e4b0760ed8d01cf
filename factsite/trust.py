"""Which files a pull request may touch together: fact files are data, the rest is code.

A pull request that changes fact files must not also change code or configuration
(mkdocs.yml is loaded by MkDocs with PyYAML's unsafe loader; hooks/ and factsite/
run during the build; the workflows run in CI). Code changes go in their own pull
request, which CODEOWNERS sends to a maintainer for review.

Standard library only, so CI can run it before installing anything:

    git diff --name-only main...HEAD | python3 -m factsite.trust

    >>> scope_problems(["facts/events.yaml", "mkdocs.yml"])
    ['mkdocs.yml: a pull request that changes fact files cannot also change code or configuration']
"""

from __future__ import annotations

import fnmatch
import sys

DATA = ("facts/",)
"""Paths contributors change freely (reviewed as data)."""

CODE = (
    "mkdocs.yml",
    "mkdocs.*.yml",  # a language edition's configuration (mkdocs.uk.yml), matched as a pattern
    "hooks/",
    "overrides/",
    "factsite/",
    "build_facts.py",
    ".github/",
    ".ci/",
    "Makefile",
    "requirements.txt",
    "requirements-dev.txt",
    "pyproject.toml",
    ".pre-commit-config.yaml",
    "tools/",
    "docs/assets/",
    "schema/",
    "facts/vocabulary.yaml",  # the site's kinds: it changes the schemas, so it is a maintainer's change
    # The sources' saved copies (the folder `init` gives a new site): a copy vouches for
    # every quote found in it, so a stranger adding a quote and a "copy" holding it in one
    # pull request would make the site say "verified". A maintainer captures copies.
    "snapshots/",
)
"""Paths that run, configure or publish code: a maintainer reviews every change."""


def is_code(path: str) -> bool:
    folders = tuple(p for p in CODE if p.endswith("/"))
    return path.startswith(folders) or path in CODE or any(fnmatch.fnmatchcase(path, p) for p in CODE if "*" in p)


def scope_problems(changed: list[str]) -> list[str]:
    """Problems with a pull request's list of changed paths (empty when its scope is fine)."""
    if not any(path.startswith(DATA) and not is_code(path) for path in changed):
        return []
    return [
        f"{path}: a pull request that changes fact files cannot also change code or configuration"
        for path in sorted(changed)
        if is_code(path)
    ]


def main() -> int:
    problems = scope_problems(sys.stdin.read().split())
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("Split the pull request: facts in one, code in another (code needs a maintainer's review).", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
