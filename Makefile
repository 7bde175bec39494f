# tiekeeper: the two quick-start commands are `make report` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# `make report` needs only the package itself; `make test` installs every extra.
LIGHT  := $(VENV)/.installed-report

.PHONY: report test lint typecheck bench sample notebooks-sync docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip uv

$(LIGHT): $(BIN)/python pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e .
	touch $(LIGHT)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e ".[dev,notebooks,bench,docs]"
	touch $(STAMP) $(LIGHT)

## Write the HTML report of the bundled sample to report.html
report: $(LIGHT)
	$(BIN)/tiekeeper report -o report.html

## Run the whole test suite: lint, types, unit, doctests, notebooks and the browser test
test: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

## Build the documentation site into site/ (offline; notebooks cached in .jupyter_cache)
docs: $(STAMP)
	$(BIN)/sphinx-build -b html -W --keep-going -q -d build/docs-doctrees docs site

bench: $(STAMP)
	$(BIN)/python bench/run.py

## Regenerate data/sample and data/sample_history from the generator (seed 0)
sample: $(STAMP)
	$(BIN)/python -c "import tiekeeper.datasets as d; d.make_sample_export('data/sample', seed=0)"
	$(BIN)/python -c "import tiekeeper.datasets as d; d.make_sample_history('data/sample_history', n_connections=150, n_messages=600)"

## Re-pair the notebooks with their jupytext scripts after editing either side
notebooks-sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/*.ipynb

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/artifacts \
		site build/docs-doctrees jupyter_execute .jupyter_cache docs/api docs/notebooks
