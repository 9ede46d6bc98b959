# xcreport — every target bootstraps the virtual environment on first use.
#   make monthly            the monthly 通报 for the sample county (latest month with rows) → out/
#   make test               lint (ruff), types (mypy), tests (pytest)
# Variables: LEDGERS=dir CONFIG=file OUT=dir MONTH=YYYY-MM YEAR=YYYY SEND=1

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

LEDGERS ?= sample_data/ledgers
CONFIG  ?= sample_data/xcreport.toml
OUT     ?= out
MONTH   ?=
YEAR    ?=
SEND    ?=

COMMON := --ledgers "$(LEDGERS)" --config "$(CONFIG)" --out "$(OUT)"
PERIOD_M := $(if $(MONTH),--month $(MONTH),)
PERIOD_Y := $(if $(YEAR),--year $(YEAR),)
SENDFLAG := $(if $(filter 1 yes true,$(SEND)),--send,)

.PHONY: help monthly annual validate ledgers sample send test lint typecheck pytest bench format clean

help:
	@sed -n '1,5p' Makefile

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

monthly: $(STAMP)
	$(BIN)/xcreport monthly $(COMMON) $(PERIOD_M) $(SENDFLAG)

annual: $(STAMP)
	$(BIN)/xcreport annual $(COMMON) $(PERIOD_Y) $(SENDFLAG)

validate: $(STAMP)
	$(BIN)/xcreport validate $(COMMON)

ledgers: $(STAMP)
	$(BIN)/xcreport init "$(OUT)/空白台账" --config "$(CONFIG)" $(PERIOD_Y)

send: $(STAMP)
	$(BIN)/xcreport send --out "$(OUT)" --config "$(CONFIG)"

# Regenerate the sample county from its deterministic generator.
sample: $(STAMP)
	$(BIN)/python tools/make_sample.py --config sample_data/xcreport.toml --out sample_data/ledgers

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python tools/bench.py $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES),)

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache .pytest_cache
