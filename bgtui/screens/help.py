"""`?`: every key, and how to play a whole task lifecycle."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from bgtui.keymap import keys_markdown
from bgtui.widgets.key_bar import KeyBar

__all__ = ["HelpScreen", "HOW_TO_PLAY"]

HOW_TO_PLAY = """\
# bgtui: the background task manager of a fake OpenHarmony device

The clock in the header is virtual: it follows real time × the speed. `space` pauses it,
`+`/`-` change the speed, `n` jumps to the next thing that will happen.
The keys act **as the selected app** (the header says *as Music*): pick a row in any table.

## Play a transient task
1. Select **Uploader** in *Apps*, press `t`, then `enter`: the task is granted (3 min) but
   paused: the app is in the foreground with the screen on.
2. Press `b`: the app goes to the background and the countdown starts.
3. Press `+` a few times (or `n`): 6 s before the end the *about to time out* callback fires
   and the row turns to the expiring colour. 6 s later the service force-cancels it, and the device policy
   terminates the app (see *Event log*).

## Play a continuous task
Select **Music**, press `s`, `enter`: an `audioPlayback` task starts and posts a notification.
Press `b`: the app stays awake in the background. `S` stops it; `w` swipes its notification away.

## Play an efficiency resource
Select **System**, press `e`, choose types and a timeout, `enter`. `z` resets them all.

## Record and replay
Every action you take is recorded with its virtual time. `ctrl+s` saves the session as a
scenario file; `bgtui play FILE` replays it to the same event log, and `bgtui FILE` opens it here.

## Filter the log
`/` then words: `music`, `app:uploader`, `kind:refused`, `!kind:device`. `enter` keeps the
filter, `esc` clears it. `l` follows the newest event; `p` freezes the view (the clock runs on).

## Keys
"""


# The walk-throughs name the demo device's apps; on a device without one, they say what to pick instead.
_STAND_INS = {"Uploader": "an app", "Music": "an app that declares a background mode (and KEEP_BACKGROUND_RUNNING)",
              "System": "a system app"}


def how_to_play(labels: set[str]) -> str:
    """HOW_TO_PLAY for a device whose apps are `labels`: no app named that the device lacks."""
    text = HOW_TO_PLAY
    for name, stand_in in _STAND_INS.items():
        if name not in labels:
            text = text.replace(f"**{name}**", stand_in).replace(f"*as {name}*", "*as* and the app's name")
    return text


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 100;
            max-width: 100%;
            height: 90%;
            border: round $primary;
            border-title-style: bold;
            background: $surface;
        }
    }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss_help", "Close")]
    PAUSE_REASON = "help open"

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help (esc closes)"
            snapshot = self.app.snapshot  # type: ignore[attr-defined]
            labels = {a.label for a in snapshot.apps} if snapshot is not None else set()
            yield Markdown(how_to_play(labels) + keys_markdown())
        yield KeyBar(palette=False, own_keys=True)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
