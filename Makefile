# Corredor's tasks. CI (.ci/run) calls exactly these targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORREDOR := $(BIN)/corredor

.PHONY: run test lint format check setup messages clean bench bench-register bench-signons bench-package

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)
	$(CORREDOR) compilecatalogs

## run: set up, migrate the SQLite database, load the demonstration data, serve on :8000
## with the background worker (it writes the emails under var/mail/)
run: setup
	$(CORREDOR) migrate --noinput
	$(CORREDOR) collectstatic --noinput --verbosity 0
	$(CORREDOR) loadcases corredor/petitions/data/cases.csv corredor/petitions/data/case_events.csv
	$(CORREDOR) loaddemo
	@echo
	@echo "Corredor is at http://127.0.0.1:8000/  (stop with Ctrl-C)"
	@echo
	$(CORREDOR) serve --with-worker

## test: set up and run the whole test suite
test: setup
	$(BIN)/python -m pytest

## lint: what CI checks besides the tests
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

## messages: refresh the es and fr catalogs from the code (needs GNU gettext)
messages: $(STAMP)
	$(CORREDOR) makemessages --locale es --locale fr --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'var/*' --ignore '*/tests/*' --ignore 'bench/*'

clean:
	rm -rf $(VENV) staticfiles

## bench: page server times and weights against their targets (see bench/)
bench: setup
	$(BIN)/python bench/pages.py

## bench-register: the register and accountability with 10,000 petitions (set DATABASE_URL for PostgreSQL)
bench-register: setup
	$(BIN)/python bench/register.py

## bench-signons: signing and confirming through `corredor serve` and PostgreSQL for 60 s, with a worker killed
bench-signons: setup
	$(BIN)/python bench/signons.py

## bench-package: the filing package of a 30-page petition with 10 exhibits, in a throwaway database
bench-package: setup
	$(BIN)/python bench/package.py
