# Wiec: the two commands of the set-up contract are `make run` and `make test`.
# Installs come from the committed lock (requirements.txt, requirements-test.txt);
# `make lock` refreshes it on purpose, `make test-latest` tries the newest releases.
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
LATEST := .venv-latest
STEP := bash scripts/step.sh

.PHONY: run test test-latest lock lint messages system-deps clean-db screenshots fuzz backup-drill

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(STEP) "Creating the environment and installing the locked packages" \
		bash scripts/install.sh $(PYTHON) $(VENV) requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	@$(STEP) "Installing the locked test packages" \
		bash scripts/install.sh $(PYTHON) $(VENV) requirements-test.txt
	@touch $@

## make run: install, migrate SQLite, load the demo city, serve on 127.0.0.1:$(PORT)
run: $(VENV)/.installed
	@WIEC_DEBUG=1 $(STEP) "Migrating the SQLite database" $(PY) manage.py migrate --noinput
	@WIEC_DEBUG=1 $(STEP) "Loading the demo city (about half a minute the first time)" \
		$(PY) manage.py load_demo
	@WIEC_DEBUG=1 $(PY) manage.py demo_logins --base http://127.0.0.1:$(PORT)
	@echo "Wiec is starting on http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)"
	@echo "Open data and the API's documentation: http://127.0.0.1:$(PORT)/api/ (OpenAPI: /api/v1/openapi.json)"
	@WIEC_DEBUG=1 PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

## make test: install test dependencies and system packages, run the whole suite
test: $(VENV)/.installed-test system-deps
	WIEC_REQUIRE_BROWSER=1 $(PY) -m pytest --durations=25 $(PYTEST_ARGS)

## make test-latest: the newest releases pyproject.toml allows, in $(LATEST), then the suite
test-latest: system-deps
	@$(STEP) "Installing the newest allowed releases into $(LATEST)" \
		bash scripts/install.sh $(PYTHON) $(LATEST) --latest
	@$(LATEST)/bin/python -m pip list --format=freeze 2>/dev/null \
		| grep -iE '^(django|highspy|numpy|django-allauth|django-tasks|weasyprint)=' || true
	WIEC_REQUIRE_BROWSER=1 $(LATEST)/bin/python -m pytest $(PYTEST_ARGS)

## make lock: resolve pyproject.toml's ranges again and rewrite both lock files
lock:
	bash scripts/lock.sh $(PYTHON)

## make fuzz: the property-based tests of every parser, import and public form, nightly-sized,
## and the longer comparisons marked `full` (all eight Add1 files against pabutools)
fuzz: $(VENV)/.installed-test
	WIEC_FUZZ_EXAMPLES=$${WIEC_FUZZ_EXAMPLES:-2000} $(PY) -m pytest -q -p no:randomly --full \
		tests/tally/test_fuzz.py tests/core/test_fuzz.py tests/panels/test_fuzz.py \
		tests/budgets/test_fuzz.py tests/network/test_fuzz.py \
		tests/consultations/test_fuzz.py tests/accounts/test_fuzz.py \
		tests/commitments/test_fuzz.py tests/initiatives/test_fuzz.py \
		tests/tally/test_real_files.py::test_add1_matches_pabutools_when_set_like_it \
		$(PYTEST_ARGS)

## make backup-drill: back up, restore into a fresh database, recount every published result
backup-drill: $(VENV)/.installed
	PY=$(PY) bash scripts/backup_drill.sh

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

## make screenshots: the demo on a free port with a fresh database; PNGs in docs/screenshots
screenshots: $(VENV)/.installed-test
	$(PY) scripts/screenshots.py
