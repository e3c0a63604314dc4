"""The seed data: real reference codes, valid people, rule-abiding histories, demo states, determinism."""

from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from backend_mock.auth.passwords import needs_rehash, verify_password
from backend_mock.clock import CHINA_TZ
from backend_mock.db import make_engine
from backend_mock.idnumber import parse_id_number
from backend_mock.models import (
    Base,
    County,
    Course,
    CourseKind,
    CourseReplacement,
    EnrolmentApplication,
    EnrolmentStatus,
    Examinee,
    ExamSession,
    ExamSite,
    Exemption,
    Gender,
    Level,
    Major,
    Plan,
    PlanCourse,
    Prefecture,
    RecordStatus,
    ScoreRecord,
    StaffRole,
    StaffUser,
    TimetableEntry,
    University,
)
from backend_mock.notices.calendar import session_codes_around
from backend_mock.photos import check_photo
from backend_mock.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, SeedSummary, make_photo, seed_database
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.settings import Settings

SETTINGS = Settings()
SIZE = 60
REF_NOW = datetime(2026, 11, 28, 10, 0, tzinfo=CHINA_TZ)
# the April 2026 exams are over but their scores come out only on 17 May
UNRELEASED_NOW = datetime(2026, 5, 1, 9, 0, tzinfo=CHINA_TZ)
LATER_NOW = datetime(2029, 9, 3, 15, 30, tzinfo=CHINA_TZ)

PREFECTURES = {
    "4301": "长沙市", "4302": "株洲市", "4303": "湘潭市", "4304": "衡阳市", "4305": "邵阳市", "4306": "岳阳市",
    "4307": "常德市", "4308": "张家界市", "4309": "益阳市", "4310": "郴州市", "4311": "永州市", "4312": "怀化市",
    "4313": "娄底市", "4331": "湘西土家族苗族自治州",
}  # fmt: skip
UNIVERSITIES = {
    "10532": "湖南大学", "10533": "中南大学", "10542": "湖南师范大学", "10530": "湘潭大学", "10536": "长沙理工大学",
    "10537": "湖南农业大学", "10534": "湖南科技大学", "10538": "中南林业科技大学", "10554": "湖南工商大学",
    "10541": "湖南中医药大学",
}  # fmt: skip
# the well-known national course codes the seed's plans are built on (backend_mock/seed/data.py)
DOMAIN_COURSES = (
    "03708", "03709", "00015", "03706", "12656", "00018",
    "00023", "02197", "02331", "02326", "04741", "04735", "02318", "04737", "04747",
    "00067", "00159", "00160", "00161", "00162", "00051", "00054",
    "00223", "00227", "00228", "00233", "00246", "00247", "00249", "00257", "00258", "00259", "00261", "00262",
    "00037", "00812", "00813", "00815", "00536", "00541",
    "03179", "02899", "03201", "03202", "03203", "03004", "03008", "03009", "04435",
    "00144", "00058", "00152", "00149",
    "00529", "00530", "00531", "00532", "00533", "00534", "00535", "00537", "00538", "00539", "00540",
    "00041", "00155", "00043", "00065", "00070", "00009", "00020",
)  # fmt: skip
DEMO_BY_KEY = {d.key: d for d in DEMO_EXAMINEES}


@dataclass
class Seeded:
    engine: Engine
    now: datetime
    summary: SeedSummary


def _seed(path: Path, now: datetime, size: int) -> Seeded:
    engine = make_engine("sqlite:///" + str(path))
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        summary = seed_database(db, SETTINGS, now, size)
    return Seeded(engine, now, summary)


@pytest.fixture(scope="module", params=[REF_NOW, UNRELEASED_NOW, LATER_NOW], ids=["ref", "unreleased", "later"])
def seeded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    result = _seed(tmp_path_factory.mktemp("seed") / "t.db", request.param, SIZE)
    yield result
    result.engine.dispose()


@pytest.fixture
def db(seeded: Seeded) -> Iterator[Session]:
    with Session(seeded.engine) as session:
        yield session


@pytest.fixture
def now(seeded: Seeded) -> datetime:
    return seeded.now


# --- helpers ---------------------------------------------------------------------------------


def examinee(db: Session, key: str) -> Examinee:
    return db.scalars(select(Examinee).where(Examinee.exam_no == DEMO_BY_KEY[key].exam_no)).one()


def scores_of(db: Session, person: Examinee) -> list[ScoreRecord]:
    return list(
        db.scalars(
            select(ScoreRecord)
            .where(ScoreRecord.examinee_id == person.id)
            .order_by(ScoreRecord.session_code, ScoreRecord.course_code)
        )
    )


