"""Scenarios: TOML files that set up a device and play a timeline of steps on the virtual clock.

    from emulator.scenario import load, run_scenario
    run = run_scenario(load("demo:upload-timeout"))
    run.ok, run.failures
    rec = SessionRecorder(emu); rec.perform_call(...); rec.save("session.toml")   # record a live session

Headless and Textual-free: the dashboard plays the same ScenarioRun under its own clock.
"""

from emulator.scenario.load import load, load_file, load_text
from emulator.scenario.model import AppSpec, Scenario, ScenarioError, Step
from emulator.scenario.record import RecordedStep, SessionRecorder
from emulator.scenario.runner import Failure, ScenarioRun, TraceEntry, run_scenario

__all__ = ["load", "load_file", "load_text", "Scenario", "ScenarioError", "Step", "AppSpec",
           "ScenarioRun", "TraceEntry", "Failure", "run_scenario", "SessionRecorder", "RecordedStep"]
