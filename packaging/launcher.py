"""The entry script of the packaged program (``build.spec``): the same ``main()`` as ``python -m desktop``.

On Windows the program is built windowed, so no console window opens beside it.  A windowed
program has no standard output when started from a console; for the options that print
(``--self-test``, ``--help``) it then attaches to the console it was started from, so the output
appears where the command was typed.  (Redirected output, as in the build workflow, works as is.)

``zikao --serve-embedded`` is the program's own embedded demo backend, started by the program as a
child process (``desktop.shell.embedded_process``); every other launch starts that child first,
before Qt is imported.
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


if __name__ == "__main__":
    from desktop.launch import main

    sys.exit(main(before_qt=_attach_parent_console))
