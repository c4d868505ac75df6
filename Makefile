# dcload: `make help` lists the targets. The first run of `make forecast` or `make test`
# creates .venv and installs the project into it; later runs reuse it.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CONFIG ?= pipelines/us_national.yaml
# the 25 slowest tests are listed after every run, to keep `make test` near 10 minutes
PYTEST_ARGS ?= --durations=25
# pytest-xdist processes for `make test` (each test file stays on one; 0 runs serially)
TEST_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help install forecast test test-fast refresh report lint bench clean

help: ## Show this list of targets
	@echo "dcload: data-center electricity load forecasts"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dcload needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project (done by the other targets)

forecast: $(STAMP) ## Run the default pipeline and publish reports/latest
	$(BIN)/dcload forecast --config $(CONFIG)

test: $(STAMP) ## Run the whole test suite (what CI runs); installs chromium when it can
	@bash .ci/install-browser.sh
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-fast: $(STAMP) ## Run the tests without the slow end-to-end ones
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not slow" $(PYTEST_ARGS)

refresh: $(STAMP) ## Scheduled refresh: lock, skip if unchanged, stage, publish, registry
	$(BIN)/dcload refresh --config $(CONFIG) --quiet

report: $(STAMP) ## Render reports/latest/index.html again from the published run
	$(BIN)/dcload report --run-dir reports/latest

bench: $(STAMP) ## Regenerate the committed benchmark tables (accuracy: a few minutes)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/accuracy/run.py
	$(BIN)/python benchmarks/scenarios/run.py --write
	$(BIN)/python benchmarks/zones/dom/run.py --zones
	$(BIN)/python benchmarks/peaks_weather/run.py --write
	$(BIN)/python benchmarks/month_coverage/run.py --write

lint: $(STAMP) ## Check the code with ruff and the import-linter layer contracts
	$(BIN)/ruff check forecasting pipelines tests $(wildcard benchmarks)
	$(BIN)/lint-imports

clean: ## Remove .venv, caches and generated reports
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build *.egg-info
	rm -rf reports/latest reports/runs reports/.latest.* reports/registry.sqlite* reports/task-cache \
		reports/refresh.lock build
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
