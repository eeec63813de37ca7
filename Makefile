# hirewall developer tasks. `make demo` and `make test` create the virtualenv themselves.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SHOTS ?= $(CURDIR)/test-screenshots

.PHONY: venv demo test test-fast check lint typecheck format bench sweep lock docs clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "hirewall needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

## Synthesise ~5,000 people, scan them, evaluate, and print where the report is.
demo: $(STAMP)
	$(BIN)/hirewall demo --out demo-out

## Lint, type-check and run the whole test suite (Spark, browser and slow tests included).
test: check
	HIREWALL_SCREENSHOT_DIR=$(SHOTS) $(BIN)/python -m pytest -n 2 -m "not spark"
	$(BIN)/python -m pytest -m spark; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ]
	@echo "browser screenshots: $(SHOTS)"

## Quick loop: no Spark, browser or slow tests.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not spark and not slow and not browser"

check: lint typecheck

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

## Time synth, ingest and scan at 10k and 100k people (+ linkage and reference benchmarks); writes bench-out/bench.json.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run --out bench-out

## Synth, scan and evaluate many worlds (DIFFICULTY, SEEDS); writes sweep-out/sweep-DIFFICULTY.json.
DIFFICULTY ?= normal
SEEDS ?= 101-105
sweep: $(STAMP)
	$(BIN)/python -m benchmarks.sweep --out sweep-out --difficulty $(DIFFICULTY) --seeds $(SEEDS)

## Regenerate docs/indicators.md and docs/data-contract-columns.md from the code.
docs: $(STAMP)
	$(BIN)/python -m hirewall.docs

## Refresh the lock file from the current virtualenv.
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^hirewall' > requirements.lock

clean:
	rm -rf $(VENV) demo-out bench-out sweep-out test-screenshots .mypy_cache .ruff_cache .pytest_cache
