# Pasar UPPKS: `make run` serves the marketplace, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
VAR_DIR ?= $(CURDIR)/var
LOCAL := DEBUG=true VAR_DIR=$(VAR_DIR) DATABASE_URL=sqlite:///$(VAR_DIR)/db.sqlite3 REDIS_URL= CELERY_BROKER_URL=memory:// CELERY_TASK_ALWAYS_EAGER=true

.PHONY: install run demo test lint format messages compilemessages bench clean saleor-storefront

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

compilemessages: install
	$(LOCAL) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules >/dev/null

demo: install compilemessages
	mkdir -p $(VAR_DIR)
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_demo

run: demo
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:8000

test: install compilemessages
	bash scripts/ensure_services.sh
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

messages: install
	PY=$(abspath $(PY)) bash scripts/messages.sh

bench: install compilemessages
	bash scripts/ensure_services.sh
	@for bench in bench/bench_*.py; do echo "== $$bench"; $(PY) $$bench || exit 1; done

# Saleor's own storefront buys from two groups against our API (docs/SALEOR-STOREFRONT.md).
# Skips (exit 0) unless SALEOR_STOREFRONT_DIR points at a checkout of github.com/saleor/storefront.
saleor-storefront: install
	@SALEOR_STOREFRONT_DIR="$(SALEOR_STOREFRONT_DIR)" $(PY) scripts/saleor_storefront/run.py

clean:
	rm -rf var .ruff_cache
