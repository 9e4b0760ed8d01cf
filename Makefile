# Two commands for a new machine:  make serve  and  make test
# Everything installs into .venv/ from the pinned requirements files.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1

.PHONY: help generate check build serve sync test lint golden clean

help:
	@echo "make serve   build the pages from facts/ and serve the site on http://$(HOST)/"
	@echo "make test    lint, type-check and run the tests (browser tests need Debian's chromium)"
	@echo "make build   write the static site to site/"
	@echo "make check   check the fact files only"
	@echo "make sync    refresh schema/ and CONTRIBUTING.md's field reference after a model change"
	@echo "make golden  regenerate the golden test pages after a deliberate change"

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

generate: $(STAMP)
	$(PY) build_facts.py

check: $(STAMP)
	$(PY) build_facts.py check

build: $(STAMP)
	$(PY) build_facts.py site

serve: $(STAMP)
	$(PY) build_facts.py serve --dev-addr $(HOST)

sync: $(STAMP)
	$(PY) build_facts.py sync

test: lint
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

golden: $(STAMP)
	$(PY) -m tests.regen_golden

clean:
	rm -rf site docs/answers test-output
