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
- regen_cli: build_facts.py again after editing one fact file, and the files it rewrote;
- the live preview (`build_facts.py serve`): save one question's file, seconds until its
  page's new HTML is served (preview); the serve log's time to write that page (first)
  and to regenerate the whole site (regen), each also as a share of a warm generate;
  the peak memory of the preview's processes.
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
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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
    """mkdocs.yml without its `editions:` and `alternate:` blocks (the lines indented under
    them: no other edition, no language switcher), and with the snippets folder as a plain
    path: with one edition `!relative $docs_dir/…` names the same folder. Zensical reads
    neither MkDocs' `!relative` tag nor the switcher's template (overrides/partials)."""
    for block in ("editions", "alternate"):
        config = re.sub(rf"(?m)^( +){block}:\n(?:\1 +\S.*\n)+", "", config)
    return config.replace("[!relative $docs_dir/answers/_partials]", "[docs/answers/_partials]")


def edit_one_claim(facts: Path) -> None:
    """One figure of one claim up by one, in its value and its quote alike (`check` reads
    one back from the other)."""
    questions = sorted((facts / "questions").glob("*.yaml"))
    target = questions[len(questions) // 2]
    text = target.read_text(encoding="utf-8")
    found = re.search(r"value: ([0-9]+)\}", text)
    assert found, target
    old, new = found.group(1), str(int(found.group(1)) + 1)
    stated = re.compile(rf"\b{old}\.").search(text, found.end())  # synth.py ends each quote with its figure
    assert stated, target
    edited = text[: found.start(1)] + new + text[found.end(1) : stated.start()] + new + text[stated.start() + len(old) :]
    target.write_text(edited, encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def peak_mb(pid: int) -> float:
    """A running process's peak resident memory (Linux), with its children's."""
    total = 0.0
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, AttributeError):
        return total
    return max([total, *(peak_mb(int(child)) for child in children)])


def preview(tmp: Path, generate: list[str]) -> dict[str, float]:
    """`build_facts.py serve` on the tree, as a contributor runs it: once it serves, one
    question's `ask:` is saved with a new word, and the clock runs until that page's new
    HTML is served. The serve log gives its own timings: the saved question's page written
    (``first``), and the whole site regenerated (``regen``)."""
    port = free_port()
    page = f"http://127.0.0.1:{port}/answers/q-00000/"
    target = tmp / "facts" / "questions" / "q-00000.yaml"
    log = tmp / "serve.log"
    command = [*generate[:2], "serve", *generate[2:-1], "--dev-addr", f"127.0.0.1:{port}"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=tmp, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 900
        while "<h1" not in fetch(page):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"serve did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        time.sleep(2)  # MkDocs idle: nothing left over from the first build
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('ask: "', 'ask: "Benchmarked ', 1), encoding="utf-8")
        saved = time.monotonic()
        while "Benchmarked" not in fetch(page):
            if time.monotonic() > saved + 300:
                raise SystemExit(f"the edit was never served:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
        served = time.monotonic() - saved
        while "regenerated: " not in log.read_text().partition("updated ")[2]:
            if time.monotonic() > saved + 300:
                raise SystemExit(f"the site was never regenerated:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        after = log.read_text().partition("updated ")[2]
        first = float(re.search(r"\(([0-9.]+) s\); the rest", after).group(1))  # type: ignore[union-attr]
        whole = float(re.search(r"regenerated: .*\(([0-9.]+) s\)", after).group(1))  # type: ignore[union-attr]
        memory = peak_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"preview": served, "first": first, "regen": whole, "mem_serve_mb": memory}


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
        regen_cli, _, _ = run(generate, tmp)
        rewritten = sum(1 for p, m in before.items() if p.exists() and p.stat().st_mtime_ns != m)
        served = preview(tmp, generate)
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
            "regen_cli": regen_cli,
            "rewritten": rewritten,
            **served,
            "first_share": served["first"] / warm,
            "regen_share": served["regen"] / warm,
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
        "regen_cli",
        "rewritten",
        "preview",
        "first",
        "first_share",
        "regen",
        "regen_share",
        "mem_serve_mb",
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
