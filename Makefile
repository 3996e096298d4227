# Two commands for a fresh clone: `make run` serves the portal, `make test` runs every check.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export PORTAL_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test serve setup data lint pytest benchmark benchmark-engines solr fuzz load crash-trials clean

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
	@$(PY) manage.py startup_summary --port $(PORT)
	$(VENV)/bin/gunicorn portal.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

lint: $(VENV)/.dev-stamp
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# --dist loadgroup: the Solr tests share one xdist group, so one worker starts one SolrCloud.
pytest: $(VENV)/.dev-stamp
	PORTAL_DATA_DIR=$$(mktemp -d) $(VENV)/bin/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test: lint pytest

benchmark: $(VENV)/.dev-stamp
	$(PY) bench/run.py $(or $(BENCH_ARGS),--sizes 10000 50000)

# SIGKILL the import at random points (20 trials), run it again, check database and index agree.
crash-trials: $(VENV)/.dev-stamp
	$(PY) bench/crash_trials.py $(CRASH_ARGS)

# Whoosh against a 2-node SolrCloud on the same articles (Java 17 and Maven needed).
benchmark-engines: $(VENV)/.dev-stamp
	$(PY) bench/engines.py $(BENCH_ARGS)

# A local 2-node SolrCloud with the portal's collection (Maven fetches Solr on first use); Ctrl-C stops it.
solr: setup
	$(PY) -m solr.cluster $(SOLR_ARGS)

# The fuzz tests with many more examples (make test runs a few of each), one process so that the
# slowest input of each is reported at the end and in bench/out/fuzz.json.
FUZZ_EXAMPLES ?= 1000
fuzz: $(VENV)/.dev-stamp
	mkdir -p bench/out && rm -f bench/out/fuzz.json
	PORTAL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PORTAL_FUZZ_REPORT=$(CURDIR)/bench/out/fuzz.json PORTAL_DATA_DIR=$$(mktemp -d) \
		$(VENV)/bin/pytest -p no:xdist -q tests/test_fuzz_importer.py tests/test_fuzz_urls.py tests/test_extraction_budget.py

# 50 clients for 60 s of searches, browsing, articles and people against gunicorn on 3,000 generated
# articles, with an import in the middle (bench/load.py; LOAD_ARGS="--data-dir DIR" reuses a portal).
load: $(VENV)/.dev-stamp
	$(PY) bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var
