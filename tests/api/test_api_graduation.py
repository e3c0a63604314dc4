"""毕业申请 over real HTTP: eligibility (each missing reason, and eligible), the window's edges on the
moved clock, every state transition (also the refused ones), the staff's roles and the audit trail."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from backend_mock.models import AuditRecord, Course, CourseKind, Examinee, RecordStatus, ScoreRecord
from desktop.api import ApiClient, Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.fixtures.accounts import DEMO, login, staff
from tests.fixtures.files import jpeg_bytes
from tests.fixtures.graduation import ASSESSMENT, RESUME, future_window, person, ready_draft, upload_materials
from tests.fixtures.servers import LiveServer


def set_examinee(server: LiveServer, demo_key: str, **values: object) -> None:
    with server.db() as db:
        db.execute(update(Examinee).where(Examinee.exam_no == DEMO[demo_key].exam_no).values(**values))
        db.commit()


def audits(server: LiveServer) -> list[AuditRecord]:
    with server.db() as db:
        rows = list(
            db.scalars(select(AuditRecord).where(AuditRecord.action.startswith("graduation_")).order_by(AuditRecord.id))
        )
        db.expunge_all()
        return rows


# --- eligibility ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("demo_key", ["bachelor_ready", "diploma_ready"])
def test_eligible_examinees_have_no_missing_reason(live_server: LiveServer, demo_key: str) -> None:
    me = person(live_server, demo_key)
    result = me.graduation.eligibility()
    progress = me.scores.progress()
    assert result.eligible and result.reasons == ()
    assert result.credits_done == progress.credits_passed + progress.credits_exempted >= result.min_credits
    assert result.required_done == result.required_total
    assert result.prior_diploma_required is (result.level == "本科")
    assert result.thesis_passed is (result.level == "本科")


def test_midway_examinee_is_told_each_missing_course_credit_and_the_thesis(live_server: LiveServer) -> None:
    me = person(live_server, "midway")
    result = me.graduation.eligibility()
    progress = me.scores.progress()
    assert not result.eligible
    codes = [r.code for r in result.reasons]
    assert codes == ["required_courses", "credits", "course_count", "thesis"]
    required = result.reason("required_courses")
    assert required is not None
    expected = [c.code for c in progress.remaining if c.required and c.kind != "thesis"]
    assert [c.code for c in required.courses] == expected and required.missing == len(expected)
    assert "02326" in required.text  # 操作系统: absent, so still missing
    credits = result.reason("credits")
    assert credits is not None
    short = progress.min_credits - progress.credits_passed - progress.credits_exempted
    assert credits.missing == short and f"还差{short}学分" in credits.text
    thesis = result.reason("thesis")
    assert thesis is not None and thesis.courses[0].kind == "thesis"


def test_missing_prior_diploma_record_alone_blocks_a_bachelor(live_server: LiveServer) -> None:
    set_examinee(live_server, "bachelor_ready", prior_diploma_verified=False)
    at = future_window(live_server)[0] + timedelta(hours=1)
    me = person(live_server, "bachelor_ready", at)
    result = me.graduation.eligibility()
    assert [r.code for r in result.reasons] == ["prior_diploma"]
    assert "前置学历" in result.reasons[0].text
    with pytest.raises(Conflict) as refused:
        me.graduation.create()
    assert refused.value.code == "not_eligible" and "前置学历尚未核验" in refused.value.message


def test_thesis_not_passed_blocks_a_bachelor(live_server: LiveServer) -> None:
    exam_no = DEMO["bachelor_ready"].exam_no
    with live_server.db() as db:
        examinee_id = db.scalar(select(Examinee.id).where(Examinee.exam_no == exam_no))
        thesis = select(Course.code).where(Course.kind == CourseKind.THESIS)
        failed = {"score": 52, "grade": "不合格", "passed": False}
        db.execute(
            update(ScoreRecord)
            .where(ScoreRecord.examinee_id == examinee_id, ScoreRecord.course_code.in_(thesis))
            .values(**failed)
        )
        db.commit()
    result = person(live_server, "bachelor_ready").graduation.eligibility()
    # the thesis' credits no longer count either; every required course is still passed
    assert [r.code for r in result.reasons] == ["credits", "thesis"]
    thesis_reason = result.reason("thesis")
    assert thesis_reason is not None and thesis_reason.courses[0].code == "98091" and not result.thesis_passed


def test_a_transferred_record_cannot_graduate_here(live_server: LiveServer) -> None:
    set_examinee(live_server, "bachelor_ready", record_status=RecordStatus.TRANSFERRED_OUT)
    result = person(live_server, "bachelor_ready").graduation.eligibility()
    assert result.reasons[0].code == "record_status" and "转出" in result.reasons[0].text


# --- the window ----------------------------------------------------------------------------------------------


def test_window_edges_on_the_server_clock(live_server: LiveServer) -> None:
    opens, closes = future_window(live_server)
    me = person(live_server, "bachelor_ready", opens - timedelta(seconds=1), frozen=True)
    before = me.graduation.overview()
    assert not before.window.open and before.window.opens_at == opens
    assert "下一次毕业申请时间" in before.window.text and f"{opens:%Y年%m月%d日}" in before.window.text
    with pytest.raises(Conflict) as refused:
        me.graduation.create()
    assert refused.value.code == "graduation_window_closed" and "下一次毕业申请时间" in refused.value.message

    live_server.clock.set(opens, frozen=True)
    assert me.graduation.overview().window.open
    draft = ready_draft(me)
    other = person(live_server, "diploma_ready", closes - timedelta(seconds=1), frozen=True)
    late = other.graduation.create(RESUME, ASSESSMENT, upload_materials(other, prior=False))
    assert other.graduation.submit(late.application_no).status_text == "已提交"  # the last second counts

    me = person(live_server, "bachelor_ready", closes, frozen=True)
    after = me.graduation.overview()
    assert not after.window.open and after.window.opens_at is not None and after.window.opens_at > closes
    with pytest.raises(Conflict) as closed:
        me.graduation.submit(draft.application_no)
    assert closed.value.code == "graduation_window_closed"


# --- the application and every transition --------------------------------------------------------------------


def test_submit_is_refused_until_every_material_and_text_is_right(live_server: LiveServer) -> None:
    me = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    draft = me.graduation.create()
    assert (draft.status_text, draft.editable) == ("草稿", True)
    assert [m.kind for m in draft.materials] == ["id_copy", "prior_diploma", "photo", "receipt"]
    with pytest.raises(ValidationFailed) as empty:
        me.graduation.submit(draft.application_no)
    message = empty.value.message
    for what in ("个人简历", "自我鉴定至少50个字", "身份证复印件", "前置学历", "浅蓝底证件照", "回执"):
        assert what in message
    with pytest.raises(ValidationFailed) as bad_dates:
        me.graduation.save(draft.application_no, [RESUME[0].__class__("2015-07", "2012-09", "某单位", "职员")], "", {})
    assert "终止年月早于起始年月" in bad_dates.value.message
    with pytest.raises(ValidationFailed) as too_long:
        me.graduation.save(draft.application_no, RESUME, "好" * 801, {})
    assert "自我鉴定最多800个字" in too_long.value.message

    materials = upload_materials(me)
    red_photo = me.records.upload_bytes("red.jpg", jpeg_bytes((480, 640), (200, 40, 40))).file_id
    with pytest.raises(ValidationFailed) as photo:
        me.graduation.save(draft.application_no, RESUME, ASSESSMENT, {**materials, "photo": red_photo})
    assert "浅蓝色" in photo.value.message
    with pytest.raises(ValidationFailed) as same_file:
        me.graduation.save(draft.application_no, RESUME, ASSESSMENT, {**materials, "receipt": materials["id_copy"]})
    assert "已用于另一份申请或另一项材料" in same_file.value.message
    saved = me.graduation.save(draft.application_no, RESUME, ASSESSMENT, materials)
    assert saved.resume == RESUME and saved.material_ids() == materials
    sent = me.graduation.submit(draft.application_no)
    assert (sent.status_text, sent.editable) == ("已提交", False)
    with pytest.raises(Conflict) as again:
        me.graduation.create()
    assert again.value.code == "duplicate_application"
    with pytest.raises(Conflict):
        me.graduation.save(draft.application_no, RESUME, ASSESSMENT, materials)


def test_every_step_to_the_certificate_with_roles_refusals_and_audit(live_server: LiveServer) -> None:
    opens, closes = future_window(live_server)
    at = opens + timedelta(hours=1)
    me = person(live_server, "bachelor_ready", at)
    no = me.graduation.submit(ready_draft(me).application_no).application_no
    reviewer, clerk, admin = (staff(live_server, u) for u in ("cs_reviewer", "cs_clerk", "admin"))

    with pytest.raises(PermissionDenied):
        me.graduation.staff.act(no, "first_approve")
    with pytest.raises(PermissionDenied) as clerk_review:
        clerk.graduation.staff.act(no, "first_approve")
    assert "仅限审核员" in clerk_review.value.message
    with pytest.raises(PermissionDenied):
        admin.graduation.staff.act(no, "issue")
    with pytest.raises(Conflict) as early:
        reviewer.graduation.staff.act(no, "final_approve")
    assert early.value.code == "invalid_transition" and "已提交" in early.value.message
    with pytest.raises(ValidationFailed):
        reviewer.graduation.staff.act(no, "return")  # a return needs its reason

    listed = reviewer.graduation.staff.list(status="submitted")
    assert [i.application.application_no for i in listed.items] == [no]
    assert listed.items[0].actions == ("first_approve", "first_reject", "return")
    assert listed.items[0].id_number_masked.count("*") == 11
    returned = reviewer.graduation.staff.act(no, "return", "身份证复印件不清晰，请重新上传")
    assert returned.application.status_text == "退回"

    # corrected and resubmitted after the window closed: the review follows the window
    me = person(live_server, "bachelor_ready", closes + timedelta(days=2))
    mine = me.graduation.overview().application
    assert mine is not None and mine.editable and mine.reason == "身份证复印件不清晰，请重新上传"
    fixed = {**mine.material_ids(), "id_copy": me.records.upload_bytes("身份证2.jpg", jpeg_bytes()).file_id}
    me.graduation.save(no, mine.resume, mine.self_assessment, fixed)
    assert me.graduation.submit(no).status_text == "已提交"

    reviewer, clerk = staff(live_server, "cs_reviewer"), staff(live_server, "cs_clerk")
    assert reviewer.graduation.staff.act(no, "first_approve", "材料齐全").application.status_text == "初审通过"
    with pytest.raises(Conflict):
        reviewer.graduation.staff.act(no, "first_approve")
    with pytest.raises(PermissionDenied):
        reviewer.graduation.staff.act(no, "confirm")
    detail = clerk.graduation.staff.detail(no)
    assert detail.actions == ("return", "confirm")
    photo = next(m for m in detail.application.materials if m.kind == "photo")
    assert photo.file is not None and clerk.graduation.staff.file(no, photo.file.file_id)[:3] == b"\xff\xd8\xff"
    assert clerk.graduation.staff.act(no, "confirm", "原件核对无误").application.status_text == "现场确认"
    assert reviewer.graduation.staff.act(no, "final_approve").application.status_text == "终审通过"
    issued = reviewer.graduation.staff.act(no, "issue", "请到长沙市自考办领取")
    assert issued.application.status_text == "证书已发放" and issued.application.certificate_no

    seen = me.graduation.overview()
    app = seen.application
    assert (
        app is not None and app.status_text == "证书已发放" and app.certificate_no == issued.application.certificate_no
    )
    assert [e.to_status_text for e in app.events] == [
        "草稿", "已提交", "退回", "已提交", "初审通过", "现场确认", "终审通过", "证书已发放",
    ]  # fmt: skip
    assert app.events[2].comment == "身份证复印件不清晰，请重新上传" and app.events[2].actor_name.startswith("审核员")
    assert app.events[5].actor_name.startswith("窗口工作人员") and app.events[5].comment == "原件核对无误"
    assert seen.eligibility.reasons[0].code == "record_status"  # graduated: the record is closed
    assert me.me.profile().record_status == "graduated"

    rows = audits(live_server)
    done = [(r.action, r.result) for r in rows if r.result == "ok"]
    assert done == [
        ("graduation_submit", "ok"), ("graduation_return", "ok"), ("graduation_submit", "ok"),
        ("graduation_first_approve", "ok"), ("graduation_confirm", "ok"), ("graduation_final_approve", "ok"),
        ("graduation_issue", "ok"),
    ]  # fmt: skip
    refused = [r.action for r in rows if r.result == "refused"]
    assert refused == [
        "graduation_first_approve", "graduation_issue", "graduation_final_approve", "graduation_first_approve",
        "graduation_confirm",
    ]  # fmt: skip
    assert all(r.actor.startswith("staff:") for r in rows if r.action != "graduation_submit")


def test_refusals_end_an_application_and_a_new_one_can_follow(live_server: LiveServer) -> None:
    at = future_window(live_server)[0] + timedelta(hours=1)
    me = person(live_server, "diploma_ready", at)
    no = me.graduation.submit(ready_draft(me, prior=False).application_no).application_no
    reviewer, clerk = staff(live_server, "cs_reviewer"), staff(live_server, "cs_clerk")
    failed = reviewer.graduation.staff.act(no, "first_reject", "回执未签字")
    assert failed.application.status_text == "初审不通过" and failed.actions == ()
    with pytest.raises(Conflict):
        clerk.graduation.staff.act(no, "confirm")

    second = me.graduation.submit(ready_draft(me, prior=False).application_no).application_no
    reviewer.graduation.staff.act(second, "first_approve")
    clerk.graduation.staff.act(second, "confirm")
    with pytest.raises(ValidationFailed):
        reviewer.graduation.staff.act(second, "final_reject")
    final = reviewer.graduation.staff.act(second, "final_reject", "学历信息与学信网记录不符")
    assert final.application.status_text == "不通过"
    with pytest.raises(Conflict):
        reviewer.graduation.staff.act(second, "issue")
    mine = me.graduation.overview().application
    assert mine is not None and mine.application_no == second and mine.reason == "学历信息与学信网记录不符"


def test_graduation_queues_in_the_staff_console(live_server: LiveServer) -> None:
    me = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    no = me.graduation.submit(ready_draft(me).application_no).application_no
    reviewer = staff(live_server, "cs_reviewer")
    queues = {q.key: q for q in reviewer.staff.queues()}
    assert {"graduation_first", "graduation_final", "graduation_certificate"} <= set(queues)
    assert "graduation_on_site" not in queues  # the clerk's
    assert queues["graduation_first"].pending == 1
    page = reviewer.staff.queue_items("graduation_first", None, "", 1)
    assert [i.reference for i in page.items] == [no] and page.items[0].can_decide
    item = reviewer.staff.decide("graduation_first", no, "approve")
    assert item.status_text == "初审通过"
    assert reviewer.graduation.staff.detail(no).application.status_text == "初审通过"
    clerk = staff(live_server, "cs_clerk")
    assert [q.key for q in clerk.staff.queues()] == ["graduation_on_site"]
    with pytest.raises(PermissionDenied):
        clerk.staff.queue_items("graduation_first", None, "", 1)
    assert clerk.staff.queue_items("graduation_on_site", None, "", 1).items[0].reference == no
    assert clerk.staff.decide("graduation_on_site", no, "approve").status_text == "现场确认"
    assert reviewer.staff.decide("graduation_final", no, "approve").status_text == "终审通过"
    with pytest.raises(ValidationFailed):
        reviewer.staff.decide("graduation_certificate", no, "reject", "不发")
    issued = reviewer.staff.decide("graduation_certificate", no, "approve")
    assert issued.status_text == "证书已发放" and issued.result and issued.result.startswith("证书编号")


def test_the_personal_calendar_says_whether_the_window_concerns_the_examinee(live_server: LiveServer) -> None:
    ready = [d for d in person(live_server, "bachelor_ready").notices.calendar().items if d.kind == "graduation"]
    midway = [d for d in person(live_server, "midway").notices.calendar().items if d.kind == "graduation"]
    assert ready and all(d.concerns and "您已满足毕业条件" in d.detail for d in ready)
    assert midway and not any(d.concerns for d in midway)
    assert "您暂未满足" in midway[0].detail and "必考课程" in midway[0].detail


def test_the_seeded_demo_refusal_is_seen_and_a_new_application_may_follow(live_server: LiveServer) -> None:
    me = person(live_server, "diploma_ready", future_window(live_server)[0] + timedelta(hours=1))
    seen = me.graduation.overview()
    old = seen.application
    assert old is not None and old.status_text == "初审不通过" and old.reason and "回执未本人签名" in old.reason
    assert [e.actor_name.split()[0] for e in old.events] == ["考生", "考生", "审核员"] and not old.editable
    assert seen.eligibility.eligible and seen.window.open
    assert me.graduation.create().application_no != old.application_no
    counts = staff(live_server, "cs_reviewer").graduation.staff.list().counts
    assert counts.get("first_failed") == 1


def test_staff_of_another_prefecture_do_not_see_the_application(live_server: LiveServer) -> None:
    me = person(live_server, "bachelor_ready", future_window(live_server)[0] + timedelta(hours=1))
    no = me.graduation.submit(ready_draft(me).application_no).application_no
    created = staff(live_server, "admin").staff.create_account("hy_reviewer", "衡阳审核员", "reviewer", "4304")
    other = live_server.client(retries=0)
    login(other, "hy_reviewer", created.one_time_password, kind="staff")
    other.auth.change_password(created.one_time_password, "Review2027x")
    assert other.graduation.staff.list().items == ()
    with pytest.raises(NotFound):
        other.graduation.staff.act(no, "first_approve")
    with pytest.raises(NotFound):
        staff(live_server, "hy_clerk").graduation.staff.detail(no)
    other.close()


def test_two_drafts_started_at_once_make_one(live_server: LiveServer) -> None:
    at = future_window(live_server)[0] + timedelta(hours=1)
    clients = [person(live_server, "bachelor_ready", at if n == 0 else None) for n in range(4)]
    outcomes: list[str] = []
    lock = threading.Lock()

    def start(c: ApiClient) -> None:
        try:
            result = c.graduation.create().application_no
        except Conflict as exc:
            result = exc.code
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=start, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    made = [o for o in outcomes if o.startswith("BY")]
    assert len(made) == 1 and sorted(set(outcomes) - set(made)) == ["duplicate_application"]
