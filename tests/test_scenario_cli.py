"""The headless commands: play (text, JSONL, CSV), demos, dump; exit codes; no Textual."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from emulator.scenario.cli import main
from emulator.scenario.demos import demo_names

ROOT = Path(__file__).resolve().parents[1]
FAILING = '''
[scenario]
name = "failing"
[[apps]]
bundle_name = "com.example.app"
[[steps]]
at = "1m"
expect = "quota"
app = "com.example.app"
equals = "1m"
'''


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_play_text():
    code, out, err = run_cli("play", "demo:upload-timeout")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == ("d1 00:00:00.000  policy.changed             policy: on an unhandled transient timeout the app "
                        "is terminated")
    assert "d1 00:03:01.000  app.killed                 com.example.upload  #10000 terminated: transient task 1 timed " \
           "out unhandled (device policy: terminate)" in lines
    assert lines[-1] == ("PASSED: upload-timeout: 8 of 8 expectation(s) held; ran to d1 00:03:10.000 (3m10s) "
                         "with 21 log entries")


def test_play_jsonl_is_only_json_on_stdout():
    code, out, err = run_cli("play", "demo:upload-timeout", "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 21
    assert records[0] == {"seq": 1, "time_ms": 0, "kind": "policy.changed",
                          "reason": "policy: on an unhandled transient timeout the app is terminated",
                          "data": {"unhandled_timeout": "terminate"}}
    assert {"time_ms", "kind", "app", "step", "reason", "data"} == set(records[4])  # a scenario.call entry
    assert err.startswith("PASSED: upload-timeout")


def test_play_failing_exits_1_with_expected_and_got(tmp_path: Path):
    path = tmp_path / "failing.toml"
    path.write_text(FAILING)
    code, out, err = run_cli("play", str(path))
    assert code == 1 and err == ""
    assert (f"FAILED at d1 00:01:00.000, {path}:6 (steps[1], daily transient quota left for com.example.app):\n"
            "    expected: 1m (60000 ms)\n    got:      10m (600000 ms)\n") in out
    assert out.rstrip().endswith("FAILED: failing: 0 of 1 expectation(s) held; ran to d1 00:01:00.000 (1m) with 3 "
                                 "log entries")


def test_csv_export(tmp_path: Path):
    target = tmp_path / "log.csv"
    code, out, _ = run_cli("play", "demo:low-battery", "--format", "jsonl", "--csv", str(target))
    assert code == 0
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    jsonl = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(jsonl) == 32
    for row, record in zip(rows, jsonl):
        assert row["kind"] == record["kind"] and int(row["time_ms"]) == record["time_ms"]
        assert row["reason"] == record["reason"]
        assert row["seq"] == str(record.get("seq", "")) and row["step"] == str(record.get("step", ""))
        assert (json.loads(row["data"]) if row["data"] else {}) == record.get("data", {})
    assert rows[0]["time"] == "d1 00:00:00.000"
    assert target.read_text(encoding="utf-8").splitlines()[0] == "seq,time_ms,time,kind,app,subject,step,reason,data"


def test_csv_to_an_unwritable_place(tmp_path: Path):
    code, _, err = run_cli("play", "demo:low-battery", "--csv", str(tmp_path / "no" / "such" / "dir.csv"))
    assert code == 2 and "--csv" in err


def test_same_file_same_bytes():
    outputs = {run_cli("play", "demo:quota-day", "--format", "jsonl")[1] for _ in range(2)}
    assert len(outputs) == 1


def test_demos_lists_every_demo():
    code, out, _ = run_cli("demos")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(demo_names()) >= 3
    assert lines[-1].split() == ["demo:upload-timeout", *"an upload's transient task times out unhandled and the "
                                 "app is terminated".split()]
    assert all(line.startswith("demo:") for line in lines)


def test_dump_transient_at_a_time():
    code, out, _ = run_cli("dump", "-T", "All", "demo:upload-timeout", "--at", "2m")
    assert code == 0
    assert out == ("No.1\n\tRequestId: 1\n\tAppName: com.example.upload\n\tAppUid: 20010000\n\tAppPid: 10000\n"
                   "\tActualDelayTime: 61000\n\tRemainingQuota: 481000\n\n")


def test_dump_at_the_end_and_on_a_fresh_device():
    assert run_cli("dump", "-T", "All", "demo:upload-timeout") == (0, "No Transient Task!\n", "")
    assert run_cli("dump", "-T", "All") == (0, "No Transient Task!\n", "")
    assert run_cli("dump", "-C", "--all") == (0, "No running continuous task\n", "")
    assert run_cli("dump", "-E", "--all", "--at", "1h") == (0, "No running efficiency resources\n", "")


@pytest.mark.parametrize("argv", [
    ["dump"], ["dump", "-T"], ["dump", "-T", "all"], ["dump", "-C", "--cancel_all"], ["dump", "-E", "--reset_all"],
    ["dump", "-T", "All", "--at"], ["dump", "-T", "All", "--at", "soon"], ["dump", "-T", "All", "a.toml", "b.toml"],
    ["play"], ["play", "demo:low-battery", "--format", "xml"], ["play", "demo:low-battery", "--bogus"],
    ["demos", "extra"], ["frobnicate"], [],
])
def test_usage_errors_exit_2(argv):
    code, out, err = run_cli(*argv)
    assert code == 2 and "usage:" in (err or out) and "Traceback" not in err


def test_help():
    code, out, _ = run_cli("--help")
    assert code == 0 and out.startswith("usage:")


@pytest.mark.parametrize("argv", [
    ["play", "demo:upload-timeout", "--format", "jsonl"], ["demos"], ["dump", "-T", "All", "demo:quota-day"]])
def test_the_headless_path_never_imports_textual(argv):
    code = ("import sys\nfrom emulator.scenario.cli import main\n"
            f"rc = main({argv!r})\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'bgtui', 'rich'))\n"
            "assert not bad, bad\nsys.exit(rc)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_python_dash_m():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "emulator.scenario", "play", "demo:low-battery"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "PASSED: low-battery" in result.stdout


def test_jsonl_writer_writes_exactly_to_json():
    from emulator.scenario import load, run_scenario
    from emulator.scenario.report import JsonlWriter

    entries = []
    run_scenario(load("demo:low-battery"), entries.append)
    buf = io.StringIO()
    writer = JsonlWriter(buf)
    for entry in entries:
        writer(entry)
    assert buf.getvalue() == "".join(e.to_json() + "\n" for e in entries)
    assert {type(e).__name__ for e in entries} == {"Event", "TraceEntry"}
    batched = io.StringIO()
    writer = JsonlWriter(batched, batch=7)
    for entry in entries:
        writer(entry)
    assert batched.getvalue() != buf.getvalue()  # the last lines wait for flush()
    writer.flush()
    assert batched.getvalue() == buf.getvalue()

