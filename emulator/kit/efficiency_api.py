"""Efficiency-resource functions of the kit (system API). Filled in by the efficiency issue."""

from __future__ import annotations

from emulator.kit.base import KitBase

EFFICIENCY_FUNCTIONS: tuple[str, ...] = ()


class EfficiencyApi(KitBase):
    pass
