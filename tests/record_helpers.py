"""Helpers shared by the record-and-replay tests."""

from emulator.kit import wantAgent
from emulator.scenario import load_text, run_scenario

KEEP = "ohos.permission.KEEP_BACKGROUND_RUNNING"


def noop(*_args):
    return None


def agent_for(app):
    return wantAgent.getWantAgent({"wants": [{"bundleName": app.bundle_name, "abilityName": "EntryAbility"}],
                                   "actionType": wantAgent.OperationType.START_ABILITY, "requestCode": 0,
                                   "wantAgentFlags": []}).result()


def replay(text, file="session.toml"):
    """Load with the project's loader, run headless with its runner; the run and its engine event log."""
    run = run_scenario(load_text(text, file))
    return run, live_log(run.emu)


def live_log(emu):
    return emu.events.to_jsonl().splitlines()
