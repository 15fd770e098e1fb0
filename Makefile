# The README's two commands: `make run` and `make test`. Both create the virtualenv and install first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-fast lint bench load eval image-check clean

PIP_VERSION := 26.3

# requirements.lock pins every transitive dependency, so two installs of one commit get the same packages.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade 'pip==$(PIP_VERSION)'
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/practice serve

test: $(STAMP)
	@bash scripts/ensure-debian-package.sh chromium '/usr/bin/chromium'
	@bash scripts/ensure-debian-package.sh postgresql '/usr/lib/postgresql/*/bin/initdb'
	$(BIN)/ruff check adapters api cli practice server web tests bench
	$(BIN)/mypy
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow and not model"

lint: $(STAMP)
	$(BIN)/ruff check adapters api cli practice server web tests bench
	$(BIN)/ruff format --check adapters api cli practice server web tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/bench_encoders.py
	$(BIN)/python bench/bench_api.py

load: $(STAMP)
	@bash scripts/ensure-debian-package.sh postgresql '/usr/lib/postgresql/*/bin/initdb'
	$(BIN)/python bench/load_sessions.py

eval: $(STAMP)
	$(BIN)/python bench/evaluate.py

# Build the image with podman where no container registry is reachable, and check it (README, "Run in a container").
image-check:
	bash scripts/image-check.sh

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
