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
            yield Markdown(HOW_TO_PLAY + keys_markdown())
        yield KeyBar(palette=False, own_keys=True)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
