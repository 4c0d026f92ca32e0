"""The argument parser of bgtui's sub-commands: a bad argument raises, so the command prints one
line with its own name and exits 2, as every bgtui command does, instead of argparse's usage dump."""

from __future__ import annotations

import argparse
from typing import NoReturn

__all__ = ["InvalidArguments", "RaisingParser"]


class InvalidArguments(Exception):
    pass


class RaisingParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise InvalidArguments(message)
