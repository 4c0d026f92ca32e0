"""Shared helpers for the theme tests."""

from __future__ import annotations

from pathlib import Path

import pytest


def theme_text(name: str, primary: str = "#336699", **variables: str) -> str:
    """A small valid theme file."""
    lines = [f'name = "{name}"', f'primary = "{primary}"']
    if variables:
        lines.append("[variables]")
        lines += [f'{key.replace("_", "-")} = "{value}"' for key, value in variables.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """An empty (shipped, user) pair of theme folders."""
    shipped, user = tmp_path / "shipped", tmp_path / "user"
    shipped.mkdir()
    user.mkdir()
    return shipped, user
