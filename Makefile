# komplan — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install lint messages compilemessages check-migrations contracts ci bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "komplan needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]'
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

install: $(STAMP)

## make run: install into .venv, migrate, load territories and the demo, serve http://127.0.0.1:8000
run: install compilemessages var/secret_key
	SECRET_KEY_FILE=$(CURDIR)/var/secret_key $(BIN)/komplan migrate --no-input
	SECRET_KEY_FILE=$(CURDIR)/var/secret_key $(BIN)/komplan demo --all-statistics
	SECRET_KEY_FILE=$(CURDIR)/var/secret_key $(BIN)/komplan serve $(HOST):$(PORT)

# A per-checkout secret key for `make run` (production sets SECRET_KEY or SECRET_KEY_FILE itself).
var/secret_key: | $(BIN)/python
	@mkdir -p var
	@$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## make test: install test dependencies and run the whole suite
test: install compilemessages
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

contracts: install
	$(BIN)/lint-imports

check-migrations: install
	$(BIN)/python -m django makemigrations --check --dry-run --settings=config.settings_test

messages: install
	cd komplan && ../$(BIN)/django-admin makemessages -l cs -l en --settings=config.settings_test --ignore='static/*'

compilemessages: install
	cd komplan && ../$(BIN)/django-admin compilemessages --settings=config.settings_test -v 0

ci:
	bash .ci/run

bench: install
	$(BIN)/python bench/territories.py
	$(BIN)/python bench/demography.py
	$(BIN)/python bench/surveys.py
	$(BIN)/python bench/needs.py
	$(BIN)/python bench/plan.py

clean:
	rm -rf $(VENV) .pytest_cache
