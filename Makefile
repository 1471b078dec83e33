# The two set-up commands of the README, and the checks CI runs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEV := DEBUG=1

.PHONY: install run test lint check-deploy worker clean

$(BIN)/.geinstalleerd: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is nodig")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.geinstalleerd

## make run: the portal on http://127.0.0.1:8000 with SQLite and demo data, and beside it a Celery
## worker with beat over a broker that is a folder (.celery/); Ctrl-C stops both
run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py laad_referentiedata
	$(DEV) $(BIN)/python manage.py laad_demodata
	$(DEV) $(BIN)/python manage.py start_portaal 127.0.0.1:8000

## make test: the whole test suite (SQLite by default; DATABASE_URL and CELERY_BROKER_URL are honoured):
## the unit tests on two processes, then the browser and integration tests one at a time
test: install
	$(BIN)/pytest -p no:cacheprovider -n 2 -m "not e2e and not integration" $(PYTEST_ARGS)
	$(BIN)/pytest -p no:cacheprovider -m "e2e or integration" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -c pyproject.toml -r . -ll -q
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV) $(BIN)/python manage.py spectacular --validate --fail-on-warn --file /dev/null

## the production settings must pass Django's deployment checks without a single warning
check-deploy: install
	DEBUG=0 SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=portaal.huizenvanhetkind.be SITE_URL=https://portaal.huizenvanhetkind.be \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

worker: install
	$(DEV) $(BIN)/celery -A hvhk worker -Q standaard,rapporten -l INFO

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm db.sqlite3.sloten .celery staticfiles
