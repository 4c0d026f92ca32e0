"""Presenter mode (`--readonly`): the dashboard shows and plays, and no key changes the world.

Time controls, the timeline, filters, details and saving stay open; every action whose ActionSpec
says it changes the world (requests, app and device changes, faults, ...) is refused with one
message, through the world gate that a rewound view also uses (bgtui.world_gate).
"""

from __future__ import annotations

from bgtui.world_gate import WorldGate

__all__ = ["PRESENTER", "PRESENTER_MESSAGE", "lock_for_presenter"]

PRESENTER = "presenter"
"""The gate's holder name for presenter mode."""

PRESENTER_MESSAGE = ("Presenter mode (--readonly): this key would change the world. Time, views, filters "
                     "and details still work.")


def lock_for_presenter(gate: WorldGate) -> None:
    gate.lock(PRESENTER, PRESENTER_MESSAGE)
