"""``python -m desktop``: start the desktop client."""

import sys

from desktop.shell.app import main

sys.exit(main())
