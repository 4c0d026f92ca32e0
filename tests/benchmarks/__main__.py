"""`python -m tests.benchmarks`: run every `bench_*.py` here; each prints its figures."""

import importlib
import pkgutil
import sys

import tests.benchmarks as package

for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")):
    importlib.import_module(f"tests.benchmarks.{module}").main(sys.argv[1:])
