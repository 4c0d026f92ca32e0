"""`bgtui` subcommands that never open the dashboard."""


def test_headless_commands_run_through_bgtui_without_textual() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom bgtui.cli import main\n"
            "code = main(['play', 'demo:low-battery', '--format', 'jsonl'])\n"
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] == 'textual'), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "0 []"
    assert '"kind":"transient.requested"' in result.stdout