def exempt_codes(db: Session, person: Examinee) -> set[str]:
    return set(db.scalars(select(Exemption.course_code).where(Exemption.examinee_id == person.id)))


def released_codes(db: Session, now: datetime) -> list[str]:
    return sorted(s.code for s in db.scalars(select(ExamSession)) if s.score_release <= now)


@dataclass
class Standing:
    counted: set[str]  # plan courses passed or exempted (a replaced code counts for its partner)
    credits: int
    missing_required: set[str]


def standing(db: Session, person: Examinee) -> Standing:
    done = {r.course_code for r in scores_of(db, person) if r.passed} | exempt_codes(db, person)
    for rep in db.scalars(select(CourseReplacement)):
        if rep.old_code in done or rep.new_code in done:
            done |= {rep.old_code, rep.new_code}
    plan_courses = person.plan.courses
    counted = {pc.course_code for pc in plan_courses if pc.course_code in done}
    credits = sum(pc.course.credits for pc in plan_courses if pc.course_code in counted)
    missing = {pc.course_code for pc in plan_courses if pc.required and pc.course_code not in counted}
    return Standing(counted, credits, missing)


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [tuple(row) for row in rows]
    return out


# --- reference data ----------------------------------------------------------------------------


def test_fourteen_prefectures_with_real_codes(db: Session) -> None:
    prefectures = {p.code: p for p in db.scalars(select(Prefecture))}
    assert {code: p.name for code, p in prefectures.items()} == PREFECTURES
    for pref in prefectures.values():
        assert len(pref.counties) >= 3, pref.name
        exam_no_codes = [c.exam_no_code for c in pref.counties]
        assert len(set(exam_no_codes)) == len(exam_no_codes)
        for county in pref.counties:
            assert re.fullmatch(r"\d{6}", county.code) and county.code.startswith(pref.code)
            assert re.fullmatch(r"\d{2}", county.exam_no_code)
    names = {c.code: c.name for c in db.scalars(select(County))}
    for code, name in {
        "430102": "芙蓉区", "430103": "天心区", "430104": "岳麓区", "430105": "开福区", "430111": "雨花区",
        "430121": "长沙县", "430181": "浏阳市", "430407": "石鼓区", "430481": "耒阳市", "433101": "吉首市",
        "430802": "永定区", "431302": "娄星区", "430682": "临湘市",
    }.items():  # fmt: skip
        assert names[code] == name


def test_exam_sites(db: Session) -> None:
    per_county = Counter(s.county_code for s in db.scalars(select(ExamSite)))
    assert set(per_county) == set(db.scalars(select(County.code)))
    assert all(1 <= n <= 3 for n in per_county.values())
    for site in db.scalars(select(ExamSite)):
        assert re.fullmatch(rf"{site.county_code}-\d{{2}}", site.code)
        assert 300 <= site.capacity <= 3000
        assert site.name.endswith("考点") and site.address.startswith("湖南省")


def test_universities(db: Session) -> None:
    assert {u.code: u.name for u in db.scalars(select(University))} == UNIVERSITIES


def test_courses(db: Session) -> None:
    courses = {c.code: c for c in db.scalars(select(Course))}
    assert set(DOMAIN_COURSES) <= set(courses)
    assert courses["03708"].name == "中国近现代史纲要" and courses["02331"].name == "数据结构"
    for course in courses.values():
        assert re.fullmatch(r"\d{5}", course.code)
        if course.kind is CourseKind.PRACTICE:
            assert course.theory_code is not None
            assert courses[course.theory_code].kind is CourseKind.THEORY
            assert 1 <= course.credits <= 3
        else:
            assert course.theory_code is None
        if course.kind is CourseKind.THESIS:
            assert 6 <= course.credits <= 8
    for theory in ("02331", "04735", "04737", "00051"):
        assert any(c.theory_code == theory for c in courses.values()), theory
    replacements = list(db.scalars(select(CourseReplacement)))
    assert len(replacements) >= 2
    assert ("03706", courses["13706"].code) in {(r.old_code, r.new_code) for r in replacements}
    assert courses["13706"].name == "思想道德修养与法治"


