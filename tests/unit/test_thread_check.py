"""The check that no worker outlives its test (tests/fixtures/threads.py) sees both kinds of worker and names them."""

from __future__ import annotations

import threading

from desktop.core.tasks import TaskRunner
from tests.fixtures.gui import new_pool
from tests.fixtures.threads import leftovers


def test_a_thread_still_running_is_named_and_one_that_ended_is_not() -> None:
    before = set(threading.enumerate())
    release = threading.Event()
    worker = threading.Thread(target=release.wait, name="late-worker", daemon=True)
    worker.start()
    try:
        assert leftovers(before, [], grace_s=0.2) == ["thread 'late-worker'"]
    finally:
        release.set()
        worker.join(5)
    assert leftovers(before, [], grace_s=0.2) == []


def test_a_task_runner_worker_still_running_is_named_by_its_task() -> None:
    pool = new_pool()
    runner = TaskRunner(pool=pool)
    release = threading.Event()

    def wait_for_release() -> bool:
        return release.wait(10)

    runner.run(wait_for_release, lambda _: None, lambda _: None)
    try:
        (left,) = leftovers(set(threading.enumerate()), [pool], grace_s=0.2)
        assert left.startswith("1 TaskRunner worker(s)") and "wait_for_release" in left
    finally:
        release.set()
        assert pool.waitForDone(5_000)
    assert leftovers(set(threading.enumerate()), [pool], grace_s=0.2) == []
