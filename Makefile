# Every target creates the virtual environment it needs, so a fresh clone needs only `make`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run serve test bench clean bytecode

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The project's bytecode, written even where PYTHONDONTWRITEBYTECODE is set (it is on some CI
# machines): without it every start compiles the dashboard from source (about 50 ms).
bytecode: $(VENV)/.installed
	@$(PY) -m compileall -q bgtui emulator

run: bytecode                    ## open the dashboard on the built-in demo device
	$(VENV)/bin/bgtui $(ARGS)

serve: bytecode                  ## serve the dashboard to a web browser (bgtui serve; ARGS='--readonly' ...)
	$(VENV)/bin/bgtui serve $(ARGS)

test: $(VENV)/.installed         ## run the whole test suite
	$(PY) -m pytest $(ARGS)

bench: bytecode                  ## run the benchmarks; they print figures, they assert nothing
	$(PY) -m tests.benchmarks $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
	find bgtui emulator tests -name __pycache__ -prune -exec rm -rf {} +
