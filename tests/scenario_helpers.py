"""Helpers shared by the scenario-runner tests."""

from emulator.scenario import load_text, run_scenario

APP = '[[apps]]\nbundle_name = "com.example.app"\n'


def play(text: str, until_ms=None):
    entries = []
    run = run_scenario(load_text(text, "t.toml"), entries.append, until_ms)
    return run, entries


def kinds(entries, prefix=""):
    return [(e.time_ms, e.kind if isinstance(e.kind, str) else e.kind.value) for e in entries
            if (e.kind if isinstance(e.kind, str) else e.kind.value).startswith(prefix)]


def step_entries(entries, kind):
    return [e for e in entries if e.kind == kind]
