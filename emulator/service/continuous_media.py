"""What the service hears about an app's AVSession notification and its navigation live-view capsule.

Both change what a continuous task's notification says (notifications.notification_text): the service keeps what
it last heard per uid, in memory only (a service restart forgets it; nothing re-sends it).
Sources, at HEAD e75584cd: `bg_continuous_task_mgr.cpp` ("CTM") AVSessionNotifyUpdateNotification (2429-2459) and
its Inner (2461-2520), RemoveAudioPlaybackDelayTask (2521-2530), SetLiveViewInfo (4118-4129),
CancelBgTaskNotificationInner (4154-4172), SendNotificationByLiveViewCancelInner (4186-4198);
`task_notification_subscriber.cpp` OnConsumed (87-120) and OnCanceled (57-85). The record's
audioDetectState_ (CTM:2480-2487) is cleared only by SuspendContinuousAudioTask, which nothing here calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from emulator.clock import Timer
from emulator.errors import BusinessError, error
from emulator.events import EventKind
from emulator.modes import AUDIO_PLAYBACK, DATA_TRANSFER
from emulator.service.notifications import SUBMODE_AVSESSION, hidden_by_capsule

if TYPE_CHECKING:
    from emulator.apps import App
    from emulator.service.continuous import ContinuousManager
    from emulator.service.continuous_model import TaskRecord

__all__ = ["ContinuousMedia", "NOTIFY_AUDIO_PLAYBACK_DELAY_MS"]

NOTIFY_AUDIO_PLAYBACK_DELAY_MS = 65_000  # NOTIFY_AUDIO_PLAYBACK_DELAY_TIME (CTM:170)


class ContinuousMedia:
    """Mixin of ContinuousManager: avSessionNotification_, liveViewInfo_ and what a change does to notifications."""

    def _reset_media(self: ContinuousManager) -> None:
        for timer in getattr(self, "_avsession_timers", ()):
            timer.cancel()  # the handler's queue dies with the service process
        self.avsession_published: dict[int, bool] = {}  # avSessionNotification_
        self.navigation_live_views: set[int] = set()  # uids in liveViewInfo_ (only NAVIGATION is ever put there)
        self._avsession_timers: list[Timer] = []  # TASK_NOTIFY_AUDIO_PLAYBACK_SEND tasks in the handler's queue
        self._avsession_delayed: set[int] = set()  # delayTasks_

    def _media_state(self: ContinuousManager, uid: int) -> dict[str, bool]:
        """What CheckNotificationText reads besides the record: for notification_text's keywords."""
        return {"avsession": self.avsession_published.get(uid, False), "capsule": uid in self.navigation_live_views}

    # -- AVSession ---------------------------------------------------------------------------------
    def on_avsession_notification(self: ContinuousManager, app: App, published: bool) -> None:
        """The AVSession service calls AVSessionNotifyUpdateNotification(uid, pid, isPublish): true is handled at
        once, false 65 s later (a delayed task that a later true, of any uid, removes)."""
        if not self._emu.service_ready:
            err = error("ERR_BGTASK_SYS_NOT_READY")
            self._events.emit(EventKind.AVSESSION, f"the service is not ready: it answers the AVSession service "
                              f"{err.code} and does not record the change", app.bundle_name, app.uid,
                              published=published, code=err.code)
            return
        uid, pid = app.uid, app.pid
        if published:
            self._avsession_update(uid, pid, True, app.bundle_name)
            return
        timer = self._clock.call_later(NOTIFY_AUDIO_PLAYBACK_DELAY_MS,
                                       lambda: self._avsession_update(uid, pid, False, app.bundle_name),
                                       label="TaskNotifyAudioPlaybackSend")
        self._avsession_timers.append(timer)
        self._avsession_delayed.add(uid)

    def _remove_avsession_delay(self: ContinuousManager, uid: int) -> None:
        """RemoveAudioPlaybackDelayTask: removes every task of that name, whichever uid posted it."""
        if uid not in self._avsession_delayed:
            return
        for timer in self._avsession_timers:
            timer.cancel()
        self._avsession_timers = []
        self._avsession_delayed.discard(uid)

    def _avsession_update(self: ContinuousManager, uid: int, pid: int, published: bool, bundle: str) -> None:
        """AVSessionNotifyUpdateNotificationInner: only the first task of the uid it finds is looked at."""
        self._avsession_timers = [t for t in self._avsession_timers if t.pending]
        self.avsession_published[uid] = published
        self._events.emit(EventKind.AVSESSION, f"the service records that {bundle}'s AVSession notification is "
                          f"{'published' if published else 'gone'} (uid {uid})", bundle, uid, published=published,
                          recorded=True)
        if published:
            self._remove_avsession_delay(uid)
        rec = next(iter(self.by_uid.get(uid, {}).values()), None)
        if rec is None:
            self._remove_avsession_delay(uid)
            return
        if not published and SUBMODE_AVSESSION in rec.sub_modes:
            self._remove_avsession_delay(uid)
            return
        if not published and rec.modes == [AUDIO_PLAYBACK]:
            try:
                self._publish(rec, "AVSessionNotifyUpdateNotification", live_view_split=False)
            except BusinessError:
                pass  # the result goes back to the AVSession service, not to the app
            self._persist_quietly()
            self._remove_avsession_delay(uid)
            return
        if DATA_TRANSFER not in rec.modes:
            text = self._text(rec) or ""  # GetNotificationText: an error leaves no text
            if not text:
                self._cancel_notification(rec, f"{bundle}'s AVSession notification is published, so its modes have "
                                          "no notification text")
                rec.notification_id = -1
                rec.changed()
            else:
                app = self._emu.app_by_uid(uid)
                for nid in self.drawer.retext(rec.label, app.label if app is not None else "", text):
                    self._events.emit(EventKind.NOTIFICATION_PUBLISHED, f"refreshed the text of notification {nid}: "
                                      f"{bundle}'s AVSession notification is "
                                      f"{'published' if published else 'gone'}", bundle, nid, task_id=rec.task_id,
                                      label=rec.label)
            self._persist_quietly()
        self._remove_avsession_delay(uid)

    # -- the navigation capsule (a live view of the app's own) --------------------------------------
    def on_navigation_capsule(self: ContinuousManager, app: App, shown: bool) -> None:
        """OnConsumed of the app's LIVE_VIEW with event NAVIGATION and an active capsule (shown), or OnCanceled of
        that live view (gone). The uid is recorded even while the service is not ready; the notifications are
        then left alone (CancelBgTaskNotification / SendNotificationByLiveViewCancel return early)."""
        uid = app.uid
        if shown:
            self.navigation_live_views.add(uid)
        else:
            self.navigation_live_views.discard(uid)
        if not self._emu.service_ready:
            self._events.emit(EventKind.LIVE_VIEW, "the service is not ready: it records the capsule but leaves "
                              "the notifications alone", app.bundle_name, uid, shown=shown)
            return
        for rec in list(self.by_uid.get(uid, {}).values()):
            if shown and rec.notification_id != -1 and hidden_by_capsule(rec.modes):
                self._cancel_notification(rec, f"{app.bundle_name} shows a navigation capsule")
                rec.notification_id = -1
                rec.changed()
                self._persist_quietly()
            elif not shown and rec.notification_id == -1:
                self._republish(rec)

    def _republish(self: ContinuousManager, rec: TaskRecord) -> None:
        """SendContinuousTaskNotification for a task without a notification (its result is ignored)."""
        try:
            self._publish(rec, "SendNotificationByLiveViewCancel", live_view_split=False)
        except BusinessError:
            pass
        self._persist_quietly()
