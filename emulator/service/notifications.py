"""The notification drawer, and the title, text and label a device gives a continuous task's notification.

Sources at HEAD e75584cd: CTM CheckNotificationText / FilterNotificationMode / SingleModeNotificationText /
MergeNotificationText (CTM:1591-1812), `common_utils.cpp` SortMode (91-110), NT PublishNotification and
CreateNotificationLabel; resources/entry/.../base/element/string.json (STRINGS, the English texts).

The drawer belongs to the notification service, not to the background task service: it survives a
service restart (the service then re-publishes or cancels by its restored records) and is emptied by
a reboot.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from emulator.modes import (
    AUDIO_PLAYBACK, AUDIO_RECORDING, BLUETOOTH_INTERACTION, DATA_TRANSFER, LOCATION, SPECIAL_SCENARIO_PROCESSING, VOIP,
)

__all__ = ["Notification", "NotificationDrawer", "notification_text", "notification_label", "sub_notification_label",
           "libcxx_string_hash", "hidden_by_capsule", "PROMPTS", "CAR_KEY_PROMPT", "MEDIA_PROCESS_PROMPT",
           "VIDEO_BROADCAST_PROMPT", "WORK_OUT_PROMPT", "LOADING_PROMPT", "MODE_WORDS", "MERGED_FORMATS"]

_DEFAULT = "Running continuous task"  # ohos_bgmode_prompt_default_value
# g_taskPromptResNames (CTM:82-96), index = mode - 1: indexes 9-12 are the default value, 13 nearlink.
PROMPTS: tuple[str, ...] = (
    "A data transfer task is in progress. Closing this notification will end it.",
    "Playing audio/video. Closing this notification will end playback.",  # STRINGS:11-12, since 3473e3be
    "A recording task is in progress. Closing this notification will end it.",
    "A positioning task is in progress. Closing this notification will end it.",
    "A Bluetooth task is in progress. Closing this notification will end it.",
    "A cross-device collaboration task is in progress. Closing this notification will end it.",
    "A WLAN task is in progress. Closing this notification will end it.",
    "A call is in progress. Closing this notification will end it.",
    "A computing task is in progress. Closing this notification will end it.",
    _DEFAULT, _DEFAULT, _DEFAULT, _DEFAULT,
    "A NearLink task is in progress. Closing this notification will end it.",  # STRINGS:255-256
)
# g_taskPromptResNamesSubMode (CTM:98-103): car key, media process, video broadcast, work out.
CAR_KEY_PROMPT = "Automatic car key functions will not work if you close this card."
MEDIA_PROCESS_PROMPT = "A media processing task is in progress. Closing this notification will end it."
VIDEO_BROADCAST_PROMPT = "A video casting task is in progress. Closing this notification will end it."
WORK_OUT_PROMPT = "A workout task is in progress. Closing this notification will end it."  # STRINGS:129-130
# notification_text_starting_task (STRINGS:227-228): a lone audioPlayback task of an app not playing audio.
LOADING_PROMPT = "Loading audio/video. Closing this notification will interrupt playback."
# modeForNotificationText_ (CTM:450-472; STRINGS:164-226, 262-263): the words of a merged sentence.
MODE_WORDS: dict[int, str] = {
    1: "data transfer", 2: "audio/video playback", 3: "recording", 4: "positioning", 5: "Bluetooth",
    6: "cross-device collaboration", 7: "WLAN", 8: "call", 9: "computing", 14: "NearLink",
}
# g_taskNotificationResNames (STRINGS:234-249): two modes, three, more than three (filled with three words).
MERGED_FORMATS: tuple[str, ...] = (
    "Tasks in progress ({}, {}). Closing this notification will end them.",
    "Tasks in progress ({}, {}, {}). Closing this notification will end them.",
    "Tasks in progress ({}, {}, {}, and more). Closing this notification will end them.",
)
MAX_MERGED_WORDS = 3  # MAX_NOTIFICATION_TEXT_TYPE
SUBMODE_CAR_KEY, SUBMODE_AVSESSION = 1, 5
SUBMODE_MEDIA_PROCESS, SUBMODE_VIDEO_BROADCAST, SUBMODE_WORK_OUT = 9, 10, 11
_SORTED_FIRST = (DATA_TRANSFER, AUDIO_RECORDING, LOCATION)  # CommonUtils::SortMode
_LIVE_VIEW_TYPES = (DATA_TRANSFER, AUDIO_RECORDING, LOCATION, VOIP)  # g_liveViewTypes (CTM:106-111)


def hidden_by_capsule(modes: list[int]) -> bool:
    """CheckLiveViewInfoModes (CTM:4131-4139): location and none of the other live-view types."""
    return LOCATION in modes and not any(m in modes for m in _LIVE_VIEW_TYPES if m != LOCATION)

_MASK = (1 << 64) - 1
_K2 = 0x9AE16A3B2F90404F
_K3 = 0xC949D7C7509E6557
_MUL = 0x9DDFEA08EB382D69


def notification_text(modes: list[int], sub_modes: list[int], is_system: bool, by_request: bool = False,
                      playing: bool = True, avsession: bool = False, capsule: bool = False) -> str | None:
    """CheckNotificationText: the text of a task's notification.

    An empty result means the task has no notification; None means the service refuses it
    (ERR_BGTASK_NOTIFICATION_VERIFY_FAILED). `playing`: the app has an audio renderer running; when it
    has not, a lone audioPlayback task (without bluetoothInteraction) shows LOADING_PROMPT. `avsession`: the
    service was told the app's AVSession notification is published (audioPlayback leaves the list, CTM:1627-1635);
    `capsule`: the app shows a navigation live-view capsule (CheckLiveViewInfo, CTM:1646-1649).
    """
    if capsule and hidden_by_capsule(modes):
        return ""
    if SPECIAL_SCENARIO_PROCESSING in modes:
        special = _special_text(sub_modes)
        return None if special is None else special + "\n"
    modes, sub_modes = list(modes), list(sub_modes)
    car = ""
    if BLUETOOTH_INTERACTION in modes and SUBMODE_CAR_KEY in sub_modes:  # its own text, out of the mode list
        car = CAR_KEY_PROMPT + "\n"
        sub_modes.remove(SUBMODE_CAR_KEY)
        modes.remove(BLUETOOTH_INTERACTION)
    avsession = avsession or (by_request and SUBMODE_AVSESSION in sub_modes)
    shown = [m for m in modes
             if not ((m == AUDIO_PLAYBACK and avsession) or (m in (VOIP, AUDIO_RECORDING) and is_system))]
    shown = [m for m in _SORTED_FIRST if m in shown] + [m for m in shown if m not in _SORTED_FIRST]
    if not shown:
        return car
    if len(shown) == 1:
        if shown[0] == AUDIO_PLAYBACK and not car and BLUETOOTH_INTERACTION not in modes and not playing:
            return LOADING_PROMPT  # no newline (CTM:1689-1700)
        if not 1 <= shown[0] <= len(PROMPTS):
            return None
        return car + PROMPTS[shown[0] - 1] + "\n"
    words = []
    for mode in shown[:MAX_MERGED_WORDS]:
        if mode not in MODE_WORDS:
            return None
        words.append(MODE_WORDS[mode])
    return car + MERGED_FORMATS[min(len(shown), MAX_MERGED_WORDS + 1) - 2].format(*words)


def _special_text(sub_modes: list[int]) -> str | None:
    """CheckSpecialNotificationText: media process first, then video broadcast, then work out."""
    for sub, text in ((SUBMODE_MEDIA_PROCESS, MEDIA_PROCESS_PROMPT), (SUBMODE_VIDEO_BROADCAST, VIDEO_BROADCAST_PROMPT),
                      (SUBMODE_WORK_OUT, WORK_OUT_PROMPT)):
        if sub in sub_modes:
            return text
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

    def retext(self, label: str, title: str, text: str) -> list[int]:
        """RefreshContinuousNotifications: every shown notification with this label gets the title and text."""
        refreshed = []
        for (shown_label, nid), note in self._entries.items():
            if shown_label == label:
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
