"""The entry script of the packaged program (``build.spec``): the same ``main()`` as ``python -m desktop``.

On Windows the program is built windowed, so no console window opens beside it.  A windowed
program has no standard output when started from a console; for the options that print
(``--self-test``, ``--help``) it then attaches to the console it was started from, so the output
appears where the command was typed.  (Redirected output, as in the build workflow, works as is.)

``zikao --serve-embedded`` is the program's own embedded demo backend, started by the program as a
child process (``desktop.shell.embedded_process``); every other launch starts that child first,
before Qt is imported.

Before anything else, a start finishes an update that was downloaded, verified and agreed to
(``desktop.updates.swap``: the new version waits beside this folder and is swapped in now; docs/updates.md).
"""

import sys


def _attach_parent_console() -> None:
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    attach_parent_process = -1
    if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115 (lives as long as the process)
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115


def _finish_update() -> bool:
    """True when this start handed over to the new version of the program (then it exits)."""
    from pathlib import Path

    from desktop.shell.embedded_process import SERVE_OPTION
    from desktop.updates.swap import at_start, packaged_command

    if sys.argv[1:2] == [SERVE_OPTION]:  # the program's own backend child, never an update
        return False
    return at_start(Path(sys.executable).resolve().parent, sys.argv[1:], packaged_command)


if __name__ == "__main__":
    if getattr(sys, "frozen", False) and _finish_update():
        sys.exit(0)
    if sys.argv[1:2] == ["--update-from"] and len(sys.argv) == 3:  # desktop.updates.command
        _attach_parent_console()
        from desktop.updates.bundle import install_folder
        from desktop.updates.command import run

        sys.exit(run(sys.argv[2], install_folder()))
    from desktop.launch import main

    sys.exit(main(before_qt=_attach_parent_console))
