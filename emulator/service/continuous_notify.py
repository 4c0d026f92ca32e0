"""How BgContinuousTaskMgr shows a task's notification: publish, refresh on update, cancel.

Sources: service-rules §2.3-2.5; research-service §2.3-2.4; `bg_continuous_task_mgr.cpp`
SendContinuousTaskNotification, SendLiveViewAndOtherNotification, UpdateTaskNotification;
`notification_tools.cpp` PublishNotification, PublishMainNotification, PublishSubNotification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.errors import error
from emulator.events import EventKind
from emulator.modes import AUDIO_PLAYBACK, DATA_TRANSFER
from emulator.service.notifications import (
    LOADING_PROMPT, PROMPTS, Notification, notification_label, notification_text, sub_notification_label,
)

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.service.continuous import ContinuousManager
    from emulator.service.continuous_model import TaskRecord


SOUND_FLAG, VIBRATION_FLAG = 1, 16  # NotificationConstant flags set by SetProgressNotification


def progress_template(rec: TaskRecord) -> tuple[tuple[str, str, int] | None, int]:
    """SetProgressNotification (notification_tools.cpp:122-148): a dataTransfer task's stored progress as the
    download template, and the control flags: 0..99 as is; 100 with sound and vibration only when isMute; unset
    (-1) shown as 100, always with them."""
    progress = rec.progress
    if progress is None or DATA_TRANSFER not in rec.modes:
        return None, 0
    value = progress.progress_value
    if 0 <= value < 100:
        return (progress.title, progress.file_name, value), 0
    flags = SOUND_FLAG | VIBRATION_FLAG if value != 100 or progress.is_mute else 0
    return (progress.title, progress.file_name, 100), flags


class ContinuousNotify:
    """Mixin of ContinuousManager: the task's notifications in the drawer."""

    def _title(self: ContinuousManager, rec: TaskRecord, fn: str) -> str:
        """GetMainAbilityLabel: the app's label; empty -> ERR_BGTASK_NOTIFICATION_VERIFY_FAILED (9800006)."""
        app = self._emu.app_by_uid(rec.uid)
        title = app.label if app is not None else ""
        if not title:
            err = error("ERR_BGTASK_NOTIFICATION_VERIFY_FAILED")
            if app is not None:
                err = self._refuse(app, err.name, "the app has no label for the notification's title", fn)
            raise err
        return title

    def _verify_failed(self: ContinuousManager, rec: TaskRecord, fn: str, why: str) -> Exception:
        app = self._emu.app_by_uid(rec.uid)
        if app is None:
            return error("ERR_BGTASK_NOTIFICATION_VERIFY_FAILED")
        return self._refuse(app, "ERR_BGTASK_NOTIFICATION_VERIFY_FAILED", why, fn)

    def _publish(self: ContinuousManager, rec: TaskRecord, fn: str, live_view_split: bool = True) -> None:
        """Publish (or re-publish) the task's notification, or drop it when its modes have no text.

        A request-object task with dataTransfer and other modes gets two notifications (the live view
        and one for the rest) where the service splits them: start and activation, not restore.
        """
        title = self._title(rec, fn)
        if live_view_split and rec.by_request and len(rec.modes) > 1 and DATA_TRANSFER in rec.modes:
            self._publish_split(rec, fn, title)
            return
        text = self._text(rec)
        if text is None:
            raise self._verify_failed(rec, fn, "a mode has no notification text the service can load")
        if not text:
            if rec.notification_id != -1:
                self._cancel_notification(rec, "its modes have no notification text")
                rec.notification_id = -1
                rec.changed()
            return
        self._show(rec, title, text, sub=False)

    def _text(self: ContinuousManager, rec: TaskRecord) -> str | None:
        """CheckNotificationText for the record; showing the loading text clears its audioPlayState_."""
        app = self._emu.app_by_uid(rec.uid)
        text = notification_text(rec.modes, rec.sub_modes, rec.is_system, rec.by_request,
                                 playing=app is not None and app.audio_playing, **self._media_state(rec.uid))
        if text == LOADING_PROMPT and rec.audio_play_state:
            rec.audio_play_state = False
            rec.changed()
        return text

    def _publish_split(self: ContinuousManager, rec: TaskRecord, fn: str, title: str) -> None:
        """SendLiveViewAndOtherNotification (CTM:3538-3588 at HEAD e75584cd). The second notification's text is
        built from a fresh record: the other modes with their own sub-modes, as for a non-system app."""
        self._show(rec, title, notification_text([DATA_TRANSFER], [], False, True) or "", sub=False)
        pairs = [(m, rec.sub_modes[i] if i < len(rec.sub_modes) else None) for i, m in enumerate(rec.modes)
                 if m != DATA_TRANSFER]
        others = [m for m, _ in pairs]
        app = self._emu.app_by_uid(rec.uid)
        text = notification_text(others, [s for _, s in pairs if s is not None], False, True,
                                 playing=app is not None and app.audio_playing, **self._media_state(rec.uid))
        if text is None:
            if rec.notification_id != -1:
                self._cancel_notification(rec, "its second notification could not be built")
            raise self._verify_failed(rec, fn, "a mode has no notification text the service can load")
        if text:
            self._show(rec, title, text, sub=True)

    def _show(self: ContinuousManager, rec: TaskRecord, title: str, text: str, *, sub: bool) -> None:
        """PublishNotification / PublishSubNotification: a new id only when the record has none yet."""
        if sub:
            if rec.sub_notification_id == -1:
                self.last_notification_id += 1
                rec.sub_notification_id = self.last_notification_id
            rec.sub_label = sub_notification_label(rec.uid, rec.ability_name, rec.ability_id, rec.task_id, rec.pid)
            label, nid = rec.sub_label, rec.sub_notification_id
        else:
            if rec.notification_id == -1:
                self.last_notification_id += 1
                rec.notification_id = self.last_notification_id
            rec.label = notification_label(rec.uid, rec.ability_name, rec.ability_id,
                                           rec.task_id if rec.by_request else None)
            label, nid = rec.label, rec.notification_id
        rec.changed()
        template, flags = progress_template(rec) if not sub else (None, 0)
        replaced = self.drawer.publish(Notification(nid, label, rec.bundle, rec.uid, title, text, rec.want_bundle,
                                                    rec.want_ability, self._clock.now_ms, rec.key, sub, template,
                                                    flags))
        second = "second " if sub else ""
        self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"{'re-published' if replaced else 'published'} "
                          f"{second}notification {nid} \"{title}\" for continuous task {rec.task_id}", rec.bundle,
                          nid, task_id=rec.task_id, label=label)

    def _refresh_notification(self: ContinuousManager, rec: TaskRecord, title: str, text: str | None) -> None:
        """RefreshContinuousNotificationWantAndContext: the shown notification with the task's label takes the
        new wantAgent (and the new text unless None); a notification that is not shown stays unshown."""
        for nid in self.drawer.refresh(rec.label, title, text, (rec.want_bundle, rec.want_ability)):
            what = "its wantAgent" if text is None else "its text and wantAgent"
            self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"refreshed {what} in notification {nid} for "
                              f"continuous task {rec.task_id}", rec.bundle, nid, task_id=rec.task_id,
                              label=rec.label)

    def on_audio_start(self: ContinuousManager, app: App) -> None:
        """NotifyAudioStart (CTM:4495-4550): the app's audio started, so every notification of its uid that shows
        the loading text shows the audioPlayback prompt (no newline). Only when one such task has a notification
        id above 0: a lone one with id 0 keeps the loading text (the check is `notificationId_ > 0`)."""
        if not self._emu.service_ready:
            return
        mine = [r for r in self.tasks.values() if r.uid == app.uid and not r.audio_play_state]
        if not any(r.notification_id > 0 for r in mine):
            if mine:
                self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"{app.bundle_name}'s audio started, but its "
                                  "loading notification keeps its text: the service looks only for notification "
                                  "ids above 0", app.bundle_name, mine[0].notification_id, task_id=mine[0].task_id,
                                  refreshed=False)
            return
        for rec in mine:
            if rec.notification_id == -1:
                continue
            rec.audio_play_state = True
            rec.changed()
            for nid in self.drawer.retext(rec.label, self._title(rec, "NotifyAudioStart"), PROMPTS[AUDIO_PLAYBACK - 1]):
                self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"refreshed the text of notification {nid}: "
                                  f"{app.bundle_name}'s audio started", rec.bundle, nid, task_id=rec.task_id,
                                  label=rec.label)
        self._persist_quietly()

    def _cancel_notification(self: ContinuousManager, rec: TaskRecord, why: str) -> None:
        if self.drawer.cancel(rec.label, rec.notification_id) is not None:
            self._events.emit(EventKind.NOTIFICATION_REMOVED, f"notification {rec.notification_id} of continuous "
                              f"task {rec.task_id} removed: {why}", rec.bundle, rec.notification_id,
                              task_id=rec.task_id)

    def _cancel_sub_notification(self: ContinuousManager, rec: TaskRecord, why: str) -> None:
        if rec.sub_notification_id == -1 or not rec.by_request:
            return
        if self.drawer.cancel(rec.sub_label, rec.sub_notification_id) is not None:
            self._events.emit(EventKind.NOTIFICATION_REMOVED, f"second notification {rec.sub_notification_id} of "
                              f"continuous task {rec.task_id} removed: {why}", rec.bundle, rec.sub_notification_id,
                              task_id=rec.task_id)

    def _shares_notification(self: ContinuousManager, rec: TaskRecord) -> bool:
        return any(r.notification_id == rec.notification_id and r.label == rec.label
                   for r in self.by_uid.get(rec.uid, {}).values())
