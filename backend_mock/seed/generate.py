"""Fill an empty database with deterministic, realistic data.

Everything comes from the reference data in ``data.py``, the demo people in ``demo.py`` and
string-seeded ``random.Random`` instances: the same ``now`` and ``size`` always give the same
rows.  The real clock is never read; only ``now``.

Histories follow the rules of docs/rules.md#seed-data: at most ``max_courses_per_session`` courses per
session and never two in one timetable slot; a practice course only after its theory course was
passed (or exempted) in an earlier session; nothing retaken once passed; scores only for sessions
whose scores are released at ``now``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Integer, insert, text
from sqlalchemy.orm import Session

from backend_mock.auth.passwords import hash_password
from backend_mock.clock import CHINA_TZ
from backend_mock.idnumber import make_id_number
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
    StaffUser,
    TimetableEntry,
    University,
)
from backend_mock.notices.calendar import build_session, parse_session_code, session_code, session_codes_around
from backend_mock.seed.data import (
    COMPOUND_SURNAMES,
    COUNTIES,
    COURSE_LIST,
    COURSE_REPLACEMENTS,
    COURSES,
    EXAM_SITES,
    FEMALE_CHARS,
    MAJOR_BY_KEY,
    MAJORS,
    MALE_CHARS,
    PHONE_PREFIXES,
    PREFECTURE_OF_COUNTY,
    PREFECTURES,
    SLOTS,
    SURNAMES,
    UNIVERSITIES,
    MajorData,
    PlanData,
)
from backend_mock.seed.demo import (
    DEMO_APPLICANT,
    DEMO_EXAMINEES,
    DEMO_PASSWORD,
    DEMO_STAFF,
    Attempt,
    DemoExaminee,
    Outcome,
    make_exam_no,
)
from backend_mock.seed.graduation import seed_graduation
from backend_mock.seed.notices import insert_notices
from backend_mock.seed.orders import seed_past_orders
from backend_mock.seed.photos import make_photo
from backend_mock.seed.records import seed_records
from backend_mock.seed.scores import seed_reviews
from backend_mock.settings import Settings

# how many sessions before the first seeded one generated examinees may have enrolled in
ENROLMENT_LOOKBACK = 4
# weights of the prefectures (by code) and majors (by key) for generated examinees
PREFECTURE_WEIGHTS = {"4301": 6, "4304": 3, "4302": 2, "4303": 2, "4305": 2, "4306": 2, "4307": 2}
MAJOR_WEIGHTS = {
    "accounting_zk": 3, "chinese_zk": 2, "cs": 3, "accounting": 3, "law": 2, "chinese": 2, "nursing": 2,
    "business": 2,
}  # fmt: skip
EXEMPTION_BASES = {
    "00015": "大学英语四级证书（CET-4，425分以上）",
    "00018": "全国计算机等级考试（NCRE）一级证书",
}
THESIS_GRADES = ((90, "优秀"), (80, "良好"), (70, "中等"))
# generated examinees share this many different photos: drawing and encoding a JPEG is most of
# the cost of a large seed (100,000 examinees: ~7 minutes with a photo each, ~1 with the pool)
GENERATED_PHOTO_VARIETY = 200


class SeedError(RuntimeError):
    """The seed data contradicts itself (a bug in the seed, never in the caller's input)."""


@dataclass(frozen=True)
class SeedSummary:
    prefectures: int
    counties: int
    sites: int
    universities: int
    majors: int
    plans: int
    courses: int
    sessions: int
    examinees: int
    staff: int
    enrolment_applications: int
    score_records: int
    exemptions: int


@cache
def demo_password_hash(settings: Settings) -> str:
    """The argon2 hash of ``DEMO_PASSWORD`` with the configured cost, computed once per process
    and cost (argon2 is slow on purpose)."""
    return hash_password(DEMO_PASSWORD, settings)


# --------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------


def as_china_time(moment: datetime) -> datetime:
    """Aware China time; a naive ``moment`` is taken as China time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ)


def shift_session(code: str, n: int) -> str:
    """The session ``n`` sessions after (n > 0) or before (n < 0) ``code``."""
    year, month = parse_session_code(code)
    index = year * 2 + (0 if month == 4 else 1) + n
    return session_code(index // 2, 4 if index % 2 == 0 else 10)


def term_of(code: str) -> str:
    """The three term digits of an exam_no: YY + 1 (April) or 2 (October)."""
    year, month = parse_session_code(code)
    return f"{year % 100:02d}{1 if month == 4 else 2}"


def session_of_term(term: str) -> str:
    return session_code(2000 + int(term[:2]), 4 if term[2] == "1" else 10)


def thesis_grade(score: int, settings: Settings) -> str:
    for floor, grade in THESIS_GRADES:
        if score >= floor:
            return grade
    return "合格" if score >= settings.pass_score else "不合格"


def result_fields(course_code: str, outcome: Outcome, settings: Settings) -> dict[str, Any]:
    """The score, grade, absent and passed columns of one result."""
    course = COURSES[course_code]
    if outcome == "A":
        return {"score": None, "grade": None, "absent": True, "passed": False}
    if course.kind is CourseKind.PRACTICE:
        if outcome not in ("P", "F"):
            raise SeedError(f"practice course {course_code} takes 合格/不合格, not {outcome!r}")
        ok = outcome == "P"
        return {"score": None, "grade": "合格" if ok else "不合格", "absent": False, "passed": ok}
    if not isinstance(outcome, int) or not 0 <= outcome <= 100:
        raise SeedError(f"course {course_code} takes a score 0..100, not {outcome!r}")
    grade = thesis_grade(outcome, settings) if course.kind is CourseKind.THESIS else None
    return {"score": outcome, "grade": grade, "absent": False, "passed": outcome >= settings.pass_score}


def passes(course_code: str, outcome: Outcome, settings: Settings) -> bool:
    return bool(result_fields(course_code, outcome, settings)["passed"])


# --------------------------------------------------------------------------------------------
# catalog
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanInfo:
    id: int
    major_id: int
    major: MajorData
    plan: PlanData

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.plan.courses]

    @property
    def required(self) -> frozenset[str]:
        return frozenset(code for code, required in self.plan.courses if required)

    @property
    def exam_codes(self) -> list[str]:
        """The plan's courses that sit in a timetable slot (all but the thesis)."""
        return [c for c in self.codes if COURSES[c].kind is not CourseKind.THESIS]

    @property
    def thesis_code(self) -> str | None:
        return next((c for c in self.codes if COURSES[c].kind is CourseKind.THESIS), None)

    @property
    def total_credits(self) -> int:
        return sum(COURSES[c].credits for c in self.codes)


def catalog_plans() -> list[PlanInfo]:
    """Every plan with the ids the seed gives it (majors and plans numbered from 1 in data order)."""
    plans: list[PlanInfo] = []
    for major_id, major in enumerate(MAJORS, start=1):
        for plan in major.plans:
            plans.append(PlanInfo(len(plans) + 1, major_id, major, plan))
    return plans


def _insert_catalog(db: Session, plans: Sequence[PlanInfo]) -> None:
    db.execute(insert(Prefecture), [{"code": p.code, "name": p.name} for p in PREFECTURES])
    db.execute(
        insert(County),
        [
            {"code": c.code, "name": c.name, "prefecture_code": p.code, "exam_no_code": c.exam_no_code}
            for p in PREFECTURES
            for c in p.counties
        ],
    )
    db.execute(
        insert(ExamSite),
        [
            {
                "id": i,
                "code": s.code,
                "name": s.name,
                "address": s.address,
                "county_code": s.county_code,
                "capacity": s.capacity,
            }
            for i, s in enumerate(EXAM_SITES, start=1)
        ],
    )
    db.execute(insert(University), [{"code": code, "name": name} for code, name in UNIVERSITIES.items()])
    # theory courses first: a practice course refers to its theory course
    ordered = sorted(COURSE_LIST, key=lambda c: c.kind is CourseKind.PRACTICE)
    db.execute(
        insert(Course),
        [
            {"code": c.code, "name": c.name, "credits": c.credits, "kind": c.kind, "theory_code": c.theory_code}
            for c in ordered
        ],
    )
    db.execute(insert(CourseReplacement), [{"old_code": o, "new_code": n} for o, n in COURSE_REPLACEMENTS])
    db.execute(
        insert(Major),
        [
            {"id": i, "code": m.code, "name": m.name, "level": m.level, "university_code": m.university_code}
            for i, m in enumerate(MAJORS, start=1)
        ],
    )
    db.execute(
        insert(Plan),
        [
            {
                "id": p.id,
                "major_id": p.major_id,
                "version": p.plan.version,
                "min_credits": p.plan.min_credits,
                "min_courses": p.plan.min_courses,
                "requires_prior_diploma": p.plan.requires_prior_diploma,
                "current": p.plan.current,
            }
            for p in plans
        ],
    )
    db.execute(
        insert(PlanCourse),
        [
            {"plan_id": p.id, "course_code": code, "required": required, "position": pos}
            for p in plans
            for pos, (code, required) in enumerate(p.plan.courses, start=1)
        ],
    )


# --------------------------------------------------------------------------------------------
# sessions and timetables
# --------------------------------------------------------------------------------------------


def build_timetable(code: str, plans: Sequence[PlanInfo]) -> dict[str, str]:
    """Course code -> slot for every course that can be registered (not theses) in session ``code``.

    Plans are filled in turn (current plans first, biggest first): each course not placed yet goes
    to the slot holding the fewest courses of that plan.  Courses shared by several plans can
    leave a plan lopsided, so single courses are then moved while that evens out the plans (the
    sum over plans of the squared number of courses per slot goes down).  Course order and
    tie-breaks depend on the session, so the timetable changes from one session to the next.
    """
    rng = random.Random(f"timetable-{code}")
    rotation = rng.randrange(len(SLOTS))
    slots = SLOTS[rotation:] + SLOTS[:rotation]
    placed: dict[str, str] = {}
    ordered_plans = sorted(plans, key=lambda p: (not p.plan.current, -len(p.exam_codes), p.id))
    for plan in ordered_plans:
        counts = Counter(placed[c] for c in plan.exam_codes if c in placed)
        order = plan.exam_codes
        rng.shuffle(order)
        for course in order:
            if course not in placed:
                slot = min(slots, key=lambda s: counts[s])
                placed[course] = slot
                counts[slot] += 1

    plans_of: dict[str, list[int]] = {}
    for plan in plans:
        for course in plan.exam_codes:
            plans_of.setdefault(course, []).append(plan.id)
    load = {p.id: Counter(placed[c] for c in p.exam_codes) for p in plans}
    movable = sorted(plans_of)
    rng.shuffle(movable)
    improved = True
    while improved:
        improved = False
        for course in movable:
            here = placed[course]
            for there in slots:
                # change of the sum of squares when the course moves from ``here`` to ``there``
                delta = sum(2 * (load[p][there] - load[p][here] + 1) for p in plans_of[course])
                if there != here and delta < 0:
                    for p in plans_of[course]:
                        load[p][here] -= 1
                        load[p][there] += 1
                    placed[course] = here = there
                    improved = True

    leftovers = [c.code for c in COURSE_LIST if c.kind is not CourseKind.THESIS and c.code not in placed]
    for i, course in enumerate(leftovers):
        placed[course] = slots[i % len(slots)]
    return placed


@dataclass(frozen=True)
class Calendar:
    """The seeded sessions, oldest first, and which of them matter at ``now``."""

    sessions: tuple[ExamSession, ...]
    upcoming_index: int  # the first session whose exams have not ended at now
    released: tuple[str, ...]  # sessions whose scores are out at now, oldest first

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.sessions]

    @property
    def upcoming(self) -> ExamSession:
        return self.sessions[self.upcoming_index]


