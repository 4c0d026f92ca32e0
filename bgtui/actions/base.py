"""What every action needs: the emulator, the snapshot, the app it acts as, and `attempt`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Hashable, TypeVar

from emulator import BusinessError
from emulator.apps import App
from emulator.snapshot import AppView, Snapshot

from bgtui.ops import NotEmulated

if TYPE_CHECKING:
    from bgtui.app import BgtuiApp

T = TypeVar("T")


class ActionsBase:
    """Mixed into the main screen, which provides `app`, `selection` and `acting_as`."""

    app: BgtuiApp
    selection: tuple[str, Hashable] | None
    acting_as: str | None

    @property
    def emu(self) -> Any:
        return self.app.emu

    @property
    def rec(self) -> Any:
        """The app's SessionRecorder: every change to the world goes through it (bgtui.ops)."""
        return self.app.recorder

    @property
    def snap(self) -> Snapshot:
        snapshot = self.app.snapshot
        assert snapshot is not None
        return snapshot

    def sync_selection(self) -> None:
        """Catch up with the focused table's cursor now (its Highlighted message may still be queued)."""

    def acting_app(self) -> App | None:
        self.sync_selection()
        if self.acting_as is None:
            return None
        try:
            return self.emu.app(self.acting_as)
        except KeyError:
            return None

    def selected(self, kind: str) -> Hashable | None:
        self.sync_selection()
        if self.selection is not None and self.selection[0] == kind:
            return self.selection[1]
        return None

    def app_views(self) -> dict[str, AppView]:
        return {a.bundle_name: a for a in self.snap.apps}

    def label(self, bundle: str) -> str:
        view = self.snap.app(bundle)
        return view.label if view else bundle

    def tell(self, message: str, title: str = "", severity: str = "information") -> None:
        self.app.notify(message, title=title, severity=severity,  # type: ignore[arg-type]
                        timeout=8 if severity == "error" else 4)

    def attempt(self, what: str, call: Callable[[], T], done: Callable[[T], str] | None = None) -> T | None:
        """Run one call on the world; a refusal becomes a toast with the device's code and message."""
        try:
            result = call()
        except BusinessError as err:
            self.tell(err.message, f"{what}: refused ({err.code})", "error")
            return None
        except NotEmulated as exc:
            self.tell(str(exc), what, "warning")
            return None
        except (ValueError, TypeError) as exc:
            self.tell(str(exc), what, "warning")
            return None
        finally:
            self.app.publish()
        if done is not None:
            self.tell(done(result), what)
        return result
