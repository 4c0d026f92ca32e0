"""The command palette: every action of the dashboard by name (system commands stay too)."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterator

from textual.command import DiscoveryHit, Hit, Hits, Provider

from bgtui.keymap import ACTIONS

__all__ = ["ActionsProvider"]


class ActionsProvider(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        screen = self.app.main_screen  # type: ignore[attr-defined]
        for spec in ACTIONS:
            yield spec.title, f"{spec.display}  ·  {spec.help}", partial(screen.run_action, spec.action)

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
