"""Staff actions of 考试信息, 成绩管理, 考籍管理 and 通知公告 over real HTTP: who may call them (clerk,
reviewer, administrator, an examinee's token), the audit record each action leaves, the
counter's ticket and transcript (masked, by the modules' own rules), and the queue filters."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest

from backend_mock.models import Examinee
from desktop.api import ApiClient, Conflict, NotFound, ValidationFailed
from tests.fixtures.accounts import DEMO, login
from tests.fixtures.exams import in_window, registered
from tests.fixtures.records import examinee, submitted_exemption
from tests.fixtures.registration import raw
from tests.fixtures.scores import THEORY_FAILED, requested
from tests.fixtures.servers import LiveServer
from tests.fixtures.staff import PLAIN, assert_permissions, booked_appointment, examinee_id, staff_audit

# (method, path, body, roles allowed); {eid}: an examinee's id, {nid}: a notice's id
ENDPOINTS: list[tuple[str, str, dict[str, object] | None, set[str]]] = [
    ("POST", "/staff/examinees/{eid}/ticket", {}, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/transcript", None, {"clerk"}),
    ("GET", "/review/records?kind=transfer_out&kind=transfer_in", None, {"reviewer"}),
    ("GET", "/review/records/KJ0", None, {"reviewer"}),
    ("GET", "/review/records/KJ0/files/1", None, {"reviewer"}),
    ("POST", "/review/records/KJ0/start", {"comment": ""}, {"reviewer"}),
    ("GET", "/staff/score-reviews", None, {"reviewer"}),
    ("POST", "/staff/score-reviews/FH0/start", None, {"reviewer"}),
    ("POST", "/staff/score-reviews/FH0/resolve", {"corrected_score": 61, "reason": "漏计分"}, {"reviewer"}),
    ("GET", "/records/office/appointments", None, {"clerk"}),
    ("POST", "/records/office/appointments/YY0/serve", None, {"clerk"}),
    ("GET", "/notices/admin", None, {"admin"}),
    ("POST", "/notices/admin", {"title": "标题标题", "body": "正文", "category": "考试公告"}, {"admin"}),
    ("PATCH", "/notices/admin/{nid}", {"title": "改过的标题"}, {"admin"}),
    ("POST", "/notices/admin/{nid}/withdraw", {"reason": "测试撤回"}, {"admin"}),
]


def test_permissions_are_enforced_by_the_server(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    eid = examinee_id(live_server, PLAIN.exam_no)
    nid = staff_clients["examinee"].notices.list().items[0].id
    assert_permissions(live_server, staff_clients, ENDPOINTS, eid=eid, nid=nid)


# --- the counter's documents -------------------------------------------------------------------------------


def clerk_client(server: LiveServer) -> ApiClient:
    clerk = server.client(retries=0)
    login(clerk, "cs_clerk", kind="staff")
    return clerk


def test_clerk_gets_the_ticket_only_in_the_printing_window(live_server: LiveServer) -> None:
    session, order = registered(live_server)
    new = DEMO["new"]
    eid = examinee_id(live_server, new.exam_no)
    clerk = clerk_client(live_server)
    with pytest.raises(Conflict) as early:
        clerk.staff.ticket(eid)
    assert early.value.code == "ticket_not_open" and "开放" in early.value.message

    live_server.clock.set(in_window(session))
    clerk = clerk_client(live_server)  # moving the clock by weeks ended the login
    printed = clerk.staff.ticket(eid)
    me = live_server.examinee(Examinee.exam_no == new.exam_no)
    assert (printed.ticket.exam_no, printed.ticket.session_code) == (new.exam_no, session.code)
    assert [c.course_code for c in printed.ticket.courses] == [i.course_code for i in order.items]
    assert printed.photo == me.photo and printed.photo[:2] == b"\xff\xd8"
    body = json.dumps(raw(clerk, "POST", f"/staff/examinees/{eid}/ticket", json={}), ensure_ascii=False)
    assert me.id_number not in body  # masked, as for the examinee

    rows = [r for r in staff_audit(live_server, "cs_clerk") if r.action == "print_ticket"]
    assert [(r.result, r.examinee_id) for r in rows] == [("refused", eid), ("ok", eid), ("ok", eid)]
    assert rows[0].details is not None and "准考证打印将于" in str(rows[0].details.pop("message"))
    assert rows[0].details == {"session_code": None, "code": "ticket_not_open"}
    assert rows[1].details == {"session_code": session.code, "courses": len(order.items)}

    live_server.clock.set(session.ticket_print_close + timedelta(hours=1))
    clerk = clerk_client(live_server)
    with pytest.raises(Conflict) as late:
        clerk.staff.ticket(eid, session.code)
    assert late.value.code == "ticket_closed"
    clerk.close()


def test_clerk_gets_the_transcript_masked_and_audited(
    live_server: LiveServer,
    staff_clients: dict[str, ApiClient],
) -> None:
    eid = examinee_id(live_server, PLAIN.exam_no)
    printed = staff_clients["clerk"].staff.transcript(eid)
    own = staff_clients["examinee"].scores.list()
    assert [(s.course_code, s.score) for s in printed.scores.scores] == [(s.course_code, s.score) for s in own.scores]
    assert printed.profile.exam_no == PLAIN.exam_no and printed.progress == staff_clients["examinee"].scores.progress()
    body = json.dumps(raw(staff_clients["clerk"], "POST", f"/staff/examinees/{eid}/transcript"), ensure_ascii=False)
    assert PLAIN.id_number not in body
    rows = [r for r in staff_audit(live_server, "cs_clerk") if r.action == "print_transcript"]
    assert [(r.result, r.examinee_id, r.details) for r in rows] == [("ok", eid, {"results": len(own.scores)})] * 2


# --- reviewers and the administrator: one audit record per action -------------------------------------------


def test_record_queue_filters_by_kinds_with_their_counts(live_server: LiveServer) -> None:
    me = examinee(live_server)
    app = submitted_exemption(me)
    reviewer = live_server.client(retries=0)
    login(reviewer, "cs_reviewer", kind="staff")
    exemptions = reviewer.records.review.list(status="submitted", kind="exemption")
    assert [i.application_no for i in exemptions.items] == [app.application_no]
    transfers = reviewer.records.review.list(kind=("transfer_out", "transfer_in", "prefecture_change"))
    assert app.application_no not in [i.application_no for i in transfers.items]
    assert transfers.counts["submitted"] == 0 and exemptions.counts["submitted"] == 1
    by_number = reviewer.records.review.list(query=app.application_no)
    assert [i.application_no for i in by_number.items] == [app.application_no]

    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no, "证书核验无误")
    rows = [r for r in staff_audit(live_server, "cs_reviewer") if r.action.startswith("record_review_")]
    assert [(r.action, r.result) for r in rows] == [("record_review_start", "ok"), ("record_review_approve", "ok")]
    assert {r.details["application_no"] for r in rows if r.details} == {app.application_no}
    assert me.records.application(app.application_no).status_text == "通过"
    me.close()
    reviewer.close()


def test_a_score_correction_needs_a_reason_kept_in_the_audit(live_server: LiveServer) -> None:
    _person, review, reviewer = requested(live_server, THEORY_FAILED)
    reviewer.scores.staff_start(review.review_no)
    with pytest.raises(ValidationFailed) as missing:
        reviewer.scores.staff_resolve(review.review_no, 61, " ")
    assert missing.value.code == "reason_required" and "更正原因" in missing.value.message
    done = reviewer.scores.staff_resolve(review.review_no, 61, "复核发现漏计分")
    assert done.result_text == "更正为 61"
    rows = [r for r in staff_audit(live_server, "cs_reviewer") if r.action.startswith("score_review_")]
    assert [r.action for r in rows] == ["score_review_start", "score_review_resolve"]
    assert rows[-1].details is not None and rows[-1].details["reason"] == "复核发现漏计分"


def test_keeping_the_score_needs_no_reason(live_server: LiveServer) -> None:
    _person, review, reviewer = requested(live_server, THEORY_FAILED)
    reviewer.scores.staff_start(review.review_no)
    done = reviewer.scores.staff_resolve(review.review_no)
    assert (done.result_text, done.corrected_score) == ("维持原成绩", None)


def test_notice_actions_are_audited_under_the_admin(
    live_server: LiveServer,
    staff_clients: dict[str, ApiClient],
) -> None:
    admin = staff_clients["admin"]
    created = admin.notices.admin_create("关于考场变更的通知", "正文", "考试公告")
    admin.notices.admin_update(created.id, body="更正后的正文")
    admin.notices.admin_withdraw(created.id, "重复发布")
    rows = [r for r in staff_audit(live_server, "admin") if r.action.startswith("notice_")]
    assert [r.action for r in rows] == ["notice_publish", "notice_edit", "notice_withdraw"]
    entries = admin.staff.audit().items
    assert {"发布通知公告", "修改通知公告", "撤回通知公告"} <= {e.action_text for e in entries}


# --- 考籍证明 appointments at the office ----------------------------------------------------------------------


def test_clerk_marks_todays_appointment_served(live_server: LiveServer) -> None:
    me, booked = booked_appointment(live_server)
    clerk = clerk_client(live_server)
    ahead = clerk.records.office.day(booked.day)
    assert [a.appointment_no for a in ahead.items] == [booked.appointment_no]
    (listed,) = ahead.items
    assert listed.exam_no == DEMO["new"].exam_no and listed.id_number_masked.count("*") == 11
    with pytest.raises(Conflict) as early:  # not on the day
        clerk.records.office.serve(booked.appointment_no)
    assert early.value.code == "appointment_not_today"

    now = me.system.calendar().server_time
    live_server.clock.set(datetime.combine(booked.day, time(10, 0), tzinfo=now.tzinfo))
    clerk = clerk_client(live_server)
    today = clerk.records.office.day()
    assert today.day == today.today == booked.day and len(today.items) == 1
    served = clerk.records.office.serve(booked.appointment_no)
    assert (served.status, served.status_text) == ("served", "已办理") and served.served_at is not None
    with pytest.raises(Conflict) as twice:
        clerk.records.office.serve(booked.appointment_no)
    assert twice.value.code == "appointment_state"
    mine = examinee(live_server).records.appointments()
    assert [(a.appointment_no, a.status_text, a.can_cancel) for a in mine] == [(booked.appointment_no, "已办理", False)]

    # another prefecture's clerk sees nothing of it
    other = live_server.client(retries=0)
    login(other, "hy_clerk", kind="staff")
    assert other.records.office.day().items == ()
    with pytest.raises(NotFound):
        other.records.office.serve(booked.appointment_no)
    rows = [r for r in staff_audit(live_server, "cs_clerk") if r.action == "appointment_served"]
    assert [(r.result, (r.details or {}).get("code")) for r in rows] == [
        ("refused", "appointment_not_today"),
        ("ok", None),
        ("refused", "appointment_state"),
    ]
