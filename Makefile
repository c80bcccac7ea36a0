# Wiec: the two commands of the set-up contract are `make run` and `make test`.
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint messages system-deps clean-db

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

## make run: install, migrate SQLite, load the demo city, serve on 127.0.0.1:$(PORT)
run: $(VENV)/.installed
	WIEC_DEBUG=1 $(PY) manage.py migrate --noinput
	@WIEC_DEBUG=1 $(PY) manage.py load_demo
	@echo ""
	@echo "Wiec is starting on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	@WIEC_DEBUG=1 PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

## make test: install test dependencies and system packages, run the whole suite
test: $(VENV)/.installed-test system-deps
	WIEC_REQUIRE_BROWSER=1 $(PY) -m pytest $(PYTEST_ARGS)

system-deps:
	@bash scripts/ensure-system-deps.sh

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## make messages: extract translatable strings into the .po files, then compile them
messages: $(VENV)/.installed
	PY=$(abspath $(PY)) bash scripts/messages.sh

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
