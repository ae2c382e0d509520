# Raynama: `make run` sets everything up and serves; `make test` sets up and runs the whole suite.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup run test bench lighthouse assets translations translations-update db lint chromium fribidi clean \
	serve-prod loadtest cluster-smoke wrk nginx

setup: $(BIN)/.installed node_modules/.installed assets translations db fribidi

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(BIN)/.installed node_modules/.installed
	$(BIN)/python tools/build_assets.py
	$(BIN)/python -m whitenoise.compress -q static/dist

translations: $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -d translations

db: $(BIN)/.installed
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask data ensure

run: setup
	$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 30 --limit-request-line 0 \
		--access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms' wsgi:app

# Production serving: gunicorn.conf.py (workers from the CPU count, gthread, timeouts, no personal
# data in the access log). HOST, PORT, WEB_CONCURRENCY, DATABASE_URL, REDIS_URL… from the environment.
serve-prod: setup
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# wrk for 60 s at 200 connections on loopback against production gunicorn (README "Load").
loadtest: $(BIN)/.installed wrk db
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} REDIS_PREFIX=raynama-loadtest: \
		$(BIN)/python tools/loadtest.py

# Two gunicorn app servers behind nginx on one database and Redis; browser tests through nginx.
cluster-smoke: $(BIN)/.installed nginx chromium
	RAYNAMA_CLUSTER=1 REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} $(BIN)/pytest -q -s -p no:cacheprovider \
		tests/browser/test_finder.py tests/browser/test_candidates.py

wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk)

nginx:
	@test -x /usr/sbin/nginx || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx)

chromium:
	@command -v $(CHROMIUM) >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium)

# Pillow's bundled libraqm shapes Persian in the share images only with the system's FriBiDi.
fribidi:
	@ldconfig -p | grep -q 'libfribidi\.so\.0' || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libfribidi0)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/check_catalogs.py
	$(BIN)/flask db check

test: setup chromium lint
	$(BIN)/pytest -q
	$(MAKE) --no-print-directory cluster-smoke

# The benchmarks measure the work behind each request, so the per-client rate limits are off.
bench: setup
	RATELIMIT_ENABLED=0 $(BIN)/python tools/bench.py
	RATELIMIT_ENABLED=0 $(BIN)/python -m webapp.candidates.bench

# Lighthouse 12.2.3 (package.json) with Debian Chromium, mobile, on the key pages (README scores).
lighthouse: setup chromium
	$(BIN)/python tools/lighthouse.py --runs 3 --calibrate

clean:
	rm -rf $(VENV) node_modules static/dist instance

translations-update: $(BIN)/.installed
	$(BIN)/python tools/update_catalogs.py
