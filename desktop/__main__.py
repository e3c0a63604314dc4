"""``python -m desktop``: start the desktop client."""

import sys

from desktop.app import main

sys.exit(main())
