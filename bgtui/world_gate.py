"""Whether keys may change the world now, and why not.

Presenter mode (`--readonly`) and a rewound view (the dashboard showing a past moment) each lock the
world under their own name; while any lock is held, every action whose ActionSpec says it changes the
world is refused with the first lock's message, and time controls, views and filters still work.
No Textual here: the app asks `refusal()` before it runs an action (BgtuiApp.run_action).
"""

from __future__ import annotations

__all__ = ["WorldGate"]


class WorldGate:
    def __init__(self) -> None:
        self._locks: dict[str, str] = {}  # holder -> the message a refused key shows, in lock order

    def lock(self, holder: str, message: str) -> None:
        """Refuse world-changing actions with `message` until `unlock(holder)`."""
        self._locks[holder] = message

    def unlock(self, holder: str) -> None:
        self._locks.pop(holder, None)

    def held_by(self, holder: str) -> bool:
        return holder in self._locks

    @property
    def locked(self) -> bool:
        return bool(self._locks)

    def refusal(self) -> str | None:
        """The message for a refused key now (the oldest lock's), or None when the world is open."""
        return next(iter(self._locks.values()), None)
