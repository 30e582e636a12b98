# court-kiosk: the two set-up commands of the README are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
PY := .venv/bin/python
DEMO_DIR ?= var/demo
PORT ?= 8000

help:
	@echo "make demo   set up, load the demo court, publish it, run the admin server (:$(PORT)) and a kiosk"
	@echo "make test   set up and run the whole test suite"
	@echo "make bench  run the benchmarks in bench/ (figures go to BENCHMARKS.md by hand)"
	@echo "make install        (root) install the server as a systemd service"
	@echo "make install-kiosk  (root) install the lobby client as a systemd service"
	@echo "make clean  remove the virtual environment and demo data"

system-deps:
	@scripts/install-system-deps.sh

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet 'uv>=0.5,<1'

.venv/.synced: pyproject.toml uv.lock | $(if $(shell command -v uv 2>/dev/null),,.tools/bin/uv)
	$(UV) sync --frozen --quiet --all-extras
	@touch $@

setup: system-deps .venv/.synced

demo: setup
	@DEMO_DIR=$(DEMO_DIR) PORT=$(PORT) scripts/demo.sh

test: setup
	$(PY) -m pytest

bench: setup
	@scripts/install-system-deps.sh bench
	$(PY) -m bench

install: setup
	systemd/install.sh server

install-kiosk: setup
	systemd/install.sh kiosk

clean:
	rm -rf .venv .tools var

.PHONY: help system-deps setup demo test bench install install-kiosk clean
