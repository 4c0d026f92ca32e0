"""Run every benchmark module (bench_*.py) in this folder: `make bench` or `python -m tests.benchmarks [NAME...]`.

Benchmarks print figures next to their targets; they assert nothing and never run under pytest.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    folder = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_"))
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    if not wanted:
        print(f"no benchmark matches {' '.join(argv)}; there are: {', '.join(names)}")
        return 2
    for name in wanted:
        print(f"== {name}")
        importlib.import_module(f"tests.benchmarks.{name}").main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
