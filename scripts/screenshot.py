"""Make the README's screenshot: docs/screenshot.svg (and docs/screenshot.png when rsvg-convert is there).

    python scripts/screenshot.py [--out docs/screenshot.svg] [--size 160x45]

The demo device is played like a script would (the same calls as the dashboard's keys), then the
app is drawn headless with the clock paused, so the picture is the same at every run. Continuous
tasks and efficiency resources are played only if this build's engine has them.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bgtui import ops  # noqa: E402
from bgtui.app import make_app  # noqa: E402
from bgtui.demo import build_demo_emulator  # noqa: E402
from emulator.scenario.record import SessionRecorder  # noqa: E402


def story():  # type: ignore[no-untyped-def]
    """An upload counting down in the background, a second one paused, music playing, a CPU grant."""
    emu = build_demo_emulator()
    rec = SessionRecorder(emu)
    uploader, music, navigation, system = (emu.app(f"com.example.{n}") for n in
                                           ("uploader", "music", "navigation", "system"))
    ops.request_transient(rec, uploader, "upload photos")
    emu.advance(1_500)
    uploader.to_background()
    for call in (lambda: ops.start_continuous(rec, music, ["audioPlayback"]),
                 lambda: ops.apply_efficiency(rec, system, ["CPU"], time_out_ms=0, reason="sync engine", persist=True)):
        try:
            call()
        except ops.NotEmulated:
            pass
    music.to_background()
    emu.advance(150_000)
    ops.request_transient(rec, navigation, "save route")
    emu.advance(25_000)  # the upload's "about to time out" callback has fired: 5 s to its forced cancel
    return emu


async def shoot(out: Path, size: tuple[int, int]) -> None:
    app = make_app(story(), clock_running=False, size_hint=size, watch_themes=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")  # the transient tasks: the details pane explains the selected one
        await pilot.pause()
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.svg")
    parser.add_argument("--size", default="160x45")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot(args.out, (width, height)))
    print(f"wrote {args.out}")
    if shutil.which("rsvg-convert"):
        # librsvg collapses the non-breaking spaces Textual writes unless told to keep them
        svg = args.out.read_text().replace("<svg ", '<svg xml:space="preserve" ', 1)
        png = args.out.with_suffix(".png")
        subprocess.run(["rsvg-convert", "-w", str(width * 10), "-o", str(png)], input=svg.encode(), check=True)
        print(f"wrote {png}")


if __name__ == "__main__":
    main()
