"""WCAG contrast of every shipped theme: AA (4.5:1) everywhere, AAA (7:1) in high-contrast."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from bgtui.themes import load_theme_file, resolved_variables, shipped_themes_dir
from bgtui.themes.contrast import AA_NORMAL, AAA_NORMAL, contrast_ratio, ensure_contrast, flatten
from bgtui.themes.variables import APP_VARIABLES, CHIP_BACKGROUND_VARIABLES, TEXT_VARIABLES

SHIPPED = sorted(shipped_themes_dir().glob("*.toml"))
GROUNDS = ("background", "surface", "panel")


def test_the_four_themes_are_shipped() -> None:
    names = {load_theme_file(path).name for path in SHIPPED}
    assert {"dark", "light", "high-contrast", "colorblind"} <= names


def required(theme_name: str) -> float:
    return AAA_NORMAL if theme_name == "high-contrast" else AA_NORMAL


def ratio(variables: dict[str, str], text: str, ground: str) -> float:
    return contrast_ratio(Color.parse(variables[text]), Color.parse(variables[ground]))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_shipped_theme_sets_every_app_variable_itself(path: Path) -> None:
    # Derived defaults are a safety net for user themes; shipped ones are designed in full.
    text = path.read_text()
    missing = [name for name in APP_VARIABLES if f"\n{name} = " not in text]
    assert missing == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_foreground_on_every_background(path: Path) -> None:
    theme = load_theme_file(path)
    variables = resolved_variables(theme)
    for ground in GROUNDS:
        assert ratio(variables, "foreground", ground) >= required(theme.name), ground


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_state_countdown_and_refusal_text_on_every_background(path: Path) -> None:
    theme = load_theme_file(path)
    variables = resolved_variables(theme)
    too_low = {
        f"{text} on {ground}": round(ratio(variables, text, ground), 2)
        for text in TEXT_VARIABLES
        for ground in GROUNDS
        if ratio(variables, text, ground) < required(theme.name)
    }
    assert too_low == {}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_chip_text_on_every_chip(path: Path) -> None:
    theme = load_theme_file(path)
    variables = resolved_variables(theme)
    too_low = {
        chip: round(ratio(variables, "chip-text", chip), 2)
        for chip in CHIP_BACKGROUND_VARIABLES
        if ratio(variables, "chip-text", chip) < required(theme.name)
    }
    assert too_low == {}


# The arithmetic itself, against values from the WCAG definition.


def test_black_on_white_is_21() -> None:
    assert contrast_ratio(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)


def test_same_colour_is_1() -> None:
    assert contrast_ratio(Color(90, 120, 200), Color(90, 120, 200)) == pytest.approx(1.0)


def test_known_pair() -> None:
    # #777777 on white is the classic "just fails AA" grey: 4.48:1.
    assert contrast_ratio(Color.parse("#777777"), Color.parse("#FFFFFF")) == pytest.approx(4.48, abs=0.01)


def test_translucent_text_is_composited_over_its_background() -> None:
    half_white = Color(255, 255, 255, 0.5)
    assert flatten(half_white, Color(0, 0, 0)) == Color(128, 128, 128)
    assert contrast_ratio(half_white, Color(0, 0, 0)) == pytest.approx(
        contrast_ratio(Color(128, 128, 128), Color(0, 0, 0))
    )


def test_ensure_contrast_lightens_on_dark_and_darkens_on_light() -> None:
    dim_red = Color.parse("#802020")
    on_dark = ensure_contrast(dim_red, [Color.parse("#101010")], AA_NORMAL)
    on_light = ensure_contrast(Color.parse("#FF8080"), [Color.parse("#FFFFFF")], AA_NORMAL)
    assert contrast_ratio(on_dark, Color.parse("#101010")) >= AA_NORMAL
    assert contrast_ratio(on_light, Color.parse("#FFFFFF")) >= AA_NORMAL
    assert on_dark.brightness > dim_red.brightness
    assert on_light.brightness < Color.parse("#FF8080").brightness


def test_ensure_contrast_leaves_readable_colours_alone() -> None:
    assert ensure_contrast(Color.parse("#FFFFFF"), [Color.parse("#000000")], AA_NORMAL) == Color.parse("#FFFFFF")
