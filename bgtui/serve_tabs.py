"""The web server of `bgtui serve`: textual-serve's Server and AppService, with bgtui's page, one
process per tab started without a shell in its own process group, and every one ended on shutdown.

Imported only by `bgtui serve` (aiohttp and textual-serve are not needed to open the dashboard).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

__all__ = ["TabServer", "TabProcess"]

PAGE_DIR = Path(__file__).with_name("serve_page")
PAGE_TITLE = "bgtui · each browser tab is its own session"
QUIT_GRACE_S = 3.0
"""How long a tab's process has to quit when asked before it is killed."""
log = logging.getLogger("bgtui-serve")


class TabProcess(AppService):
    """One tab's dashboard process. textual-serve starts `command` through a shell, in the server's
    process group (so Ctrl+C in the terminal would reach every tab at once, half-way through
    anything); this starts the argv itself, in a session of its own, and can end it for sure."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = argv

    async def _open_app_process(self, width: int = 80, height: int = 24) -> asyncio.subprocess.Process:
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width=width, height=height),
            start_new_session=True)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def end(self) -> None:
        """Ask the dashboard to quit; kill its process group if it has not within QUIT_GRACE_S."""
        try:
            await asyncio.wait_for(asyncio.shield(self.stop()), QUIT_GRACE_S)
        except (asyncio.TimeoutError, Exception):  # noqa: BLE001 - ending it is all that matters now
            pass
        process = self._process
        if process is None or process.returncode is not None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                await asyncio.wait_for(process.wait(), QUIT_GRACE_S)
                return
            except asyncio.TimeoutError:
                continue


class TabServer(Server):
    def __init__(self, argv: list[str], colours: tuple[str, str]) -> None:
        super().__init__(" ".join(argv), title=PAGE_TITLE)
        self.argv = argv
        self.colours = colours  # the page's background and text, from the theme (bgtui.serve.page_colours)
        self.tabs: set[TabProcess] = set()

    def initialize_logging(self) -> None:
        logging.basicConfig(level="WARNING", format="bgtui serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE_DIR), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        """The page, with the websocket at the address the browser used (so it works by any name)."""
        scheme = "wss" if request.secure else "ws"
        try:
            font_size = int(request.query.get("fontsize", "16"))
        except ValueError:
            font_size = 16
        return aiohttp_jinja2.render_template("index.html", request, {
            "title": PAGE_TITLE, "static": "/static/", "font_size": font_size,
            "websocket_url": f"{scheme}://{request.host}/ws", "background": self.colours[0],
            "foreground": self.colours[1],
        })

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own dashboard process for as long as its websocket lives."""
        websocket = web.WebSocketResponse(heartbeat=15)
        tab: TabProcess | None = None
        try:
            await websocket.prepare(request)
            tab = TabProcess(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                             close=websocket.close, download_manager=self.download_manager)
            self.tabs.add(tab)
            await tab.start(_int(request.query.get("width"), 80), _int(request.query.get("height"), 24))
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # noqa: BLE001 - one tab's failure must not stop the server
            log.warning("a tab failed: %s", error)
        finally:
            if tab is not None:
                await tab.end()
                self.tabs.discard(tab)
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C or SIGTERM: end every tab's process before the server goes."""
        await asyncio.gather(*(tab.end() for tab in list(self.tabs)))

    def run(self, listener: socket.socket) -> None:
        self.initialize_logging()
        web.run_app(self._make_app(), sock=listener, handle_signals=True, print=None, shutdown_timeout=5)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
