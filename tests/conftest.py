"""Suite-wide set-up: no test reads or writes the real user's config folder (themes, remembered choice)."""

import os
import tempfile

os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="bgtui-test-config-")
