# fairscreen — one task runner; CI calls the same targets (`make help` lists them).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: help install run demo migrate test test-sqlite test-postgres lint format bench browser clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

MO_FILES := $(patsubst %.po,%.mo,$(wildcard src/fairscreen/locale/*/LC_MESSAGES/django.po src/fairscreen/*/locale/*/LC_MESSAGES/django.po))

%.mo: %.po $(STAMP)
	@$(BIN)/pybabel -q compile -i $< -o $@

install: $(STAMP) $(MO_FILES) ## create .venv and install fairscreen with dev tools (near-instant when done)

migrate: install ## apply database migrations
	$(BIN)/fairscreen migrate --no-input

demo: migrate ## seed the fictional demo organisation (if absent) and print its logins
	@$(BIN)/fairscreen demo

run: demo ## set up, seed the demo and serve http://127.0.0.1:8000 with the job worker
	@$(BIN)/fairscreen serve

test: install ## run the whole suite on SQLite, then on PostgreSQL if FAIRSCREEN_TEST_DATABASE_URL is set
	@echo "== whole suite on SQLite"
	env -u FAIRSCREEN_TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$FAIRSCREEN_TEST_DATABASE_URL" ]; then \
		echo "== integration and end-to-end tests on PostgreSQL ($$FAIRSCREEN_TEST_DATABASE_URL)"; \
		$(BIN)/pytest tests/integration tests/e2e -m "not browser" --postgres-required; \
	else \
		echo "== PostgreSQL run skipped: set FAIRSCREEN_TEST_DATABASE_URL=$(PG_TEST_URL) to run it"; \
	fi

lint: install ## ruff check + format check, mypy, import-linter contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install ## run the benchmarks under bench/ and print their figures
	@found=0; for script in bench/*/run.py; do \
		[ -e "$$script" ] || continue; found=1; \
		echo "== $$script"; $(BIN)/python "$$script" || exit 1; \
	done; [ $$found = 1 ] || echo "no benchmarks yet"

browser: ## install Debian's Chromium for the browser tests (needs root or sudo)
	@command -v chromium >/dev/null && echo "chromium present: $$(command -v chromium)" || { \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; }

clean: ## remove the virtualenv, caches and local data under var/
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find src -name '*.mo' -delete