def _make_calendar(settings: Settings, now: datetime) -> Calendar:
    codes = session_codes_around(now, settings, past=6, future=1)
    sessions = tuple(build_session(c, settings) for c in codes)
    upcoming = next(i for i, s in enumerate(sessions) if s.ticket_print_close > now)
    released = tuple(s.code for s in sessions if s.score_release <= now)
    return Calendar(sessions, upcoming, released)


# --------------------------------------------------------------------------------------------
# people
# --------------------------------------------------------------------------------------------


def _schedule_demo(
    person: DemoExaminee,
    sessions: Sequence[str],
    timetable: dict[str, dict[str, str]],
    settings: Settings,
) -> list[tuple[str, Attempt]]:
    """Place every attempt of a demo history in one of ``sessions``, keeping to the rules.

    A small depth-first search: attempts of one course in the order given, a practice course
    after a session in which its theory course was passed, at most ``per_session`` courses and
    one course per slot in a session; the thesis (``last_session_only``) in the last session.
    Sessions are tried least loaded first so the history spreads out, and when
    ``needs_latest_session`` is set the last session must hold at least one result.
    """
    attempts = person.history
    exempt = {code for code, _ in person.exemptions}
    cap = min(person.per_session, settings.max_courses_per_session)
    last = len(sessions) - 1
    # for each attempt: the attempts it must come after (earlier try of the course, passed theory)
    after: list[list[int]] = []
    for i, attempt in enumerate(attempts):
        course = COURSES[attempt.course_code]
        earlier = [j for j in range(i) if attempts[j].course_code == course.code]
        if any(passes(course.code, attempts[j].outcome, settings) for j in earlier):
            raise SeedError(f"demo {person.key}: {course.code} is attempted again after a pass")
        if course.theory_code and course.theory_code not in exempt:
            theory_pass = [
                j
                for j in range(i)
                if attempts[j].course_code == course.theory_code
                and passes(course.theory_code, attempts[j].outcome, settings)
            ]
            if not theory_pass:
                raise SeedError(f"demo {person.key}: practice {course.code} before its theory is passed")
            earlier.append(theory_pass[0])
        after.append(earlier)

    placed: list[int] = [-1] * len(attempts)
    load = [0] * len(sessions)
    used: list[set[str]] = [set() for _ in sessions]
    budget = [200_000]

    def place(i: int) -> bool:
        budget[0] -= 1
        if budget[0] < 0:
            return False
        if i == len(attempts):
            return not person.needs_latest_session or load[last] > 0 or not sessions
        attempt = attempts[i]
        course = COURSES[attempt.course_code]
        lowest = max((placed[j] + 1 for j in after[i]), default=0)
        if attempt.last_session_only:
            choices = [last] if lowest <= last else []
        else:
            choices = sorted(range(lowest, len(sessions)), key=lambda s: (load[s], s))
        for s in choices:
            slot = None if course.kind is CourseKind.THESIS else timetable[sessions[s]][course.code]
            if slot is not None and (load[s] >= cap or slot in used[s]):
                continue
            placed[i] = s
            if slot is not None:
                load[s] += 1
                used[s].add(slot)
            if place(i + 1):
                return True
            placed[i] = -1
            if slot is not None:
                load[s] -= 1
                used[s].discard(slot)
        return False

    if not place(0):
        raise SeedError(f"demo {person.key}: its history does not fit into {list(sessions)}")
    order = sorted(range(len(attempts)), key=lambda i: (placed[i], i))
    return [(sessions[placed[i]], attempts[i]) for i in order]


