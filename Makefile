# The two commands a new user needs: `make demo` and `make test`. Both install what is missing.
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
PYTEST_ARGS ?=
# Tests run in 4 parallel worker processes (pytest-xdist), also on 2 cores: many tests wait on
# services (a flow run's process starting, a schedule's minute, a server) more than they
# compute, and the two live-stack modules hold a worker each (xdist_group) for ~6 minutes.
# The workers share one Prefect test server, started by pytest's controller (tests/flows/shared_server.py).
TEST_WORKERS ?= -n 4 --dist loadgroup
# A temporary Prefect server that creates its database for the first time (a fresh machine,
# a fresh PREFECT_HOME) on a busy 2-core machine needs far longer than Prefect's 20 s.
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 180

.PHONY: setup demo test bench lint clean

setup:
	@scripts/install-system-deps.sh
	@scripts/install-python-env.sh

demo: setup
	uv run sohoa demo

test: setup
	uv run pytest $(TEST_WORKERS) $(PYTEST_ARGS)

bench: setup
	@scripts/install-bench-deps.sh
	uv run python -m bench $(BENCH)

# ruff (lint, import order, the formatter as a check) and mypy, configured in pyproject.toml.
lint: setup
	uv run ruff check .
	uv run ruff format --check .
	uv run mypy

clean:
	-uv run sohoa storage stop
	rm -rf .sohoa
