"""Processes seen through Linux ``/proc``: the embedded demo backend's children and whether a pid lives."""

from __future__ import annotations

import os
import time
from pathlib import Path

from desktop.shell.embedded_process import SERVE_OPTION


def _stat_fields(pid: int) -> list[str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()  # state, ppid, ... (the name may hold spaces)


def alive(pid: int) -> bool:
    """``pid`` runs (a zombie, finished but not yet reaped, counts as gone)."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def wait_gone(pid: int | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while pid is not None and alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def embedded_children(parent: int | None = None) -> list[int]:
    """Running ``--serve-embedded`` processes whose parent is ``parent`` (default: this process)."""
    parent = os.getpid() if parent is None else parent
    found = []
    if not Path("/proc/self/stat").exists():
        return found
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(int(entry.name))
        if fields is None or fields[0] == "Z" or int(fields[1]) != parent:
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if SERVE_OPTION.encode() in cmdline:
            found.append(int(entry.name))
    return found
