# Two entry points, each self-sufficient on a fresh machine:
#   make run    create .venv, install, open the app on the default SQLite ledger
#   make test   create .venv, install with test tools, run lint and the whole test suite,
#               on SQLite and then on a throw-away PostgreSQL cluster (needs Debian's postgresql)
#   make test-sqlite / make test-pg   one database only (test-pg: the tests that use the database)
#   make fuzz           a long random Hypothesis hunt of the import (CI runs a short fixed one)
#   make mutation       mutation testing of the rule modules (mutmut), then the score; slow, not part of make test
#   make dist           the frozen program for this Linux machine (dist/linux/task-ledger)
#   make test-dist      make dist, then the frozen smoke test (part of make test)
#   make dist-windows   Windows bundle and installer under Wine (dist/windows, dist/task-ledger-setup-*.exe)
#   make test-windows   make dist-windows, then the smoke test and the installer's cycle under Wine
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-sqlite test-pg fuzz mutation sysdeps window-deps lint bench translations clean dist test-dist \
	dist-windows \
	test-windows

TS := resources/translations/ledger_zh_CN.ts
QM := resources/translations/ledger_zh_CN.qm

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: window-deps $(STAMP)
	$(PY) main.py

# The Qt libraries the window needs on a desktop (installed when root, else named).
window-deps:
	tools/system_deps.sh window

lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

test: sysdeps lint test-sqlite test-pg test-dist

# Qt libraries, pdftoppm, LibreOffice, PostgreSQL from Debian (installed when run as root).
sysdeps:
	tools/system_deps.sh test

# Two pytest-xdist workers, each test file on one of them (its module fixtures run once, the files it writes
# under tests/output are written by one process).
XDIST := -n 2 --dist loadfile

test-sqlite: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(XDIST)

# tools/pg_cluster.py initdb's a cluster on a free loopback port, runs the suite, deletes it. Only the tests
# that ask for the suite's database (marked uses_db by tests/conftest.py): the others ran on SQLite already.
test-pg: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tools/pg_cluster.py -- $(PY) -m pytest -q $(XDIST) -m uses_db

# The long hunt for workbooks and forms that break the import (CI runs a short fixed walk of the same tests):
# random examples, LEDGER_FUZZ_EXAMPLES a test (5000 unless set).
fuzz: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --hypothesis-profile=fuzz tests/test_fuzz_import.py

# Which rules have an edge no test sits on: mutmut changes the rule modules ([tool.mutmut] in pyproject.toml)
# one small edit at a time and runs the tests that reach each; tools/mutation.py prints the score per module.
# An hour or more on two cores, so never part of make test; the figure is kept in docs/development.md.
mutation: $(STAMP)
	$(PY) tools/mutation.py

# The frozen program (packaging/): PyInstaller, one folder, two executables.
PYINSTALLER := $(VENV)/.pyinstaller
$(PYINSTALLER): $(STAMP) packaging/pyinstaller-requirements.txt
	$(PY) -m pip install --quiet -r packaging/pyinstaller-requirements.txt
	touch $(PYINSTALLER)

dist: $(PYINSTALLER)
	$(PY) packaging/build.py linux

test-dist: dist
	$(PY) packaging/smoke.py linux

# Wine, NSIS and binutils for Windows from Debian; Windows Python and wheels from PyPI.
dist-windows: $(STAMP)
	tools/system_deps.sh wine64 nsis binutils-mingw-w64-x86-64
	$(PY) packaging/build.py windows

test-windows: dist-windows
	$(PY) packaging/smoke.py windows --installer

# Every bench, then one table of their figures against their goals (tools/bench_table.py; kept in
# bench/output/last-table.md). BENCH_SKIP="evidence scale" leaves the heaviest out.
bench: $(STAMP)
	$(PY) tools/bench_table.py run

# Refresh the Chinese catalogue from the English sources in ui/, then build the .qm.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete -locations none $$(find ui -name '*.py' | sort) -ts $(TS)
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

clean:
	rm -rf $(VENV) build dist *.egg-info tests/output bench/output
