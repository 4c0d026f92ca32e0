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

from emulator.modes import AUDIO_RECORDING, BLUETOOTH_INTERACTION, VOIP

__all__ = ["Notification", "NotificationDrawer", "notification_text", "notification_label", "libcxx_string_hash",
           "PROMPTS", "CAR_KEY_PROMPT"]

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

_MASK = (1 << 64) - 1
_K2 = 0x9AE16A3B2F90404F
_K3 = 0xC949D7C7509E6557
_MUL = 0x9DDFEA08EB382D69


def notification_text(modes: list[int], sub_modes: list[int], is_system: bool) -> str:
    """CheckNotificationText: each mode's prompt followed by "\\n", in the task's order.

    A system app gets no text for audioRecording and voip; bluetoothInteraction with the CAR_KEY
    sub-mode gets the car-key text. An empty result means the task has no notification.
    """
    text = ""
    for mode in modes:
        if mode in (VOIP, AUDIO_RECORDING) and is_system:
            continue
        if mode == BLUETOOTH_INTERACTION and 1 in sub_modes:
            text += CAR_KEY_PROMPT + "\n"
            continue
        text += PROMPTS[mode - 1] + "\n"
    return text


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


def notification_label(uid: int, ability_name: str, ability_id: int) -> str:
    """CreateNotificationLabel: "bgmode_<uid>_<std::hash(abilityName)>_<abilityId>"."""
    h = libcxx_string_hash(ability_name)
    return f"bgmode_{uid}_{h if h is not None else 'hash(' + ability_name + ')'}_{ability_id}"


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
