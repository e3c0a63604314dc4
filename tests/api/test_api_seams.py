"""The seams between modules over real HTTP (docs/rules.md): an exemption approved for a paid
course withdraws and refunds that registration; results transferred in count as passed and not
as exemptions; every credit figure is the plan-progress calculation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from backend_mock.models import AuditRecord, Examinee, PlatformCharge, StaffUser, TransferredResult
from desktop.api import ApiClient, Conflict
from desktop.api.errors import ApiError
from tests.fixtures.accounts import REVIEWER, demo_exam_no, staff
from tests.fixtures.records import examinee, proof, submitted_exemption
from tests.fixtures.registration import home_site_id, key, paid_order, pick, seats_held, set_phase, upcoming
from tests.fixtures.scores import add_reviews
from tests.fixtures.servers import LiveServer

FEE = 4800  # fee_per_course_fen


def audits_by(server: LiveServer, action: str) -> list[AuditRecord]:
    with server.db() as db:
        rows = list(db.scalars(select(AuditRecord).where(AuditRecord.action == action).order_by(AuditRecord.id)))
        db.expunge_all()
        return rows


def reviewer_actor(server: LiveServer) -> str:
    with server.db() as db:
        return f"staff:{db.scalar(select(StaffUser.id).where(StaffUser.username == REVIEWER))}"


def test_exemption_of_a_paid_course_withdraws_and_refunds_it(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    me = examinee(live_server)
    reviewer = staff(live_server)
    session = upcoming(me)
    order_no, (exempt, keep) = paid_order(me, 2)
    site = home_site_id(me)
    held = seats_held(live_server, session.code, site)
    app = submitted_exemption(me, exempt)

    # the reviewer is told before deciding
    before = reviewer.records.review.detail(app.application_no)
    assert any("该考生本次已报考此课程（已缴费）" in w and order_no in w for w in before.warnings)

    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no, "证书核验无误")

    order = me.registration.order(order_no)
    assert order.status == "paid"
    assert {i.course_code: i.withdrawn for i in order.items} == {exempt: True, keep: False}
    assert order.refund is not None and order.refund.amount_fen == FEE and order.refund.status == "refunding"
    assert [r.course_code for r in me.registration.registrations(session.code)] == [keep]
    assert seats_held(live_server, session.code, site) == held  # the other course still needs the seat
    course = next(c for c in me.registration.courses() if c.code == exempt)
    assert not course.registrable and course.status == "exempted"
    with pytest.raises(ApiError):
        me.registration.create_order(site, [exempt], key())
    # audited with the reviewer as actor
    actor = reviewer_actor(live_server)
    withdrawn = audits_by(live_server, "order_item_withdraw")
    assert [(a.actor, a.details["course_code"]) for a in withdrawn] == [(actor, exempt)]
    assert any(a.actor == actor and a.details["amount_fen"] == FEE for a in audits_by(live_server, "refund_start"))
    with live_server.db() as db:
        charge = db.scalar(select(PlatformCharge).where(PlatformCharge.merchant_order_no == order_no))
        assert charge is not None and charge.refunded_fen == FEE
    # the credit figure is the progress calculation (the approved course counted once)
    after = reviewer.records.review.detail(app.application_no)
    assert after.warnings == ()
    assert after.exemption_cap is not None
    progress = me.scores.progress()
    assert after.exemption_cap.granted_credits == progress.credits_exempted > 0
    assert after.exemption_cap.after_credits == progress.credits_exempted
    assert f"申请后共{progress.credits_exempted}学分" in after.exemption_cap.message

    # the ticket lists only the kept course
    live_server.client().mock.set_clock(session.ticket_print_open + timedelta(hours=10), frozen=True)
    me = examinee(live_server)
    assert [c.course_code for c in me.exams.ticket(session.code).courses] == [keep]


def test_withdrawing_the_only_course_frees_the_seat_and_completes_the_refund(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    me = examinee(live_server)
    reviewer = staff(live_server)
    session = upcoming(me)
    site = home_site_id(me)
    held = seats_held(live_server, session.code, site)
    order_no, (code,) = paid_order(me, 1)
    assert seats_held(live_server, session.code, site) == held + 1
    app = submitted_exemption(me, code)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no)
    assert seats_held(live_server, session.code, site) == held
    order = me.registration.order(order_no)
    assert order.status == "refunding" and order.items[0].withdrawn
    assert me.registration.registrations(session.code) == []
    me.mock.set_clock(advance_seconds=700, frozen=True)
    assert me.registration.order(order_no).status == "refunded"


def test_exemption_waits_for_an_unpaid_order_of_the_course(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    me = examinee(live_server)
    reviewer = staff(live_server)
    code = pick(me.registration.courses(), 1)[0]
    order = me.registration.create_order(home_site_id(me), [code], key())
    app = submitted_exemption(me, code)
    detail = reviewer.records.review.detail(app.application_no)
    assert any("未支付的订单" in w and order.order_no in w for w in detail.warnings)
    reviewer.records.review.start(app.application_no)
    with pytest.raises(Conflict) as info:
        reviewer.records.review.approve(app.application_no)
    assert info.value.code == "course_in_unpaid_order"
    assert me.registration.order(order.order_no).status == "pending"  # nothing changed
    me.registration.cancel_order(order.order_no)
    assert reviewer.records.review.approve(app.application_no).status_text == "通过"


def _plan_courses(me: ApiClient, n: int) -> list[str]:
    return [c.code for c in me.records.exemptable_courses()[:n]]


def test_transfer_in_writes_results_that_count_as_passed_not_as_exemptions(live_server: LiveServer) -> None:
    me = examinee(live_server)
    reviewer = staff(live_server)
    before = me.scores.progress()
    graduation_before = me.graduation.eligibility()
    first, second, third = _plan_courses(me, 3)
    lines = [
        {"course_code": first, "course_name": "外省课程一", "score": 75, "session": "2024年10月"},
        {"course_code": second, "course_name": "外省课程二"},
    ]
    app = me.records.create("transfer_in", {"province_code": "42", "exam_no": "011223344556", "courses": lines},
                            [proof(me)])  # fmt: skip
    me.records.submit(app.application_no)
    cap_before = me.records.exemption_cap(third)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no)

    with live_server.db() as db:
        examinee_id = db.scalar(select(Examinee.id).where(Examinee.exam_no == demo_exam_no("new")))
        rows = db.scalars(select(TransferredResult).where(TransferredResult.examinee_id == examinee_id))
        assert {(r.course_code, r.score, r.province_code) for r in rows} == {(first, 75, "42"), (second, None, "42")}
    # the counter sees them too
    from tests.fixtures.accounts import CLERK

    counter = staff(live_server, CLERK).staff.record(examinee_id)
    assert {r.course_code for r in counter.results if r.result == "转入" and r.passed} == {first, second}
    listing = me.scores.list()
    moved = {s.course_code: s for s in listing.scores if s.result_text == "转入"}
    assert set(moved) == {first, second} and all(s.passed for s in moved.values())
    after = me.scores.progress()
    gained = sum(s.credits for s in moved.values())
    assert after.credits_passed == before.credits_passed + gained
    assert after.courses_passed == before.courses_passed + 2
    assert after.credits_exempted == before.credits_exempted
    assert {first, second}.isdisjoint(c.code for c in after.remaining)
    # graduation counts them as done (the one calculation)
    graduation_after = me.graduation.eligibility()
    assert graduation_after.credits_done == graduation_before.credits_done + gained == after.credits_done
    assert graduation_after.courses_done == graduation_before.courses_done + 2
    # the 50% cap ignores them
    cap_after = me.records.exemption_cap(third)
    assert cap_after.granted_credits == cap_before.granted_credits
    assert cap_after.after_credits == cap_before.after_credits
    # neither exemptable nor registrable any more
    assert {first, second}.isdisjoint(_plan_courses(me, 100))


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ({"course_code": "99999", "course_name": "不在计划"}, "course_not_in_plan"),
        ({"course_code": "0370８", "course_name": "全角数字"}, None),
        ({"course_code": "{first}", "course_name": "不及格", "score": 40}, "course_not_passed"),
    ],
)
def test_transfer_in_course_lines_are_checked(live_server: LiveServer, line: dict[str, object], code: str) -> None:
    from desktop.api import ValidationFailed

    me = examinee(live_server)
    first = _plan_courses(me, 1)[0]
    line = {k: (v.format(first=first) if isinstance(v, str) else v) for k, v in line.items()}
    app = me.records.create("transfer_in", {"province_code": "42", "exam_no": "011223344556", "courses": [line]},
                            [proof(me)])  # fmt: skip
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    if code:
        assert info.value.code == code
    assert "courses" not in info.value.message and info.value.message
    repeated = [{"course_code": first, "course_name": "一"}, {"course_code": first, "course_name": "二"}]
    me.records.save(app.application_no, {"province_code": "42", "exam_no": "011223344556", "courses": repeated},
                    [f.file_id for f in app.files])  # fmt: skip
    with pytest.raises(ValidationFailed) as info:
        me.records.submit(app.application_no)
    assert info.value.code == "course_repeated"


# --- 成绩复核 scoped to the prefecture, record and score review lists paged on the server ------------------


def _score_reviews(client: ApiClient, **params: object) -> tuple[list[dict[str, object]], int]:
    """The list and its X-Total-Count (the typed client reads the list only)."""
    answer = client._http.get(
        f"{client.base_url}/api/v1/staff/score-reviews",
        params=params,
        headers={"Authorization": f"Bearer {client._token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json(), int(answer.headers["X-Total-Count"])


def test_score_reviews_are_scoped_to_the_reviewers_prefecture_and_paged(live_server: LiveServer) -> None:
    made = add_reviews(live_server, {"4301": 5, "4304": 3})
    reviewer = staff(live_server)
    everything, total = _score_reviews(reviewer)
    seen = {r["review_no"] for r in everything}
    assert set(made["4301"]) <= seen and seen.isdisjoint(made["4304"])
    assert total == len(everything)
    assert {r.review_no for r in reviewer.scores.staff_reviews()} == seen  # the typed call agrees
    page, total = _score_reviews(reviewer, status="submitted", limit=2, offset=0)
    assert len(page) == 2 and total >= 5
    rest, _ = _score_reviews(reviewer, status="submitted", limit=100, offset=2)
    assert len(rest) == total - 2 and {r["review_no"] for r in rest}.isdisjoint(r["review_no"] for r in page)
    # filters: exam number, days
    with live_server.db() as db:
        from backend_mock.models import ScoreReview

        first = db.scalar(select(ScoreReview).where(ScoreReview.review_no == made["4301"][0]))
        assert first is not None
        exam_no = db.scalar(select(Examinee.exam_no).where(Examinee.id == first.examinee_id))
        day = first.submitted_at.astimezone(live_server.clock.now().tzinfo).date()
    by_exam, n = _score_reviews(reviewer, exam_no=exam_no)
    assert n >= 1 and all(r["exam_no"] == exam_no for r in by_exam)
    on_day, n = _score_reviews(reviewer, submitted_from=day.isoformat(), submitted_to=day.isoformat())
    that_day = {r["review_no"] for r in on_day}
    assert made["4301"][0] in that_day and made["4301"][1] not in that_day
    # another prefecture's review cannot be started either
    from desktop.api import NotFound

    with pytest.raises(NotFound):
        reviewer.scores.staff_start(made["4304"][0])


def test_record_review_list_is_paged_and_filtered_on_the_server(live_server: LiveServer) -> None:
    me = examinee(live_server)
    reviewer = staff(live_server)
    for n in range(3):
        submitted_exemption(me, me.records.exemptable_courses()[n].code)
    everything = reviewer.records.review.list()
    assert everything.matched == len(everything.items) >= 3
    page = reviewer.records.review.list(limit=2)
    assert len(page.items) == 2 and page.matched == everything.matched
    rest = reviewer.records.review.list(limit=100, offset=2)
    assert [i.application_no for i in page.items + rest.items] == [i.application_no for i in everything.items]
    pending = reviewer.records.review.list(status="submitted", kind="exemption", limit=1)
    assert pending.matched >= 3 and len(pending.items) == 1
    assert pending.counts == reviewer.records.review.list(kind="exemption").counts  # counts ignore the page
    today = live_server.clock.now().date().isoformat()
    mine_today = reviewer.records.review.list(status="submitted", submitted_from=today, submitted_to=today)
    assert mine_today.matched >= 3
    assert reviewer.records.review.list(submitted_to="2000-01-01").matched == 0
    from desktop.api import ValidationFailed

    for bad in ("0", "20261203", "明天"):  # a number is not a day (lax parsing would read 1970)
        with pytest.raises(ValidationFailed) as info:
            reviewer.records.review.list(submitted_to=bad)
        assert "日期" in info.value.message
        with pytest.raises(ValidationFailed):
            reviewer.scores.staff_review_page(submitted_from=bad)


# --- orphaned uploads are deleted after the retention, referenced ones never ----------------------------------


def _file_ids(server: LiveServer) -> set[int]:
    from backend_mock.models import UploadedFile

    with server.db() as db:
        return set(db.scalars(select(UploadedFile.id)))


def test_orphaned_uploads_are_deleted_after_the_retention_and_referenced_ones_never(live_server: LiveServer) -> None:
    hours = live_server.settings.orphan_upload_retention_hours
    me = examinee(live_server)
    kept = proof(me)  # stays on a submitted application
    dropped = proof(me)  # taken off a draft
    never = proof(me)  # never attached
    app = me.records.create("exemption", {"course_code": me.records.exemptable_courses()[0].code, "basis": "证书"},
                            [kept, dropped])  # fmt: skip
    me.records.save(app.application_no, app.data, [kept])
    me.records.submit(app.application_no)
    seeded = _file_ids(live_server) - {kept, dropped, never}

    # a young orphan stays (the sweep runs on the next upload)
    me.mock.set_clock(advance_seconds=(hours - 1) * 3600, frozen=True)
    me = examinee(live_server)
    young = proof(me)
    assert {kept, dropped, never, young} <= _file_ids(live_server)

    # past the retention: the old orphans go, the referenced file and the young one stay, seeded material too
    me.mock.set_clock(advance_seconds=2 * 3600 + live_server.settings.orphan_upload_sweep_minutes * 60, frozen=True)
    me = examinee(live_server)
    newest = proof(me)
    left = _file_ids(live_server)
    assert dropped not in left and never not in left
    assert {kept, young, newest} <= left and seeded <= left
    assert me.records.application(app.application_no).files[0].file_id == kept
    deletions = audits_by(live_server, "upload_orphans_delete")
    assert deletions and deletions[-1].details["deleted"] >= 2


def test_transfer_in_of_a_paid_course_withdraws_it_too(live_server: LiveServer) -> None:
    set_phase(live_server.client(), "phase2")
    me = examinee(live_server)
    reviewer = staff(live_server)
    order_no, (code,) = paid_order(me, 1)
    lines = [{"course_code": code, "course_name": "外省课程", "score": 80}]
    app = me.records.create("transfer_in", {"province_code": "42", "exam_no": "011223344556", "courses": lines},
                            [proof(me)])  # fmt: skip
    me.records.submit(app.application_no)
    assert any("已缴费" in w for w in reviewer.records.review.detail(app.application_no).warnings)
    reviewer.records.review.start(app.application_no)
    reviewer.records.review.approve(app.application_no)
    order = me.registration.order(order_no)
    assert order.items[0].withdrawn and order.refund is not None and order.refund.amount_fen == FEE
    assert next(c for c in me.registration.courses() if c.code == code).status == "passed"
