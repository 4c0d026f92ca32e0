"""The built-in demo scenarios, shipped as package data: `bgtui play demo:NAME`."""

from __future__ import annotations

from importlib import resources

__all__ = ["demo_names", "demo_text"]


def demo_names() -> list[str]:
    """Every demo's name (its file name without .toml), sorted."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name[:-len(".toml")] for f in files if f.name.endswith(".toml"))


def demo_text(name: str) -> str:
    """The TOML text of demo `name`; KeyError names the demos there are."""
    if name not in demo_names():
        raise KeyError(f"no demo named {name!r}; the demos are: {', '.join(demo_names())}")
    return resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
