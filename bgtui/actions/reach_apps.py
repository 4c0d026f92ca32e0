"""App-level actions beyond the lifecycle keys: install, end the ability, clear data, listeners, queries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from emulator import BusinessError
from emulator.service.continuous_listeners import STATE

from bgtui import ops
from bgtui.actions.base import ActionsBase
from bgtui.app_log import HEARD, QUERY, note
from bgtui.arkts import arkts, arkts_lines

if TYPE_CHECKING:
    from bgtui.screens.install_form import InstallRequest
    from bgtui.screens.query_form import Query

__all__ = ["AppReachActions"]



class AppReachActions(ActionsBase):
    def _acting_or_tell(self, what: str) -> Any:
        app = self.acting_app()
        if app is None:
            self.tell("Select an app first (any row of it).", what, "warning")
        return app

    # -- install, end, clear -------------------------------------------------------------------
    def action_install_app(self) -> None:
        from bgtui.screens.install_form import InstallForm

        def done(form: InstallRequest | None) -> None:
            if form is None:
                return
            self.attempt("Install", lambda: ops.install_app(
                self.rec, form.bundle_name, label=form.label, system_app=form.system_app,
                atomic_service=form.atomic_service, permissions=form.permissions,
                background_modes=form.background_modes, running_resources_apply=form.running_resources_apply,
                abilities=form.abilities_dict()),
                lambda app: f"{app.label} installed with uid {app.uid}, launched with pid {app.pid}"
                            + (f"; UIAbilities {', '.join(a.name for a in app.abilities)}" if form.abilities else ""))

        self.app.push_screen(InstallForm(tuple(a.bundle_name for a in self.snap.apps)), done)

    def action_end_ability(self) -> None:
        if app := self._acting_or_tell("End the ability"):
            others = [a.name for a in app.abilities[1:]]
            # The engine ends only the main ability (App.end_ability takes no name): say so rather than ask.
            alone = (f" (only the main ability can end here: ending {', '.join(others)} alone is not emulated)"
                     if others else "")
            self.attempt("End the ability", lambda: ops.app_end_ability(self.rec, app),
                         lambda _: f"{app.label}: {app.main_ability} ended; its continuous tasks went and the "
                                   f"process exited{alone}")

    def action_clear_data(self) -> None:
        if app := self._acting_or_tell("Clear data"):
            self.attempt("Clear data", lambda: ops.app_clear_data(self.rec, app),
                         lambda _: f"{app.label}: data cleared (COMMON_EVENT_PACKAGE_DATA_CLEARED); process killed")

    # -- listeners -----------------------------------------------------------------------------
    def hearer(self, bundle: str, heard: str) -> Callable[..., None]:
        """A listener that logs what the app hears, as the app hearing it (the payload's fields)."""
        session = self.app.session

        def hear(*payload: Any) -> None:
            from emulator.scenario.refs import plain

            shown = ", ".join(arkts(p) for p in payload)
            note(session, HEARD, f"{self.label(bundle)} heard {heard}: {shown}", bundle,
                 {"listener": heard, "payload": plain(list(payload))})
        return hear

    def state_subscriber(self, bundle: str) -> Any:
        """A subscriber whose three methods log what the app hears; a recording writes it as $subscriber."""
        from emulator.scenario.subscriber import STATE_METHODS, StateSubscriber

        return StateSubscriber(bundle, {m: self.hearer(bundle, f"subscribeContinuousTaskState {m}")
                                        for m in STATE_METHODS})

    def registered_subscriber(self, app: Any) -> Any:
        """The StateSubscriber the app's process holds (the one to unsubscribe), or a new one (nothing to remove)."""
        from emulator.scenario.subscriber import StateSubscriber

        sub = self.emu.continuous.listeners.get(app.uid, app.pid, app.bundle_name)
        held = sub.observers.get(STATE, ()) if sub is not None else ()
        return next((o for o in held if isinstance(o, StateSubscriber)), None) or self.state_subscriber(
            app.bundle_name)

    def action_listeners(self) -> None:
        app = self._acting_or_tell("Listeners")
        if app is None:
            return
        view = self.snap.app(app.bundle_name)
        assert view is not None
        from bgtui.screens.listeners_form import ListenersForm

        def done(wanted: frozenset[str] | None) -> None:
            if wanted is None:
                return
            now = set(view.listeners)
            changes = [(k, k in wanted) for k in (*sorted(wanted - now), *sorted(now - wanted))]
            if not changes:
                self.tell("Nothing changed.", "Listeners")
                return
            for kind, on in changes:
                self._listen(app, kind, on)

        self.app.push_screen(ListenersForm(view), done)

    def _listen(self, app: Any, kind: str, on: bool) -> None:
        if kind == STATE:
            if on:
                call = lambda: ops.subscribe_state(self.rec, app, self.state_subscriber(app.bundle_name))  # noqa: E731
            else:  # the very object subscribed: the kit compares them by identity
                call = lambda: ops.unsubscribe_state(self.rec, app, self.registered_subscriber(app))  # noqa: E731
            what = "subscribeContinuousTaskState" if on else "unsubscribeContinuousTaskState"
        else:
            call = lambda: ops.listen(self.rec, app, kind, on, self.hearer(app.bundle_name, f"on('{kind}')"))  # noqa: E731
            what = f"{'on' if on else 'off'}('{kind}')"
        self.attempt(what, call, lambda _: f"{app.label}: {what}")

    # -- queries -------------------------------------------------------------------------------
    def action_query(self) -> None:
        app = self._acting_or_tell("Query")
        if app is None:
            return
        from bgtui.screens.query_form import QueryForm

        def done(query: Query | None) -> None:
            if query is not None:
                self.run_query(app, query)

        self.app.push_screen(QueryForm(app.label, app.system_app), done)

    def query_args(self, app: Any, key: str) -> list[Any]:
        if key == "remaining":
            task = self.transient_target()  # type: ignore[attr-defined]
            return [task.request_id if task is not None and task.bundle_name == app.bundle_name else 0]
        if key == "continuous":
            return [ops.CONTEXT]
        if key == "continuous_active":
            return [ops.CONTEXT, False]
        return []

    def run_query(self, app: Any, query: Query) -> Any:
        """Run it as the app: the answer in a pane (as the fields the app receives) and in the log."""
        from bgtui.screens.text_pane import TextPane

        args = self.query_args(app, query.key)
        shown = ", ".join("context" if a is ops.CONTEXT else arkts(a) for a in args)
        call = f"{query.function}({shown})"
        try:
            value = ops.query(self.rec, app, query.function, args)
        except BusinessError as err:
            self.app.publish()
            note(self.app.session, QUERY, f"{app.label} asked {call}: refused {err.code}: {err.message}",
                 app.bundle_name, {"function": query.function, "error": {"code": err.code, "message": err.message}})
            self.tell(err.message, f"{query.function}: refused ({err.code})", "error")
            self.app.push_screen(TextPane(f"{call} as {app.label}",
                                          f"BusinessError\n  code: {err.code}\n  message: {arkts(err.message)}"))
            return err
        except (ops.NotEmulated, ValueError) as exc:
            self.tell(str(exc), query.function, "warning")
            return None
        from emulator.scenario.refs import plain

        self.app.publish()
        note(self.app.session, QUERY, f"{app.label} asked {call}: {arkts(value)}", app.bundle_name,
             {"function": query.function, "result": plain(value)})
        self.tell(f"{app.label}: {arkts(value)}"[:200], call)
        self.app.push_screen(TextPane(f"{call} as {app.label}", "\n".join(arkts_lines(value))))
        return value
