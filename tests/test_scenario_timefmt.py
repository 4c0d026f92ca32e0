"""Durations in scenario files: parsing, formatting, and the clock column of the log."""

import pytest
from hypothesis import given, strategies as st

from emulator.scenario.timefmt import DurationError, format_clock, format_duration, parse_duration


@pytest.mark.parametrize("text, ms", [
    ("0s", 0), ("500ms", 500), ("1s", 1000), ("2m30s", 150_000), ("1h", 3_600_000), ("1d", 86_400_000),
    ("1h30m", 5_400_000), ("1d2h3m4s5ms", 93_784_005), ("25h", 90_000_000), (" 6s ", 6000), ("90s", 90_000),
])
def test_parse(text, ms):
    assert parse_duration(text) == ms


@pytest.mark.parametrize("text", ["", "5", "1.5s", "-1s", "1x", "s", "1m1h", "1s1s", "1 s", "ms500", "2m30"])
def test_parse_refuses(text):
    with pytest.raises(DurationError):
        parse_duration(text)


@pytest.mark.parametrize("value", [5, 1.5, True, None, ["1s"]])
def test_parse_refuses_non_strings(value):
    with pytest.raises(DurationError, match="duration string"):
        parse_duration(value)


def test_a_bare_number_suggests_units():
    with pytest.raises(DurationError, match='"5ms" or "5s"'):
        parse_duration(5)


@pytest.mark.parametrize("ms, text", [(0, "0s"), (150_000, "2m30s"), (1500, "1s500ms"), (86_400_000, "1d"),
                                      (90_000_000, "1d1h"), (7, "7ms")])
def test_format(ms, text):
    assert format_duration(ms) == text


@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_round_trips(ms):
    assert parse_duration(format_duration(ms)) == ms


@pytest.mark.parametrize("ms, text", [(0, "d1 00:00:00.000"), (150_000, "d1 00:02:30.000"), (90_000_005, "d2 01:00:00.005")])
def test_clock(ms, text):
    assert format_clock(ms) == text
