# dateline developer commands. `make install` then `make test` is all a new machine needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install test lint format eval eval-html gate bench clean

GAZETTEER := $(VENV)/share/dateline/gazetteer.sqlite

install: $(BIN)/dateline $(GAZETTEER)  ## venv + pinned dependencies + spaCy English pipeline + gazetteer, checked
	bash scripts/setup_postgres.sh  # local PostgreSQL 15 for the store tests (skips without root)
	$(BIN)/dateline doctor

$(BIN)/dateline: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

$(GAZETTEER): $(BIN)/dateline $(addprefix src/dateline/resolve/geo/,build.py airports.py normalize.py sources.py) $(wildcard src/dateline/data/gazetteer/*)
	$(BIN)/dateline gazetteer build --index $@

test:  ## the whole test suite (corpus tests skip without ../shared)
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval:  ## development-corpus suite; rewrites the table in docs/quality.md (needs ../shared/data)
	$(BIN)/dateline eval --suite dev --limit 200 --write-docs docs/quality.md

gate:  ## fail when a pinned development score drops (skips without ../shared)
	$(BIN)/python scripts/eval_gate.py

bench:  ## throughput, per-stage time and peak RSS against bare spaCy
	$(BIN)/dateline bench

eval-html:  ## mean token F1 of HTML main-text extraction on the ScrapingHub benchmark
	$(BIN)/python -m dateline.eval.scrapinghub

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache src/*.egg-info
