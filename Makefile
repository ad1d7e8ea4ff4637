# khabar: `make run` installs, indexes seeds/ and serves the chat; `make test` installs and runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/.khabar-demo
PORT ?= 7860
CHROMIUM ?= /usr/bin/chromium

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
	$(BIN)/khabar serve --index $(DEMO_HOME) --port $(PORT)

test: install $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium (no browser download); fonts-noto-core renders Persian.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core; \
	else echo "khabar: cannot install chromium (not root, no sudo): the browser tests will be skipped" >&2; fi

lint: install
	$(BIN)/ruff check .
