# quizapp: `make run` serves the app, `make test` runs the whole suite.
# Both go through `make setup`: a virtualenv with the locked dependencies and the package.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: setup run test lint format bench lock clean browser-deps

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Migrate, ingest the shipped corpus and draft its question bank (unchanged texts and an
# unchanged bank are skipped in a second or two), write its Anki deck (a fresh bank has
# no approved items yet, so the deck takes every supported draft) and serve on 127.0.0.1
# only; a failed export does not stop the server.
run: setup
	$(BIN)/quizapp db upgrade
	$(BIN)/quizapp ingest --workers 2 corpus/
	$(BIN)/quizapp generate --workers 2
	$(BIN)/quizapp users demo
	-$(BIN)/quizapp export anki --status all --out decks/quizapp-demo.apkg
	$(BIN)/quizapp run --host $(HOST) --port $(PORT)

# The whole suite on SQLite. Browser tests need Debian's Chromium and PostgreSQL tests
# need the server at QUIZAPP_TEST_POSTGRES_URL: where either is missing they are
# skipped with a message saying so (.ci/run makes both required).
test: setup
	$(BIN)/ruff check quizapp tests bench
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check quizapp tests bench
	$(BIN)/ruff format --check quizapp tests bench

format: setup
	$(BIN)/ruff format quizapp tests bench

# The benchmark suite: one table of figures beside their baselines, and bench/results.json.
# Shorter load runs: make bench BENCH_ARGS=--quick (the load and fault runs need PostgreSQL
# at 127.0.0.1:5432 and root for pg_ctlcluster and the read-only mount).
bench: setup
	cd bench && ../$(BIN)/python run_all.py $(BENCH_ARGS)

# Chromium for the browser tests, from Debian's packages (needs root).
browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

# Re-pin requirements.lock from requirements.in (needs uv; not part of setup).
lock:
	uv pip compile --python-version 3.11 --generate-hashes --no-strip-extras requirements.in -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
