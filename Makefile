# Orbit tasks. `make help` lists them.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
PYDEPS_STAMP := $(VENV)/.stamp-deps
NPM_STAMP := node_modules/.stamp-npm
ASSETS_STAMP := app/static/dist/manifest.json
CATALOGUES := $(wildcard app/i18n/*/LC_MESSAGES/messages.po)
export FLASK_APP := app

.PHONY: help ready run serve test test-fast test-dates lint format i18n i18n-extract i18n-update assets migrate seed bench load clean chromium

help: ## List the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PYDEPS_STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed (python3.11)"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS_STAMP): $(NPM_STAMP) $(shell find app/static/src -type f) scripts/build-assets.mjs
	npm run --silent build

assets: $(ASSETS_STAMP) ## Build CSS and JavaScript into app/static/dist

i18n: $(PYDEPS_STAMP) ## Extract, update and compile translations
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -o app/i18n/messages.pot --no-location --sort-output --omit-header .
	$(BIN)/pybabel update -i app/i18n/messages.pot -d app/i18n --no-fuzzy-matching --ignore-obsolete
	-$(BIN)/python app/i18n/after_update.py
	$(BIN)/pybabel compile -d app/i18n --statistics

# Each .mo is written only when its .po is newer, so a test run reading one is never handed a half-written file
# by another make started beside it (.ci/run runs make test and make test-dates at once).
%/messages.mo: %/messages.po $(PYDEPS_STAMP)
	@$(BIN)/pybabel compile -i $< -o $@.new --use-fuzzy >/dev/null && mv $@.new $@

i18n-compile: $(CATALOGUES:.po=.mo)

ready: $(PYDEPS_STAMP) assets i18n-compile ## Install Python and npm packages, build assets, compile catalogues

migrate: $(PYDEPS_STAMP) ## Bring the database (DATABASE_URL, or instance/orbit.sqlite) up to date
	@mkdir -p instance
	$(FLASK) db upgrade heads

run: $(PYDEPS_STAMP) assets i18n-compile migrate ## Install, build, migrate, load the demo council and serve on 127.0.0.1:5000
	@$(FLASK) seed-demo || echo "(demo council already loaded: sign-ins were printed the first time; 'make reset-demo' starts again)"
	$(FLASK) run --host 127.0.0.1 --port 5000

serve: $(PYDEPS_STAMP) assets i18n-compile migrate ## Serve as deployed: gunicorn with gunicorn.conf.py on 127.0.0.1:8000 (ORBIT_BIND, ORBIT_WORKERS)
	$(BIN)/gunicorn -c gunicorn.conf.py

reset-demo: $(PYDEPS_STAMP) ## Delete the local SQLite database and load the demo council again
	rm -f instance/orbit.sqlite
	$(MAKE) migrate
	$(FLASK) seed-demo

chromium: ## Install Debian's Chromium for the browser tests (needs root)
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# With TEST_DATABASE_URL set: the browser tests first, on their own (Chromium wants the machine), then the unit and
# integration tests on SQLite and on PostgreSQL side by side (one core each; the machine has two), PostgreSQL's
# output printed after SQLite's. That SQLite run takes Redis database 14 where one is configured, so the two never
# share one.
test: $(PYDEPS_STAMP) assets i18n-compile ## Lint, check layers, run every test on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --config pyproject.toml
	@if [ -z "$$TEST_DATABASE_URL" ]; then exec $(BIN)/pytest -q; fi; \
	echo "== browser tests (SQLite)"; \
	env -u TEST_DATABASE_URL $(BIN)/pytest -q tests/e2e; e2e_status=$$?; \
	echo "== unit and integration tests on SQLite; beside them, on PostgreSQL ($$TEST_DATABASE_URL)"; \
	pg_log="$$(mktemp)"; \
	$(BIN)/pytest -q -p no:cacheprovider --ignore=tests/e2e >"$$pg_log" 2>&1 & pg_pid=$$!; \
	sqlite_redis="$${TEST_REDIS_URL:+$${TEST_REDIS_URL%/*}/14}"; \
	env -u TEST_DATABASE_URL TEST_REDIS_URL="$$sqlite_redis" $(BIN)/pytest -q --ignore=tests/e2e; sqlite_status=$$?; \
	wait $$pg_pid; pg_status=$$?; \
	echo "== the unit and integration tests on PostgreSQL ($$TEST_DATABASE_URL)"; \
	cat "$$pg_log"; rm -f "$$pg_log"; \
	test $$e2e_status -eq 0 -a $$sqlite_status -eq 0 -a $$pg_status -eq 0

test-dates: $(PYDEPS_STAMP) assets i18n-compile ## Unit and integration tests (SQLite) at six hard moments, real clock and Orbit's both set (faketime)
	scripts/test-dates.sh

lint: $(PYDEPS_STAMP) ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(PYDEPS_STAMP) ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(PYDEPS_STAMP) assets i18n-compile ## Measure pages at 500 and 100,000 young people (see bench/README.md)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

load: $(PYDEPS_STAMP) assets i18n-compile ## Load test: gunicorn, PostgreSQL, Redis, 100,000 young people, beside bare Flask (see bench/README.md)
	$(BIN)/python -m bench.load $(LOAD_ARGS)

clean: ## Remove built files and the local database
	rm -rf app/static/dist instance/orbit.sqlite .pytest_cache
