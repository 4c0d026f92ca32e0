"""A parsed, validated scenario: plain dataclasses, built by `load` or by code.

Every time is integer virtual milliseconds. A step knows its source line so a run can say
where a failing expectation was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ScenarioError", "StepError", "AppSpec", "Ref", "Step", "Scenario", "CALL", "DO", "EXPECT", "NO_VALUE",
           "REACTIONS"]

CALL, DO, EXPECT = "call", "do", "expect"

# What the app does inside a callback the runner gave it (the `$callback` argument).
REACTIONS = ("nothing", "cancel", "stop")


class _NoValue:
    """An `expect_result` that was not given (None is a valid expected result)."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()


class ScenarioError(Exception):
    """An invalid scenario: one message naming the file, the line and the field."""

    def __init__(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.file, self.line, self.field, self.message = file, line, field, message
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class StepError(Exception):
    """A step that could not run as written (a missing saved value, an impossible action, ...)."""


@dataclass(frozen=True, slots=True)
class Ref:
    """A `$name.field.sub` reference in a step, resolved when the step runs.

    `name` is a saved result (`save_as`) or a special value: `callback`, `context`, `wantAgent`;
    `enum` refs (`$ResourceType.CPU`) are resolved at load time to their int.
    """

    name: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        return "$" + ".".join((self.name,) + self.fields)


@dataclass(frozen=True, slots=True)
class AppSpec:
    """One `[[apps]]` table: the arguments of Emulator.install_app."""

    bundle_name: str
    system_app: bool = False
    atomic_service: bool = False
    permissions: tuple[str, ...] = ()
    background_modes: tuple[str, ...] = ()
    running_resources_apply: tuple[int, ...] = ()
    label: str | None = None
    line: int = 0
    abilities: tuple[tuple[str, tuple[str, ...]], ...] = ()  # `abilities = { Name = [modes], ... }`, in order

    def install_abilities(self) -> dict[str, list[str]] | None:
        """install_app's abilities= (None: one EntryAbility declaring background_modes)."""
        return {name: list(modes) for name, modes in self.abilities} if self.abilities else None

    def has_ability(self, name: str) -> bool:
        return name in dict(self.abilities) if self.abilities else name == "EntryAbility"

    def ability_names(self) -> tuple[str, ...]:
        return tuple(n for n, _ in self.abilities) if self.abilities else ("EntryAbility",)


@dataclass(slots=True)
class Step:
    index: int  # 1-based position among the [[steps]] tables
    line: int
    at_ms: int
    kind: str  # CALL | DO | EXPECT
    app: str | None = None
    every_ms: int | None = None
    times: int = 1  # how many times it runs (1 unless `every`)
    note: str | None = None
    # call
    function: str | None = None
    args: tuple[Any, ...] = ()  # literal values, with Ref for `$...` strings (at any depth)
    save_as: str | None = None
    on_callback: str = "nothing"
    expect_code: int | None = None  # 0: the call must succeed
    expect_result: Any = NO_VALUE
    request: dict[str, Any] | None = None  # a ContinuousTaskRequest method's request (emulator.scenario.methods)
    # do
    action: str | None = None
    # expect
    expect: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def last_ms(self) -> int:
        return self.at_ms + (self.times - 1) * (self.every_ms or 0)

    @property
    def label(self) -> str:
        return f"steps[{self.index}]"

    def functions(self) -> tuple[str, ...]:
        """The kit functions this step needs: its call, its callback's reaction, a fault's target."""
        out: list[str] = []
        if self.kind == CALL and self.function:
            out.append(self.function)
        if self.on_callback == "cancel":
            out.append("cancelSuspendDelay")
        elif self.on_callback == "stop":
            out.append("stopBackgroundRunning")
        if self.kind == DO and self.action == "fault.fail_next" and self.args and isinstance(self.args[0], str):
            out.append(self.args[0])
        return tuple(out)

    @property
    def what(self) -> str:
        if self.kind == CALL:
            return f"call {self.function}"
        if self.kind == DO:
            return f"do {self.action}"
        return f"expect {self.expect}"


@dataclass(slots=True)
class Scenario:
    file: str  # as given by the user, for messages ("demo:NAME" for a built-in demo)
    name: str
    description: str = ""
    end_ms: int = 0
    device: dict[str, Any] = field(default_factory=dict)
    policy: dict[str, Any] = field(default_factory=dict)
    apps: list[AppSpec] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)

    def functions(self) -> set[str]:
        """Every kit function the scenario calls, including those its callbacks call."""
        return {fn for s in self.steps for fn in s.functions()}
