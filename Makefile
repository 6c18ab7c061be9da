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
	FEEDS_BASE_URL=$${FEEDS_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/feeds serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test lint typecheck pytest ## set up and run every check and test

lint: $(VENV)/.installed-test ## ruff check and ruff format --check
	$(BIN)/ruff check feeds tests bench deploy
	$(BIN)/ruff format --check feeds tests bench deploy

typecheck: $(VENV)/.installed-test ## mypy --strict on feeds/ and deploy/
	$(BIN)/mypy
	$(BIN)/mypy deploy

pytest: $(VENV)/.installed-test node-deps lambda-wheels
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

# ---- Deployment: serverless.yml on AWS Lambda behind CloudFront (docs/deployment.md) ----
# Packaging runs offline and needs no AWS credentials; only `npx osls deploy` talks to AWS.
STAGE ?= test
BASE_URL ?= $(FEEDS_BASE_URL)
FEEDS_CONTENT_DIR ?= content
FEEDS_SNAPSHOT_DIR ?= build/lambda-snapshot
LAMBDA_WHEELS := build/lambda-wheels
LAMBDA_ZIP := build/lambda/bulletin-feeds.zip
# Lambda's Python (3.12) precompiles the package when this machine has one; else it is skipped.
LAMBDA_PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && echo "$$p" && break; done)

.PHONY: node-deps lambda-wheels lambda-snapshot lambda-artifact package

node_modules/.installed: package.json package-lock.json .npmrc
	@major=$$(node --version 2>/dev/null | sed 's/^v//; s/\..*//'); \
	if [ -z "$$major" ] || [ "$$major" -lt 20 ]; then \
		echo "error: osls needs Node.js 20 or newer; found $$(node --version 2>/dev/null || echo none)" \
			"(Debian's nodejs package is 18: install Node.js 20 instead)" >&2; exit 1; fi
	npm ci
	touch $@

node-deps: node_modules/.installed ## osls and serverless-offline, exactly as package-lock.json pins them (Node.js 20+)

$(LAMBDA_WHEELS)/.downloaded: requirements.lock deploy/lambda_artifact.py | $(VENV)/.installed-run
	$(BIN)/python deploy/lambda_artifact.py download --wheels $(LAMBDA_WHEELS)
	touch $@

lambda-wheels: $(LAMBDA_WHEELS)/.downloaded ## aarch64 wheels for requirements.lock (feedgen's built here), for the Lambda zip

lambda-snapshot: $(VENV)/.installed-run ## render FEEDS_CONTENT_DIR (content) into FEEDS_SNAPSHOT_DIR (build/lambda-snapshot) for the Lambda; BASE_URL=... to override site.yaml's
	FEEDS_CONTENT_DIR="$(FEEDS_CONTENT_DIR)" FEEDS_SNAPSHOT_DIR="$(FEEDS_SNAPSHOT_DIR)" FEEDS_BASE_URL="$(BASE_URL)" \
		$(BIN)/feeds build --lambda

lambda-artifact: lambda-snapshot lambda-wheels ## the Lambda zip: aarch64 dependencies, feeds/, the content and the snapshot
	$(BIN)/python deploy/lambda_artifact.py build --wheels $(LAMBDA_WHEELS) \
		--snapshot "$(FEEDS_SNAPSHOT_DIR)" --content "$(FEEDS_CONTENT_DIR)" --out $(LAMBDA_ZIP) \
		$(if $(LAMBDA_PYTHON),--compile-with $(LAMBDA_PYTHON))

package: lambda-artifact node-deps $(VENV)/.installed-test ## CloudFormation + zip for STAGE (test), offline, no AWS credentials; cfn-lint
	AWS_ACCESS_KEY_ID= AWS_SECRET_ACCESS_KEY= AWS_SESSION_TOKEN= AWS_PROFILE= \
		npx osls package --stage $(STAGE) $(if $(BASE_URL),--param="baseUrl=$(BASE_URL)")
	$(BIN)/cfn-lint
