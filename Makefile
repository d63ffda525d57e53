# Two commands for a newcomer on Debian 12: `make run` and `make test`. Both set everything up.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
QM     := resources/translations/kodaira_desk_en.qm resources/translations/qt_extra_ja.qm

.PHONY: run test setup system-deps lint typecheck unit translations screenshots bench dist clean

run: setup
	@sh installer/check-display.sh
	$(VENV)/bin/kodaira-desk

test: setup lint typecheck unit

# on every core (pytest-xdist; at most 8 workers, tests/conftest.py), a file's tests on one worker,
# the files in the order they are collected (xdist would send the files with most tests first and
# leave the few-but-long property tests of round/ to the end, one worker idle while they run)
unit: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

setup: system-deps $(STAMP) translations

system-deps:
	@sh installer/system-deps.sh

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

lint: setup
	$(VENV)/bin/ruff check kodaira_desk tests benchmarks db/migrations
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy --strict kodaira_desk/domain kodaira_desk/store kodaira_desk/services kodaira_desk/reports \
		kodaira_desk/io kodaira_desk/tools kodaira_desk/__init__.py kodaira_desk/__main__.py kodaira_desk/cli.py \
		kodaira_desk/cli_round.py kodaira_desk/cli_plan.py kodaira_desk/paths.py db/migrations kodaira_desk/ui

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m kodaira_desk.tools.screenshots docs/screenshots

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Packaging (installer/README.md). `make dist`: one-folder build in dist/kodaira-desk/ (PyInstaller);
# `make deb`: dist/kodaira-desk_<version>_<arch>.deb of that build, with dpkg-deb.
.PHONY: deb
dist: setup
	@sh installer/packaging-deps.sh $(PY)
	@mkdir -p build && sh installer/source-stamp.sh > build/kodaira-desk.source
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller installer/kodaira-desk.spec
	@mv build/kodaira-desk.source dist/kodaira-desk.source
	@echo "dist: dist/kodaira-desk/kodaira-desk ($$(du -sh dist/kodaira-desk | cut -f1)), from $$(cat dist/kodaira-desk.source)"

deb: dist
	sh installer/build-deb.sh dist/kodaira-desk dist
