# xcreport — the two commands a newcomer needs on a fresh machine:
#   make monthly   the monthly 通报 of the configured county (the sample without one) → out/<期间>/
#   make test      lint (ruff), types (mypy), the tests (pytest); installs what they need first
# Also: make annual | validate | ledgers | send | remind | check-config | sample | bench | clean
# Variables: LEDGERS=dir CONFIG=file OUT=dir MONTH=YYYY-MM YEAR=YYYY SEND=1 TODAY=YYYY-MM-DD
# Without CONFIG, xcreport uses ./xcreport.toml when there is one, else the sample county.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.run-installed
DEV    := $(VENV)/.dev-installed
LOG    := $(VENV)/install.log

quote   = $(if $(2),$(1) "$(2)")
WHERE  := $(call quote,--ledgers,$(LEDGERS)) $(call quote,--config,$(CONFIG)) $(call quote,--out,$(OUT))
WHEN   := $(call quote,--today,$(TODAY))
SENDING := $(if $(filter 1 yes true,$(SEND)),--send)

.PHONY: help monthly annual validate ledgers send remind check-config sample test lint typecheck pytest bench format clean

help:
	@sed -n '1,7p' Makefile

# What running needs: a virtual environment with xcreport and its libraries.
$(RUN): pyproject.toml
	@sh tools/setup-system.sh run
	@echo "xcreport: 正在准备运行环境（只在第一次需要，约一分钟）…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -e . >$(LOG) 2>&1 \
		|| { cat $(LOG); echo "xcreport: 安装失败，原因见上面的信息" >&2; exit 1; }
	@touch $@

# What the tests need besides: LibreOffice, poppler and a Chinese font, and the test tools.
$(DEV): $(RUN)
	@sh tools/setup-system.sh test
	@echo "xcreport: 正在安装测试工具…"
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -e '.[dev]' >$(LOG) 2>&1 \
		|| { cat $(LOG); echo "xcreport: 安装失败，原因见上面的信息" >&2; exit 1; }
	@touch $@

monthly: $(RUN)
	@$(BIN)/xcreport monthly $(WHERE) $(WHEN) $(call quote,--month,$(MONTH)) $(SENDING)

annual: $(RUN)
	@$(BIN)/xcreport annual $(WHERE) $(WHEN) $(call quote,--year,$(YEAR)) $(SENDING)

validate: $(RUN)
	@$(BIN)/xcreport validate $(WHERE) $(WHEN)

ledgers: $(RUN)
	@$(BIN)/xcreport init "$(or $(OUT),out)/空白台账" $(call quote,--config,$(CONFIG)) $(call quote,--year,$(YEAR))

send: $(RUN)
	@$(BIN)/xcreport send $(call quote,--out,$(OUT)) $(call quote,--month,$(MONTH)) $(call quote,--year,$(YEAR)) $(call quote,--config,$(CONFIG))

# Reminders before the deadlines (催报提醒), on the days set in [remind]; SEND=1 mails them.
remind: $(RUN)
	@$(BIN)/xcreport remind $(WHERE) $(WHEN) $(SENDING)

check-config: $(RUN)
	@$(BIN)/xcreport check-config $(call quote,--config,$(CONFIG))

# Regenerate the sample county from its deterministic generator.
sample: $(DEV)
	$(BIN)/python tools/make_sample.py --config xcreport/sample/xcreport.toml --out xcreport/sample/ledgers

test: lint typecheck pytest

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy

pytest: $(DEV)
	$(BIN)/pytest

format: $(DEV)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(DEV)
	$(BIN)/python tools/bench.py $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES),)

clean:
	rm -rf out .mypy_cache .ruff_cache .pytest_cache
