# annota — developer entry points. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= annota-data
PORT ?= 8080
WEB_DIST := src/annota/web_dist/index.html
WEB_SRC := $(shell find web/app web/packages -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.css' -o -name '*.json' -o -name '*.html' \) -not -path '*/node_modules/*' 2>/dev/null)

.PHONY: run test test-py test-web lint typecheck bench web openapi docs

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv
	$(BIN)/uv pip install -q -p $(BIN)/python -e '.[dev]'
	touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_DIST): web/node_modules/.installed $(WEB_SRC)
	cd web && npm run build --silent

web: $(WEB_DIST)

## run: create .venv, build the web app, serve annota with a demo project on http://127.0.0.1:$(PORT)
run: $(BIN)/.installed $(WEB_DIST)
	$(BIN)/annota serve $(DATA) --port $(PORT) --demo

## test: everything CI checks (lint, types, web unit tests, Python tests incl. browser tests)
test: lint typecheck test-web test-py

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(BIN)/.installed web/node_modules/.installed
	$(BIN)/mypy
	cd web && npm run typecheck --silent

test-web: web/node_modules/.installed
	cd web && npm test --silent

# The whole suite on the embedded topology, then the API suite again on the scaled one (PostgreSQL,
# S3, Redis: tests/api/topologies.py), which needs the TEST_*_URL services; CI requires them.
test-py: $(BIN)/.installed $(WEB_DIST)
	$(BIN)/python -m pytest -q tests
	@if [ -n "$$TEST_PG_URL$$ANNOTA_REQUIRE_SERVICES" ]; then \
	  echo "== API suite on the scaled topology (PostgreSQL, S3, Redis)"; \
	  ANNOTA_TEST_TOPOLOGY=scaled $(BIN)/python -m pytest -q tests/api; \
	else \
	  echo "== API suite on the scaled topology: skipped, PostgreSQL, S3 and Redis are not configured" \
	       "(set TEST_PG_URL, TEST_S3_URL, TEST_REDIS_URL as .ci/run does)"; \
	fi

## bench: benchmarks that print figures and append them to bench/results/*.jsonl
bench: $(BIN)/.installed $(WEB_DIST)
	@for b in api editor formats video quality load; do \
	  if [ -f bench/$$b.py ]; then echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; fi; \
	done

openapi: $(BIN)/.installed
	$(BIN)/python -m annota.api.openapi > web/packages/api-client/openapi.json

## docs: regenerate the generated reference pages (CLI)
docs: $(BIN)/.installed
	$(BIN)/python -m annota.cli.reference > docs/cli.md
