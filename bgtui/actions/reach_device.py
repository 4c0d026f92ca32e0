"""Device-level actions beyond the device keys: policies, service restart, reboot; the dump and the log export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bgtui import ops
from bgtui.actions.base import ActionsBase

if TYPE_CHECKING:
    from bgtui.screens.export_form import ExportRequest
    from bgtui.screens.policy_form import PolicySetting

__all__ = ["DeviceReachActions", "RESTART_TEXT", "REBOOT_TEXT", "dump_text"]

RESTART_TEXT = ("The service process restarts: transient tasks are lost; continuous tasks whose process still runs "
                "and efficiency grants are restored from their persisted files (timed grants keep their end time).")
REBOOT_TEXT = ("Every app process dies and uptime starts again at 0: transient tasks are lost; continuous tasks are "
               "not restored (their processes are gone); of the efficiency grants only WORK_SCHEDULER and TIMER "
               "survive (uptime ≤ 4 min after a boot).")


def dump_text(emu: object) -> str:
    """`hidumper -s 1903` for -T All, -C --all and -E --all, each under its command line (as `bgtui dump` prints)."""
    from emulator.dump import DUMP_COMMANDS, dump

    parts = []
    for command in DUMP_COMMANDS:
        parts.append(f'$ hidumper -s 1903 -a "{" ".join(command)}"\n{dump(emu, command)}')  # type: ignore[arg-type]
    return "\n".join(parts)


class DeviceReachActions(ActionsBase):
    def action_policies(self) -> None:
        from bgtui.screens.policy_form import PolicyForm

        policy = self.snap.policy

        def done(form: PolicySetting | None) -> None:
            if form is None:
                return
            changed = self.attempt("Policies", lambda: ops.set_policy(
                self.rec, suspend_grace_ms=form.suspend_grace_ms, unhandled_timeout=form.unhandled_timeout,
                task_keeping=form.task_keeping, uncaught_exception=form.uncaught_exception))
            if changed == []:
                self.tell("Nothing changed.", "Policies")
            elif changed:
                self.tell("Set " + ", ".join(changed) + " (the overrides banner shows them; R resets)", "Policies")

        self.app.push_screen(PolicyForm(policy.suspend_grace_ms, policy.unhandled_timeout,
                                        ops.task_keeping_setting(self.emu), policy.uncaught_exception), done)

    def _confirm(self, title: str, text: str, run: object, done: str) -> None:
        from bgtui.screens.confirm_form import ConfirmForm

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.attempt(title, run, lambda _: done)  # type: ignore[arg-type]

        self.app.push_screen(ConfirmForm(title, text), confirmed)

    def action_restart_service(self) -> None:
        self._confirm("Restart the service", RESTART_TEXT, lambda: ops.restart_service(self.rec),
                      "The service restarted: the log lists what was restored")

    def action_reboot(self) -> None:
        self._confirm("Reboot the device", REBOOT_TEXT, lambda: ops.reboot(self.rec),
                      "The device rebooted: uptime 0; the log lists what was restored")

    # -- looking and taking away ---------------------------------------------------------------
    def action_dump(self) -> None:
        from bgtui.screens.text_pane import TextPane

        self.app.push_screen(TextPane("hidumper -s 1903 (-T All, -C --all, -E --all)", dump_text(self.emu)))
        self.tell("The same text as bgtui dump, for the state now", "hidumper")

    def action_export_log(self) -> None:
        from bgtui.screens.export_form import ExportForm

        def done(form: ExportRequest | None) -> None:
            if form is not None:
                self.export_log(form.path, form.format, filtered=form.filtered)

        self.app.push_screen(ExportForm(self.log_query(), self.app.save_folder), done)

    def log_query(self) -> str:
        from bgtui.widgets.event_log import EventLog

        return self.query_one(EventLog).query  # type: ignore[attr-defined,no-any-return]

    def export_log(self, path: str | Path, fmt: str, *, filtered: bool = False) -> Path | None:
        """Write the log (or what the filter shows) to `path` in the app's save folder; a toast says where."""
        from bgtui.log_export import write_log
        from bgtui.save_folder import PathRefused

        try:
            written, count = write_log(self.app.session, self.app.save_folder, str(path), fmt,
                                       self.log_query() if filtered else "",
                                       labels={a.bundle_name: a.label for a in self.snap.apps})
        except (OSError, ValueError, PathRefused) as exc:
            self.tell(str(exc), "Export: not written", "error")
            return None
        self.tell(f"{count} entries written to {written} ({fmt.upper()})", "Event log exported")
        return written
