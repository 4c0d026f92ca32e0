"""The TOML key locator: every key's line, for file:line:field messages."""

import tomllib

from emulator.scenario.tomlpos import KeyLines

TEXT = '''# a comment
[scenario]
name = "x"  # trailing comment with [brackets] and "quotes"
[device]
"battery_level" = 5

[[steps]]
at = "0s"
args = [
  1,
  """a
b = 2
""",
  { k = "v" },
]
x.y = 3
[[steps]]
at = '1s'
expect_result = { a = 1, b = [
   2, 3] }
note = "it's"
[[apps]]
bundle_name = "a]b"
'''


def test_the_fixture_is_valid_toml():
    tomllib.loads(TEXT)


def test_lines_of_keys_and_tables():
    lines = KeyLines(TEXT)
    assert lines.line(("scenario",)) == 2
    assert lines.line(("scenario", "name")) == 3
    assert lines.line(("device", "battery_level")) == 5
    assert lines.line(("steps", 0)) == 7
    assert lines.line(("steps", 0, "args")) == 9
    assert lines.line(("steps", 0, "x", "y")) == 16
    assert lines.line(("steps", 1, "at")) == 18
    assert lines.line(("steps", 1, "expect_result")) == 19
    assert lines.line(("steps", 1, "note")) == 21
    assert lines.line(("apps", 0, "bundle_name")) == 23


def test_unknown_paths_fall_back_to_the_nearest_ancestor():
    lines = KeyLines(TEXT)
    assert lines.line(("steps", 0, "args", 2, "k")) == 9
    assert lines.line(("steps", 1, "missing")) == 17
    assert lines.line(("nothing",)) == 1
