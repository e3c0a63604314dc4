"""Install a staged update at the next start, the Windows way (docs/updates.md, "Installing").

A running program's files are never overwritten (Windows refuses it, and a half-copied program
would not start).  The verified new version waits beside the program as ``<folder>.next``
(``UpdateClient.download_and_stage``, after the user agreed).  At the next start:

1. the old program (``<folder>``) sees ``<folder>.next``, starts the new one from there with
   ``--finish-update`` and exits;
2. the new one waits until ``<folder>`` can be renamed (the old one has exited), moves it to
   ``<folder>.old``, copies itself into ``<folder>`` and starts the copy; then it exits;
3. the program in ``<folder>`` (the new version) removes ``<folder>.old`` and ``<folder>.next``.

If step 2 fails half-way, ``<folder>.old`` is moved back, so the old version still starts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from desktop.updates.bundle import NEXT_SUFFIX, OLD_SUFFIX, read_release

FINISH_OPTION = "--finish-update"
# how long the new version waits for the old one to exit (it only starts a process and exits)
OLD_EXIT_TIMEOUT_S = 60.0

Command = Callable[[Path], list[str]]


def _sibling(folder: Path, suffix: str) -> Path:
    return folder.with_name(folder.name + suffix)


def _start(argv: list[str]) -> None:
    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    subprocess.Popen(argv, close_fds=True, creationflags=flags)


def _rename_when_free(source: Path, target: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            source.rename(target)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def finish(installed: Path, argv: list[str], command: Command) -> None:
    """Step 2: we run from ``<installed>.next``; put ourselves into ``installed`` and start it."""
    old = _sibling(installed, OLD_SUFFIX)
    shutil.rmtree(old, ignore_errors=True)
    _rename_when_free(installed, old, OLD_EXIT_TIMEOUT_S)
    try:
        shutil.copytree(_sibling(installed, NEXT_SUFFIX), installed, symlinks=True)
    except BaseException:
        shutil.rmtree(installed, ignore_errors=True)
        old.rename(installed)
        raise
    _start([*command(installed), *argv])


def at_start(folder: Path, argv: list[str], command: Command) -> bool:
    """Run the swap steps that apply to the program in ``folder``; True: this process must exit now.

    ``command(folder)`` is how the program in ``folder`` is started (the executable of a bundle);
    ``argv`` the options of this start, handed on to the program that takes over.
    """
    if argv[:1] == [FINISH_OPTION]:
        installed = Path(argv[1])
        if folder != _sibling(installed, NEXT_SUFFIX):
            raise SystemExit(f"{FINISH_OPTION}: not run from the staged update of {installed}")
        finish(installed, argv[2:], command)
        return True
    staged = _sibling(folder, NEXT_SUFFIX)
    current, upcoming = read_release(folder), read_release(staged)
    if upcoming is not None and (current is None or upcoming.version != current.version):
        _start([*command(staged), FINISH_OPTION, str(folder), *argv])
        return True
    # the swap is done (or never happened): what is left beside us goes
    for leftover in (_sibling(folder, OLD_SUFFIX), staged):
        if leftover.exists():
            shutil.rmtree(leftover, ignore_errors=True)
    return False


def packaged_command(folder: Path) -> list[str]:
    """The packaged program in ``folder`` (build.spec: ``zikao`` or ``zikao.exe``)."""
    return [str(folder / Path(sys.executable).name)]
