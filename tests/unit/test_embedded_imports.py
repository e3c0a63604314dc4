"""The embedded backend's imports: begun on a lowered thread, finished at normal priority (docs/desktop-core.md).

``_Imports`` runs steps the child takes before it can serve; these tests give it steps of their
own that record where and how they ran.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from desktop.shell.embedded_process import IMPORT_NICENESS, _Imports


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    yield
    gc.unfreeze()  # ``finish`` froze this test process's objects
    gc.enable()


def _niceness() -> int | None:
    if not sys.platform.startswith("linux"):
        return None
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def test_the_steps_begun_on_the_lowered_thread_are_finished_on_the_caller_in_order() -> None:
    ran: list[tuple[str, str, int | None, bool]] = []
    first_done, proceed = threading.Event(), threading.Event()

    def step(name: str) -> Callable[[], None]:
        def run() -> None:
            ran.append((name, threading.current_thread().name, _niceness(), gc.isenabled()))
            if name == "first":
                first_done.set()
                assert proceed.wait(10)

        return run

    main_niceness = _niceness()
    imports = _Imports([step("first"), step("second"), step("third")])
    imports.start()
    assert first_done.wait(10)
    finishing = threading.Thread(target=imports.finish, name="finishing")  # the data folder arrives, mid-step
    finishing.start()
    assert imports._handed_over.wait(10)
    proceed.set()
    finishing.join(10)
    assert [name for name, *_ in ran] == ["first", "second", "third"]  # each once, in order
    assert [thread for _, thread, _, _ in ran] == ["embedded-backend-imports", "finishing", "finishing"]
    first, *rest = ran
    if main_niceness is not None:
        assert first[2] == main_niceness + IMPORT_NICENESS or first[2] == 19
        assert {niceness for _, _, niceness, _ in rest} == {main_niceness}  # the rest at normal priority
    assert not any(collecting for *_, collecting in ran)  # the collector is off during the imports
    assert gc.isenabled() and gc.get_freeze_count() > 0  # on again, what they made set aside


def test_a_step_that_fails_on_the_lowered_thread_fails_again_where_finish_is_called() -> None:
    calls: list[str] = []

    def broken() -> None:
        calls.append(threading.current_thread().name)
        raise ImportError("no module named 'gone'")

    later: list[str] = []
    imports = _Imports([broken, lambda: later.append("ran")])
    imports.start()
    with pytest.raises(ImportError, match="gone"):
        imports.finish()
    assert calls == ["embedded-backend-imports", threading.current_thread().name]
    assert later == []  # nothing after the failed step
    assert gc.isenabled()


def test_stop_leaves_the_remaining_steps_when_the_parent_goes_away() -> None:
    ran: list[int] = []
    started, proceed = threading.Event(), threading.Event()

    def first() -> None:
        started.set()
        assert proceed.wait(10)
        ran.append(1)

    imports = _Imports([first, lambda: ran.append(2)])
    imports.start()
    assert started.wait(10)
    stopping = threading.Thread(target=imports.stop)
    stopping.start()
    assert imports._handed_over.wait(10)
    proceed.set()
    stopping.join(10)
    assert ran == [1]
