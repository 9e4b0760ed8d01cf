"""How each step's cost grows with the inputs a pull request controls.

For every input that once made a step quadratic, time `build_facts.py` (generate, no
MkDocs) at n and at 4n in one run and print the ratio: about 4 is linear, about 16
quadratic. Timing lives here, never in the tests (they only guard against a stall).

    .venv/bin/python -m benchmarks.growth            # n = 1,500
    .venv/bin/python -m benchmarks.growth --n 1000

4n stays under the loader's 1 MiB cap per file (one question file holds 4n measures
and 4n claims), which is itself what bounds these inputs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "sources:\n  - id: s\n    title: T\n    publisher: unknown\n    published: 2025-01-02\n    language: en\n"


def _question(measures: int, claims: str) -> str:
    rows = "".join(f"    - {{id: m{i}, label: Measure {i}, unit: things}}\n" for i in range(measures))
    return f"question:\n  slug: q\n  ask: How many?\n  order: 1\n  measures:\n{rows}claims:\n{claims}"


def many_keys(n: int) -> dict[str, str]:
    keys = "".join(f"    k{i}: x\n" for i in range(n))
    return {"parties.yaml": "parties:\n  - id: p\n    name: P\n    kind: expert\n" + keys}


def many_measures(n: int) -> dict[str, str]:
    claims = "".join(
        f"  - id: c{i}\n    measure: m{i}\n    figure: {{hedge: exact, words: a few}}\n    sources: [{{source: s, quote: Q{i}.}}]\n"
        for i in range(n)
    )
    return {"sources.yaml": SOURCE, "questions/q.yaml": _question(n, claims)}


def revision_chain(n: int) -> dict[str, str]:
    claims = "".join(
        f"  - id: c{i}\n    figure: {{hedge: exact, words: a few}}\n"
        + (f"    revises: c{i - 1}\n" if i else "")
        + f"    sources: [{{source: s, quote: Quote {i}.}}]\n"
        for i in range(n)
    )
    return {"sources.yaml": SOURCE, "questions/q.yaml": _question(1, claims)}


CASES: dict[str, Callable[[int], dict[str, str]]] = {
    "keys in one mapping": many_keys,
    "measures in one question": many_measures,
    "revisions in one chain, one source quoted": revision_chain,
}


def timed(files: dict[str, str]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for rel, text in files.items():
            path = base / "facts" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        command = [sys.executable, str(ROOT / "build_facts.py"), "--facts", str(base / "facts")]
        command += ["--out", str(base / "answers"), "--project", str(base), "-q"]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, timeout=900)
        return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1500)
    args = parser.parse_args()
    baseline, _ = timed({"parties.yaml": "parties:\n  - id: p\n    name: P\n    kind: expert\n"})
    print(f"start-up with one file: {baseline:.2f} s (subtracted below); exit 1 = problems reported, as expected")
    print(f"{'input':45} {'n':>7} {'s':>6} {'4n':>7} {'s':>6} {'exit':>4} {'ratio':>6}")
    for name, make in CASES.items():
        small, _ = timed(make(args.n))
        large, status = timed(make(4 * args.n))
        small, large = max(small - baseline, 1e-3), max(large - baseline, 1e-3)
        row = f"{name:45} {args.n:7,} {small:6.2f} {4 * args.n:7,} {large:6.2f} {status:4} {large / small:6.1f}"
        print(row)


if __name__ == "__main__":
    main()