def _random_outcome(rng: random.Random, course_code: str) -> Outcome:
    if rng.random() < 0.06:
        return "A"
    if COURSES[course_code].kind is CourseKind.PRACTICE:
        return "P" if rng.random() < 0.8 else "F"
    return max(0, min(100, round(rng.gauss(65, 13))))


def _random_history(
    rng: random.Random,
    plan: PlanInfo,
    sessions: Sequence[str],
    timetable: dict[str, dict[str, str]],
    exempt: set[str],
    settings: Settings,
) -> list[tuple[str, str, Outcome]]:
    """A plausible history: (session, course, outcome), registration rules kept."""
    passed = set(exempt)
    exam_codes = plan.exam_codes
    thesis = plan.thesis_code
    diligence = rng.uniform(0.45, 0.95)  # how often this person sits a session at all
    out: list[tuple[str, str, Outcome]] = []
    for code in sessions:
        if rng.random() > diligence:
            continue
        want = min(rng.choice((1, 2, 2, 3, 3, 4)), settings.max_courses_per_session)
        candidates = [
            c
            for c in exam_codes
            if c not in passed and (COURSES[c].theory_code is None or COURSES[c].theory_code in passed)
        ]
        rng.shuffle(candidates)
        candidates.sort(key=lambda c: c not in plan.required)  # required courses first
        used_slots: set[str] = set()
        newly_passed: set[str] = set()
        for course in candidates:
            if len(used_slots) >= want:
                break
            slot = timetable[code][course]
            if slot in used_slots:
                continue
            used_slots.add(slot)
            outcome = _random_outcome(rng, course)
            out.append((code, course, outcome))
            if passes(course, outcome, settings):
                newly_passed.add(course)
        done = sum(1 for c in exam_codes if c in passed)
        if thesis and thesis not in passed and done >= 0.6 * len(exam_codes) and rng.random() < 0.5:
            score = max(0, min(100, round(rng.gauss(77, 9))))
            out.append((code, thesis, score))
            if passes(thesis, score, settings):
                newly_passed.add(thesis)
        passed |= newly_passed
    return out


