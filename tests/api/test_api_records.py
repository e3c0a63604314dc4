"""考籍管理 over real HTTP: each kind's rules, every state transition, the credit cap, the reviewer's
permissions and audit trail, drafts kept on the server, appointments (also under concurrency)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from backend_mock.clock import CHINA_TZ
from backend_mock.models import AuditRecord, Examinee, Exemption, RecordStatus
from desktop.api import ApiClient, Conflict, NotFound, PermissionDenied, ValidationFailed
from desktop.api.errors import ApiError
from tests.fixtures.accounts import CLERK, add_examinees, demo_exam_no, login, staff
from tests.fixtures.records import examinee, exemption_course, proof, submitted_exemption
from tests.fixtures.registration import home_site_id, key, pick, set_phase
from tests.fixtures.servers import LiveServer


def examinee_row(server: LiveServer, demo_key: str) -> Examinee:
    return server.examinee(Examinee.exam_no == demo_exam_no(demo_key))


def audits(server: LiveServer, prefix: str) -> list[AuditRecord]:
    with server.db() as db:
        rows = list(
            db.scalars(select(AuditRecord).where(AuditRecord.action.startswith(prefix)).order_by(AuditRecord.id))
        )
        db.expunge_all()
        return rows


# --- exemption: draft to approved, and the cap -----------------------------------------------------------


def test_exemption_from_draft_to_approved_writes_an_exemption(live_server: LiveServer) -> None:
    me = examinee(live_server)
    code = exemption_course(me)
    draft = me.records.create("exemption", {"course_code": code})
    assert (draft.status, draft.status_text, draft.editable) == ("draft", "草稿", True)
    saved = me.records.save(draft.application_no, {"course_code": code, "basis": "计算机等级考试一级"}, [proof(me)])
    assert saved.data["basis"] == "计算机等级考试一级" and len(saved.files) == 1
    sent = me.records.submit(draft.application_no)
    assert (sent.status_text, sent.can_withdraw, sent.editable) == ("已提交", True, False)

    reviewer = staff(live_server)
    listed = reviewer.records.review.list(status="submitted")
    assert [i.application_no for i in listed.items] == [draft.application_no]
    assert listed.counts["submitted"] == 1 and listed.total == sum(listed.counts.values())
    assert listed.counts["returned"] == 1 and listed.counts["approved"] == 1  # the seeded demo applications
    assert listed.items[0].id_number_masked.count("*") == 11
    detail = reviewer.records.review.detail(draft.application_no)
    assert detail.exemption_cap is not None and detail.exemption_cap.within_cap
    assert reviewer.records.review.file(draft.application_no, saved.files[0].file_id)[:3] == b"\xff\xd8\xff"
    assert reviewer.records.review.start(draft.application_no).status_text == "审核中"
    approved = reviewer.records.review.approve(draft.application_no, "证书核验无误")

    assert approved.status_text == "通过"
    assert [e.to_status_text for e in approved.events] == ["草稿", "已提交", "审核中", "通过"]
    assert approved.events[-1].actor_name.startswith("审核员") and approved.events[-1].comment == "证书核验无误"
    mine = me.records.application(draft.application_no)
    assert mine.status_text == "通过" and mine.reason == "证书核验无误"
    person = examinee_row(live_server, "new")
    with live_server.db() as db:
        granted = db.scalars(select(Exemption.course_code).where(Exemption.examinee_id == person.id)).all()
    assert granted == [code]
    assert code not in [c.code for c in me.records.exemptable_courses()]
    assert [a.action for a in audits(live_server, "record_review")] == ["record_review_start", "record_review_approve"]
    assert audits(live_server, "record_review")[-1].actor.startswith("staff:")


def test_cap_is_shown_before_submitting_and_enforced_on_submit(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory(max_exempted_credit_ratio=0.1)
    me = examinee(server)
    courses = me.records.exemptable_courses()
    empty = me.records.exemption_cap()
    assert empty.granted_credits == 0 and empty.allowed_credits == int(empty.total_credits * 0.1)
    first = courses[0]
    cap = me.records.exemption_cap(first.code)
    assert cap.course_credits == first.credits and cap.after_credits == first.credits
    submitted_exemption(me, first.code)
    # the pending one counts: enough further courses overflow the cap
    left = empty.allowed_credits - first.credits
    over = next(c for c in courses[1:] if c.credits > left)
    preview = me.records.exemption_cap(over.code)
    assert not preview.within_cap and preview.pending_credits == first.credits
    app = me.records.create("exemption", {"course_code": over.code, "basis": "证书"}, [proof(me)])
    with pytest.raises(Conflict) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "exemption_cap" and f"{empty.allowed_credits}学分" in info.value.message
    assert me.records.application(app.application_no).status == "draft"


def test_cap_is_enforced_again_on_approval(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory(max_exempted_credit_ratio=0.1)
    me = examinee(server)
    app = submitted_exemption(me)
    allowed = me.records.exemption_cap().allowed_credits
    person = examinee_row(server, "new")
    with server.db() as db:  # meanwhile other exemptions were granted at the counter
        for course in me.records.exemptable_courses()[1:]:
            if course.code != app.data["course_code"]:
                db.add(
                    Exemption(
                        examinee_id=person.id, course_code=course.code, basis="窗口", granted_at=server.clock.now()
                    )
                )
                allowed -= course.credits
                if allowed <= 0:
                    break
        db.commit()
    reviewer = staff(server)
    reviewer.records.review.start(app.application_no)
    with pytest.raises(Conflict) as info:
        reviewer.records.review.approve(app.application_no)
    assert info.value.code == "exemption_cap"
    assert reviewer.records.review.detail(app.application_no).item.status == "reviewing"
    assert audits(server, "record_review_approve")[-1].result == "refused"


@pytest.mark.parametrize(
    ("data", "with_proof", "code"),
    [
        ({"course_code": "98091", "basis": "x"}, True, "course_not_in_plan"),  # a thesis of another plan
        ({"basis": "x"}, True, "validation_error"),
        ({"course_code": "@first"}, True, "validation_error"),  # no basis
        ({"course_code": "@first", "basis": "证书"}, False, "proof_missing"),
    ],
)
def test_exemption_rules_on_submit(live_server: LiveServer, data: dict[str, str], with_proof: bool, code: str) -> None:
    me = examinee(live_server)
    if data.get("course_code") == "@first":
        data = {**data, "course_code": exemption_course(me)}
    app = me.records.create("exemption", data, [proof(me)] if with_proof else [])
    with pytest.raises(ApiError) as info:
        me.records.submit(app.application_no)
    assert info.value.code == code


def test_passed_course_cannot_be_exempted(live_server: LiveServer) -> None:
    me = examinee(live_server, "midway")
    app = me.records.create("exemption", {"course_code": "03708", "basis": "证书"}, [proof(me)])
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "course_passed"


# --- corrections -----------------------------------------------------------------------------------------


def test_correction_is_validated_and_applied_on_approval(live_server: LiveServer) -> None:
    me = examinee(live_server)
    person = examinee_row(live_server, "new")
    bad = person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1")
    app = me.records.create("correction", {"id_number": bad}, [proof(me)])
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "id_number_check_digit"
    me.records.save(app.application_no, {"gender": "男"}, [f.file_id for f in app.files])
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "gender_mismatch"
    me.records.save(app.application_no, {"name": person.name}, [f.file_id for f in app.files])
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "nothing_to_correct"
    me.records.save(app.application_no, {"name": "周雨彤", "note": "户口簿更名"}, [f.file_id for f in app.files])
    assert me.records.submit(app.application_no).status == "submitted"
    reviewer = staff(live_server)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no)
    assert me.me.profile().name == "周雨彤"


def test_correction_refused_while_a_paid_registration_is_open(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    me = examinee(live_server)
    order = me.registration.create_order(home_site_id(me), pick(me.registration.courses(), 1), key())
    payment = me.registration.start_payment(order.order_no, "alipay", key())
    me.payplatform.confirm(payment.payment_no, "alipay")
    app = me.records.create("correction", {"name": "周雨彤"}, [proof(me)])
    with pytest.raises(Conflict) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "locked_by_registration" and "考试结束" in info.value.message


# --- transitions -----------------------------------------------------------------------------------------


def test_return_correct_and_resubmit(live_server: LiveServer) -> None:
    me = examinee(live_server)
    app = submitted_exemption(me)
    reviewer = staff(live_server)
    reviewer.records.review.start(app.application_no)
    with pytest.raises(ValidationFailed) as info:
        reviewer.records.review.return_(app.application_no, "  ")
    assert info.value.code == "reason_required"
    returned = reviewer.records.review.return_(app.application_no, "证书复印件不清晰，请重新上传")
    assert returned.status_text == "退回"
    mine = me.records.application(app.application_no)
    assert mine.editable and mine.reason == "证书复印件不清晰，请重新上传"
    assert mine.events[-1].comment == "证书复印件不清晰，请重新上传"
    me.records.save(app.application_no, mine.data, [proof(me)])
    again = me.records.submit(app.application_no)
    assert again.status_text == "已提交" and again.events[-1].action_text == "修改后重新提交"
    reviewer.records.review.start(app.application_no)
    assert reviewer.records.review.approve(app.application_no).status_text == "通过"


def test_withdraw_only_before_review(live_server: LiveServer) -> None:
    me = examinee(live_server)
    app = submitted_exemption(me)
    back = me.records.withdraw(app.application_no)
    assert back.status == "draft" and back.events[-1].action_text == "撤回申请"
    with pytest.raises(Conflict):
        me.records.withdraw(app.application_no)
    me.records.submit(app.application_no)
    staff(live_server).records.review.start(app.application_no)
    with pytest.raises(Conflict) as info:
        me.records.withdraw(app.application_no)
    assert "已开始审核" in info.value.message


def test_no_decision_before_the_review_is_started(live_server: LiveServer) -> None:
    """A decision needs 开始审核 first: the server refuses it on a merely submitted application, says
    why in words, audits the refusal and changes nothing."""
    me = examinee(live_server)
    app = submitted_exemption(me)
    reviewer = staff(live_server)
    for decide in (
        lambda: reviewer.records.review.approve(app.application_no),
        lambda: reviewer.records.review.return_(app.application_no, "请补充材料"),
        lambda: reviewer.records.review.reject(app.application_no, "不符合条件"),
    ):
        with pytest.raises(Conflict) as info:
            decide()
        assert info.value.code == "review_not_started"
        assert "请先点击“开始审核”" in info.value.message
    assert me.records.application(app.application_no).status == "submitted"
    assert [a.result for a in audits(live_server, "record_review_approve")] == ["refused"]
    reviewer.records.review.start(app.application_no)
    assert reviewer.records.review.approve(app.application_no).status == "approved"


def test_refused_transitions(live_server: LiveServer) -> None:
    me = examinee(live_server)
    reviewer = staff(live_server)
    draft = me.records.create("exemption", {"course_code": exemption_course(me)})
    with pytest.raises(Conflict):  # a draft is not the reviewer's yet
        reviewer.records.review.approve(draft.application_no)
    app = submitted_exemption(me, exemption_course(me, 1))
    with pytest.raises(Conflict) as info:  # submitted: no edits (withdraw first)
        me.records.save(app.application_no, app.data, [])
    assert "撤回" in info.value.message
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.reject(app.application_no, "证书不在免考范围内")
    for call in (
        lambda: reviewer.records.review.approve(app.application_no),
        lambda: reviewer.records.review.start(app.application_no),
        lambda: me.records.submit(app.application_no),
        lambda: me.records.save(app.application_no, app.data, []),
        lambda: me.records.delete(app.application_no),
    ):
        with pytest.raises(Conflict):
            call()
    assert me.records.application(app.application_no).status_text == "不通过"
    refusals = [a for a in audits(live_server, "record_review") if a.result == "refused"]
    assert len(refusals) >= 3


def test_duplicate_open_application_is_refused(live_server: LiveServer) -> None:
    me = examinee(live_server)
    first = me.records.create("correction", {"name": "周雨彤"})
    with pytest.raises(Conflict) as info:
        me.records.create("correction", {})
    assert first.application_no in info.value.message
    me.records.delete(first.application_no)
    me.records.create("correction", {})


def test_drafts_survive_logout(live_server: LiveServer) -> None:
    me = examinee(live_server)
    draft = me.records.create("transfer_in", {"province_code": "42", "courses": [
        {"course_code": "03708", "course_name": "中国近现代史纲要", "score": 70}
    ]})  # fmt: skip
    me.auth.logout()
    again = examinee(live_server)
    [kept] = again.records.applications()
    assert kept.application_no == draft.application_no and kept.data["courses"][0]["score"] == 70


def test_seeded_demo_applications(live_server: LiveServer) -> None:
    li_na = examinee(live_server, "exempted")
    [returned] = li_na.records.applications()
    assert returned.status_text == "退回" and "公章" in (returned.reason or "") and returned.editable
    assert [e.action for e in returned.events] == ["create", "submit", "start", "return"]
    assert li_na.records.file(returned.files[0].file_id)[:3] == b"\xff\xd8\xff"
    li_na.records.save(returned.application_no, returned.data, [proof(li_na)])
    assert li_na.records.submit(returned.application_no).events[-1].action == "resubmit"


# --- permissions ----------------------------------------------------------------------------------------


def test_only_reviewers_of_the_prefecture_review(live_server: LiveServer) -> None:
    me = examinee(live_server)
    app = submitted_exemption(me)
    for client in (me, staff(live_server, CLERK), staff(live_server, "admin")):
        with pytest.raises(PermissionDenied):
            client.records.review.list()
        with pytest.raises(PermissionDenied):
            client.records.review.approve(app.application_no)
    other = examinee(live_server, "exempted")
    with pytest.raises(NotFound):
        other.records.application(app.application_no)
    with pytest.raises(PermissionDenied):  # reviewers have no examinee endpoints
        staff(live_server).records.applications()


def test_reviewer_of_another_prefecture_does_not_see_it(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory()
    me = examinee(server)
    app = submitted_exemption(me)
    with server.db() as db:
        from backend_mock.models import StaffUser

        row = db.scalar(select(StaffUser).where(StaffUser.username == "cs_reviewer"))
        assert row is not None
        row.prefecture_code = "4304"
        db.commit()
    reviewer = staff(server)
    assert reviewer.records.review.list().total == 0
    with pytest.raises(NotFound):
        reviewer.records.review.approve(app.application_no)


# --- transfers and prefecture ----------------------------------------------------------------------------


def test_transfer_out_needs_a_passed_course_and_locks_the_record(live_server: LiveServer) -> None:
    me = examinee(live_server, "midway")
    app = me.records.create("transfer_out", {"province_code": "43", "exam_no": "123", "passed_courses": 0}, [proof(me)])
    for data, field in (
        ({"province_code": "43", "exam_no": "0123456789", "passed_courses": 1}, "省内转考"),
        ({"province_code": "44", "exam_no": "12a", "passed_courses": 1}, "准考证号"),
        ({"province_code": "44", "exam_no": "0123456789", "passed_courses": 0}, "至少1门"),
    ):
        me.records.save(app.application_no, data, [f.file_id for f in app.files])
        with pytest.raises(ValidationFailed) as info:
            me.records.submit(app.application_no)
        assert field in info.value.message
    me.records.save(
        app.application_no,
        {"province_code": "44", "exam_no": "0123456789", "passed_courses": 2},
        [app.files[0].file_id],
    )
    sent = me.records.submit(app.application_no)
    assert sent.deadline_note is not None and "现场确认" in sent.deadline_note
    reviewer = staff(live_server)
    reviewer.records.review.start(app.application_no)
    approved = reviewer.records.review.approve(app.application_no)
    assert approved.status_text == "通过" and approved.deadline_note is None
    with live_server.db() as db:
        status = db.scalar(select(Examinee.record_status).where(Examinee.exam_no == demo_exam_no("midway")))
    assert status is RecordStatus.TRANSFERRED_OUT
    assert me.me.profile().record_status == "transferred_out"
    with pytest.raises(Conflict) as info:
        me.records.create("correction", {})
    assert info.value.code == "record_locked"


def test_transfer_in_and_prefecture_change(live_server: LiveServer) -> None:
    me = examinee(live_server)
    reviewer = staff(live_server)
    tin = me.records.create(
        "transfer_in",
        {
            "province_code": "42",
            "exam_no": "011223344556",
            # a course of the examinee's plan (转入 results are results of the plan)
            "courses": [{"course_code": me.records.exemptable_courses()[0].code, "course_name": "纲要"}],
        },
        [proof(me)],
    )
    me.records.submit(tin.application_no)
    reviewer.records.review.start(tin.application_no)
    assert reviewer.records.review.approve(tin.application_no).status_text == "通过"
    move = me.records.create("prefecture_change", {"county_code": "430104"})
    with pytest.raises(ValidationFailed):  # already in 长沙
        me.records.submit(move.application_no)
    me.records.save(move.application_no, {"county_code": "430405", "reason": "工作调动"}, [])
    assert me.records.submit(move.application_no).summary.startswith("转至衡阳市")
    reviewer.records.review.start(move.application_no)
    reviewer.records.review.approve(move.application_no)
    assert me.me.profile().prefecture_code == "4304"


# --- appointments ---------------------------------------------------------------------------------------


def test_appointment_places_booking_and_cancel_until_the_day_before(live_server: LiveServer) -> None:
    me = examinee(live_server)
    offices = me.records.offices()
    assert len(offices) == 14 and offices[0].office_name.endswith("自考办")
    slots = me.records.slots("4301")
    assert slots and all(s.day > live_server.clock.now().date() and s.day.weekday() < 5 for s in slots)
    slot = slots[0]
    booked = me.records.book(slot.slot_id)
    assert booked.status_text == "已预约" and booked.can_cancel
    assert me.records.slots("4301")[0].places_left == slot.places_left - 1
    with pytest.raises(Conflict) as info:
        me.records.book(slots[1].slot_id)
    assert info.value.code == "appointment_exists"
    cancelled = me.records.cancel_appointment(booked.appointment_no)
    assert cancelled.status_text == "已取消" and not cancelled.can_cancel
    assert me.records.slots("4301")[0].places_left == slot.places_left
    again = me.records.book(slot.slot_id)
    on_the_day = datetime.combine(slot.day, datetime.min.time(), tzinfo=CHINA_TZ) + timedelta(hours=8)
    live_server.client().mock.set_clock(on_the_day, frozen=True)
    me = examinee(live_server)
    [current, _old] = me.records.appointments()
    assert current.appointment_no == again.appointment_no and not current.can_cancel
    with pytest.raises(Conflict) as info:
        me.records.cancel_appointment(again.appointment_no)
    assert info.value.code == "too_late_to_cancel"


def test_appointment_places_are_never_overbooked(server_factory) -> None:  # type: ignore[no-untyped-def]
    server = server_factory(appointment_places_per_slot=3)
    people = add_examinees(server, 12)
    slot = people[0].client(server).records.slots("4301")[0]
    results: list[str] = []
    lock = threading.Lock()

    def book(client: ApiClient) -> None:
        try:
            client.records.book(slot.slot_id)
            outcome = "ok"
        except Conflict as exc:
            outcome = exc.code
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book, args=(p.client(server),)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(results) == ["ok"] * 3 + ["slot_full"] * 9
    assert people[0].client(server).records.slots("4301")[0].places_left == 0


def test_examinee_login_kind_is_required(live_server: LiveServer) -> None:
    c = live_server.client()
    login(c, "cs_reviewer", kind="staff")
    with pytest.raises(PermissionDenied):
        c.records.book(1)


def test_transfer_confirm_deadline_follows_the_session_calendar() -> None:
    from backend_mock.models import ApplicationKind
    from backend_mock.records.rules import transfer_confirm_by
    from backend_mock.settings import Settings

    s = Settings()
    at = datetime(2026, 8, 16, 9, 0, tzinfo=CHINA_TZ)  # just after the October session's 08-15
    out = transfer_confirm_by(at, s, ApplicationKind.TRANSFER_OUT)
    assert out is not None and (out.year, out.month, out.day) == (2027, 2, 15)
    tin = transfer_confirm_by(at, s, ApplicationKind.TRANSFER_IN)
    assert tin is not None and (tin.month, tin.day) == (9, 26)
    assert transfer_confirm_by(at, s, ApplicationKind.EXEMPTION) is None
