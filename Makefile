# rhetoric: developer tasks. Needs only `python3` (3.10+) and the network to PyPI.
#   make test    create .venv, install, run every test (slow ones too)
#   make demo    score the Raqqa corpus into build/raqqa/, highlight each article, run the notebooks,
#                write the classroom worksheet, and link it all from build/index.html

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
	@echo "make demo          score data/raqqa into build/, run the notebooks, write build/index.html"
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
	rm -f build/classroom/worksheet.html build/classroom/answer_key.html build/index.html
	mkdir -p build/raqqa/highlighted build/notebooks build/classroom $(JUPYTER_CONFIG_DIR) $(IPYTHONDIR) $(JUPYTER_DATA_DIR)
	$(BIN)/rhetoric score data/raqqa/*.txt -o build/raqqa/paragraphs.csv --no-progress
	$(BIN)/rhetoric spans data/raqqa/*.txt -o build/raqqa/spans.csv --no-progress
	$(BIN)/rhetoric corpus data/raqqa/manifest.yaml -o build/raqqa/corpus --no-progress
	for f in data/raqqa/*.txt data/raqqa/original/*.txt; do \
		$(BIN)/rhetoric html "$$f" -o "build/raqqa/highlighted/$$(basename "$$f" .txt).html" || exit 1; \
	done
	$(BIN)/python -m rhetoric.notebooks notebooks/[0-9][0-9]-*.ipynb -o build/notebooks
	@test -s build/classroom/worksheet.html && test -s build/classroom/answer_key.html \
		|| { echo "notebooks/03-classroom did not write build/classroom/worksheet.html and answer_key.html"; exit 1; }
	@echo
	@echo "Demo outputs:"
	@echo "  paragraph scores:   build/raqqa/paragraphs.csv"
	@echo "  cue spans:          build/raqqa/spans.csv"
	@echo "  highlighted articles (printable HTML): build/raqqa/highlighted/"
	@echo "  corpus with provenance (CSV, Parquet) and charts (PNG, SVG, offline HTML): build/raqqa/corpus/"
	@echo "  executed notebooks (.ipynb and .html):   build/notebooks/"
	@echo "  classroom worksheet and answer key (printable HTML, from notebook 03): build/classroom/worksheet.html, build/classroom/answer_key.html"
	@echo
	@echo "Everything, linked from one page (open it in a browser):"
	@$(BIN)/python -m rhetoric.demo build

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