class _People:
    """Collects examinee, score and exemption rows, keeping numbers unique."""

    def __init__(
        self,
        settings: Settings,
        now: datetime,
        calendar: Calendar,
        timetable: dict[str, dict[str, str]],
        plans: Sequence[PlanInfo],
        password_hash: str,
    ) -> None:
        self.settings = settings
        self.now = now
        self.calendar = calendar
        self.timetable = timetable
        self.plans = {(p.major.key, p.plan.version): p for p in plans}
        self.password_hash = password_hash
        self.examinees: list[dict[str, Any]] = []
        self.scores: list[dict[str, Any]] = []
        self.exemptions: list[dict[str, Any]] = []
        self.exam_nos: set[str] = set()
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()
        self._serials: Counter[str] = Counter()
        self._sessions: dict[str, ExamSession] = {s.code: s for s in calendar.sessions}

    # --- shared pieces -------------------------------------------------------------------------

    def session(self, code: str) -> ExamSession:
        if code not in self._sessions:
            self._sessions[code] = build_session(code, self.settings)
        return self._sessions[code]

    def claim(self, kind: str, value: str) -> str:
        pool = {"exam_no": self.exam_nos, "id_number": self.id_numbers, "phone": self.phones}[kind]
        if value in pool:
            raise SeedError(f"duplicate {kind} {value}")
        pool.add(value)
        return value

    def next_exam_no(self, county_code: str, term: str) -> str:
        prefix = make_exam_no(county_code, term, 0)[:7]
        while True:
            self._serials[prefix] += 1
            candidate = make_exam_no(county_code, term, 100 + self._serials[prefix])
            if candidate not in self.exam_nos:
                return self.claim("exam_no", candidate)

    def new_id_number(self, rng: random.Random, area: str, birth: date, male: bool) -> str:
        while True:
            candidate = make_id_number(area, birth, rng.randrange(100), male)
            if candidate not in self.id_numbers:
                return self.claim("id_number", candidate)

    def new_phone(self, rng: random.Random) -> str:
        while True:
            candidate = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"
            if candidate not in self.phones:
                return self.claim("phone", candidate)

    def add_results(self, examinee_id: int, results: Sequence[tuple[str, str, Outcome]]) -> None:
        for session_code_, course_code, outcome in results:
            if self.session(session_code_).score_release > self.now:
                raise SeedError(f"scores of {session_code_} are not released at {self.now}")
            self.scores.append(
                {
                    "id": len(self.scores) + 1,
                    "examinee_id": examinee_id,
                    "course_code": course_code,
                    "session_code": session_code_,
                    **result_fields(course_code, outcome, self.settings),
                }
            )

    def add_exemption(self, examinee_id: int, course_code: str, basis: str, granted_at: datetime) -> None:
        self.exemptions.append(
            {
                "id": len(self.exemptions) + 1,
                "examinee_id": examinee_id,
                "course_code": course_code,
                "basis": basis,
                "granted_at": granted_at,
            }
        )

    def _examinee_row(self, **values: Any) -> dict[str, Any]:
        county = values["county_code"]
        row: dict[str, Any] = {
            "id": len(self.examinees) + 1,
            "prefecture_code": PREFECTURE_OF_COUNTY[county].code,
            "password_hash": self.password_hash,
            "failed_logins": 0,
            "locked_until": None,
            "record_status": RecordStatus.ACTIVE,
            "prior_diploma_verified": False,
            **values,
        }
        self.examinees.append(row)
        return row

    # --- demo examinees ------------------------------------------------------------------------

    def add_demo(self, person: DemoExaminee, photo_seed: int) -> None:
        plan = self.plans[(person.major_key, person.plan_version)]
        released = list(self.calendar.released)
        start, stop = person.sessions
        sessions = released[start:stop]
        history = _schedule_demo(person, sessions, self.timetable, self.settings) if person.history else []
        if person.needs_latest_session and not any(code == released[-1] for code, _ in history):
            raise SeedError(f"demo {person.key} has no result in the latest released session {released[-1]}")
        for _, attempt in history:
            if attempt.course_code not in plan.codes:
                raise SeedError(f"demo {person.key}: {attempt.course_code} is not in its plan")

        enrolled_at = self.session(session_of_term(person.term)).enrolment_open + timedelta(hours=2)
        if history:
            enrolled_at = min(enrolled_at, self.session(history[0][0]).enrolment_open + timedelta(hours=2))
        if enrolled_at > self.now:
            enrolled_at = self.now - timedelta(days=3)

        photo_rng = random.Random(f"photo-{person.exam_no}")
        row = self._examinee_row(
            exam_no=self.claim("exam_no", person.exam_no),
            id_number=self.claim("id_number", person.id_number),
            name=person.name,
            gender=person.gender,
            birth_date=person.birth,
            phone=self.claim("phone", person.phone),
            county_code=person.county_code,
            major_id=plan.major_id,
            plan_id=plan.id,
            photo=make_photo(photo_seed) if person.photo else None,
            photo_name=f"photo-{photo_rng.getrandbits(96):024x}.jpg" if person.photo else None,
            record_status=person.record_status,
            prior_diploma_verified=person.prior_diploma_verified,
            record_card_paid=bool(history),
            enrolled_at=enrolled_at,
        )
        if person.locked:
            row["failed_logins"] = self.settings.login_max_failures
            row["locked_until"] = self.now + timedelta(minutes=self.settings.login_lock_minutes)
        granted_at = min(enrolled_at + timedelta(days=30), self.now - timedelta(hours=1))
        for course_code, basis in person.exemptions:
            self.add_exemption(row["id"], course_code, basis, granted_at)
        self.add_results(row["id"], [(code, a.course_code, a.outcome) for code, a in history])

    # --- generated examinees -------------------------------------------------------------------

    def add_generated(self, index: int) -> None:
        rng = random.Random(f"examinee-{index}")
        cal = self.calendar
        codes = cal.codes

        pref = rng.choices(PREFECTURES, weights=[PREFECTURE_WEIGHTS.get(p.code, 1) for p in PREFECTURES])[0]
        county = rng.choice(pref.counties)
        major = MAJOR_BY_KEY[rng.choices(list(MAJOR_WEIGHTS), weights=list(MAJOR_WEIGHTS.values()))[0]]

        # enrolment: from a few sessions before the seeded ones up to the upcoming session
        last = cal.upcoming_index if cal.upcoming.enrolment_open <= self.now else cal.upcoming_index - 1
        k = rng.randint(-ENROLMENT_LOOKBACK, last)
        term_session = self.session(shift_session(codes[0], k) if k < 0 else codes[k])
        window = int((term_session.enrolment_close - term_session.enrolment_open).total_seconds())
        enrolled_at = term_session.enrolment_open + timedelta(seconds=rng.randrange(window))
        if enrolled_at > self.now:
            enrolled_at = self.now - timedelta(minutes=rng.randrange(60, 72 * 60))

        old_plans = [p for p in major.plans if not p.current]
        plan_data = old_plans[-1] if old_plans and k < 0 and rng.random() < 0.5 else major.current_plan
        plan = self.plans[(major.key, plan_data.version)]

        female_share = 0.85 if major.key == "nursing" else 0.5
        gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        name = self._name(rng, gender)
        age = 19 + min(26, int(abs(rng.gauss(0, 7))))
        birth = date(enrolled_at.year - age, 1, 1) + timedelta(days=rng.randrange(365))
        area = county.code if rng.random() < 0.8 else rng.choice(sorted(COUNTIES))

        exempt: dict[str, str] = {}
        if rng.random() < 0.08:
            for course_code in ("00015", "00018"):
                if course_code in plan.codes:
                    exempt[course_code] = EXEMPTION_BASES[course_code]
        released = [c for c in cal.released if codes.index(c) >= k]
        history = _random_history(rng, plan, released, self.timetable, set(exempt), self.settings)
        unreleased_past = [s.code for s in cal.sessions[: cal.upcoming_index] if s.code not in cal.released]
        card_paid = bool(history) or term_session.code in unreleased_past

        row = self._examinee_row(
            exam_no=self.next_exam_no(county.code, term_of(term_session.code)),
            id_number=self.new_id_number(rng, area, birth, gender is Gender.MALE),
            name=name,
            gender=gender,
            birth_date=birth,
            phone=self.new_phone(rng),
            county_code=county.code,
            major_id=plan.major_id,
            plan_id=plan.id,
            photo=make_photo(1000 + index % GENERATED_PHOTO_VARIETY),
            photo_name=f"photo-{rng.getrandbits(96):024x}.jpg",
            prior_diploma_verified=major.level is Level.BACHELOR and rng.random() < 0.92,
            record_card_paid=card_paid,
            enrolled_at=enrolled_at,
        )
        granted_at = min(enrolled_at + timedelta(days=rng.randint(20, 60)), self.now - timedelta(hours=1))
        for course_code, basis in exempt.items():
            self.add_exemption(row["id"], course_code, basis, granted_at)
        self.add_results(row["id"], history)

    @staticmethod
    def _name(rng: random.Random, gender: Gender) -> str:
        surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.02 else rng.choice(SURNAMES)
        chars = FEMALE_CHARS if gender is Gender.FEMALE else MALE_CHARS
        given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
        return surname + given


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def seed_database(db: Session, settings: Settings, now: datetime, size: int = 50) -> SeedSummary:
    """Insert the reference data, sessions, timetables, demo accounts and ``size`` generated
    examinees into an empty database (tables already created), and commit."""
    if size < 0:
        raise ValueError("size must not be negative")
    now = as_china_time(now)
    password_hash = demo_password_hash(settings)
    plans = catalog_plans()
    _insert_catalog(db, plans)

    calendar = _make_calendar(settings, now)
    if not calendar.released:
        raise SeedError(f"no session with released scores around {now}")
    db.add_all(calendar.sessions)
    db.flush()
    timetable = {code: build_timetable(code, plans) for code in calendar.codes}
    db.execute(
        insert(TimetableEntry),
        [
            {"session_code": code, "course_code": course, "slot": slot}
            for code in calendar.codes
            for course, slot in sorted(timetable[code].items())
        ],
    )

    people = _People(settings, now, calendar, timetable, plans, password_hash)
    # the applicant's numbers are taken before anyone is generated
    people.claim("id_number", DEMO_APPLICANT.id_number)
    people.claim("phone", DEMO_APPLICANT.phone)
    for number, person in enumerate(DEMO_EXAMINEES, start=1):
        people.add_demo(person, photo_seed=number)
    for index in range(size):
        people.add_generated(index)
    if people.examinees:
        db.execute(insert(Examinee), people.examinees)
    if people.scores:
        db.execute(insert(ScoreRecord), people.scores)
    if people.exemptions:
        db.execute(insert(Exemption), people.exemptions)
    seed_past_orders(db, settings, people.examinees, people.scores, timetable)

    db.execute(
        insert(StaffUser),
        [
            {
                "id": i,
                "username": s.username,
                "name": s.name,
                "role": s.role,
                "prefecture_code": s.prefecture_code,
                "password_hash": password_hash,
            }
            for i, s in enumerate(DEMO_STAFF, start=1)
        ],
    )
    _insert_application(db, calendar, now, plans, password_hash)
    db.flush()
    seed_reviews(db, settings, now)
    insert_notices(db, now, calendar.sessions)
    seed_records(db, now)
    seed_graduation(db, now)
    advance_id_sequences(db)
    db.commit()

    return SeedSummary(
        prefectures=len(PREFECTURES),
        counties=len(COUNTIES),
        sites=len(EXAM_SITES),
        universities=len(UNIVERSITIES),
        majors=len(MAJORS),
        plans=len(plans),
        courses=len(COURSE_LIST),
        sessions=len(calendar.sessions),
        examinees=len(people.examinees),
        staff=len(DEMO_STAFF),
        enrolment_applications=1,
        score_records=len(people.scores),
        exemptions=len(people.exemptions),
    )


