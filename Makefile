# Every target creates the virtual environment it needs, so a fresh clone needs only `make`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed          ## open the dashboard on the built-in demo device
	$(VENV)/bin/bgtui $(ARGS)

test: $(VENV)/.installed         ## run the whole test suite
	$(PY) -m pytest $(ARGS)

bench: $(VENV)/.installed        ## run the benchmarks; they print figures, they assert nothing
	$(PY) -m tests.benchmarks $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
