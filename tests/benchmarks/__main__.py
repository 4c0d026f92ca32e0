"""`python -m tests.benchmarks`: run every bench_*.py module in this folder, each under a header.

Each module has a `main()` that prints its figures. Benchmarks assert nothing.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    names = sorted(p.stem for p in here.glob("bench_*.py"))
    only = set(sys.argv[1:])
    for name in names:
        if only and name not in only and name.removeprefix("bench_") not in only:
            continue
        title = f" {name} "
        print(f"{title:=^79}", flush=True)
        start = time.perf_counter()
        module = importlib.import_module(f"{__package__}.{name}")
        module.main()
        print(f"({name} took {time.perf_counter() - start:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
