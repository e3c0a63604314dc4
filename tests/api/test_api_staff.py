"""Staff over real HTTP: who may call what, searching, the counter's account actions, the review
queue, staff accounts and the audit log — and an audit record for every staff action."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from backend_mock.models import AuditRecord, EnrolmentApplication
from backend_mock.seed import DEMO_PASSWORD
from backend_mock.seed.demo import DEMO_APPLICANT, DEMO_EXAMINEES, DEMO_STAFF
from desktop.api import ApiClient, Conflict, NotFound, PermissionDenied, ValidationFailed
from desktop.api.errors import ApiError, AuthError
from desktop.api.staff import AuditFilter
from tests.fixtures.accounts import examinee_client, login
from tests.fixtures.registration import home_site_id, key, pick, set_phase
from tests.fixtures.servers import LiveServer
from tests.fixtures.staff import PLAIN, assert_permissions, examinee_id, staff_audit, staff_id

LOCKED = next(d for d in DEMO_EXAMINEES if d.locked)


def application_no(server: LiveServer) -> str:
    with server.db() as db:
        found = db.scalar(
            select(EnrolmentApplication.application_no).where(
                EnrolmentApplication.id_number == DEMO_APPLICANT.id_number
            )
        )
    assert found is not None
    return found


# --- permissions -------------------------------------------------------------------------------------------

# (method, path, body, roles allowed); {eid} is an examinee's id, {sid} a staff account's id
ENDPOINTS: list[tuple[str, str, dict[str, object] | None, set[str]]] = [
    ("GET", "/staff/me", None, {"clerk", "reviewer", "admin"}),
    ("GET", "/staff/examinees?q=张", None, {"clerk"}),
    ("GET", "/staff/examinees/{eid}", None, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/reveal-id-number", {"reason": "考生本人核对"}, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/verify", {"id_number": "x", "name": "x"}, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/unlock", None, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/reset-password", None, {"clerk"}),
    ("POST", "/staff/examinees/{eid}/receipt", {"order_no": "BK1"}, {"clerk"}),
    ("GET", "/staff/queues", None, {"clerk", "reviewer", "admin"}),  # each role its own queues (may be none)
    ("GET", "/staff/queues/enrolment/items", None, {"reviewer"}),
    ("POST", "/staff/queues/enrolment/items/XS1/decision", {"decision": "approve"}, {"reviewer"}),
    ("GET", "/staff/accounts", None, {"admin"}),
    ("POST", "/staff/accounts", {"username": "new_one", "name": "新人", "role": "clerk", "prefecture_code": "4301"},
     {"admin"}),
    ("PATCH", "/staff/accounts/{sid}", {"active": True}, {"admin"}),
    ("POST", "/staff/accounts/{sid}/reset-password", None, {"admin"}),
    ("GET", "/staff/audit", None, {"admin"}),
    ("GET", "/staff/audit/export", None, {"admin"}),
    ("GET", "/staff/audit/actions", None, {"admin"}),
]  # fmt: skip


def test_permissions_are_enforced_by_the_server(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    eid = examinee_id(live_server, PLAIN.exam_no)
    sid = staff_id(live_server, "hy_clerk")
    assert_permissions(live_server, staff_clients, ENDPOINTS, eid=eid, sid=sid)


def test_a_disabled_staff_account_is_refused_at_once(
    live_server: LiveServer, staff_clients: dict[str, ApiClient]
) -> None:
    hy = live_server.client(retries=0)
    login(hy, "hy_clerk", kind="staff")
    assert hy.staff.me().role == "clerk"
    staff_clients["admin"].staff.update_account(staff_id(live_server, "hy_clerk"), active=False)
    with pytest.raises(AuthError):  # the admin ended its sessions
        hy.staff.me()
    with pytest.raises(ApiError) as info:
        login(hy, "hy_clerk", kind="staff")
    assert info.value.code == "bad_credentials"
    hy.close()


def test_staff_login_answers_role_and_counter_idle_time(live_server: LiveServer) -> None:
    c = live_server.client()
    session = login(c, "cs_reviewer", kind="staff")
    assert session.role == "reviewer" and not session.must_change_password
    assert session.idle_timeout_seconds == live_server.settings.counter_idle_minutes * 60 <= 15 * 60
    me = c.staff.me()
    assert (me.username, me.role_text, me.prefecture_name) == ("cs_reviewer", "审核员", "长沙市")
    c.close()


# --- search ---------------------------------------------------------------------------------------------


def test_search_on_each_key(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk = staff_clients["clerk"].staff
    person = PLAIN
    by_exam_no = clerk.search(person.exam_no)
    assert by_exam_no.by == "exam_no" and [h.exam_no for h in by_exam_no.items] == [person.exam_no]
    hit = by_exam_no.items[0]
    assert hit.name == person.name and hit.id_number_masked == person.id_number[:3] + "*" * 11 + person.id_number[-4:]
    assert hit.phone_masked == person.phone[:3] + "****" + person.phone[-4:]

    by_id = clerk.search(person.id_number.lower())
    assert by_id.by == "id_number" and [h.exam_no for h in by_id.items] == [person.exam_no]
    by_phone = clerk.search(person.phone)
    assert by_phone.by == "phone" and [h.exam_no for h in by_phone.items] == [person.exam_no]
    by_name = clerk.search(person.name)
    assert by_name.by == "name" and person.exam_no in [h.exam_no for h in by_name.items]
    surname = clerk.search(person.name[0])
    assert surname.total >= by_name.total and all(h.name.startswith(person.name[0]) for h in surname.items)
    prefix = clerk.search(person.exam_no[:7])
    assert prefix.by == "exam_no_prefix" and all(h.exam_no.startswith(person.exam_no[:7]) for h in prefix.items)
    assert person.exam_no in [h.exam_no for h in prefix.items]
    # a key chosen explicitly; pages
    assert clerk.search(person.name, by="name").total == by_name.total
    page = clerk.search("4301", by="exam_no", page_size=2)
    assert page.total >= 0 and len(page.items) <= 2
    everyone = clerk.search(person.exam_no[:4], page_size=3)
    second = clerk.search(person.exam_no[:4], page=2, page_size=3)
    assert not {h.id for h in everyone.items} & {h.id for h in second.items}
    # nothing matches: an empty page, not an error
    assert clerk.search("999999999999").total == 0


@pytest.mark.parametrize(
    ("query", "by"),
    [("", "auto"), ("12", "auto"), ("43010419", "id_number"), ("1387410", "phone"), ("123", "name")],
)
def test_search_refuses_queries_it_cannot_answer(staff_clients: dict[str, ApiClient], query: str, by: str) -> None:
    with pytest.raises(ValidationFailed):
        staff_clients["clerk"].staff.search(query, by=by)


def test_search_results_and_record_are_masked(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk = staff_clients["clerk"]
    raw = clerk.request("GET", "/staff/examinees", params={"q": PLAIN.exam_no}, raw=True).decode()
    eid = examinee_id(live_server, PLAIN.exam_no)
    record_raw = clerk.request("GET", f"/staff/examinees/{eid}", raw=True).decode()
    for text in (raw, record_raw):
        assert PLAIN.id_number not in text and PLAIN.phone not in text
        assert PLAIN.birth.isoformat() not in text  # the birth date is the masked middle of the ID number
    record = clerk.staff.record(eid)
    assert record.profile.exam_no == PLAIN.exam_no and record.results and record.verified_until is None
    assert not record.account.locked


# --- counter actions -------------------------------------------------------------------------------------


def test_reveal_needs_a_reason_and_is_audited(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, PLAIN.exam_no)
    with pytest.raises(ValidationFailed):
        clerk.reveal_id_number(eid, " ")
    assert clerk.reveal_id_number(eid, "考生遗失身份证复印件，核对号码") == PLAIN.id_number
    (row,) = [r for r in staff_audit(live_server, "cs_clerk") if r.action == "reveal_id_number"]
    assert row.examinee_id == eid and row.result == "ok" and row.details == {"reason": "考生遗失身份证复印件，核对号码"}


def test_unlock_needs_a_verified_identity_then_the_examinee_logs_in(
    live_server: LiveServer, staff_clients: dict[str, ApiClient]
) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, LOCKED.exam_no)
    assert clerk.record(eid).account.locked
    with pytest.raises(Conflict) as info:
        clerk.unlock(eid)
    assert info.value.code == "identity_not_verified"

    wrong = clerk.verify_identity(eid, LOCKED.id_number, "张三")
    assert not wrong.matched and wrong.id_number_matches and not wrong.name_matches and "姓名" in wrong.message
    right = clerk.verify_identity(eid, LOCKED.id_number.lower(), LOCKED.name)
    assert right.matched and right.verified_until is not None
    assert clerk.record(eid).verified_until is not None

    state = clerk.unlock(eid)
    assert not state.locked and state.failed_logins == 0
    with pytest.raises(Conflict) as again:
        clerk.unlock(eid)
    assert again.value.code == "not_locked"

    examinee = live_server.client()
    assert login(examinee, LOCKED.exam_no).kind == "examinee"
    assert examinee.me.profile().exam_no == LOCKED.exam_no
    examinee.close()

    actions = [(r.action, r.result) for r in staff_audit(live_server, "cs_clerk")]
    assert ("unlock_account", "refused") in actions and ("unlock_account", "ok") in actions
    assert ("verify_identity", "refused") in actions and ("verify_identity", "ok") in actions


def test_a_verification_expires(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, LOCKED.exam_no)
    assert clerk.verify_identity(eid, LOCKED.id_number, LOCKED.name).matched
    left = live_server.settings.counter_verification_valid_minutes + 1
    while left > 0:  # the clerk keeps working (the counter session ends after 15 idle minutes)
        step = min(left, 10)
        live_server.clock.advance(timedelta(minutes=step))
        staff_clients["clerk"].auth.keep_alive()
        left -= step
    assert clerk.record(eid).verified_until is None
    with pytest.raises(Conflict):
        clerk.reset_password(eid)


def test_one_time_password_must_be_changed_before_anything_else(
    live_server: LiveServer, staff_clients: dict[str, ApiClient]
) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, PLAIN.exam_no)
    old_session = staff_clients["examinee"]
    assert clerk.verify_identity(eid, PLAIN.id_number, PLAIN.name).matched
    otp = clerk.reset_password(eid)
    password = otp.one_time_password
    assert len(password) == live_server.settings.one_time_password_length and "只显示这一次" in otp.message
    with pytest.raises(AuthError):  # the examinee's other sessions ended
        old_session.me.profile()
    c = live_server.client(retries=0)
    with pytest.raises(ApiError):
        login(c, PLAIN.exam_no, DEMO_PASSWORD)
    session = login(c, PLAIN.exam_no, password)
    assert session.must_change_password
    for call in (c.me.profile, c.registration.overview, c.exams.sessions):
        with pytest.raises(PermissionDenied) as info:
            call()
        assert info.value.code == "password_change_required"
    c.auth.keep_alive()  # the session itself is fine
    c.auth.change_password(password, "NewPass2027")
    assert c.me.profile().exam_no == PLAIN.exam_no
    c.auth.logout()
    assert not login(c, PLAIN.exam_no, "NewPass2027").must_change_password
    c.close()
    assert clerk.record(eid).account.must_change_password is False
    # the trail says a one-time password was given, never the password itself
    rows = staff_audit(live_server, "cs_clerk")
    (reset,) = [r for r in rows if r.action == "reset_password"]
    assert reset.details == {"one_time_password": True, "unlocked": False}
    with live_server.db() as db:
        assert not any(password in str(r.details) for r in db.scalars(select(AuditRecord)))


def pay_an_order(server: LiveServer, demo_key: str = "new") -> str:
    """The demo examinee registers and pays in phase 2 of the upcoming session; the order number."""
    set_phase(server.client(), "phase2")
    examinee = examinee_client(server, demo_key)
    reg = examinee.registration
    order = reg.create_order(home_site_id(examinee), pick(reg.courses(), 1), key())
    payment = reg.start_payment(order.order_no, "alipay", key())
    examinee.payplatform.confirm(payment.payment_no, "alipay")
    assert reg.order(order.order_no).status == "paid"
    examinee.close()
    return order.order_no


def test_a_one_time_password_expires(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, PLAIN.exam_no)
    clerk.verify_identity(eid, PLAIN.id_number, PLAIN.name)
    otp = clerk.reset_password(eid).one_time_password
    live_server.clock.advance(timedelta(hours=live_server.settings.one_time_password_valid_hours, seconds=1))
    c = live_server.client(retries=0)
    with pytest.raises(PermissionDenied) as info:
        login(c, PLAIN.exam_no, otp)
    assert info.value.code == "one_time_password_expired" and "窗口" in info.value.message
    c.close()


def test_clerk_prints_the_receipt_of_a_paid_order(live_server: LiveServer) -> None:
    order_no = pay_an_order(live_server)
    clerk = live_server.client(retries=0)
    login(clerk, "cs_clerk", kind="staff")
    new = next(d for d in DEMO_EXAMINEES if d.key == "new")
    eid = examinee_id(live_server, new.exam_no)
    record = clerk.staff.record(eid)
    assert [o.order_no for o in record.paid_orders] == [order_no]
    receipt = clerk.staff.receipt(eid, order_no)
    assert receipt.order.status == "paid" and receipt.profile.exam_no == new.exam_no
    assert receipt.profile.id_number_masked != new.id_number
    with pytest.raises(NotFound):
        clerk.staff.receipt(eid, "BK000")
    with pytest.raises(NotFound):  # another examinee's order
        clerk.staff.receipt(examinee_id(live_server, PLAIN.exam_no), order_no)
    (row,) = [r for r in staff_audit(live_server, "cs_clerk") if r.action == "print_receipt"]
    assert row.examinee_id == eid and row.details == {"order_no": order_no}
    clerk.close()


# --- the review queue -----------------------------------------------------------------------------------


def test_reviewer_approves_an_enrolment_and_the_examinee_logs_in(
    live_server: LiveServer, staff_clients: dict[str, ApiClient]
) -> None:
    reviewer = staff_clients["reviewer"].staff
    queue = reviewer.queues()[0]
    assert (queue.key, queue.title, queue.pending) == ("enrolment", "新生报名审核", 1)
    assert queue.actions == ("approve", "return", "reject")
    page = reviewer.queue_items("enrolment")
    assert page.status == "submitted" and page.total == 1
    (item,) = page.items
    assert item.name == DEMO_APPLICANT.name and item.can_decide and DEMO_APPLICANT.id_number not in str(item)
    assert reviewer.queue_items("enrolment", text=DEMO_APPLICANT.name[:1]).total == 1
    assert reviewer.queue_items("enrolment", text="不存在").total == 0

    with pytest.raises(PermissionDenied):
        staff_clients["clerk"].staff.decide("enrolment", item.id, "approve")
    decided = reviewer.decide("enrolment", item.id, "approve")
    assert decided.status == "approved" and decided.result and not decided.can_decide
    exam_no = decided.result.split()[-1]
    with pytest.raises(Conflict):
        reviewer.decide("enrolment", item.id, "reject", "重复")
    counts = {s.status: s.count for s in reviewer.queues()[0].statuses}
    assert counts["submitted"] == 0 and counts["approved"] == 1

    c = live_server.client()
    assert login(c, exam_no).kind == "examinee"
    assert c.me.profile().name == DEMO_APPLICANT.name
    c.close()
    status = staff_clients["admin"].enrolment.status(item.id, DEMO_APPLICANT.id_number)
    assert status.exam_no == exam_no
    (row,) = [r for r in staff_audit(live_server, "cs_reviewer") if r.action == "enrolment_approved"]
    assert row.examinee_id is not None


@pytest.mark.parametrize(("decision", "status"), [("return", "returned"), ("reject", "rejected")])
def test_return_and_reject_need_a_reason(
    live_server: LiveServer, staff_clients: dict[str, ApiClient], decision: str, status: str
) -> None:
    reviewer = staff_clients["reviewer"].staff
    no = application_no(live_server)
    with pytest.raises(ValidationFailed) as info:
        reviewer.decide("enrolment", no, decision, "")
    assert info.value.code == "reason_required"
    item = reviewer.decide("enrolment", no, decision, "照片背景不是浅蓝色")
    assert item.status == status and item.reason == "照片背景不是浅蓝色"
    assert reviewer.queue_items("enrolment", status=status).total == 1
    seen = staff_clients["admin"].enrolment.status(no, DEMO_APPLICANT.id_number)
    assert seen.status == status and seen.reason == "照片背景不是浅蓝色"
    actions = [r.action for r in staff_audit(live_server, "cs_reviewer")]
    assert f"enrolment_{status}" in actions


def test_a_reviewer_sees_only_the_own_prefecture(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    admin = staff_clients["admin"].staff
    created = admin.create_account("hy_reviewer", "衡阳审核员", "reviewer", "4304")
    c = live_server.client(retries=0)
    login(c, "hy_reviewer", created.one_time_password, kind="staff")
    c.auth.change_password(created.one_time_password, "Review2027x")
    assert c.staff.queues()[0].pending == 0
    with pytest.raises(NotFound):
        c.staff.decide("enrolment", application_no(live_server), "approve")
    c.close()


# --- administration --------------------------------------------------------------------------------------


def test_admin_creates_disables_and_resets_staff(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    admin = staff_clients["admin"].staff
    created = admin.create_account("zz_clerk", "周周", "clerk", "4301")
    assert created.account.must_change_password and created.account.role_text == "窗口工作人员"
    with pytest.raises(Conflict):
        admin.create_account("zz_clerk", "周周", "clerk", "4301")
    with pytest.raises(ValidationFailed):
        admin.create_account("Bad Name", "周周", "clerk", "4301")
    c = live_server.client(retries=0)
    session = login(c, "zz_clerk", created.one_time_password, kind="staff")
    assert session.must_change_password and session.role == "clerk"
    with pytest.raises(PermissionDenied):
        c.staff.search(PLAIN.exam_no)
    c.auth.change_password(created.one_time_password, "Counter2027")
    assert c.staff.search(PLAIN.exam_no).total == 1

    changed = admin.update_account(created.account.id, role="reviewer")
    assert changed.role == "reviewer"
    with pytest.raises(PermissionDenied):
        c.staff.search(PLAIN.exam_no)
    reset = admin.reset_account_password(created.account.id)
    assert reset.account.must_change_password and reset.one_time_password != created.one_time_password
    with pytest.raises(Conflict):
        admin.update_account(staff_id(live_server, "admin"), active=False)
    names = {a.username for a in admin.accounts()}
    assert {s.username for s in DEMO_STAFF} | {"zz_clerk"} <= names
    c.close()
    actions = [r.action for r in staff_audit(live_server, "admin")]
    assert actions.count("staff_updated") == 1 and "staff_created" in actions and "staff_reset_password" in actions


def test_audit_log_filters_pages_and_exports(live_server: LiveServer, staff_clients: dict[str, ApiClient]) -> None:
    clerk, admin = staff_clients["clerk"].staff, staff_clients["admin"].staff
    eid = examinee_id(live_server, PLAIN.exam_no)
    clerk.search(PLAIN.exam_no)
    clerk.record(eid)
    clerk.verify_identity(eid, PLAIN.id_number, PLAIN.name)

    mine = admin.audit(AuditFilter(actor="cs_clerk"))
    assert mine.total >= 4 and {e.actor_text for e in mine.items} == {"赵敏（cs_clerk）"}
    assert [e.action for e in mine.items][:3] == ["verify_identity", "view_record", "search_examinees"]
    assert mine.items[0].action_text == "核验身份" and mine.items[0].result_text == "成功"
    about = admin.audit(AuditFilter(exam_no=PLAIN.exam_no))
    assert about.total >= 3 and all(e.exam_no == PLAIN.exam_no for e in about.items)
    assert admin.audit(AuditFilter(action="view_record")).total == 1
    assert admin.audit(AuditFilter(actor="nobody")).total == 0
    today = live_server.clock.now().date()
    assert admin.audit(AuditFilter(date_from=today, date_to=today)).total == admin.audit().total
    assert admin.audit(AuditFilter(date_to=today - timedelta(days=1))).total < admin.audit().total
    first, second = admin.audit(page_size=2), admin.audit(page=2, page_size=2)
    assert len(first.items) == 2 and not {e.id for e in first.items} & {e.id for e in second.items}
    assert {a.action for a in admin.audit_actions()} >= {"unlock_account", "reset_password", "export_audit"}

    data = admin.audit_csv(AuditFilter(actor="cs_clerk"))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["时间", "操作人"] and len(rows) == mine.total + 1
    assert PLAIN.id_number not in data.decode("utf-8-sig")
    assert admin.audit(AuditFilter(action="export_audit")).total == 1


def test_every_staff_action_leaves_an_audit_record(
    live_server: LiveServer, staff_clients: dict[str, ApiClient]
) -> None:
    clerk = staff_clients["clerk"].staff
    eid = examinee_id(live_server, LOCKED.exam_no)
    clerk.search(LOCKED.name)
    clerk.record(eid)
    clerk.reveal_id_number(eid, "核对")
    clerk.verify_identity(eid, LOCKED.id_number, LOCKED.name)
    clerk.unlock(eid)
    clerk.reset_password(eid)
    staff_clients["reviewer"].staff.decide("enrolment", application_no(live_server), "return", "补充材料")
    admin = staff_clients["admin"].staff
    new = admin.create_account("audit_me", "审计", "clerk", "4301")
    admin.update_account(new.account.id, active=False)
    admin.reset_account_password(new.account.id)
    admin.audit_csv()
    expected = {
        "cs_clerk": {"search_examinees", "view_record", "reveal_id_number", "verify_identity", "unlock_account",
                     "reset_password"},
        "cs_reviewer": {"enrolment_returned"},
        "admin": {"staff_created", "staff_updated", "staff_reset_password", "export_audit"},
    }  # fmt: skip
    for username, actions in expected.items():
        rows = staff_audit(live_server, username)
        assert actions <= {r.action for r in rows}, username
        assert all(r.result in ("ok", "refused") and r.at is not None for r in rows)
    with live_server.db() as db:
        about = {r.action for r in db.scalars(select(AuditRecord).where(AuditRecord.examinee_id == eid))}
    assert {"view_record", "reveal_id_number", "verify_identity", "unlock_account", "reset_password"} <= about
