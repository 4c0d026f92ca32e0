"""Every action of the dashboard, once: its key, footer label, palette title, help line and section.

The main screen's BINDINGS, the command palette, the help screen and the README's key table
are all generated from ACTIONS, so they cannot disagree.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding

__all__ = ["ActionSpec", "ACTIONS", "SECTIONS", "main_bindings", "key_display", "keys_markdown",
           "changes_world"]


class ActionSpec(NamedTuple):
    action: str  # the main screen's action_<action>
    key: str  # Textual key(s), comma separated
    label: str  # short description in the footer
    title: str  # the command palette's title
    help: str  # one line for the help screen and the palette
    section: str
    footer: bool = False
    group: str | None = None  # footer group: consecutive keys shown under one label
    changes_world: bool = True  # refused while the world is locked (presenter mode, a rewound view)

    @property
    def display(self) -> str:
        return key_display(self.key)


_DISPLAY = {"space": "space", "enter": "enter", "escape": "esc", "delete": "del"}


def key_display(key: str) -> str:
    first = key.split(",")[0]
    return _DISPLAY.get(first, first)


T, A, TR, CT, EF, SY, DV, VW, SE = ("Time", "Apps", "Transient tasks", "Continuous tasks", "Efficiency resources",
                                    "System and user", "Device", "View", "Session")
TL = "Timeline and rewind"
SECTIONS: tuple[str, ...] = (T, A, TR, CT, EF, SY, DV, VW, TL, SE)

ACTIONS: tuple[ActionSpec, ...] = (
    # -- first, so that even a narrow footer shows it
    ActionSpec("help", "?", "Help", "Help", "Every key, and how to play a task lifecycle", VW, footer=True),
    # -- time
    ActionSpec("toggle_clock", "space", "Pause/run", "Pause or resume the clock",
               "Pause or resume the virtual clock (it follows real time × speed)", T, footer=True),
    ActionSpec("faster", "+", "", "Clock faster", "Speed the clock up: ×0.5 ×1 ×2 ×5 ×10 ×20 ×50 ×100", T,
               footer=True, group="Speed"),
    ActionSpec("slower", "-", "", "Clock slower", "Slow the clock down", T, footer=True, group="Speed"),
    ActionSpec("step", "n", "Next event", "Step to the next event",
               "Jump to the next timer (a callback, a forced cancel, a suspension...)", T, footer=True),
    ActionSpec("skip_second", ".", "+1 s", "Advance 1 second", "Move the clock forward 1 s", T),
    ActionSpec("skip_minute", "m", "+1 min", "Advance 1 minute", "Move the clock forward 1 min", T),
    ActionSpec("jump_quota_reset", "D", "Next day", "Jump to the daily quota reset",
               "Jump to when the daily transient quota resets (on the next request)", T),
    # -- apps
    ActionSpec("app_foreground", "f", "", "Move the app to the foreground",
               "Bring the selected app to the foreground (launches it if dead)", A, footer=True, group="App"),
    ActionSpec("app_background", "b", "", "Move the app to the background",
               "Send the selected app to the background", A, footer=True, group="App"),
    ActionSpec("app_kill", "x", "", "Kill the app", "Kill the selected app's process", A, footer=True, group="App"),
    ActionSpec("app_relaunch", "o", "Relaunch", "Relaunch the app",
               "Kill the selected app if it runs, then launch it again (new pid)", A),
    ActionSpec("install_app", "i", "Install", "Install an app…",
               "Install an app (form: bundle name, label, system app, atomic service, permissions, background "
               "modes, efficiency privileges); it starts in the foreground", A),
    ActionSpec("end_ability", "k", "End ability", "End the app's ability",
               "The selected app's main ability (EntryAbility) ends (terminateSelf): its continuous tasks go, the "
               "process exits", A),
    ActionSpec("clear_data", "C", "Clear data", "Clear the app's data",
               "The user clears the selected app's data: its persisted tasks go and the process is killed", A),
    ActionSpec("media", "V", "Media", "Media and live view…",
               "The selected app's audio renderer, its AVSession notification (published by the media framework) "
               "and its navigation live-view capsule, on or off (form): each changes its tasks' notifications", A),
    ActionSpec("listeners", "L", "Listen", "Listen: on/off continuousTask events…",
               "Turn the selected app's on('continuousTaskCancel'), on('continuousTaskSuspend'), "
               "on('continuousTaskActive') on or off, and subscribeContinuousTaskState for a system app (form); "
               "the log shows what it hears", A),
    ActionSpec("query", "g", "Query", "Query as the app…",
               "getRemainingDelayTime, getTransientTaskInfo, getAllContinuousTasks, obtainAllContinuousTasks, "
               "getAllEfficiencyResources as the selected app: the answer as the app receives it", A),
    # -- transient
    ActionSpec("request_transient", "t", "", "Request a transient task…",
               "requestSuspendDelay as the selected app (form: reason, what the callback does)", TR,
               footer=True, group="Transient"),
    ActionSpec("cancel_transient", "T", "", "Cancel the transient task",
               "cancelSuspendDelay of the selected transient task (or the app's latest)", TR,
               footer=True, group="Transient"),
    # -- continuous
    ActionSpec("start_continuous", "s", "", "Start a continuous task…",
               "startBackgroundRunning as the selected app (form: mode picker)", CT, footer=True,
               group="Continuous"),
    ActionSpec("update_continuous", "u", "", "Update the continuous task…",
               "updateBackgroundRunning of the selected app (form: mode picker)", CT, footer=True,
               group="Continuous"),
    ActionSpec("stop_continuous", "S", "", "Stop the continuous task",
               "stopBackgroundRunning as the selected app", CT, footer=True, group="Continuous"),
    ActionSpec("start_request", "a", "Request start", "Start a continuous task from a request object…",
               "startBackgroundRunning(context, ContinuousTaskRequest) (API 21; form: modes and submodes, "
               "combined notification)", CT),
    ActionSpec("update_request", "U", "Request update", "Update a continuous task by its id…",
               "updateBackgroundRunning(context, ContinuousTaskRequest) of the selected task's id (API 21; form)", CT),
    ActionSpec("stop_by_id", "X", "Stop by id", "Stop a continuous task by its id…",
               "stopBackgroundRunning(context, continuousTaskId) as the selected app (API 21; form: task id)", CT),
    ActionSpec("transfer_progress", "j", "Progress", "Update a data transfer's progress…",
               "updateDataTransferProgress(context, {continuousTaskId, progressInfo}) as the selected app "
               "(API 22; form)", CT),
    ActionSpec("task_state", "K", "Task state", "Set or get the background task state…",
               "setBackgroundTaskState / getBackgroundTaskState(BackgroundTaskStateInfo) as the selected app "
               "(system API 22; form)", CT),
    ActionSpec("request_method", "M", "Request method", "Call a ContinuousTaskRequest method…",
               "isModeSupported, requestAuthFromUser, checkSpecialScenarioAuth, requestAuthFromUserByDialog, "
               "checkSpecialScenarioAuthResult on a request as the selected app (API 21-26; form): the answer "
               "as the app receives it", CT),
    # -- efficiency
    ActionSpec("apply_efficiency", "e", "", "Apply efficiency resources…",
               "applyEfficiencyResources as the selected app (form: types, timeout, persistent, process)", EF,
               footer=True, group="Efficiency"),
    ActionSpec("release_efficiency", "E", "", "Release efficiency resources…",
               "applyEfficiencyResources with isApply false (form: types to release)", EF, footer=True,
               group="Efficiency"),
    ActionSpec("reset_efficiency", "z", "", "Reset all efficiency resources",
               "resetAllEfficiencyResources as the selected app", EF, footer=True, group="Efficiency"),
    # -- system and user
    ActionSpec("system_suspend", "y", "Sys suspend", "System: suspend the continuous task",
               "The system finds the task's work not running: suspends it (or cancels it)", SY),
    ActionSpec("system_stop", "Y", "Sys stop", "System: stop the continuous task…",
               "The system stops the selected continuous task (form: cause)", SY),
    ActionSpec("swipe_notification", "w", "Swipe", "User: swipe the notification away",
               "The user removes the selected task's notification: its tasks end", SY),
    # -- device
    ActionSpec("battery_down", "[", "", "Battery −10 %", "Battery level down 10 %", DV),
    ActionSpec("battery_up", "]", "", "Battery +10 %", "Battery level up 10 %", DV),
    ActionSpec("battery_set", "B", "Battery", "Set the battery…", "Set the battery level (form)", DV),
    ActionSpec("toggle_charging", "c", "Charging", "Toggle charging", "Plug or unplug the charger", DV),
    ActionSpec("toggle_screen", "v", "Screen", "Toggle the screen", "Turn the screen off or on", DV),
    ActionSpec("device_type", "d", "Device", "Set the device type…",
               "Set the device type (form): phone, tablet, 2in1, wearable, tv, car", DV),
    ActionSpec("auth_answer", "A", "Auth answer", "Set the authorisation answer…",
               "What the user answers when an app asks to run special-scenario tasks (form): allow once, "
               "always allow, deny, no answer", DV),
    ActionSpec("toggle_service", "N", "Service", "Toggle service not ready",
               "Make the service answer 'not ready' to every call, or ready again", DV),
    ActionSpec("inject_fault", "F", "Fault", "Inject a fault…",
               "Make the next call(s) of a kit function fail, or storage fail (form)", DV),
    ActionSpec("policies", "P", "Policies", "Set the device policies…",
               "Device policy: suspension grace period, what an unhandled transient timeout does, task keeping "
               "(form); R resets", DV),
    ActionSpec("restart_service", "r", "Restart service", "Restart the service…",
               "The service process restarts: transient tasks lost, continuous tasks and grants restored (confirm)",
               DV),
    ActionSpec("reboot", "ctrl+r", "Reboot", "Reboot the device…",
               "Every process dies, uptime 0; the service restores what survives a boot (confirm)", DV),
    ActionSpec("reset_overrides", "R", "Reset device", "Reset every override",
               "Put battery, screen, faults, service and policies back as on a fresh device", DV, footer=True),
    # -- view
    ActionSpec("filter_log", "/", "Filter", "Filter the event log…",
               "Filter the event log by app:, kind: or any text (!word excludes)", VW, footer=True),
    ActionSpec("toggle_follow", "l", "Follow", "Follow the newest event: on/off",
               "Follow the newest event: on/off (a toggle; the footer and the log's title say which)", VW,
               footer=True),
    ActionSpec("toggle_log_pause", "p", "Freeze log", "Freeze or unfreeze the log view",
               "Freeze the event log view (the clock keeps running)", VW),
    ActionSpec("cycle_sort", "O", "Sort", "Sort the focused table",
               "Sort the focused table: each column ascending, then descending, then as the device lists them", VW),
    ActionSpec("zoom", "Z", "Zoom", "Zoom the focused panel",
               "Zoom the focused panel to the whole screen, and back (esc or Z)", VW),
    ActionSpec("toggle_details", "enter", "Details", "Show the details pane",
               "Details of the selected row: show or hide them (narrow), go to them to scroll (wide); esc goes back to the table", VW),
    ActionSpec("dump", "H", "Dump", "Show the hidumper dump",
               "hidumper -s 1903 -T All, -C --all, -E --all of the state now, in a scrollable pane (as bgtui dump)",
               VW),
    # -- timeline and rewind (none of them changes the world: resume from here is the way out of the past)
    ActionSpec("toggle_timeline", "ctrl+t", "Timeline", "Show the timeline",
               "Show the timeline of every lifecycle; again: on the whole screen; again: hide it "
               "(in it: up/down pick a lane, enter shows it in Details)", TL),
    ActionSpec("timeline_back", "shift+left", "", "Timeline: cursor back",
               "Move the time cursor one cell back: the whole dashboard shows that moment (rewind)", TL),
    ActionSpec("timeline_forward", "shift+right", "", "Timeline: cursor forward",
               "Move the time cursor one cell forward (at now: live again)", TL),
    ActionSpec("timeline_now", "shift+end", "", "Timeline: back to now",
               "Return to now: the live dashboard, exactly as it was", TL),
    ActionSpec("resume_here", "ctrl+g", "", "Resume from here…",
               "Continue from the moment shown, dropping the recorded actions after it (asks first)", TL),
    ActionSpec("timeline_zoom_in", ">", "", "Timeline: zoom in",
               "Less time per cell (down to a tenth of a second)", TL),
    ActionSpec("timeline_zoom_out", "<", "", "Timeline: zoom out",
               "More time per cell (up to an hour)", TL),
    ActionSpec("timeline_pan_back", "{", "", "Timeline: pan back", "Show earlier times (half a window)", TL),
    ActionSpec("timeline_pan_forward", "}", "", "Timeline: pan forward",
               "Show later times (half a window; at the end it follows now again)", TL),
    # -- session
    ActionSpec("save_session", "ctrl+s", "Save session", "Save the session…",
               "Save every action taken so far, at its virtual time, as a scenario file that replays to the "
               "same event log (form: file)", SE),
    ActionSpec("export_log", "ctrl+e", "Export log", "Export the event log…",
               "Write the event log (all of it or the filtered view) as JSONL or CSV, as bgtui play --format jsonl "
               "and --csv do (form: file)", SE),
)


# Moving time, looking and saving never change the world: presenter mode and a rewound view allow them.
ACTIONS = tuple(a._replace(changes_world=False) if a.section in (T, VW, TL, SE) else a for a in ACTIONS)
_BY_ACTION = {a.action: a for a in ACTIONS}


def main_bindings() -> list[Binding]:
    groups: dict[str, Binding.Group] = {}
    out = []
    for a in ACTIONS:
        group = groups.setdefault(a.group, Binding.Group(a.group, compact=True)) if a.group else None
        out.append(Binding(a.key, a.action, a.label or a.title, show=a.footer, tooltip=a.help, id=a.action,
                           group=group))
    out += [Binding(str(n), f"focus_panel({n})", f"Panel {n}", show=False) for n in range(1, 7)]
    return out


def changes_world(action: str) -> bool:
    """Whether the main screen's action `action` (its name, without parameters) changes the world."""
    spec = _BY_ACTION.get(action)
    return spec is not None and spec.changes_world


def keys_markdown() -> str:
    """The table of keys for the README and the help screen."""
    lines = ["| Key | Action |", "|---|---|"]
    for section in SECTIONS:
        lines.append(f"| | **{section}** |")
        for a in ACTIONS:
            if a.section == section:
                key = a.display.replace("|", "\\|")
                lines.append(f"| `{key}` | {a.help} |")
    lines += ["| `1`–`6` | Focus a panel: apps, transient, continuous, grants, notifications, log |",
              "| `tab` | Next panel |", "| `ctrl+p` | Command palette: every action by name |",
              "| `q` | Quit (with recorded actions not saved, it asks: save, discard or stay) |"]
    return "\n".join(lines)
