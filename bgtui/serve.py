"""`bgtui serve`: the dashboard in a browser, through textual-serve, one process per browser tab.

    bgtui serve [FILE] [--port N] [--host H] [--readonly] [--save-dir DIR] [--theme NAME] ...

textual-serve's Server answers the page and, for each websocket (one per tab), starts the app as
a child process that speaks Textual's web driver protocol on its stdin/stdout. This module keeps
its protocol and static files and changes what a tool that writes files and runs actions needs:
it binds 127.0.0.1 unless told otherwise (and warns when told), binds before anything starts so
a port in use is one line and exit 2, starts each tab as `python -m bgtui ... --served --save-dir
DIR` without a shell, in its own process group, and on Ctrl+C (or SIGTERM) ends every tab's
process, killing one that does not quit in time. The page (bgtui/serve_page) loads nothing from
elsewhere and says in its title that each tab is its own session.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from bgtui.save_folder import DEFAULT_SAVE_DIR, SaveFolder

if TYPE_CHECKING:
    from bgtui.themes.registry import ThemeRegistry

__all__ = ["build_parser", "main", "bind_listener", "is_loopback", "exposure_warning", "tab_command", "PortInUse"]


class PortInUse(OSError):
    pass


def build_parser() -> argparse.ArgumentParser:
    from bgtui.cli import _speed, add_allow_large, add_safety_options

    parser = argparse.ArgumentParser(
        prog="bgtui serve", description="Serve the dashboard to a web browser: each tab gets its own session "
                                        "(its own emulator), stopped with the tab or by Ctrl+C here.")
    parser.add_argument("scenario", nargs="?", metavar="FILE",
                        help="a scenario file or demo:NAME that every tab plays (default: the demo device)")
    parser.add_argument("--port", type=_port, default=8000, help="the port (default 8000; 0: any free port)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on (default 127.0.0.1: this machine only)")
    add_safety_options(parser, default_save_dir=DEFAULT_SAVE_DIR)
    parser.add_argument("--speed", type=_speed, default=1.0, help="clock speed, from 0.1 to 100 (default 1)")
    parser.add_argument("--paused", action="store_true", help="start each tab with the clock paused")
    parser.add_argument("--theme", metavar="NAME", help="the theme each tab starts with (dark, light, ...)")
    add_allow_large(parser)
    return parser


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port goes from 0 to 65535")
    return value


# -- binding -------------------------------------------------------------------------------------

def is_loopback(host: str) -> bool:
    """Whether every address `host` names is this machine's loopback (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def exposure_warning(host: str, folder: SaveFolder) -> str:
    return (f"warning: serving on {host}, not only this machine: anyone who can reach this address controls "
            f"the emulator and can write files in the save folder {folder.root}")


def bind_listener(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, bound now: PortInUse, or OSError with a reason."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as err:
        raise OSError(f"cannot serve on {host}: {err.strerror}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart need not wait for TIME_WAIT
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} on {host} is already in use: choose another with --port N") from None
        raise OSError(f"cannot serve on {host} port {port}: {err.strerror or err}") from None
    sock.setblocking(False)
    return sock


def url_of(sock: socket.socket, host: str) -> str:
    bound, port = sock.getsockname()[:2]
    shown = "127.0.0.1" if ipaddress.ip_address(bound).is_unspecified else bound
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


# -- what each tab runs --------------------------------------------------------------------------

def tab_command(args: argparse.Namespace, folder: SaveFolder) -> list[str]:
    """The argv of one tab's process: the dashboard as `bgtui FILE` would open it, served."""
    argv = [sys.executable, "-m", "bgtui"]
    if args.scenario is not None:
        argv.append(args.scenario if args.scenario.startswith("demo:") else str(Path(args.scenario).absolute()))
    argv += ["--served", "--save-dir", str(folder.root), "--speed", str(args.speed)]
    if args.readonly:
        argv.append("--readonly")
    if args.paused:
        argv.append("--paused")
    if args.theme:
        argv += ["--theme", args.theme]
    if args.allow_large:
        argv.append("--allow-large")
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[2:] if argv is None else argv))
    if args.scenario is not None:  # every tab would fail the same way: say it once, here
        from emulator.scenario.load import load
        from emulator.scenario.model import ScenarioError

        try:
            load(args.scenario, allow_large=args.allow_large)
        except ScenarioError as err:
            print(err, file=sys.stderr)
            return 2
    if args.theme is not None:
        problem = _theme_problem(args.theme)
        if problem:
            parser.error(problem)
    folder = SaveFolder(args.save_dir)
    try:
        folder.ensure()
    except OSError as err:
        print(f"bgtui serve: cannot use the save folder {args.save_dir}: {err.strerror or err}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(exposure_warning(args.host, folder), file=sys.stderr, flush=True)
    try:
        listener = bind_listener(args.host, args.port)
    except OSError as err:
        print(f"bgtui serve: {err}", file=sys.stderr)
        return 2
    print(f"bgtui: serving the dashboard on {url_of(listener, args.host)}  (each browser tab is its own session; "
          f"files are saved in {folder.root}{'; presenter mode' if args.readonly else ''})", flush=True)
    print("Press Ctrl+C to stop the server and every session.", flush=True)
    run_server(listener, tab_command(args, folder), page_colours(args.theme))
    return 0


def _registry() -> ThemeRegistry:
    from bgtui.themes.registry import ThemeRegistry
    from bgtui.themes.settings import shipped_themes_dir, user_themes_dir

    registry = ThemeRegistry([shipped_themes_dir(), user_themes_dir()])
    registry.load_all()
    return registry


def _themes() -> dict[str, object]:
    return _registry().themes


def _theme_problem(name: str) -> str | None:
    """Whether the theme exists, checked once here rather than in every tab; a broken file's own error
    when the file named NAME is there but does not load (as `bgtui --theme NAME` says)."""
    registry = _registry()
    themes = registry.themes
    if name in themes:
        return None
    broken = next((e for e in registry.errors() if e.path.stem == name), None)
    if broken is not None:
        return f"theme {name!r} cannot be used: {broken}"
    return f"no theme named {name!r}: choose one of {', '.join(sorted(themes))}"


def page_colours(name: str | None) -> tuple[str, str]:
    """The page's background and text before a tab draws: the theme's (the one given, else the one
    remembered, else the default), so a light theme does not open on a dark page."""
    from bgtui.themes.manager import DEFAULT_THEME
    from bgtui.themes.settings import ThemeChoice

    theme = _themes().get(name or ThemeChoice().load() or DEFAULT_THEME)
    background = getattr(theme, "background", None) or "black"
    foreground = getattr(theme, "foreground", None) or "white"
    return background, foreground


def run_server(listener: socket.socket, command: list[str], colours: tuple[str, str]) -> None:
    """Serve until Ctrl+C or SIGTERM; then end every tab's process."""
    from bgtui.serve_tabs import TabServer

    TabServer(command, colours).run(listener)

