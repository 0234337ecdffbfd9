# The front door. On a fresh machine `make pdf` and `make test` install what they lack:
# a virtualenv in .venv, and TeX from Debian's packages (when missing and we are root or have sudo).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk \
	fonts-noto-cjk fonts-font-awesome poppler-utils
LANGS := $(patsubst data/cv.%.yaml,%,$(wildcard data/cv.*.yaml))

.PHONY: pdf test lint tex venv update-golden schema clean

pdf: venv tex
	@for lang in $(LANGS); do $(BIN)/resumetex render --lang $$lang || exit 1; done

test: venv tex lint
	$(BIN)/pytest

lint: venv
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Rewrites the golden files from the current code; review the diff before committing.
update-golden: venv tex
	RESUMETEX_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render.py tests/test_load.py
	$(BIN)/resumetex schema > schema/cv.schema.json

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Installs only the Debian packages that are missing.
tex:
	@missing=""; for p in $(TEX_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else echo "missing Debian packages:$$missing"; echo "install them with: sudo apt-get install$$missing"; exit 1; fi; \
	  echo "installing:$$missing"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