def test_majors_and_plans(db: Session) -> None:
    majors = list(db.scalars(select(Major)))
    assert len(majors) >= 8
    assert {m.level for m in majors} == {Level.DIPLOMA, Level.BACHELOR}
    assert sum(1 for m in majors if m.level is Level.BACHELOR) >= 6
    assert sum(1 for m in majors if len(m.plans) >= 2) >= 2
    for major in majors:
        assert major.university.name in UNIVERSITIES.values()
        assert sum(1 for p in major.plans if p.current) == 1, major.name


def test_every_plan_can_be_completed(db: Session) -> None:
    for plan in db.scalars(select(Plan)):
        bachelor = plan.major.level is Level.BACHELOR
        codes = {pc.course_code for pc in plan.courses}
        assert plan.min_credits >= 70
        assert plan.min_courses >= (13 if bachelor else 15)
        assert plan.requires_prior_diploma is bachelor
        assert sum(pc.course.credits for pc in plan.courses) >= plan.min_credits
        assert len(plan.courses) >= plan.min_courses
        assert any(pc.required for pc in plan.courses) and any(not pc.required for pc in plan.courses)
        theses = [pc for pc in plan.courses if pc.course.kind is CourseKind.THESIS]
        assert len(theses) == (1 if bachelor else 0)
        if bachelor:
            assert {"03708", "03709", "00015"} <= codes
            assert theses[0].required
        for pc in plan.courses:  # a practice course comes with its theory course
            if pc.course.kind is CourseKind.PRACTICE:
                assert pc.course.theory_code in codes


def test_sessions_and_timetables(db: Session, now: datetime) -> None:
    codes = [s.code for s in db.scalars(select(ExamSession).order_by(ExamSession.code))]
    assert codes == session_codes_around(now, SETTINGS, past=6, future=1)
    registrable = set(db.scalars(select(Course.code).where(Course.kind != CourseKind.THESIS)))
    slots = {name for name, _, _ in SETTINGS.exam_slots}
    all_plans = list(db.scalars(select(Plan)))
    for code in codes:
        entries = list(db.scalars(select(TimetableEntry).where(TimetableEntry.session_code == code)))
        per_course = Counter(e.course_code for e in entries)
        assert set(per_course) == registrable and set(per_course.values()) == {1}
        assert {e.slot for e in entries} <= slots
        slot_of = {e.course_code: e.slot for e in entries}
        for plan in all_plans:  # a plan's courses spread over all four slots
            use = Counter(slot_of[pc.course_code] for pc in plan.courses if pc.course_code in slot_of)
            assert set(use) == slots and max(use.values()) - min(use.values()) <= 1


# --- people ----------------------------------------------------------------------------------------


def test_id_numbers_are_valid_and_unique(db: Session, now: datetime) -> None:
    known = frozenset(db.scalars(select(County.code)))
    people = list(db.scalars(select(Examinee)))
    numbers = [p.id_number for p in people] + list(db.scalars(select(EnrolmentApplication.id_number)))
    assert len(set(numbers)) == len(numbers)
    for person in people:
        info = parse_id_number(person.id_number, known, today=now.date())
        assert info.birth_date == person.birth_date
        assert info.is_male == (person.gender is Gender.MALE)
        assert 16 <= (person.enrolled_at.date() - person.birth_date).days // 365 <= 60


def test_exam_nos_encode_prefecture_and_county(db: Session) -> None:
    people = list(db.scalars(select(Examinee)))
    exam_nos = [p.exam_no for p in people]
    assert len(set(exam_nos)) == len(exam_nos)
    for person in people:
        assert re.fullmatch(r"\d{12}", person.exam_no)
        assert person.exam_no[:2] == person.prefecture_code[2:]
        assert person.exam_no[2:4] == person.county.exam_no_code
        assert person.county.prefecture_code == person.prefecture_code
        assert person.exam_no[6] in "12"
        assert person.plan.major_id == person.major_id


def test_generated_term_digits_match_enrolment(db: Session) -> None:
    demo_nos = {d.exam_no for d in DEMO_EXAMINEES}
    for person in db.scalars(select(Examinee)):
        if person.exam_no in demo_nos:
            continue
        # enrolment runs in February (April session) or August (October session)
        month = person.enrolled_at.month
        assert month in (2, 8), person.enrolled_at
        assert person.exam_no[4:7] == f"{person.enrolled_at.year % 100:02d}{1 if month == 2 else 2}"


def test_phones_and_names(db: Session) -> None:
    people = list(db.scalars(select(Examinee)))
    phones = [p.phone for p in people]
    assert len(set(phones)) == len(phones)
    assert all(re.fullmatch(r"1[3-9]\d{9}", p) for p in phones)
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", p.name) for p in people)
    assert len(people) == len(DEMO_EXAMINEES) + SIZE


