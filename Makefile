# Entry points: `make build` (convert the bundled law), `make test`, `make lint`
# (ruff and mypy, which CI runs before the tests) and `make bench`.
# Each creates the virtual environment on first use and reinstalls the
# package (a normal, non-editable install) whenever its sources change.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PKG_FILES := pyproject.toml $(shell find src schemas -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: build test lint bench clean

build: $(STAMP)
	$(BIN)/akn build

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): $(PKG_FILES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --force-reinstall --no-deps .
	$(BIN)/python -m pip install --quiet ".[test,dask,lint]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist
