"""`bgtui timeline` and `bgtui diff`: what they print and their exit codes."""

import io

from bgtui.cli import main as bgtui_main
from bgtui.diff import main as diff_main
from bgtui.timeline.cli import main as timeline_main


def run(main, *argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_text_shows_the_whole_upload_lifecycle_with_its_callback_and_forced_cancel():
    code, out, err = run(timeline_main, "demo:upload-timeout", "--format", "text", "--width", "40")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "upload-timeout · d1 00:00:00.000 to d1 00:03:10.000 · 1 cell = 5s"
    task = next(line for line in lines if line.startswith("╰ transient 1 'upload'"))
    assert task.rstrip().endswith("█◆✗")  # counting, the callback at 3:04 (2:54 + 10 s), cancelled 6 s later
    app = next(line for line in lines if line.startswith("com.example.upload") or line.startswith("Uploader"))
    assert app.rstrip().endswith("·")  # the process was terminated (policy: terminate)


def test_from_and_to_cut_the_window():
    code, out, _ = run(timeline_main, "demo:upload-timeout", "--from", "1m", "--to", "2m", "--format", "text",
                       "--width", "60")
    assert code == 0
    assert out.splitlines()[0] == "upload-timeout · d1 00:01:00.000 to d1 00:02:00.000 · 1 cell = 1s"


def test_svg_is_written_and_its_path_printed(tmp_path):
    out_file = tmp_path / "t.svg"
    code, out, err = run(timeline_main, "demo:service-restart", "--svg", str(out_file))
    assert (code, out, err) == (0, f"{out_file}\n", "")
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "transient 1 &#x27;upload again&#x27;" in text


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    cases = [
        (("demo:upload-timeout",), "bgtui timeline: say what to write: --svg OUT or --format text\n"),
        (("demo:upload-timeout", "--format", "text", "--from", "2m", "--to", "1m"),
         "bgtui timeline: --from 2m is not before --to 1m\n"),
        (("demo:upload-timeout", "--format", "text", "--from", "1x"),
         "bgtui timeline: --from '1x' is not a duration: expected a whole number and a unit (d, h, m, s, ms) at "
         "'1x'; write e.g. \"2m30s\", \"500ms\", \"1h\", \"1d\"\n"),
        (("demo:upload-timeout", "--format", "text", "--from", "10m"),
         "bgtui timeline: --from 10m is not before the end of demo:upload-timeout (d1 00:03:10.000)\n"),
        (("demo:upload-timeout", "--svg", str(tmp_path / "no" / "t.svg")),
         f"bgtui timeline: --svg {tmp_path / 'no' / 't.svg'}: No such file or directory\n"),
        ((str(tmp_path / "missing.toml"), "--format", "text"), None),
    ]
    for argv, message in cases:
        code, out, err = run(timeline_main, *argv)
        assert (code, out) == (2, ""), argv
        assert err.count("\n") == 1, err
        if message is not None:
            assert err == message
    assert "missing.toml" in err


def test_diff_of_a_run_with_itself_is_identical():
    assert run(diff_main, "demo:low-battery", "demo:low-battery") == (
        0, "identical: 15 events each, to d1 00:02:00.000\n", "")


def test_diff_shows_where_two_runs_part(tmp_path):
    a = tmp_path / "a.toml"
    b = tmp_path / "b.toml"
    base = ('[scenario]\nname = "x"\nend = "1m"\n[[apps]]\nbundle_name = "com.a"\n'
            '[[steps]]\nat = "10s"\ndo = "app.background"\napp = "com.a"\n')
    a.write_text(base, encoding="utf-8")
    b.write_text(base.replace('"10s"', '"20s"'), encoding="utf-8")
    code, out, err = run(diff_main, str(a), str(b))
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == "the event logs part at d1 00:00:10.000, entry 3 (4 events in A, 4 in B)"
    assert "  = d1 00:00:00.000 app.launched com.a: launched in the foreground with pid 10000" in out
    assert "  A d1 00:00:10.000 app.background com.a:" in out
    assert "  B d1 00:00:20.000 app.background com.a:" in out


def test_diff_bad_input_exit_2(tmp_path):
    assert run(diff_main, "demo:low-battery")[0] == 2
    code, out, err = run(diff_main, "demo:low-battery", "demo:nope")
    assert (code, out) == (2, "") and err.startswith("demo:nope: no demo named 'nope'") and err.count("\n") == 1


def test_bgtui_hands_both_commands_over(capsys):
    assert bgtui_main(["diff", "demo:low-battery", "demo:low-battery"]) == 0
    assert capsys.readouterr().out.startswith("identical")
    assert bgtui_main(["timeline", "demo:low-battery"]) == 2


def test_the_headless_commands_and_the_model_never_import_textual():
    import subprocess
    import sys

    code = ("import sys, bgtui.timeline.cli, bgtui.timeline.svg, bgtui.diff; "
            "from bgtui.cli import main; main(['timeline', 'demo:low-battery', '--format', 'text']); "
            "sys.exit(1 if any(m.split('.')[0] == 'textual' for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
