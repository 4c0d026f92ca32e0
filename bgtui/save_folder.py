"""Where the dashboard may write a file: every file form (save session, log export, ...) asks here.

    folder = app.save_folder                      # SaveFolder.anywhere() in a terminal, confined when served
    folder.problems("run.toml")                   # [] or why not, one line each, for the form
    folder.write_text("run.toml", text)           # checked again, then written; returns the path

In a terminal a path is relative to the current folder and may go anywhere, as a shell's would.
With a save folder (`--save-dir DIR`, always in `bgtui serve`), a path names a file inside DIR:
an absolute path, a `~`, a `..` part, or a link that leads out of DIR is refused, so a browser
tab can write nowhere else on the server's disk. No Textual here.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

__all__ = ["DEFAULT_SAVE_DIR", "PathRefused", "SaveFolder"]

DEFAULT_SAVE_DIR = "bgtui-sessions"
"""`bgtui serve`'s save folder when --save-dir is not given, in the working directory."""


class PathRefused(ValueError):
    """A path the save folder does not allow (the message says why, in one line)."""


class SaveFolder:
    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root).absolute() if root is not None else None
        """The folder every file goes in, or None: anywhere (relative to the current folder)."""

    @classmethod
    def anywhere(cls) -> SaveFolder:
        return cls(None)

    @property
    def confined(self) -> bool:
        return self.root is not None

    @property
    def shown(self) -> str:
        """The folder as a form names it: relative to the current folder when inside it."""
        if self.root is None:
            return "the current folder"
        try:
            return str(self.root.relative_to(Path.cwd()))
        except ValueError:
            return str(self.root)

    def label(self, what: str) -> str:
        """A form's field label: 'Scenario file (in the save folder bgtui-sessions)'."""
        if self.root is None:
            return f"{what} (relative to the current folder)"
        return f"{what} (in the save folder {self.shown})"

    # -- checking ------------------------------------------------------------------------------
    def problems(self, text: str) -> list[str]:
        """Why `text` cannot name a file to write here: empty, out of the folder, a folder, no parent."""
        name = text.strip()
        if not name:
            return ["give a file name"]
        try:
            path = self._resolve(name)
        except PathRefused as refused:
            return [str(refused)]
        if path.is_dir():
            return [f"{name} is a folder"]
        if not path.parent.is_dir():
            return [f"the folder {self._shown_parent(name)} does not exist"]
        return []

    def path(self, text: str) -> Path:
        """Where `text` is written (PathRefused when it may not be): for notes and toasts."""
        return self._resolve(text.strip())

    def exists(self, text: str) -> bool:
        """Whether writing `text` would overwrite a file (False for a refused path)."""
        try:
            return self._resolve(text.strip()).is_file()
        except PathRefused:
            return False

    def _shown_parent(self, name: str) -> str:
        parent = PurePath(name).parent
        if self.root is None:
            return str(Path(name).expanduser().parent)
        return f"{self.shown}/{parent}" if str(parent) != "." else self.shown

    def _resolve(self, name: str) -> Path:
        if self.root is None:
            return Path(name).expanduser()
        where = f"files stay in the save folder {self.shown}"
        pure = PurePath(name)
        if pure.is_absolute() or name.startswith(("~", "\\")) or pure.drive:
            raise PathRefused(f"an absolute path is not allowed: {where}")
        if ".." in pure.parts:
            raise PathRefused(f"'..' is not allowed: {where}")
        root = self.root.resolve()
        # Follow links one part at a time, to name the one that leads out.
        current = root
        for part in pure.parts:
            current = current / part
            if current.is_symlink():
                target = current.resolve()
                if target != root and root not in target.parents:
                    shown = current.relative_to(root)
                    raise PathRefused(f"{shown} is a link that leads out of the save folder "
                                      f"(to {target}): {where}")
        return root / pure

    # -- writing -------------------------------------------------------------------------------
    def write_text(self, text: str, content: str) -> Path:
        """Write `content` to the file `text` names, checking it again now (a link may have appeared
        since the form was sent). PathRefused or OSError when it cannot be written."""
        path = self._resolve(text.strip())
        if self.root is None:
            path.write_text(content, encoding="utf-8")
            return path
        # The last part is opened without following a link: one made after the check stays unused.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        real = path.parent.resolve() / path.name
        root = self.root.resolve()
        if real.parent != root and root not in real.parent.parents:
            raise PathRefused(f"{text.strip()} leads out of the save folder {self.shown}")
        if real.is_symlink():
            real = real.resolve()  # checked above to stay inside
        fd = os.open(real, flags, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(content)
        return path

    def ensure(self) -> None:
        """Create the save folder (and its parents) if it is missing; OSError if it cannot be."""
        if self.root is not None:
            self.root.mkdir(parents=True, exist_ok=True)
