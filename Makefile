# Mestringsluppen – digital håndbog. `make site` and `make test` bootstrap themselves.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: site html pdf check test test-fast snapshots serve bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m book build

html: $(STAMP)
	$(BIN)/python -m book build --no-pdf

pdf: $(STAMP)
	$(BIN)/python -m book pdf

check: $(STAMP)
	$(BIN)/python -m book check

# one worker per core (pytest-xdist), handed two tests at a time, so that no worker is left with a queue
# of long tests while the other is done (tests/conftest.py orders them: the long ones first, and what
# needs the shared build, which starts in the background, last); the slowest steps are listed.
# (Not --dist loadgroup: with pytest 9, pytest-xdist 3.8 cannot group tests; tests sharing a
# build of their own are therefore one test each.)
XDIST := -n auto --maxschedchunk=2

test: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) --durations=25

test-fast: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not build and not pdf and not browser"

# what each directive and role renders, written anew (tests/test_directives/): the first run lists the snapshots
# that changed (as failures), the second checks them; read the diff (git diff tests/test_directives) before committing
snapshots: $(STAMP)
	-$(BIN)/python -m pytest tests/test_directives.py --force-regen -q
	$(BIN)/python -m pytest tests/test_directives.py -q

serve: $(STAMP)
	$(BIN)/python -m book serve

bench: $(STAMP)
	$(BIN)/python scripts/bench

clean:
	rm -rf _build
