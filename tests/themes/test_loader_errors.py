"""Every kind of theme-file problem gives a ThemeError naming the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bgtui.themes import colours
from bgtui.themes.errors import ThemeError
from bgtui.themes.loader import load_theme_file, parse_theme
from bgtui.themes.settings import shipped_themes_dir
from bgtui.themes.variables import APP_VARIABLES

PATH = Path("themes/broken.toml")


def error_for(text: str) -> ThemeError:
    with pytest.raises(ThemeError) as caught:
        parse_theme(text, PATH)
    assert caught.value.path == PATH
    return caught.value


def test_toml_syntax_error_uses_tomllib_line_and_column() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\ndark = \n')
    assert error.line == 3
    assert error.message.startswith("TOML syntax error: ")
    assert "column 8" in error.message


def test_unterminated_string_at_end_of_file_names_the_last_line() -> None:
    error = error_for('name = "x"\nprimary = "#3366')
    assert error.line == 2
    assert "Unterminated string" in error.message


def test_unknown_top_level_key_is_refused_with_a_suggestion() -> None:
    error = error_for('name = "x"\n\nprimery = "#336699"\n')
    assert error.line == 3
    assert error.message == "unknown key 'primery' (did you mean 'primary'?)"


@pytest.mark.parametrize("header", ["[colors]", "[[colors]]"])
def test_unknown_table_is_refused_on_its_header_line(header: str) -> None:
    error = error_for(f'name = "x"\nprimary = "#336699"\n{header}\nrefused = "#ff0000"\n')
    assert error.line == 3
    assert error.message == "unknown key 'colors'"


def test_unknown_variable_is_refused_with_a_suggestion() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\n\n[variables]\ncountdown-normal = "#00ff00"\nchip-txt = "#000000"\n')
    assert error.line == 6
    assert error.message == "unknown variable 'chip-txt' (did you mean 'chip-text'?)"


def test_invalid_colour_in_a_theme_field() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\nbackground = "darkish"\n')
    assert error.line == 3
    assert error.message.startswith("'background' is not a valid colour: failed to parse 'darkish'")


def test_invalid_colour_in_an_app_variable() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\n[variables]\nrefused = "#12345"\n')
    assert error.line == 4
    assert error.message.startswith("variable 'refused' is not valid: ")


def test_app_variable_must_be_a_plain_colour_not_auto() -> None:
    # Textual's own `$text` may be "auto 87%", but app variables are checked for contrast,
    # so they must be real colours.
    error = error_for('name = "x"\nprimary = "#336699"\n[variables]\nchip-text = "auto 87%"\n')
    assert error.line == 4
    assert "chip-text" in error.message


def test_invalid_value_for_a_textual_variable() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\n[variables]\nlink-style = "wobbly"\n')
    assert error.line == 4
    assert "'wobbly' is not a text style" in error.message


def test_dotted_variable_key_is_found_on_its_line() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\nvariables.refused = "not-a-colour"\n')
    assert error.line == 3


def test_missing_name() -> None:
    error = error_for('primary = "#336699"\n')
    assert error.message == "missing required key 'name'"
    assert error.line == 1


def test_missing_primary() -> None:
    error = error_for('name = "x"\n')
    assert error.message == "missing required key 'primary'"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("name = 3", "'name' must be a string, not a number"),
        ("primary = 0x336699", "'primary' must be a colour string, not a number"),
        ('dark = "yes"', "'dark' must be true or false, not a string"),
        ("text_alpha = true", "'text_alpha' must be a number, not a boolean"),
        ('variables = "lots"', "'variables' must be a table, not a string"),
        ("variables = { refused = 1 }", "variable 'refused' must be a string, not a number"),
    ],
)
def test_wrong_type(line: str, expected: str) -> None:
    base = {"name": 'name = "x"', "primary": 'primary = "#336699"'}
    key = line.split(" ", 1)[0]
    lines = [text for field, text in base.items() if field != key] + [line]
    error = error_for("\n".join(lines) + "\n")
    assert error.message == expected
    assert error.line == len(lines)


def test_number_out_of_range() -> None:
    error = error_for('name = "x"\nprimary = "#336699"\nluminosity_spread = 2\n')
    assert error.message == "'luminosity_spread' must be between 0 and 1, not 2"
    assert error.line == 3


@pytest.mark.parametrize("name", ["my theme", "dark,light", "", "-dash-first"])
def test_theme_name_must_be_usable_as_a_css_class_and_picker_entry(name: str) -> None:
    # Textual makes the class "-theme-<name>" and `get_theme` splits names on commas.
    error = error_for(f'name = "{name}"\nprimary = "#336699"\n')
    assert error.line == 1
    assert "theme name" in error.message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "x"\nprimary = "#336699"\n# caf\xe9\n'.encode("latin-1"))
    with pytest.raises(ThemeError) as caught:
        load_theme_file(path)
    assert caught.value.line == 3
    assert caught.value.message == "the file is not UTF-8 text"


def test_error_text_names_file_line_and_problem() -> None:
    error = error_for('name = "x"\nprimary = "nope"\n')
    assert str(error) == f"{PATH}:2: 'primary' is not a valid colour: failed to parse 'nope' as a color"


def test_one_bad_value_among_good_ones_is_the_one_reported() -> None:
    # Good values are checked together in one CSS parse; when that parse fails, each value is
    # checked alone, so the error still names the bad one and its line.
    good = "\n".join(f'{name} = "#2255{index:02x}"' for index, name in enumerate(APP_VARIABLES[:6]))
    text = f'name = "x"\nprimary = "#336699"\n[variables]\n{good}\nlink-style = "wobbly"\nborder = "#123456"\n'
    error = error_for(text)
    assert error.line == 10
    assert error.message.startswith("variable 'link-style' is not valid: 'wobbly' is not a text style")


def test_a_shipped_theme_is_checked_in_one_css_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up parses every theme file; one parse per file, not one per value (about 40)."""
    parses: list[int] = []
    real = colours._parse_declarations
    monkeypatch.setattr(colours, "_ACCEPTED", {})
    monkeypatch.setattr(colours, "_parse_declarations", lambda pairs: parses.append(len(pairs)) or real(pairs))
    theme = load_theme_file(shipped_themes_dir() / "dark.toml")
    assert len(parses) == 1 and parses[0] > 20  # distinct values, all at once
    assert set(APP_VARIABLES) <= theme.variables.keys()
