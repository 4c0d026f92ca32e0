"""Whatever a kit call is passed, nothing but BusinessError escapes it (DESIGN §3), bar what the caller's
own argument raises while the call reads it (Hostile's getters: README, exception contract)."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit import backgroundTaskManager as btm

KEYS = ["resourceTypes", "isApply", "timeOut", "reason", "isPersist", "isProcess", "cpuLevel"]


class Hostile:
    """An object whose every public attribute read raises something other than AttributeError."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise RuntimeError(f"no {name}")

    def __repr__(self) -> str:
        return "Hostile()"


class Odd:
    def __init__(self, **kw: Any) -> None:
        self.__dict__.update(kw)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=80), st.binary(max_size=8), st.just(float("inf")), st.just(-1), st.just(0), st.just(511),
    st.just(512), st.sampled_from(list(btm.ResourceType)), st.sampled_from(list(btm.EfficiencyResourcesCpuLevel)),
    st.just(lambda *a: None), st.just(Hostile()), st.just(object()), st.just(btm.EfficiencyResourcesRequest),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                      max_leaves=6)
odd_keys = st.one_of(st.text(max_size=12), st.integers(), st.none(), st.tuples(st.integers()), st.sampled_from(KEYS))
requests = st.one_of(
    values,
    st.dictionaries(st.sampled_from(KEYS), values, max_size=7),
    st.dictionaries(odd_keys, values, max_size=9),
    st.fixed_dictionaries({"resourceTypes": st.integers(-5, 1024), "isApply": st.booleans(),
                           "timeOut": st.integers(-5, 10**6), "reason": st.text(max_size=100)},
                          optional={"isPersist": st.one_of(st.booleans(), values), "isProcess": st.booleans(),
                                    "cpuLevel": st.integers(-2, 3)}),
    st.builds(lambda kw: Odd(**kw), st.dictionaries(st.sampled_from(KEYS), values, max_size=7)),
    st.builds(btm.EfficiencyResourcesRequest, values, values, values, values, values, values, values),
)
arg_lists = st.one_of(st.tuples(requests), st.lists(requests, max_size=3).map(tuple))
kwargs = st.one_of(st.just({}), st.dictionaries(st.sampled_from(["request", "x", "callback"]), values, max_size=2))

EMU = Emulator()
APPS = [EMU.install_app("com.example.fuzz.sys", system_app=True, running_resources_apply=[0]),
        EMU.install_app("com.example.fuzz.plain", running_resources_apply=[1, 3])]
EMU.efficiency.allow_cpu_level("com.example.fuzz.sys", 1)


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(which=st.sampled_from([0, 0, 0, 1]), fn=st.sampled_from(["applyEfficiencyResources", "resetAllEfficiencyResources",
                                                    "getAllEfficiencyResources"]),
       args=arg_lists, kw=kwargs, ready=st.sampled_from([True, True, True, False]), advance=st.integers(0, 10**6))
def test_only_business_errors_escape(which, fn, args, kw, ready, advance):
    EMU.service_ready = ready
    bt = APPS[which].backgroundTaskManager
    try:
        out = getattr(bt, fn)(*args, **kw)
        if fn == "getAllEfficiencyResources":
            out.result()
        else:
            assert out is None
    except BusinessError as err:
        assert type(err.code) is int and err.message.startswith("BussinessError ")
    except RuntimeError as err:
        assert str(err).startswith("no "), err  # Hostile's own getter
    EMU.service_ready = True
    EMU.advance(advance)  # expiry and the coalesced write must not raise either


def test_a_reason_with_a_lone_surrogate_is_written_as_utf8():
    emu = Emulator()
    app = emu.install_app("com.example.sys", system_app=True, running_resources_apply=[0])
    app.backgroundTaskManager.applyEfficiencyResources(
        {"resourceTypes": 4, "isApply": True, "timeOut": 0, "reason": "a\ud800b", "isPersist": True})
    emu.advance(0)
    assert emu.efficiency.app_records[app.uid].units[2].reason == "a\ufffdb"
    assert emu.efficiency.store.writes == 1
