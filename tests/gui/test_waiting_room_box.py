"""The tester panel's 排队（虚拟等候室） box against a real server: set the capacity, see the queue,
add simulated waiting examinees, clear it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.views.tester import panel as tester_panel
from tests.fixtures.gui import task_runner
from tests.fixtures.servers import LiveServer

pytestmark = pytest.mark.gui
WAIT = 15_000


@pytest.fixture
def panel(qtbot: QtBot, live_server: LiveServer) -> Iterator[tuple[tester_panel.TesterPanel, ApiClient]]:
    client = live_server.client()
    with task_runner() as runner:
        p = tester_panel.TesterPanel(client, runner)
        p.show()
        yield p, live_server.client()
        if shiboken6.isValid(p):
            p.close()
            p.deleteLater()
    client.close()


def test_capacity_simulated_examinees_and_clearing_reach_the_server(
    qtbot: QtBot, panel: tuple[tester_panel.TesterPanel, ApiClient]
) -> None:
    p, server = panel
    box = p.waiting_room_box
    qtbot.waitUntil(lambda: box.capacity.value() == server.waiting_room.state().capacity == 300, timeout=WAIT)
    assert "已进入 0 / 300 人" in box.summary.text()
    box.capacity.setValue(2)
    box.set_button.click()
    qtbot.waitUntil(lambda: server.waiting_room.state().capacity == 2, timeout=WAIT)
    box.count.setValue(5)
    box.add_button.click()
    # two enter at once (capacity 2), three wait, in order
    qtbot.waitUntil(lambda: box.table.rowCount() == 5, timeout=WAIT)
    state = server.waiting_room.state()
    assert (state.active, state.waiting, state.simulated_waiting) == (2, 3, 3)
    assert "已进入 2 / 2 人，排队 3 人（其中模拟 3 人）" in box.summary.text()
    positions = [box.table.item(row, 0).text() for row in range(5)]
    assert positions == ["—", "—", "1", "2", "3"]
    assert box.table.item(2, 2).text() == "模拟考生" and box.table.item(2, 1).text() == "排队中"
    box.clear_button.click()
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=WAIT)
    assert server.waiting_room.state().waiting == 0 and "释放 5 个位置" in p.status_label.text()
