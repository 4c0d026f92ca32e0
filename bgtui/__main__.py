"""`python -m bgtui`."""

import sys

from bgtui.cli import main

sys.exit(main())
