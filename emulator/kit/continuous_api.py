"""Continuous-task functions of the kit. Filled in by the continuous-tasks issue."""

from __future__ import annotations

from emulator.kit.base import KitBase

CONTINUOUS_FUNCTIONS: tuple[str, ...] = ()


class ContinuousApi(KitBase):
    pass
