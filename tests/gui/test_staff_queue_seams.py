"""The review console on the seams (docs/rules.md): the exemption detail shows the server's warning
about a paid registration before deciding, and the module queues page on the server."""

from __future__ import annotations

import pytest

from tests.fixtures.accounts import staff
from tests.fixtures.console import QueueEnv, open_queue
from tests.fixtures.gui import WAIT_MS
from tests.fixtures.records import examinee, submitted_exemption
from tests.fixtures.registration import paid_order, set_phase
from tests.fixtures.scores import add_reviews

pytestmark = pytest.mark.gui


def test_exemption_detail_warns_of_a_paid_registration(queue_env: QueueEnv) -> None:
    set_phase(queue_env.server.client(), "phase2")
    me = examinee(queue_env.server)
    order_no, (code,) = paid_order(me, 1)
    app = submitted_exemption(me, code)
    page = open_queue(queue_env, staff(queue_env.server), "exemption")
    item = page.selected()
    assert item is not None and item.reference == app.application_no
    queue_env.qtbot.waitUntil(lambda: page.detail is not None, timeout=WAIT_MS)
    shown = page.detail_view.toPlainText()
    assert "该考生本次已报考此课程（已缴费）" in shown and order_no in shown
    me.close()


def test_score_review_queue_pages_on_the_server(queue_env: QueueEnv) -> None:
    made = add_reviews(queue_env.server, {"4301": 23, "4304": 3})
    reviewer = staff(queue_env.server)
    pending = reviewer.scores.staff_review_page("submitted", limit=1).matched
    assert 23 <= pending < 40
    page = open_queue(queue_env, reviewer, "score_review")
    data = page.page_data
    assert data is not None and data.total == pending and data.page == 1 and len(data.items) == 20
    assert {i.reference for i in data.items}.isdisjoint(made["4304"])
    page.next_button.click()
    queue_env.qtbot.waitUntil(
        lambda: page.page_data is not None and page.page_data.page == 2 and not page.busy, timeout=WAIT_MS
    )
    second = page.page_data
    assert second is not None and len(second.items) == pending - 20
    assert {i.reference for i in second.items}.isdisjoint(i.reference for i in data.items)
    assert page.status_combo.currentText().endswith(f"（{pending}）")
    assert made["4301"][0] in {i.reference for i in data.items + second.items}


def test_my_orders_show_the_withdrawn_course_and_its_refund(queue_env: QueueEnv) -> None:
    from desktop.models.registration_models import OrderTableModel
    from desktop.views.registration.order_panel import OrderPanel
    from tests.fixtures.accounts import staff as staff_client

    set_phase(queue_env.server.client(), "phase2")
    me = examinee(queue_env.server)
    order_no, (withdrawn, kept) = paid_order(me, 2)
    app = submitted_exemption(me, withdrawn)
    reviewer = staff_client(queue_env.server)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no)
    order = me.registration.order(order_no)

    panel = OrderPanel()
    queue_env.show(panel)
    panel.set_order(order)
    status = panel.status_label.text()
    assert "免考申请已审核通过" in status and order.refund is not None and order.refund.refund_no in status
    assert "金额 48.00元" in status
    details = panel.details_label.text()
    assert details.count("已撤销报考并退费") == 1 and withdrawn in details and kept in details

    model = OrderTableModel()
    model.set_items([order])
    assert model.index(0, 1).data() == "已缴费（部分退款）"
    assert f"{withdrawn} " in model.index(0, 5).data() and "已撤销报考并退费" in model.index(0, 5).data()
    me.close()
