#!/usr/bin/env python3
"""Turn the YAML fact files into the site's Markdown pages.

    python build_facts.py            # check facts/ and write docs/answers/
    python build_facts.py check      # check only; write nothing

Problems are printed one per line as FILE:LINE:COL: message (how to fix), and the
exit status is 1. Exit status 2 means the command itself was misused or failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factsite.errors import FactsError
from factsite.pipeline import check, generate
from factsite.write import WriteError

ROOT = Path(__file__).resolve().parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "check"),
        default="build",
        help="build (default): check and write pages; check: check only",
    )
    parser.add_argument("--facts", type=Path, default=ROOT / "facts", help="folder of fact files (default: facts/)")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "answers", help="folder for generated pages (default: docs/answers/)"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        help="paths in messages are shown relative to this folder (default: the facts folder's parent)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not args.facts.is_dir():
        print(f"build_facts.py: no facts folder at {args.facts}", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            dataset = check(args.facts, args.root)
            if not args.quiet:
                print(
                    f"ok: {len(dataset.questions)} questions, {len(dataset.claims)} claims, "
                    f"{len(dataset.events)} events, {len(dataset.sources)} sources, {len(dataset.parties)} parties"
                )
            return 0
        report = generate(args.facts, args.out, args.root)
    except FactsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"build_facts.py: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"pages: {len(report.written)} written, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed in {args.out}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
