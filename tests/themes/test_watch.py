"""watch_themes: file changes in a theme folder come out as reload results.

No sleeps: each test waits on what the watcher reports, with a timeout as a safety net.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from bgtui.themes.registry import ReloadResult, ThemeRegistry
from bgtui.themes.watch import watch_themes

from .conftest import theme_text

TIMEOUT = 15  # seconds; only reached if the watcher is broken


class Watching:
    """Runs watch_themes in a task and queues what it yields."""

    def __init__(self, registry: ThemeRegistry, **options: object) -> None:
        self.registry = registry
        self.options = options
        self.ready = asyncio.Event()
        self.results: asyncio.Queue[ReloadResult] = asyncio.Queue()
        self.stop = asyncio.Event()

    async def __aenter__(self) -> "Watching":
        self.task = asyncio.create_task(self._run())
        await asyncio.wait_for(self.ready.wait(), TIMEOUT)
        return self

    async def _run(self) -> None:
        async for result in watch_themes(
            self.registry, on_ready=self.ready.set, stop_event=self.stop, ready_timeout_ms=50, **self.options
        ):
            await self.results.put(result)

    async def next(self) -> ReloadResult:
        return await asyncio.wait_for(self.results.get(), TIMEOUT)

    async def __aexit__(self, *exc: object) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, TIMEOUT)


async def test_a_new_file_is_loaded(folders: tuple[Path, Path]) -> None:
    registry = ThemeRegistry(folders)
    registry.load_all()
    async with Watching(registry) as watching:
        (folders[1] / "fresh.toml").write_text(theme_text("fresh", "#ABCDEF"))
        result = await watching.next()
    assert [theme.name for theme in result.updated] == ["fresh"]
    assert registry.themes["fresh"].primary == "#ABCDEF"


async def test_edit_then_break_then_fix_then_delete(folders: tuple[Path, Path]) -> None:
    path = folders[0] / "dark.toml"
    path.write_text(theme_text("dark", "#111111"))
    registry = ThemeRegistry(folders)
    registry.load_all()
    async with Watching(registry) as watching:
        path.write_text(theme_text("dark", "#222222"))
        assert [theme.primary for theme in (await watching.next()).updated] == ["#222222"]

        path.write_text('name = "dark"\nprimary = "#22"\n')
        broken = await watching.next()
        assert [(error.path.name, error.line) for error in broken.errors] == [("dark.toml", 2)]
        assert registry.themes["dark"].primary == "#222222"

        path.write_text(theme_text("dark", "#333333"))
        fixed = await watching.next()
        assert not fixed.errors and [theme.primary for theme in fixed.updated] == ["#333333"]

        path.unlink()
        assert (await watching.next()).removed == ("dark",)


async def test_changes_made_before_the_watcher_started_are_picked_up(folders: tuple[Path, Path]) -> None:
    registry = ThemeRegistry(folders)
    registry.load_all()
    (folders[0] / "early.toml").write_text(theme_text("early"))  # after the load, before watching
    async with Watching(registry) as watching:
        result = await watching.next()
    assert [theme.name for theme in result.updated] == ["early"]


async def test_missing_user_folder_is_created_so_it_can_be_watched(tmp_path: Path) -> None:
    shipped, user = tmp_path / "shipped", tmp_path / "config" / "bgtui" / "themes"
    shipped.mkdir()
    registry = ThemeRegistry([shipped, user])
    registry.load_all()
    async with Watching(registry, create=user) as watching:
        (user / "mine.toml").write_text(theme_text("mine"))
        result = await watching.next()
    assert [theme.name for theme in result.updated] == ["mine"]


async def test_half_written_file_is_retried_on_the_next_change(folders: tuple[Path, Path]) -> None:
    registry = ThemeRegistry(folders)
    registry.load_all()
    path = folders[1] / "slow.toml"
    full = theme_text("slow", "#123456")
    async with Watching(registry) as watching:
        path.write_text(full[: full.index("#12")])  # cut off mid-value
        half = await watching.next()
        assert len(half.errors) == 1 and "slow" not in registry.themes
        path.write_text(full)
        done = await watching.next()
    assert [theme.name for theme in done.updated] == ["slow"]
    assert not done.errors
