# Bulletin Feeds: the two commands of the README (`make run`, `make test`) and the targets behind them.
# Everything Python lives in the project's own virtual environment, .venv, built from the lock files.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck pytest system-deps lock clean bench-deps

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed-run: requirements.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run ## set up, check the bundled content and serve it on http://$(HOST):$(PORT)
	$(BIN)/feeds validate
	$(BIN)/feeds serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test lint typecheck pytest ## set up and run every check and test

lint: $(VENV)/.installed-test ## ruff check and ruff format --check
	$(BIN)/ruff check feeds tests bench
	$(BIN)/ruff format --check feeds tests bench

typecheck: $(VENV)/.installed-test ## mypy --strict on feeds/
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest $(PYTEST_ARGS)

system-deps: ## operating-system packages the test suite needs (Debian; run as root)
	apt-get update
	apt-get install -y --no-install-recommends chromium

lock: ## re-pin the lock files from pyproject.toml (names, versions and hashes only)
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe --extra test -o requirements-test.lock pyproject.toml
	$(BIN)/pip-compile -q --generate-hashes --no-emit-index-url --no-emit-find-links --strip-extras --allow-unsafe --extra test --extra bench -o requirements-bench.lock pyproject.toml

clean: ## remove the virtual environment and build output
	rm -rf $(VENV) build dist var *.egg-info

$(VENV)/.installed-bench: requirements-bench.lock $(VENV)/.installed-test
	$(BIN)/pip install --quiet --require-hashes -r requirements-bench.lock
	touch $@

bench-deps: $(VENV)/.installed-bench ## the benchmarks' extra tools (LinkChecker; wrk from apt)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y --no-install-recommends wrk)
