# Zone Atlas — two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= data/zoneatlas.sqlite
PORT   ?= 8000

.PHONY: setup demo test check format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the package with its dev tools

demo: setup  ## build the jingyue-2020 demo zone and serve it at http://127.0.0.1:$(PORT)
	$(BIN)/zoneatlas demo --db $(DB) --port $(PORT)

test: setup  ## run the whole test suite (browser tests skip without Chromium, never under CI=true)
	$(BIN)/pytest -q

check: setup  ## lint, format check and type check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: setup  ## run the quick benchmarks (they print their numbers); see README for the rest
	$(BIN)/python benchmarks/demo_build.py
	$(BIN)/python benchmarks/landprice_batch.py
	$(BIN)/python benchmarks/matching.py

clean:
	rm -rf $(VENV) data build dist src/*.egg-info
