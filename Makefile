# Samverkan: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite install lint messages bench bench-pages backup restore clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

var/static/.collected: $(STAMP) $(shell find static -type f 2>/dev/null)
	mkdir -p var/static
	$(PY) manage.py collectstatic --noinput -v0
	touch $@

## make run: install, migrate, load the Södertörn demo into an empty database, serve on 127.0.0.1:$(PORT)
## with the background worker beside the server (manage.py worker: Kolada imports, reminders, documents).
## Ctrl-C stops both: the worker is stopped (SIGTERM) whenever the server ends.
run: $(STAMP) var/static/.collected
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_sodertorn --if-empty --demo-users
	$(PY) manage.py worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## make test: the whole suite (lint, import layers, unit, API, browser). Set REQUIRE_BROWSER=1 to fail without
## Chromium. lint-imports checks the layers of [tool.importlinter] in pyproject.toml; core/tests/test_architecture.py
## checks that no modules import each other in a circle and that nothing imports through a string.
## The tests run in PYTEST_WORKERS processes (pytest-xdist; each builds its own test database and loads the
## demo into it once). PYTEST_WORKERS=0 runs them in this one process.
PYTEST_WORKERS ?= 2
test: $(STAMP) var/static/.collected
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -p xdist -n $(PYTEST_WORKERS)
	$(MAKE) test-sqlite

## make test-sqlite: the search's Swedish corpus again on the embedded SQLite database (FTS5), whatever
## DATABASE_URL says, so both search backends answer the same expectations (config/tests/test_search_corpus.py).
test-sqlite: $(STAMP)
	DATABASE_URL= $(BIN)/pytest -p no:xdist -q config/tests/test_search_corpus.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make messages: extract and compile translations (needs GNU gettext). The root catalogue (locale/)
## covers templates/, core/ and config/; each app keeps its own catalogue in <app>/locale/.
APPS_WITH_CATALOGUE := organisations search programme meetings budget kpi accounts arrangements plans news onboarding
messages: $(STAMP)
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --no-wrap --ignore=.venv --ignore=var --ignore=tests \
	  $(foreach app,$(APPS_WITH_CATALOGUE),--ignore=$(app))
	for app in $(APPS_WITH_CATALOGUE); do \
	  if [ -d $$app/locale ]; then (cd $$app && $(abspath $(PY)) ../manage.py makemessages -l sv -l en --no-obsolete --no-wrap --ignore=tests); fi; \
	done
	$(PY) manage.py compilemessages --ignore=.venv

bench: $(STAMP)
	$(PY) bench/kolada_import.py
	$(PY) bench/search_index.py

## make bench-pages: public pages / healthz with the page cache cold and warm, documents first vs repeat (PostgreSQL)
bench-pages: $(STAMP)
	$(PY) bench/pages.py

## make backup: the database and the media folder into var/backups/samverkan-<date>-<time>.tar.gz (or BACKUP=file)
backup: $(STAMP)
	$(PY) manage.py backup $(if $(BACKUP),--output $(BACKUP))

## make restore BACKUP=file: into an empty database and media folder (FORCE=1 replaces what is there)
restore: $(STAMP)
	test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=var/backups/samverkan-....tar.gz [FORCE=1]"; exit 2; }
	$(PY) manage.py restore $(BACKUP) $(if $(FORCE),--force)

clean:
	rm -rf $(VENV) var/static
