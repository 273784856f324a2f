# rhetoric: developer tasks. Needs only `python3` (3.10+) and the network to PyPI.
#   make test    create .venv, install, run every test (slow ones too)
#   make demo    score the Raqqa corpus into build/raqqa/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Jupyter and IPython write config and kernels under ~ by default; keep them in build/.
export JUPYTER_CONFIG_DIR := $(CURDIR)/build/.jupyter/config
export IPYTHONDIR         := $(CURDIR)/build/.jupyter/ipython
export JUPYTER_DATA_DIR   := $(CURDIR)/build/.jupyter/data

.DEFAULT_GOAL := help
.PHONY: help venv install demo test lint bench clean distclean

help:
	@echo "make venv|install  create $(VENV) and install rhetoric with [notebooks,dev]"
	@echo "make demo          score data/raqqa into build/raqqa/"
	@echo "make test          run the whole test suite"
	@echo "make lint          ruff check src tests benchmarks"
	@echo "make bench         run benchmarks/bench_score.py"
	@echo "make clean         remove build/ and caches (keeps $(VENV))"
	@echo "make distclean     clean, and remove $(VENV)"

venv install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when pyproject.toml is newer than the stamp.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -e ".[notebooks,dev]"
	touch $@

demo: $(STAMP)
	mkdir -p build/raqqa build/notebooks $(JUPYTER_CONFIG_DIR) $(IPYTHONDIR) $(JUPYTER_DATA_DIR)
	$(BIN)/rhetoric score data/raqqa/*.txt -o build/raqqa/paragraphs.csv --no-progress
	$(BIN)/rhetoric spans data/raqqa/*.txt -o build/raqqa/spans.csv --no-progress
	$(BIN)/rhetoric corpus data/raqqa/manifest.yaml -o build/raqqa/corpus --no-progress
	for nb in notebooks/[0-9][0-9]-*.ipynb; do \
		$(BIN)/jupyter nbconvert --to notebook --execute "$$nb" --output-dir build/notebooks || exit 1; \
		$(BIN)/jupyter nbconvert --to html "build/notebooks/$$(basename $$nb)" --output-dir build/notebooks || exit 1; \
	done
	@echo
	@echo "Demo outputs:"
	@echo "  paragraph scores:   build/raqqa/paragraphs.csv"
	@echo "  cue spans:          build/raqqa/spans.csv"
	@echo "  corpus with provenance (CSV, Parquet) and charts (PNG, SVG, offline HTML): build/raqqa/corpus/"
	@echo "  executed notebooks (.ipynb and .html):   build/notebooks/"

test: $(STAMP)
	mkdir -p $(JUPYTER_CONFIG_DIR) $(IPYTHONDIR) $(JUPYTER_DATA_DIR)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_score.py

clean:
	rm -rf build .pytest_cache .ruff_cache .hypothesis
	find . \( -path ./$(VENV) -o -path ./.git \) -prune -o -type d \
		\( -name __pycache__ -o -name .ipynb_checkpoints -o -name '*.egg-info' \) \
		-prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
