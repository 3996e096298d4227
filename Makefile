# Two commands for a fresh clone: `make run` serves the portal, `make test` runs every check.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PORTAL_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test serve setup data lint pytest benchmark crash-trials clean

# Reinstall only when a requirements file changed (the stamp is newer than both otherwise).
$(VENV)/.runtime-stamp: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev-stamp: requirements.txt requirements-dev.txt $(VENV)/.runtime-stamp
	$(PIP) install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime-stamp

# Migrate, import seeds/ (unchanged files are skipped) and bring the search index up to date
# (the import indexes as it goes; the sync repairs an index deleted or left behind since).
data: setup
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py import_articles seeds
	$(PY) manage.py sync_search_index

run: data
	@echo ""
	@echo "Portal: http://127.0.0.1:$(PORT)/   Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "No admin account yet? In another terminal: $(PY) manage.py createsuperuser"
	@echo ""
	$(VENV)/bin/gunicorn portal.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

lint: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

pytest: $(VENV)/.dev-stamp
	PORTAL_DATA_DIR=$$(mktemp -d) $(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

test: lint pytest

benchmark: $(VENV)/.dev-stamp
	$(PY) bench/run.py $(or $(BENCH_ARGS),--sizes 10000 50000)

# SIGKILL the import at random points (20 trials), run it again, check database and index agree.
crash-trials: $(VENV)/.dev-stamp
	$(PY) bench/crash_trials.py $(CRASH_ARGS)

clean:
	rm -rf $(VENV) var
