"""`python -m emulator.scenario play FILE` etc.: the headless commands without the dashboard package."""

import sys

from emulator.scenario.cli import main

sys.exit(main())
