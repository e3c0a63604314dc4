"""The program's one entry point: ``python -m desktop``, the ``zikao`` script and the packaged launcher.

``--serve-embedded`` makes this process the program's embedded demo backend (a child the program
starts itself, ``desktop.shell.embedded_process``).  Every other launch starts that child first,
before Qt is imported, so the backend's imports run on the other core while the login window comes
up (docs/desktop-core.md, "The embedded backend").
"""

from __future__ import annotations

import sys
from collections.abc import Callable


def main(before_qt: Callable[[], None] | None = None) -> int:
    from desktop.shell import embedded_process

    if sys.argv[1:2] == [embedded_process.SERVE_OPTION]:
        return embedded_process.serve()
    if before_qt is not None:
        before_qt()
    embedded_process.start_early(sys.argv[1:])
    from desktop.shell.app import main as run_app  # Qt is imported only now

    return run_app()
