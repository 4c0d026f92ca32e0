"""Suite-wide set-up: no test reads or writes the real user's config folder (themes, remembered choice),
and no test sees what another remembered: each gets a config folder of its own."""

import os
import tempfile

import pytest

os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bgtui-test-config-")  # for imports and collection


@pytest.fixture(autouse=True)
def _a_config_folder_of_its_own(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # A theme chosen in one test was the next test's remembered theme (light in the main-screen snapshot
    # when tests/dashboard/test_theme_contract.py ran first).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
