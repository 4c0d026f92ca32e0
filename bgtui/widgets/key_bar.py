"""The footer: the keys of the focused screen, grouped, greyed when they cannot act; click to run.

One widget drawing one line, instead of Textual's Footer (a widget per key, rebuilt on every
focus change): it redraws only when the keys it shows change.
"""

from __future__ import annotations

import dataclasses
from itertools import groupby
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["KeyBar"]

Shown = tuple[tuple[str, str, str, bool, str], ...]  # (key, display, action, enabled, group)


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        link-style: none;
        link-style-hover: reverse;
        link-background-hover: $footer-background;
    }
    """

    def __init__(self, *, id: str | None = None, palette: bool = True, own_keys: bool = False) -> None:
        super().__init__(id=id)
        self._shown: Shown | None = None
        self._palette = palette  # a form's footer has no palette: only the form's keys act there
        self._own_keys = own_keys  # the screen's own keys, even where a focused field handles one itself

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        shown = self.keys(screen)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def keys(self, screen: Screen[Any]) -> Shown:
        """The shown bindings, one per action, in order."""
        seen: set[str] = set()
        out = []
        focused = screen.focused
        if getattr(focused, "OWN_FOOTER", False):  # a box with keys of its own (the log filter)
            chain = [(dataclasses.replace(binding, action=f"focused.{binding.action}"), True)
                     for binding in Binding.make_bindings(type(focused).BINDINGS)]
        elif self._own_keys:
            chain = [(binding, True) for binding in Binding.make_bindings(type(screen).BINDINGS)]
        else:
            chain = [(binding, enabled) for _node, binding, enabled, _tip in screen.active_bindings.values()]
        key_state = getattr(screen, "key_state", None)  # the main screen greys keys that would change nothing
        for binding, enabled in chain:
            if key_state is not None and binding.show and binding.action not in seen:
                state = key_state(binding.action)
                if state is False:
                    continue
                enabled = enabled and state is True
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                group = binding.group.description if binding.group is not None else ""
                label = getattr(screen, "footer_label", lambda _a, d: d)(binding.action, binding.description)
                out.append((binding.key, self.app.get_key_display(binding), binding.action, enabled, group or label))
        return tuple(out)

    def render(self) -> Content:
        parts: list[Content] = []
        for group, items in groupby(self._shown or (), key=lambda item: item[4]):
            keys = list(items)
            label = Content.assemble(*[self._key(display, action, enabled) for _k, display, action, enabled, _g
                                       in keys])
            enabled = any(item[3] for item in keys)
            parts.append(Content.assemble(" ", label, " ", (group, "" if enabled else "dim")))
        right = Content("")
        if self._palette:
            palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette")
            right = Content.assemble(self._key(self.app.get_key_display(palette), "app.command_palette", True),
                                     " palette ")
        left = Content(" ").join(parts)
        room = self.size.width - right.cell_length
        if left.cell_length > room:
            left = left.truncate(max(0, room - 1), ellipsis=True)
        return Content.assemble(left, " " * max(1, room - left.cell_length), right)

    def _key(self, display: str, action: str, enabled: bool) -> tuple[str, str]:
        target = action if "." in action else f"screen.{action}"
        style = "bold $footer-key-foreground" + ("" if enabled else " dim")
        return display, f"{style} @click={target}"
