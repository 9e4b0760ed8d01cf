#!/usr/bin/env python3
"""Turn the YAML fact files into the site's Markdown pages.

    python build_facts.py            # check facts/ and write docs/answers/
    python build_facts.py check      # check only; write nothing
    python build_facts.py sync       # refresh schema/ and CONTRIBUTING.md's field reference
    python build_facts.py serve      # serve on 127.0.0.1:8000, regenerating as facts change
    python build_facts.py site       # build, audit and atomically publish site/
    python build_facts.py verify     # find every quote in its source's saved copy (offline)
    python build_facts.py capture    # save sources' pages as snapshots (needs the network)

Problems are printed one per line as FILE:LINE:COL: message (how to fix), and the
exit status is 1. Exit status 2 means the command itself was misused or failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

# Only what `check` needs is imported here: the CI job that checks fact files installs
# PyYAML alone. Pages, charts, the site build and the preview load when asked for.
from factsite.errors import FactsError, Problem
from factsite.pipeline import check, generate, snapshot_folder, sync, translation_warnings, verify_quotes
from factsite.write import WriteError

ROOT = Path(__file__).resolve().parent


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "check", "sync", "serve", "site", "init", "verify", "capture"),
        default="build",
        help="build (default): check and write pages; check: check only; "
        "sync: refresh schema/ and the guide's field reference; "
        "serve: build, serve the site and rebuild whenever a fact file changes; "
        "site: build, audit and publish the static site into --site-dir; "
        "init: start a new fact site in the empty folder DIR; "
        "verify: check every quote against its source's saved copy (--snapshots); "
        "capture: save the pages of the sources named (or of every source without a snapshot)",
    )
    parser.add_argument(
        "targets", nargs="*", help="init: the folder for the new site (new or empty); capture: ids of the sources to capture"
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
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="folder with mkdocs.yml and CONTRIBUTING.md (default: this one)"
    )
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="serve: address to serve on")
    parser.add_argument(
        "--stale-after-days", type=int, default=365, help="mark a question whose newest figure is older than this (default 365)"
    )
    parser.add_argument(
        "--site-url", default=os.environ.get("SITE_URL") or None, help="the published address, for citations (default: $SITE_URL)"
    )
    parser.add_argument("--site-dir", type=Path, default=None, help="site: where the site goes (default: site/ in --project)")
    parser.add_argument(
        "--snapshots",
        type=Path,
        default=None,
        help="verify, capture, build, site: the folder of the sources' saved texts "
        "(default: extra.factsite.snapshots in mkdocs.yml)",
    )
    parser.add_argument("--explain", action="store_true", help="verify: list the quotes that needed normalising, and how")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    return parser.parse_intermixed_args(argv)  # ids after options too: `capture --snapshots DIR some-id`


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "init":
        if len(args.targets) > 1:
            print("build_facts.py: init takes one folder: python build_facts.py init DIR", file=sys.stderr)
            return 2
        return init_site(Path(args.targets[0]) if args.targets else None)
    if args.targets and args.command != "capture":
        print(f"build_facts.py: '{args.command}' takes no folder argument (did you mean --facts?)", file=sys.stderr)
        return 2
    if not args.facts.is_dir():
        print(f"build_facts.py: no facts folder at {args.facts}", file=sys.stderr)
        return 2
    if args.command == "serve":
        from factsite.serve import serve

        return serve(args.facts, args.out, args.project, args.dev_addr)
    from factsite.publish import BuildError, build_site

    try:
        if args.command == "sync":
            changed = sync(args.project, args.facts)
            print("updated: " + ", ".join(changed) if changed else "schema and guide already up to date")
            return 0
        if args.command == "verify":
            return verify_command(args)
        if args.command == "capture":
            from factsite.capture import capture_command  # the network and HTML extraction: only when asked for

            return capture_command(
                args.facts, snapshot_folder(args.project, args.snapshots), args.targets, root=args.root, quiet=args.quiet
            )
        if args.command == "check":
            dataset = check(args.facts, args.root)
            warn(translation_warnings(dataset, args.project))
            if not args.quiet:
                print(
                    f"ok: {len(dataset.questions)} questions, {len(dataset.claims)} claims, "
                    f"{len(dataset.events)} events, {len(dataset.sources)} sources, {len(dataset.parties)} parties"
                )
            return 0
        if args.command == "site":
            unchecked(args)
            built = build_site(
                args.facts,
                args.out,
                args.project,
                args.site_dir or args.project / "site",
                args.root,
                stale_after_days=args.stale_after_days,
                site_url=args.site_url,
                snapshots=args.snapshots,
            )
            if not args.quiet:
                print(f"site: {built.html_files} pages built, audited and published")
            return 0
        unchecked(args)
        report = generate(args.facts, args.out, args.root, args.project, args.stale_after_days, args.site_url, args.snapshots)
    except FactsError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # also as annotations on the pull request
            for problem in exc.problems:
                print(problem.annotation())
        wrote = "" if args.command in ("check", "verify") else "; nothing was written"
        print(f"{len(exc.problems)} problem(s){wrote}.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print("\n".join(exc.lines), file=sys.stderr)
        print("The site was not changed.", file=sys.stderr)
        return 1
    except WriteError as exc:
        print(f"build_facts.py: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM during `site` (factsite.publish.Interrupted)
        print(f"build_facts.py: {exc or 'stopped by SIGINT'}", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
    if not args.quiet:
        print(
            f"pages: {len(report.written)} written, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed in {args.out}"
        )
    return 0


def warn(warnings: list[Problem]) -> None:
    """What does not stop a build (a missing translation), one line each, then a count."""
    for warning in warnings:
        print(warning, file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} warning(s); the pages still build.", file=sys.stderr)


def unchecked(args: argparse.Namespace) -> None:
    """Say so when the snapshot folder is named but absent: the pages will then say
    that this build verified no quotes (a build without the copies still works)."""
    folder = snapshot_folder(args.project, args.snapshots)
    if folder is not None and not folder.is_dir() and not args.quiet:
        print(
            f"note: no snapshot folder at {os.path.normpath(folder)}; the pages will say their quotes were not checked in this build"
        )


def verify_command(args: argparse.Namespace) -> int:
    """`verify`: every quote in its source's saved copy; raises FactsError with the problems."""
    folder = snapshot_folder(args.project, args.snapshots)
    if folder is None or not folder.is_dir():
        where = f"no snapshot folder at {os.path.normpath(folder)}" if folder else "no snapshot folder given"
        print(
            f"build_facts.py: {where}: the saved copies of the sources are not there (give --snapshots DIR, or set "
            "extra.factsite.snapshots in mkdocs.yml; pages still build without them, saying their quotes were not checked)",
            file=sys.stderr,
        )
        return 2
    result = verify_quotes(args.facts, folder, args.root, explain=args.explain)
    normalised = [q for q in result.quotes if not q.exact]
    if args.explain:
        for q in normalised:
            print(f"{q.record} ({q.source}): needed {', '.join(q.rules)}")
    if not args.quiet:
        quotes, sources = len(result.quotes), len(result.verified)
        print(
            f"ok: {quotes} quote{'' if quotes == 1 else 's'} from {sources} source{'' if sources == 1 else 's'} "
            f"found in their saved copies in {os.path.normpath(folder)}"
            f" ({len(normalised)} needed normalising{'; --explain lists them' if normalised and not args.explain else ''})"
        )
    return 0


def init_site(dest: Path | None) -> int:
    from factsite.newsite import InitError, init

    if dest is None:
        print("build_facts.py: init needs a folder: python build_facts.py init DIR", file=sys.stderr)
        return 2
    try:
        written = init(dest)
    except (InitError, OSError) as exc:
        print(f"build_facts.py: {exc}", file=sys.stderr)
        return 2
    print(
        f"init: a new site in {dest} ({len(written)} files, a new git repository, nothing committed). Next: cd {dest} && make serve"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
