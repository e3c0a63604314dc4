"""Tester time travel and named scenarios: one-click clock jumps and rebuilding the database.

A *jump* is a named point of a session's calendar (registration phase 1, ticket window, score
release ...).  Its instant is computed from the sessions' calendars (the ``exam_sessions`` rows,
which were built from the settings) and is always the *next* such point after "now", so pressing
a jump never moves the clock backwards.

A *scenario* is a fresh seed at a chosen instant: the database is emptied and seeded as if it
were that instant, and the clock is set there (running on).  "默认" is the seed at real time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend_mock.clock import CHINA_TZ
from backend_mock.models import AuthSession, Base, ExamSession
from backend_mock.notices.calendar import build_session, session_codes_around
from backend_mock.settings import Settings

Target = Callable[[ExamSession, Settings], datetime]


def _on(day: datetime, at: time) -> datetime:
    return datetime.combine(day.date(), at, tzinfo=CHINA_TZ)


@dataclass(frozen=True)
class JumpKind:
    name: str
    label: str
    target: Target


JUMP_KINDS: tuple[JumpKind, ...] = (
    JumpKind("enrolment", "新生报名开始", lambda s, _: s.enrolment_open + timedelta(hours=1)),
    JumpKind("registration_phase1", "报考第一阶段（仅本市州）", lambda s, _: s.registration_open + timedelta(hours=1)),
    JumpKind("registration_phase2", "报考第二阶段（全省）", lambda s, _: s.phase1_close + timedelta(hours=10)),
    JumpKind(
        "payment_cutoff",
        "当日缴费截止前5分钟",
        lambda s, st: _on(s.registration_open, st.payment_daily_cutoff) - timedelta(minutes=5),
    ),
    JumpKind("ticket_window", "准考证打印开放", lambda s, _: s.ticket_print_open + timedelta(hours=9)),
    JumpKind(
        "exam_day",
        "考试当天（周六 8:00）",
        lambda s, _: datetime.combine(s.exam_saturday, time(8, 0), tzinfo=CHINA_TZ),
    ),
    JumpKind("score_release", "成绩发布", lambda s, _: s.score_release + timedelta(minutes=5)),
    JumpKind("review_window", "成绩复核截止前1小时", lambda s, _: s.review_close - timedelta(hours=1)),
    JumpKind("graduation_window", "毕业申请开放", lambda s, _: s.graduation_open + timedelta(hours=1)),
)
JUMP_BY_NAME = {j.name: j for j in JUMP_KINDS}


@dataclass(frozen=True)
class Jump:
    name: str
    label: str
    session_code: str | None  # None: no seeded session has this point after now
    session_name: str | None
    at: datetime | None


def next_jump(kind: JumpKind, sessions: Iterable[ExamSession], settings: Settings, now: datetime) -> Jump:
    """The first point of ``kind`` after ``now`` among ``sessions``."""
    found = sorted(
        ((kind.target(s, settings), s) for s in sessions if kind.target(s, settings) > now), key=lambda p: p[0]
    )
    if not found:
        return Jump(kind.name, kind.label, None, None, None)
    at, session = found[0]
    return Jump(kind.name, kind.label, session.code, session.name, at)


def jumps(db: Session, settings: Settings, now: datetime) -> list[Jump]:
    sessions = list(db.scalars(select(ExamSession)))
    return [next_jump(kind, sessions, settings, now) for kind in JUMP_KINDS]


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    description: str
    jump: str | None  # where the clock goes (None: real time)
    seed_size: int


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("default", "默认", "真实时间；演示账号和 50 名随机考生（全新数据）", None, 50),
    Scenario("registration_peak", "报考高峰", "报考第一阶段开放1小时后；200 名随机考生", "registration_phase1", 200),
    Scenario("payment_cutoff", "缴费截止", "报考首日 22:55，5分钟后未缴费订单关闭", "payment_cutoff", 50),
    Scenario("exam_week", "考前一周", "准考证打印已开放，考场座位已可分配", "ticket_window", 50),
    Scenario("score_release", "成绩发布", "成绩刚发布，成绩复核期开始", "score_release", 50),
    Scenario("graduation", "毕业季", "毕业申请开放1小时后", "graduation_window", 50),
)
SCENARIO_BY_NAME = {s.name: s for s in SCENARIOS}


def scenario_instant(scenario: Scenario, settings: Settings, real_now: datetime) -> datetime | None:
    """Where ``scenario`` puts the clock, from the settings' calendar around the real time."""
    if scenario.jump is None:
        return None
    sessions = [build_session(code, settings) for code in session_codes_around(real_now, settings, 1, 2)]
    at = next_jump(JUMP_BY_NAME[scenario.jump], sessions, settings, real_now).at
    if at is None:  # cannot happen with two future sessions; say so rather than seed at random
        raise RuntimeError(f"no {scenario.jump} after {real_now}")
    return at


def empty_database(db: Session) -> int:
    """Delete every row of every table (children first); returns how many logins were ended."""
    ended = db.scalar(select(func.count()).select_from(AuthSession)) or 0
    for table in reversed(Base.metadata.sorted_tables):
        db.execute(table.delete())
    return ended
