"""The notification drawer, and the title, text and label a device gives a continuous task's notification.

Sources: research-service §2 (CTM CheckNotificationText / SendContinuousTaskNotification; NT PublishNotification,
CreateNotificationLabel); resources/entry/.../base/element/string.json (English prompts).

The drawer belongs to the notification service, not to the background task service: it survives a
service restart (the service then re-publishes or cancels by its restored records) and is emptied by
a reboot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from emulator.modes import AUDIO_PLAYBACK, AUDIO_RECORDING, BLUETOOTH_INTERACTION, SPECIAL_SCENARIO_PROCESSING, VOIP

__all__ = ["Notification", "NotificationDrawer", "notification_text", "notification_label", "sub_notification_label",
           "libcxx_string_hash", "PROMPTS", "CAR_KEY_PROMPT", "MEDIA_PROCESS_PROMPT", "VIDEO_BROADCAST_PROMPT"]

# g_taskPromptResNames, index = mode - 1 (index 9: ohos_bgmode_prompt_default_value, old FA API only).
PROMPTS: tuple[str, ...] = (
    "A data transfer task is in progress. Closing this notification will end it.",
    "An audio/video playback task is in progress. Closing this notification will end it.",
    "A recording task is in progress. Closing this notification will end it.",
    "A positioning task is in progress. Closing this notification will end it.",
    "A Bluetooth task is in progress. Closing this notification will end it.",
    "A cross-device collaboration task is in progress. Closing this notification will end it.",
    "A WLAN task is in progress. Closing this notification will end it.",
    "A call is in progress. Closing this notification will end it.",
    "A computing task is in progress. Closing this notification will end it.",
    "Running continuous task",
)
# ohos_bgsubmode_prompt_car_key in the resource HAP the current code loads (RES-entry).
CAR_KEY_PROMPT = "Automatic car key functions will not work if you close this card."
# ohos_bgsubmode_prompt_media_process / _video_broadcast (RES-entry): the special-scenario sub-mode texts.
MEDIA_PROCESS_PROMPT = "A media processing task is in progress. Closing this notification will end it."
VIDEO_BROADCAST_PROMPT = "A video casting task is in progress. Closing this notification will end it."
SUBMODE_CAR_KEY, SUBMODE_AVSESSION, SUBMODE_MEDIA_PROCESS, SUBMODE_VIDEO_BROADCAST = 1, 5, 9, 10

_MASK = (1 << 64) - 1
_K2 = 0x9AE16A3B2F90404F
_K3 = 0xC949D7C7509E6557
_MUL = 0x9DDFEA08EB382D69


def notification_text(modes: list[int], sub_modes: list[int], is_system: bool,
                      by_request: bool = False) -> str | None:
    """CheckNotificationText: each mode's prompt followed by "\n", in the task's order.

    A system app gets no text for audioRecording and voip; a request object with the AVSession
    sub-mode gets none for audioPlayback. bluetoothInteraction with the car-key sub-mode and
    specialScenarioProcessing take their sub-mode's text. An empty result means the task has no
    notification; None means the service refuses it (ERR_BGTASK_NOTIFICATION_VERIFY_FAILED): a
    special scenario whose sub-mode has no text (work-out), or a mode past the ten prompts (nearlink).
    """
    avsession = by_request and SUBMODE_AVSESSION in sub_modes
    text = ""
    for mode in modes:
        if (mode == AUDIO_PLAYBACK and avsession) or (mode in (VOIP, AUDIO_RECORDING) and is_system):
            continue
        if mode == SPECIAL_SCENARIO_PROCESSING or (mode == BLUETOOTH_INTERACTION and SUBMODE_CAR_KEY in sub_modes):
            special = _sub_mode_text(mode, sub_modes)
            if special is None:
                return None
            text += special + "\n"
            continue
        if not 1 <= mode <= len(PROMPTS):
            return None
        text += PROMPTS[mode - 1] + "\n"
    return text


def _sub_mode_text(mode: int, sub_modes: list[int]) -> str | None:
    """CheckSpecialNotificationText: car key first, then media process, then video broadcast."""
    if mode == BLUETOOTH_INTERACTION and SUBMODE_CAR_KEY in sub_modes:
        return CAR_KEY_PROMPT
    if SUBMODE_MEDIA_PROCESS in sub_modes:
        return MEDIA_PROCESS_PROMPT
    if SUBMODE_VIDEO_BROADCAST in sub_modes:
        return VIDEO_BROADCAST_PROMPT
    return None


def _hash_len_16(u: int, v: int) -> int:
    a = ((u ^ v) * _MUL) & _MASK
    a ^= a >> 47
    b = ((v ^ a) * _MUL) & _MASK
    b ^= b >> 47
    return (b * _MUL) & _MASK


@lru_cache(maxsize=256)
def libcxx_string_hash(value: str) -> int | None:
    """std::hash<std::string> of 64-bit libc++ (__murmur2_or_cityhash, 64 bits) for up to 16 bytes.

    Longer names take CityHash paths the emulator does not reproduce; it returns None for them.
    """
    s = value.encode("utf-8")
    n = len(s)
    if n > 16:
        return None
    if n > 8:
        a = int.from_bytes(s[:8], "little")
        b = int.from_bytes(s[n - 8:], "little")
        shifted = (b + n) & _MASK
        rotated = ((shifted >> n) | (shifted << (64 - n))) & _MASK
        return _hash_len_16(a, rotated) ^ b
    if n >= 4:
        a = int.from_bytes(s[:4], "little")
        b = int.from_bytes(s[n - 4:], "little")
        return _hash_len_16((n + ((a << 3) & 0xFFFFFFFF)) & _MASK, b)
    if n > 0:
        y = (s[0] + (s[n >> 1] << 8)) & 0xFFFFFFFF
        z = (n + (s[n - 1] << 2)) & 0xFFFFFFFF
        mixed = ((y * _K2) ^ (z * _K3)) & _MASK
        return ((mixed ^ (mixed >> 47)) * _K2) & _MASK
    return _K2


def notification_label(uid: int, ability_name: str, ability_id: int, task_id: int | None = None) -> str:
    """CreateNotificationLabel: "bgmode_<uid>_<std::hash(abilityName)>_<abilityId>", plus "_<continuousTaskId>"
    for a request-object task (task_id given)."""
    h = libcxx_string_hash(ability_name)
    label = f"bgmode_{uid}_{h if h is not None else 'hash(' + ability_name + ')'}_{ability_id}"
    return label if task_id is None else f"{label}_{task_id}"


def sub_notification_label(uid: int, ability_name: str, ability_id: int, task_id: int, pid: int) -> str:
    """CreateSubNotificationLabel: the main label of a request-object task plus "_<pid>"."""
    return f"{notification_label(uid, ability_name, ability_id, task_id)}_{pid}"


@dataclass(slots=True)
class Notification:
    notification_id: int
    label: str
    bundle: str
    uid: int
    title: str
    text: str
    want_bundle: str | None
    want_ability: str | None
    published_ms: int
    key: str  # the task key the service rebuilds from the label and the abilityName extra parameter
    is_sub: bool = False  # a request-object task's second notification (its label has six parts)
    progress: tuple[str, str, int] | None = None  # downloadTemplate (title, fileName, progressValue)
    control_flags: int = 0  # SOUND (1) | VIBRATION (16) on a finished or unknown download progress
    buttons: tuple[str, ...] = ()  # an authorisation banner's action buttons


class NotificationDrawer:
    """Published notifications by (label, id), as the notification service keys them."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, int], Notification] = {}

    def publish(self, note: Notification) -> bool:
        """Publish or replace; True when it replaced one already shown."""
        key = (note.label, note.notification_id)
        replaced = key in self._entries
        self._entries[key] = note
        return replaced

    def cancel(self, label: str, notification_id: int) -> Notification | None:
        return self._entries.pop((label, notification_id), None)

    def refresh(self, label: str, title: str, text: str | None, want: tuple[str | None, str | None]) -> list[int]:
        """RefreshContinuousNotificationWantAndContext: every shown notification with this label gets the new
        wantAgent target, and the new title and text unless text is None. Nothing new is published.
        Returns the ids refreshed."""
        refreshed = []
        for (shown_label, nid), note in self._entries.items():
            if shown_label != label:
                continue
            note.want_bundle, note.want_ability = want
            if text is not None:
                note.title, note.text = title, text
            refreshed.append(nid)
        return refreshed

    def with_id(self, notification_id: int) -> list[Notification]:
        return [n for (_, nid), n in self._entries.items() if nid == notification_id]

    def clear(self) -> None:
        self._entries.clear()

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self._entries.values(), key=lambda n: (n.notification_id, n.label)))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries
