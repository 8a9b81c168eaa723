# The two commands: `make run` (analyse the bundled articles) and `make test`.
# Both create .venv/ from requirements.txt on first use; nothing else is needed
# beyond Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARTICLES ?= seeds data/examples
OUT      ?= data/processed

.PHONY: run test lint lab venv clean-cache clean

FIGURES  ?= figures

run: $(STAMP)
	$(BIN)/framing analyze $(ARTICLES) --out $(OUT)
	$(BIN)/framing report $(ARTICLES) --out $(FIGURES)

test: $(STAMP)
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/nbstripout --verify notebooks/*.ipynb
	$(BIN)/pytest
	FRAMING_CACHE_DIR=$$(mktemp -d) $(BIN)/pytest --nbmake notebooks/ -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "framing needs Python 3.11 or newer; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

clean-cache: $(STAMP)
	$(BIN)/framing cache clear

clean:
	rm -rf $(VENV) build *.egg-info analysis/*.egg-info
