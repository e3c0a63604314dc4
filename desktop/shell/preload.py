"""Import what the main window needs while the login window waits for the person (a worker thread).

The first login used to import every page module, the print support and qtawesome (with QtPy) on
the GUI thread: about 0.4 s in which the window froze.  The imports are done on a worker as soon
as the server answers, so logging in finds them in ``sys.modules``.  Only imports: no widget, no
font, nothing of a user (qtawesome's fonts are loaded on the GUI thread at the first icon, ~10 ms).
"""

from __future__ import annotations

import importlib
import logging
import time

log = logging.getLogger(__name__)


def preload() -> float:
    """Import the main window, every page module and the icon library; returns the seconds spent."""
    started = time.monotonic()
    from desktop.resources import icons
    from desktop.views import main_window

    icons.load_library()
    for module in main_window.MODULES:
        importlib.import_module(module.page.partition(":")[0])
    importlib.import_module("desktop.documents.render")
    spent = time.monotonic() - started
    log.info("page modules imported in %.2f s", spent)
    return spent
