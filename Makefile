# csrating: the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO   ?= demo-output
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PIP    := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar on

.PHONY: demo test serve install install-test lint reference docs clean

$(BIN)/python:
	@echo "==> Creating a virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	$(PIP) --quiet --upgrade pip

# Installing is done once per change of pyproject.toml (a stamp in the environment).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@echo "==> Checking the Debian packages csrating needs (fonts)"
	bash scripts/install-system-packages.sh
	@echo "==> Installing csrating and its Python packages (the first time takes a minute or two)"
	$(PIP) -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@echo "==> Checking the Debian packages the tests need (chromium, postgresql)"
	bash scripts/install-system-packages.sh --test
	@echo "==> Installing the test tools"
	$(PIP) -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/csrating demo --out $(DEMO)

# Several server processes on the demo round (created on first start in csrating.db).
serve: install
	$(BIN)/csrating serve --host 127.0.0.1 --port 8000 --workers $(WORKERS) --demo

# Every test, the slow ones included (marked `slow`: the PDF of every council's letter,
# the large-file loads, the API fuzzing), which a plain `pytest` leaves out; only the
# LibreOffice check is left to run by hand. The test files are spread over one worker
# process per core, at most four, as each holds its own demo datasets (pytest-xdist;
# TEST_WORKERS=1 for one).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
test: install-test
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadfile -m "not libreoffice"

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