def test_score_records_follow_the_score_rules(db: Session, now: datetime) -> None:
    released = set(released_codes(db, now))
    plan_codes: dict[int, set[str]] = {}
    for plan in db.scalars(select(Plan)):
        plan_codes[plan.id] = {pc.course_code for pc in plan.courses}
    plan_of = {e.id: e.plan_id for e in db.scalars(select(Examinee))}
    records = list(db.scalars(select(ScoreRecord)))
    assert records
    for r in records:
        assert r.session_code in released
        assert r.course_code in plan_codes[plan_of[r.examinee_id]]
        kind = r.course.kind
        if r.absent:
            assert r.score is None and r.grade is None and not r.passed
        elif kind is CourseKind.PRACTICE:
            assert r.score is None and r.grade in ("合格", "不合格")
            assert r.passed == (r.grade == "合格")
        else:
            assert r.score is not None and 0 <= r.score <= 100
            assert r.passed == (r.score >= SETTINGS.pass_score)
            if kind is CourseKind.THEORY:
                assert r.grade is None
            else:
                band = {9: "优秀", 10: "优秀", 8: "良好", 7: "中等", 6: "合格"}.get(r.score // 10, "不合格")
                assert r.grade == band


def test_histories_follow_the_registration_rules(db: Session) -> None:
    slot_of = {(t.session_code, t.course_code): t.slot for t in db.scalars(select(TimetableEntry))}
    courses = {c.code: c for c in db.scalars(select(Course))}
    by_person: dict[int, list[ScoreRecord]] = defaultdict(list)
    for r in db.scalars(select(ScoreRecord).order_by(ScoreRecord.session_code)):
        by_person[r.examinee_id].append(r)
    exempt: dict[int, set[str]] = defaultdict(set)
    for ex in db.scalars(select(Exemption)):
        exempt[ex.examinee_id].add(ex.course_code)
    for person_id, records in by_person.items():
        per_session: dict[str, list[ScoreRecord]] = defaultdict(list)
        for r in records:
            if courses[r.course_code].kind is not CourseKind.THESIS:
                per_session[r.session_code].append(r)
        for code, sitting in per_session.items():
            assert len(sitting) <= SETTINGS.max_courses_per_session
            slots = [slot_of[(code, r.course_code)] for r in sitting]
            assert len(set(slots)) == len(slots), (person_id, code, slots)
        passed_in: dict[str, str] = {}
        for r in records:
            assert r.course_code not in exempt[person_id]
            assert r.course_code not in passed_in, "attempted again after a pass"
            theory = courses[r.course_code].theory_code
            if theory is not None and theory not in exempt[person_id]:
                # registered only after the theory course was passed, in an earlier session
                assert theory in passed_in and passed_in[theory] < r.session_code, (person_id, r.course_code)
            if r.passed:
                passed_in[r.course_code] = r.session_code


def test_passed_practice_always_has_a_passed_theory(db: Session) -> None:
    for r in db.scalars(select(ScoreRecord).where(ScoreRecord.passed)):
        theory = r.course.theory_code
        if theory is None:
            continue
        theory_passed = db.scalars(
            select(ScoreRecord).where(
                ScoreRecord.examinee_id == r.examinee_id,
                ScoreRecord.course_code == theory,
                ScoreRecord.passed,
                ScoreRecord.session_code <= r.session_code,
            )
        ).first()
        exempted = db.scalars(
            select(Exemption).where(Exemption.examinee_id == r.examinee_id, Exemption.course_code == theory)
        ).first()
        assert theory_passed is not None or exempted is not None


def test_exemptions_stay_within_the_limit(db: Session, now: datetime) -> None:
    rows = list(db.scalars(select(Exemption)))
    assert rows
    per_person: dict[int, int] = Counter()
    for ex in rows:
        person = db.get(Examinee, ex.examinee_id)
        assert person is not None
        assert ex.course_code in {pc.course_code for pc in person.plan.courses}
        assert person.enrolled_at <= ex.granted_at <= now
        per_person[person.id] += ex.course.credits
    for person_id, credits in per_person.items():
        person = db.get(Examinee, person_id)
        assert person is not None
        total = sum(pc.course.credits for pc in person.plan.courses)
        assert credits <= SETTINGS.max_exempted_credit_ratio * total


def test_enrolment_and_records_are_in_the_past(db: Session, now: datetime) -> None:
    for person in db.scalars(select(Examinee)):
        assert person.enrolled_at <= now
        first = db.scalars(
            select(ScoreRecord.session_code)
            .where(ScoreRecord.examinee_id == person.id)
            .order_by(ScoreRecord.session_code)
        ).first()
        if first is not None:
            session = db.get(ExamSession, first)
            assert session is not None and person.enrolled_at <= session.registration_open
            assert person.record_card_paid


# --- demo accounts ----------------------------------------------------------------------------------


def test_demo_accounts_exist(db: Session, now: datetime) -> None:
    kinds = Counter(a.kind for a in DEMO_ACCOUNTS)
    assert kinds == {"examinee": len(DEMO_EXAMINEES), "staff": 4, "applicant": 1}
    for account in DEMO_ACCOUNTS:
        assert account.name and account.description
        if account.kind == "staff":
            staff = db.scalars(select(StaffUser).where(StaffUser.username == account.account)).one()
            assert staff.name == account.name and staff.active
        elif account.kind == "examinee":
            person = db.scalars(select(Examinee).where(Examinee.exam_no == account.account)).one()
            assert person.name == account.name
        else:  # the applicant follows the enrolment with the ID number
            app = db.scalars(
                select(EnrolmentApplication).where(EnrolmentApplication.id_number == account.account)
            ).one()
            assert app.name == account.name and app.status is EnrolmentStatus.SUBMITTED
    roles = {s.username: (s.role, s.prefecture_code) for s in db.scalars(select(StaffUser))}
    assert roles["cs_clerk"] == (StaffRole.CLERK, "4301")
    assert roles["cs_reviewer"] == (StaffRole.REVIEWER, "4301")
    assert roles["admin"][0] is StaffRole.ADMIN
    assert roles["hy_clerk"] == (StaffRole.CLERK, "4304")


def test_every_account_shares_the_demo_password(db: Session) -> None:
    hashes = set(db.scalars(select(Examinee.password_hash))) | set(db.scalars(select(StaffUser.password_hash)))
    hashes |= set(db.scalars(select(EnrolmentApplication.password_hash)))
    assert len(hashes) == 1
    seeded = hashes.pop()
    assert verify_password(seeded, DEMO_PASSWORD)
    assert not needs_rehash(seeded, SETTINGS)  # made with the configured cost: no rehash at the first login


def test_pending_enrolment_application(db: Session, now: datetime) -> None:
    app = db.scalars(select(EnrolmentApplication)).one()
    upcoming = min((s for s in db.scalars(select(ExamSession)) if s.ticket_print_close > now), key=lambda s: s.code)
    assert app.status is EnrolmentStatus.SUBMITTED
    assert app.session_code == upcoming.code
    assert re.fullmatch(r"XS\d+", app.application_no)
    assert app.submitted_at <= now and app.decided_at is None and app.examinee_id is None
    assert app.photo and app.photo_name
    assert db.scalars(select(Examinee).where(Examinee.id_number == app.id_number)).first() is None


def test_first_timer(db: Session) -> None:
    person = examinee(db, "new")
    assert scores_of(db, person) == []
    assert not exempt_codes(db, person)
    assert not person.record_card_paid
    assert person.photo is not None and person.prefecture_code == "4301"


def test_midway_examinee(db: Session, now: datetime) -> None:
    person = examinee(db, "midway")
    records = scores_of(db, person)
    passed = {r.course_code for r in records if r.passed}
    assert len(passed) >= 3
    assert any(r.score is not None and r.score < SETTINGS.pass_score for r in records)
    absent = [r for r in records if r.absent]
    assert len(absent) == 1 and absent[0].score is None and not absent[0].passed
    courses = {pc.course_code: pc.course for pc in person.plan.courses}
    pending_practice = [
        c
        for c in courses.values()
        if c.kind is CourseKind.PRACTICE and c.theory_code in passed and c.code not in passed
    ]
    assert pending_practice
    assert person.record_card_paid
    assert records[-1].session_code == released_codes(db, now)[-1]
    st = standing(db, person)
    assert st.missing_required  # far from graduating


@pytest.mark.parametrize("key", ["bachelor_ready", "diploma_ready"])
def test_eligible_to_graduate(db: Session, key: str) -> None:
    person = examinee(db, key)
    plan = person.plan
    st = standing(db, person)
    assert st.missing_required == set()
    assert st.credits >= plan.min_credits
    assert len(st.counted) >= plan.min_courses
    assert person.record_status is RecordStatus.ACTIVE
    if person.major.level is Level.BACHELOR:
        assert person.prior_diploma_verified and plan.requires_prior_diploma
        thesis = [r for r in scores_of(db, person) if r.course.kind is CourseKind.THESIS and r.passed]
        assert len(thesis) == 1 and thesis[0].grade == "良好"
        assert exempt_codes(db, person)  # one course through an exemption
    else:
        assert person.major.level is Level.DIPLOMA


def test_locked_account(db: Session, now: datetime) -> None:
    person = examinee(db, "locked")
    assert person.failed_logins == SETTINGS.login_max_failures
    assert person.locked_until is not None and person.locked_until > now
    assert person.locked_until == now + timedelta(minutes=SETTINGS.login_lock_minutes)
    others = db.scalars(select(Examinee).where(Examinee.id != person.id, Examinee.locked_until.is_not(None)))
    assert others.first() is None


def test_examinee_with_exemptions_and_pending_practice(db: Session) -> None:
    person = examinee(db, "exempted")
    exempt = exempt_codes(db, person)
    assert len(exempt) >= 2
    passed = {r.course_code for r in scores_of(db, person) if r.passed} | exempt
    pending = [
        pc.course
        for pc in person.plan.courses
        if pc.course.kind is CourseKind.PRACTICE and pc.course.theory_code in passed and pc.course_code not in passed
    ]
    assert pending


def test_only_one_examinee_without_photo(db: Session) -> None:
    person = examinee(db, "no_photo")
    assert person.photo is None and person.photo_name is None
    assert person.prefecture_code == "4304"
    assert list(db.scalars(select(Examinee.id).where(Examinee.photo.is_(None)))) == [person.id]


def test_transferred_out(db: Session) -> None:
    person = examinee(db, "transferred")
    assert person.record_status is RecordStatus.TRANSFERRED_OUT
    assert any(r.passed for r in scores_of(db, person))


def test_old_plan_with_replaced_codes(db: Session) -> None:
    person = examinee(db, "old_plan")
    assert not person.plan.current
    passed = {r.course_code for r in scores_of(db, person) if r.passed}
    replaced = set(db.scalars(select(CourseReplacement.old_code)))
    assert passed & replaced


# --- photos -----------------------------------------------------------------------------------------


def test_photos_pass_the_upload_check(db: Session) -> None:
    photos = {p for p in db.scalars(select(Examinee.photo)) if p is not None}
    photos |= set(db.scalars(select(EnrolmentApplication.photo)))
    assert len(photos) >= SIZE  # everyone has their own picture
    for data in photos:
        assert len(data) <= SETTINGS.photo_max_bytes
        check_photo(data, SETTINGS)


def test_make_photo_is_deterministic() -> None:
    fresh = make_photo.__wrapped__  # bypass the cache
    first = fresh(42)
    assert first == fresh(42) and first != fresh(43)
    with Image.open(io.BytesIO(first)) as image:
        assert image.format == "JPEG" and image.size == (480, 640)


# --- determinism ----------------------------------------------------------------------------------------


def test_same_now_and_size_give_identical_databases(tmp_path: Path) -> None:
    first = _seed(tmp_path / "a.db", REF_NOW, 25)
    second = _seed(tmp_path / "b.db", REF_NOW, 25)
    other = _seed(tmp_path / "c.db", UNRELEASED_NOW, 25)
    try:
        assert first.summary == second.summary
        a, b, c = dump(first.engine), dump(second.engine), dump(other.engine)
        assert a == b
        assert a["examinees"] and a["score_records"]
        assert a["score_records"] != c["score_records"]  # ``now`` decides what is released
    finally:
        for seeded in (first, second, other):
            seeded.engine.dispose()


def test_summary_counts(seeded: Seeded) -> None:
    summary = seeded.summary
    assert (summary.prefectures, summary.sessions, summary.staff) == (14, 8, 4)
    assert summary.examinees == len(DEMO_EXAMINEES) + SIZE
    with Session(seeded.engine) as db:
        assert summary.counties == len(db.scalars(select(County.code)).all())
        assert summary.sites == len(db.scalars(select(ExamSite.id)).all())
        assert summary.courses == len(db.scalars(select(Course.code)).all())
        assert summary.plans == len(db.scalars(select(Plan.id)).all())
        assert summary.majors == len(db.scalars(select(Major.id)).all())
        assert summary.score_records == len(db.scalars(select(ScoreRecord.id)).all())
        assert summary.exemptions == len(db.scalars(select(Exemption.id)).all())
        assert db.scalars(select(PlanCourse)).first() is not None
