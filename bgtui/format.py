"""How the dashboard writes times, durations and names. Pure functions, no Textual."""

from __future__ import annotations

from emulator.modes import JS_MODE_NAMES, RESOURCE_TYPE_NAMES
from emulator.timestamp import format_timestamp

DAY_MS = 86_400_000

# Short chip labels: the ArkTS names are long; the details pane shows them in full.
MODE_CHIP_LABELS: dict[str, str] = {
    "dataTransfer": "data", "audioPlayback": "audio", "audioRecording": "record", "location": "location",
    "bluetoothInteraction": "bluetooth", "multiDeviceConnection": "multi-device", "wifiInteraction": "wifi",
    "voip": "voip", "taskKeeping": "keeping",
}
# Resource types keep their ArkTS names (CPU, COMMON_EVENT...): the grants table and the form say the same.
RESOURCE_CHIP_LABELS: dict[str, str] = {name: name for name in RESOURCE_TYPE_NAMES}
assert set(MODE_CHIP_LABELS) == set(JS_MODE_NAMES) and set(RESOURCE_CHIP_LABELS) == set(RESOURCE_TYPE_NAMES)


def _kebab(name: str) -> str:
    out = []
    for ch in name:
        if ch.isupper():
            out.append("-" + ch.lower())
        else:
            out.append(ch)
    return "".join(out).strip("-")


def mode_chip_class(mode: str) -> str:
    """The theme variable (and component class suffix) of a mode chip: audioPlayback -> chip-mode-audio-playback."""
    return "chip-mode-" + _kebab(mode)


def resource_chip_class(name: str) -> str:
    """RUNNING_LOCK -> chip-res-running-lock."""
    return "chip-res-" + name.lower().replace("_", "-")


def clock(ms: int) -> str:
    """Virtual date and time: 'day 1 00:03:12.4' (the virtual clock starts at day 1, midnight)."""
    day, rest = divmod(ms, DAY_MS)
    hours, rest = divmod(rest, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"day {day + 1} {hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000 // 100}"


def stamp(ms: int) -> str:
    """An event's time, the same everywhere (log, details, history, play, CSV): 'd1 00:03:12.405'."""
    return format_timestamp(ms)


def remaining(ms: int) -> str:
    """A countdown to a tenth of a second: '2:54.3', '0:05.0', '1:02:03.4'."""
    ms = max(0, ms)
    tenths = ms // 100
    hours, rest = divmod(tenths, 36_000)
    minutes, rest = divmod(rest, 600)
    seconds, tenth = divmod(rest, 10)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{tenth}"
    return f"{minutes}:{seconds:02d}.{tenth}"


def duration(ms: int) -> str:
    """A span in short words: 180000 -> '3 min', 6000 -> '6 s', 16500 -> '16.5 s', 90061000 -> '25 h 1 min'."""
    if ms < 0:
        return "-" + duration(-ms)
    if ms < 60_000:
        return f"{ms / 1000:g} s"
    if ms < 3_600_000:
        minutes, rest = divmod(ms, 60_000)
        return f"{minutes} min" + (f" {rest / 1000:g} s" if rest else "")
    hours, rest = divmod(ms, 3_600_000)
    return f"{hours} h" + (f" {rest // 60_000} min" if rest >= 60_000 else "")


def speed(value: float) -> str:
    """'×0.5', '×1', '×100'."""
    return f"×{value:g}"
