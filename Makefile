# controverse — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PARAMS ?= notebooks/params/default.yaml
QUICK ?=

.PHONY: help setup figures test test-fast lab bench lint format clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name controverse --display-name "Python (controverse)" >/dev/null
	bash scripts/ensure-chromium.sh
	touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the project, its models and Chromium (idempotent)

figures: setup ## Main job: regenerate every figure and the reader site (build/site) from the shipped corpus
	$(BIN)/controverse run --params $(PARAMS)

test: setup ## Run the whole test suite (slow notebook and browser tests included)
	$(BIN)/pytest -q

test-fast: setup ## Run the tests without the slow and browser ones
	$(BIN)/pytest -q -m "not slow and not browser"

lab: setup ## Open JupyterLab on the notebooks with the project's kernel
	$(BIN)/jupyter lab notebooks/

bench: setup ## Run the benchmarks (QUICK=1 for a run under a minute); prints JSON
	$(BIN)/python bench/run.py $(if $(QUICK),--quick,)

lint: setup ## Lint and format-check with ruff; check notebooks carry no outputs
	$(BIN)/ruff check lib tests bench
	$(BIN)/ruff format --check lib tests bench

format: setup ## Format the code with ruff
	$(BIN)/ruff format lib tests bench
	$(BIN)/ruff check --fix lib tests bench

clean: ## Remove build outputs (keeps figures/ and .venv)
	rm -rf build
