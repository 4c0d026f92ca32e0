"""`bgtui serve`: loopback by default, a warning for any other address, a port in use is one line and
exit 2, each tab is a process of its own started without a shell, and Ctrl+C leaves none behind."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bgtui import serve
from bgtui.save_folder import SaveFolder

from .served import Served


def listening_addresses(port: int) -> list[str]:
    """The local addresses listening on `port`, from /proc/net/tcp and tcp6 (as hex)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                found.append(address)
    return found


def test_the_default_host_is_loopback_and_the_socket_is_bound_there() -> None:
    assert serve.build_parser().parse_args([]).host == "127.0.0.1"
    sock = serve.bind_listener("127.0.0.1", 0)
    try:
        port = sock.getsockname()[1]
        assert listening_addresses(port) == ["0100007F"]  # 127.0.0.1, nothing else
        assert serve.url_of(sock, "127.0.0.1") == f"http://127.0.0.1:{port}/"
    finally:
        sock.close()


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("127.0.0.2", True),
                                            ("::1", True), ("0.0.0.0", False), ("::", False)])
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def run_main(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *args: str) -> list[list[str]]:
    """serve.main with the listener on loopback and no server run: the argv each tab would get."""
    commands: list[list[str]] = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(serve, "bind_listener", lambda host, port: socket.create_server(("127.0.0.1", 0)))
    monkeypatch.setattr(serve, "run_server",
                        lambda listener, command, colours: (listener.close(), commands.append(command)))
    assert serve.main(list(args)) == 0
    return commands


def test_another_host_is_served_after_a_warning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    run_main(monkeypatch, tmp_path, "--host", "0.0.0.0")
    err = capsys.readouterr().err
    assert err == (f"warning: serving on 0.0.0.0, not only this machine: anyone who can reach this address "
                   f"controls the emulator and can write files in the save folder {tmp_path / 'bgtui-sessions'}\n")
    run_main(monkeypatch, tmp_path, "--host", "localhost")
    assert capsys.readouterr().err == ""


def test_each_tab_runs_bgtui_served_in_the_save_folder_without_a_shell(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    [argv] = run_main(monkeypatch, tmp_path, "demo:upload-timeout", "--readonly", "--theme", "light",
                      "--save-dir", "my saves")
    assert argv == [sys.executable, "-m", "bgtui", "demo:upload-timeout", "--served", "--save-dir",
                    str(tmp_path / "my saves"), "--speed", "1.0", "--readonly", "--theme", "light"]
    assert (tmp_path / "my saves").is_dir()  # made for the tabs
    out = capsys.readouterr().out
    assert out.startswith("bgtui: serving the dashboard on http://127.0.0.1:") and "presenter mode" in out


def test_the_page_opens_in_the_theme_s_colours() -> None:
    assert serve.page_colours("light") == ("#F6F7F9", "#1F2328")
    assert serve.page_colours("dark") == ("#15171C", "#E6E8EC")


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "bgtui", "serve", "--port", str(port)], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == f"bgtui serve: port {port} on 127.0.0.1 is already in use: choose another with --port N\n"


def test_a_bad_scenario_or_save_folder_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert serve.main(["nope.toml"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    (tmp_path / "file").write_text("")
    assert serve.main(["--save-dir", "file"]) == 2
    assert capsys.readouterr().err == "bgtui serve: cannot use the save folder file: File exists\n"


def test_ctrl_c_ends_every_tab_and_leaves_no_process(tmp_path: Path) -> None:
    from aiohttp import ClientSession

    served = Served(tmp_path / "saves", "--paused", cwd=tmp_path)
    try:
        page = urllib.request.urlopen(served.url, timeout=30).read().decode()
        assert "<title>bgtui · each browser tab is its own session</title>" in page
        assert "fonts.googleapis" not in page and "https://" not in page  # nothing from elsewhere

        async def two_tabs_then_ctrl_c() -> tuple[list[int], int]:
            async with ClientSession() as client:
                tabs = [await client.ws_connect(served.url.replace("http", "ws") + "ws?width=120&height=40")
                        for _ in range(2)]
                for ws in tabs:
                    await ws.receive(timeout=60)  # the tab's first frame: its process is up
                pids = served.tab_processes()
                return pids, await asyncio.to_thread(served.stop)  # Ctrl+C with both tabs open

        pids, code = asyncio.run(two_tabs_then_ctrl_c())
        assert len(pids) == 2 and served.process.pid not in pids
    finally:
        served.stop()
    assert code == 0, served.stderr
    assert served.tab_processes() == []


def test_a_theme_whose_file_is_broken_gives_the_files_own_error(tmp_path, monkeypatch, capsys) -> None:
    from bgtui.serve import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    themes = tmp_path / "bgtui" / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text('name = "mine"\nprimary = "#33669"\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["--theme", "mine", "--port", "0"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"bgtui serve: error: theme 'mine' cannot be used: {themes / 'mine.toml'}:2: 'primary' is not a valid colour: "
        "failed to parse '#33669' as a color")
