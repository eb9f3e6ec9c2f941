# Vita: `make html` and `make test` set everything up on a machine with only python3 (3.11+).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= docs
OUT    := $(SITE)/_build
SPHINXOPTS ?=
STAMP  := $(VENV)/.installed-stamp

.PHONY: html test livehtml pdf latex linkcheck bench check clean help

help:
	@echo "make html      build $(SITE) into $(OUT)/html (sets up .venv first)"
	@echo "make test      run the whole test suite (sets up .venv first)"
	@echo "make livehtml  rebuild and reload the site on every save"
	@echo "make pdf       build the PDF CV into $(OUT)/latex"
	@echo "make linkcheck check every external link of $(SITE)"
	@echo "make bench     time Vita against plain Sphinx on synthetic sites"
	@echo "make check     ruff (lint + format) and mypy"
	@echo "make clean     remove build output (keeps .venv)"
	@echo "SITE=examples/vinay-sisodia builds the second site."

# The stamp is remade when pyproject.toml changes, so new dependencies arrive by themselves.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[docs,test,live]"
	touch $@

html: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -b html -d $(OUT)/doctrees $(SPHINXOPTS) $(SITE) $(OUT)/html
	@echo "Site built: $(OUT)/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild --port 8000 -d $(OUT)/doctrees $(SPHINXOPTS) $(SITE) $(OUT)/html

latex: $(STAMP)
	$(BIN)/python -m sphinx -W --keep-going -b latex -d $(OUT)/doctrees $(SPHINXOPTS) $(SITE) $(OUT)/latex

pdf: latex
	$(MAKE) -C $(OUT)/latex all-pdf
	@echo "PDF built in $(OUT)/latex"

linkcheck: $(STAMP)
	$(BIN)/python -m sphinx -b linkcheck -d $(OUT)/doctrees $(SPHINXOPTS) $(SITE) $(OUT)/linkcheck

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

check: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf docs/_build examples/*/_build bench/_sites test-artifacts
