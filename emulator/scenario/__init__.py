"""Scenarios: TOML files that set up a device and play a timeline of steps on the virtual clock."""

from emulator.scenario.load import load, load_file, load_text
from emulator.scenario.model import AppSpec, Scenario, ScenarioError, Step

__all__ = ["load", "load_file", "load_text", "Scenario", "ScenarioError", "Step", "AppSpec"]