def _insert_application(
    db: Session, calendar: Calendar, now: datetime, plans: Sequence[PlanInfo], password_hash: str
) -> None:
    """The one enrolment application waiting for the prefecture office."""
    applicant = DEMO_APPLICANT
    upcoming = calendar.upcoming
    major = MAJOR_BY_KEY[applicant.major_key]
    major_id = next(p.major_id for p in plans if p.major.key == major.key)
    submitted_at = min(upcoming.enrolment_open + timedelta(hours=3), now - timedelta(hours=5))
    photo_rng = random.Random(f"photo-{applicant.id_number}")
    db.execute(
        insert(EnrolmentApplication),
        [
            {
                "id": 1,
                "application_no": f"XS{upcoming.code.replace('-', '')}0001",
                "status": EnrolmentStatus.SUBMITTED,
                "name": applicant.name,
                "id_number": applicant.id_number,
                "gender": applicant.gender,
                "birth_date": applicant.birth,
                "phone": applicant.phone,
                "prefecture_code": PREFECTURE_OF_COUNTY[applicant.county_code].code,
                "county_code": applicant.county_code,
                "major_id": major_id,
                "password_hash": password_hash,
                "photo": make_photo(999),
                "photo_name": f"photo-{photo_rng.getrandbits(96):024x}.jpg",
                "session_code": upcoming.code,
                "submitted_at": submitted_at,
                "decided_at": None,
                "decided_by": None,
                "reason": None,
                "examinee_id": None,
            }
        ],
    )


def advance_id_sequences(db: Session) -> None:
    """Move PostgreSQL's id sequences past the ids the seed wrote explicitly (SQLite needs nothing:
    it takes the largest id + 1); without this the first row a request inserts collides with id 1."""
    if db.get_bind().dialect.name != "postgresql":
        return

    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        db.execute(
            text(
                f'SELECT setval(seq, COALESCE((SELECT MAX("{pk[0].name}") FROM "{table.name}"), 0) + 1, false) '
                "FROM (SELECT pg_get_serial_sequence(:table, :column) AS seq) AS s WHERE seq IS NOT NULL"
            ),
            {"table": f'"{table.name}"', "column": pk[0].name},
        )
