"""Measure the build at several sizes, in one run, and print every figure with its target.

    .venv/bin/python benchmarks/bench.py                 # all sizes: 1x 10x 100x 3k 10k
    .venv/bin/python benchmarks/bench.py --sizes 1x 10x  # a quicker run

Per size, on a synthetic tree from benchmarks/synth.py:
- parse: libyaml's parse-only time over the fact files (the floor);
- generate (cold): build_facts.py with no chart cache, and its ratio to the floor;
- generate (warm): the same again, charts reused from the cache;
- mkdocs: `mkdocs build` of the generated site; zensical: `zensical build`;
- page: the largest question page's HTML;
- memory: peak resident memory of the generate and mkdocs processes;
- regenerate: after editing one fact file, time and pages rewritten, and its share of
  a warm full generate.
Each step runs in its own process (its memory is its own). Nothing here is a test:
no figure is asserted; BENCHMARKS.md records the results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import PRESETS, write_tree  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent


def run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run a step in a child that reports its own child's peak memory: (seconds, MB, stdout)."""
    wrapper = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "d = time.perf_counter() - t; "
        "print(d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, sep='\\t'); "
        "print(r.stdout[-2000:] + r.stderr[-2000:], file=sys.stderr); sys.exit(r.returncode)"
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    result = subprocess.run([PY, "-c", wrapper, *cmd], cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    seconds, mb = result.stdout.split()
    return float(seconds), float(mb), result.stderr


PARSE_ONLY = (
    "import sys, yaml; from pathlib import Path\n"
    "for f in sorted(Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    for _ in yaml.parse(f.read_bytes(), Loader=yaml.CSafeLoader): pass\n"
)


def parse_floor(facts: Path) -> float:
    """libyaml parsing every fact file, timed like the generator: a whole process."""
    seconds, _, _ = run([PY, "-c", PARSE_ONLY, str(facts)], facts)
    return seconds


def project(tmp: Path, preset: str) -> Path:
    """This project's configuration and hand-written pages with a synthetic fact tree, in
    its main edition only: the synthetic facts carry no translations, and every further
    edition repeats the generate and MkDocs steps in its own language."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(single_edition(config), encoding="utf-8")
    shutil.copy(ROOT / "CONTRIBUTING.md", tmp / "CONTRIBUTING.md")
    for folder in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / folder, tmp / folder, ignore=shutil.ignore_patterns("answers", "__pycache__", "uk"))
    write_tree(tmp, PRESETS[preset])
    return tmp


def single_edition(config: str) -> str:
    """mkdocs.yml without its `editions:` block (the entries indented under it)."""
    return re.sub(r"(?m)^( +)editions:\n(?:\1 +\S.*\n)+", "", config)


def edit_one_claim(facts: Path) -> None:
    target = sorted((facts / "questions").glob("*.yaml"))[len(list((facts / "questions").glob("*.yaml"))) // 2]
    text = target.read_text(encoding="utf-8")
    at = text.index("value: ") + len("value: ")
    end = at + next(i for i, ch in enumerate(text[at:]) if not ch.isdigit())
    target.write_text(text[:at] + str(int(text[at:end]) + 1) + text[end:], encoding="utf-8")


def measure(preset: str) -> dict[str, float | str]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{preset}-") as folder:
        tmp = project(Path(folder), preset)
        facts = tmp / "facts"
        generate = [
            PY,
            str(ROOT / "build_facts.py"),
            "--facts",
            str(facts),
            "--out",
            str(tmp / "docs" / "answers"),
            "--project",
            str(tmp),
            "-q",
        ]
        size = sum(p.stat().st_size for p in facts.rglob("*.yaml"))
        floor = parse_floor(facts)
        cold, cold_mb, _ = run(generate, tmp)
        warm, warm_mb, _ = run(generate, tmp)
        mkdocs, mkdocs_mb, _ = run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")], tmp)
        zensical: float | str = "not installed"
        if (BIN / "zensical").exists():
            shutil.rmtree(tmp / "site", ignore_errors=True)
            try:
                zensical, _, _ = run([str(BIN / "zensical"), "build"], tmp)
            except SystemExit as failure:  # record it; the other figures still count
                zensical = "failed: " + str(failure).strip().splitlines()[-1][:120]
            shutil.rmtree(tmp / "site", ignore_errors=True)
            run([PY, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")], tmp)
        pages = [p for p in (tmp / "site" / "answers").glob("*/index.html") if p.parent.name.startswith("q-")]
        largest = max(pages, key=lambda p: p.stat().st_size)
        figures = [p for p in pages if "<table>" in p.read_text(encoding="utf-8")]  # timeline questions have none
        largest_figures = max(p.stat().st_size for p in figures)
        before = {p: p.stat().st_mtime_ns for p in (tmp / "docs" / "answers").rglob("*") if p.is_file()}
        edit_one_claim(facts)
        regen, _, _ = run(generate, tmp)
        rewritten = sum(1 for p, m in before.items() if p.exists() and p.stat().st_mtime_ns != m)
        return {
            "size": preset,
            "questions": PRESETS[preset].questions,
            "claims": PRESETS[preset].claims,
            "yaml_mb": size / 1e6,
            "parse": floor,
            "gen_cold": cold,
            "gen_warm": warm,
            "ratio_warm": warm / floor,
            "ratio_cold": cold / floor,
            "mkdocs": mkdocs,
            "zensical": zensical,
            "gen_plus_mkdocs": warm + mkdocs,
            "page_kb": largest.stat().st_size / 1024,
            "page": largest.parent.name,
            "figures_page_kb": largest_figures / 1024,
            "mem_gen_mb": max(cold_mb, warm_mb),
            "mem_mkdocs_mb": mkdocs_mb,
            "regen": regen,
            "regen_share": regen / warm,
            "rewritten": rewritten,
            "files": len(before),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(PRESETS), choices=list(PRESETS))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    rows = []
    for preset in args.sizes:
        print(f"measuring {preset} ...", file=sys.stderr, flush=True)
        rows.append(measure(preset))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # a late failure loses nothing
    head = (
        "size",
        "questions",
        "claims",
        "yaml_mb",
        "parse",
        "gen_cold",
        "ratio_cold",
        "gen_warm",
        "ratio_warm",
        "mkdocs",
        "zensical",
        "gen_plus_mkdocs",
        "page_kb",
        "page",
        "figures_page_kb",
        "mem_gen_mb",
        "mem_mkdocs_mb",
        "regen",
        "regen_share",
        "rewritten",
    )
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        cells = [f"{row[h]:.2f}" if isinstance(row[h], float) else str(row[h]) for h in head]
        print("| " + " | ".join(cells) + " |")
    by = {r["size"]: r for r in rows}
    if "3k" in by and "10k" in by:
        data = by["10k"]["claims"] / by["3k"]["claims"]
        cost = by["10k"]["gen_plus_mkdocs"] / by["3k"]["gen_plus_mkdocs"]
        print(f"\nscaling 3k -> 10k: {data:.2f}x the data, {cost:.2f}x the time (target: at most {1.1 * data:.2f}x)")
    print(f"\npeak memory of this runner: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
