"""How benchmarks print a figure beside its target."""

from __future__ import annotations


def figure(name: str, value: float, unit: str, target: float | None = None, lower_is_better: bool = True) -> None:
    verdict = ""
    if target is not None:
        ok = value <= target if lower_is_better else value >= target
        verdict = f"   target {'<=' if lower_is_better else '>='} {target:g} {unit}: {'met' if ok else 'MISSED'}"
    print(f"  {name:<58} {value:>10.3f} {unit}{verdict}")
