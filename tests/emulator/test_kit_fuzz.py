"""Whatever a kit call is passed, nothing but BusinessError escapes it (DESIGN §3)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator import BusinessError, Emulator
from emulator.kit.bound import KIT_FUNCTIONS

js_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10 ** 30), max_value=10 ** 30)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=80) | st.binary(max_size=8)
    | st.just(lambda *a: None) | st.just(print) | st.just(int),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=8,
)


@settings(max_examples=400, deadline=None)
@given(function=st.sampled_from(sorted(KIT_FUNCTIONS)), args=st.lists(js_values, max_size=5),
       kwargs=st.dictionaries(st.sampled_from(["reason", "callback", "x"]), js_values, max_size=1),
       alive=st.booleans(), ready=st.booleans())
def test_only_business_errors_escape(function, args, kwargs, alive, ready):
    emu = Emulator()
    app = emu.install_app("com.example.fuzz", background_modes=["dataTransfer"])
    app.backgroundTaskManager.requestSuspendDelay("seed", lambda: None)
    if not alive:
        app.kill()
    emu.service_ready = ready
    try:
        result = getattr(app.backgroundTaskManager, function)(*args, **kwargs)
        if hasattr(result, "error"):
            err = result.error()
            assert err is None or isinstance(err, BusinessError)
    except BusinessError as err:
        assert type(err.code) is int and err.message.startswith("BussinessError ")
