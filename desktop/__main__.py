"""``python -m desktop``: start the desktop client (``--serve-embedded``: be its embedded demo backend)."""

import sys

from desktop.launch import main

sys.exit(main())
