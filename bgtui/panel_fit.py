"""How tall each table panel of the main screen is, so that nothing focusable is ever invisible.

Pure arithmetic, no Textual. Every panel gets, in turn (the focused one first), room for its title
and one row (or its empty-state line); one that cannot get even that is folded to its title, which
says what it holds ("5 Notifications (1)"). What is left goes to the focused panel, then to the
others in order, each up to what it needs to show every row.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["plan_heights"]


def plan_heights(available: int, rows: Sequence[int], focused: int | None, *, chrome: int,
                 caps: Sequence[int | None] | None = None) -> list[int]:
    """The outer heights of the panels. `rows[i]`: panel i's rows; `chrome`: lines of frame and title
    (1 for a title rule, 2 for a box); `caps[i]`: the most lines panel i may take (None: no cap)."""
    caps = caps or [None] * len(rows)
    folded = chrome if chrome > 1 else 1
    heights = [folded] * len(rows)
    budget = available - folded * len(rows)
    order = ([focused] if focused is not None else []) + [i for i in range(len(rows)) if i != focused]

    def full(i: int) -> int:
        need = chrome + (1 + rows[i] if rows[i] else 1)  # header and rows, or the empty-state line
        cap = caps[i]
        return need if cap is None else max(min(need, cap), chrome + 1)

    for i in order:  # title and one row for as many as fit, the focused first
        one = min(full(i), chrome + (2 if rows[i] else 1))
        if one - heights[i] <= budget:
            budget -= one - heights[i]
            heights[i] = one
    for i in order:  # then the rest, the focused first
        if heights[i] == folded and i != focused:
            continue  # a folded panel stays folded: its title says what it holds
        extra = min(budget, full(i) - heights[i])
        if extra > 0:
            heights[i] += extra
            budget -= extra
    return heights
