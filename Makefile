# csrating: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= demo-output

.PHONY: demo test serve install install-test lint reference docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	bash scripts/install-system-packages.sh
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	bash scripts/install-system-packages.sh --test
	$(BIN)/python -m pip install --quiet -e '.[test]'

demo: install
	$(BIN)/csrating demo --out $(DEMO)

serve: install
	$(BIN)/csrating serve --host 127.0.0.1 --port 8000

# Two runs: the quick tests first, then the slow ones (marked `slow`: the PDF of every
# council's letter, the large-file loads), so nothing is left out.
test: install-test
	$(BIN)/python -m pytest -q -m "not slow"
	$(BIN)/python -m pytest -q -m slow

lint: install-test
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

docs: install-test
	$(BIN)/python scripts/build_docs.py

reference: install
	$(BIN)/python scripts/build_reference.py ../shared/data

clean:
	rm -rf $(VENV) $(DEMO) build dist .pytest_cache .mypy_cache .ruff_cache
