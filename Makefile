# Two commands do all set-up on a fresh machine: `make reports` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
KERNEL := r4v-report
JOBS   ?= 2

.PHONY: reports test lint lab bench sample messages browser clean help

help:
	@echo "make reports   build every chapter (HTML, PDF, book.pdf) from data/sample into reports/"
	@echo "make test      run the tests (sets everything up first)"
	@echo "make lab       open JupyterLab with the project's kernel"
	@echo "make bench     run the benchmark and print its table"
	@echo "make sample    regenerate data/sample from its seed"
	@echo "make messages  extract the text to translate and update the es/pt catalogues"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) \
		--display-name "R4V report (project)" >/dev/null
	touch $@

# Every chapter with its PDFs and book.pdf, typeset in-process by Typst (a PyPI wheel):
# no browser needed (`--no-pdf` by hand for a faster build without them).
reports: $(STAMP)
	$(BIN)/r4v-report build --out reports --jobs $(JOBS)

# Headless Chromium for the browser test comes from Debian (Playwright's own download does
# not work here): its headless shell, lighter than the full browser, which is installed only
# where the shell cannot be.
browser:
	@command -v chromium-headless-shell >/dev/null 2>&1 || { \
		echo "installing Debian's chromium-headless-shell (the browser test)"; \
		if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -qq && { $$sudo apt-get install -y -qq chromium-headless-shell >/dev/null \
			|| command -v chromium >/dev/null 2>&1 \
			|| $$sudo apt-get install -y -qq chromium >/dev/null; }; }

# axe-core for the browser test's accessibility check, exactly as package-lock.json says.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# ruff, ruff format, nbstripout, large files, YAML, the import-layer contract and mypy:
# every hook of .pre-commit-config.yaml, run from the project's environment.
lint: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pre-commit run --all-files --show-diff-on-failure

test: $(STAMP) browser node_modules/.installed lint
	$(BIN)/pytest -n $(JOBS) --dist loadgroup --durations=25

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# BENCH_ARGS passes options (e.g. `make bench BENCH_ARGS="--rows 100000 1000000"` for the
# 1M-row information rows).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

sample: $(STAMP)
	$(BIN)/r4v-report sample --out data/sample --seed 2023

# The catalogues: every marked message of the code and templates into messages.pot, then
# each edition's .po updated from it (new messages empty, changed ones fuzzy, to translate).
LOCALE := src/helpers/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k gettext -k ngettext:1,2 \
		--sort-by-file --project r4v-hts-report -o $(LOCALE)/messages.pot .
	for lang in es pt; do \
		$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -l $$lang --ignore-obsolete; \
	done

clean:
	rm -rf $(VENV) node_modules reports/*.html reports/*.csv reports/*.json reports/*.pdf \
		.pytest_cache .build-cache
