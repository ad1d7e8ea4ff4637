# khabar: `make run` installs and starts the assistant on seeds/; `make test` installs and runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/.khabar-demo
QUESTION ?= نایب رئیس دفتر سیاسی حماس با چه کسی دیدار کرد؟

.PHONY: install run test lint

$(BIN)/khabar: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/khabar

run: install
	$(BIN)/khabar ingest seeds --index $(DEMO_HOME)
	$(BIN)/khabar ask "$(QUESTION)" --index $(DEMO_HOME)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
