"""Health, reference data and the session calendar (no login needed)."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from backend_mock import __version__
from backend_mock.api.deps import CtxDep, SessionDep
from backend_mock.errors import NotFound
from backend_mock.models import ExamSession, Major, Plan, Prefecture
from backend_mock.reference_cache import cached
from backend_mock.schemas import (
    CalendarPublic,
    CountyPublic,
    DemoAccountPublic,
    HealthPublic,
    MajorPublic,
    PrefecturePublic,
    SessionCalendarPublic,
)
from backend_mock.settings import Mode

router = APIRouter(tags=["system"])


@router.get("/health", operation_id="system-health")
def health(ctx: CtxDep) -> HealthPublic:
    return HealthPublic(
        mode=ctx.settings.mode.value, version=__version__, server_time=ctx.clock.now(), clock_is_real=ctx.clock.is_real
    )


_REGIONS = TypeAdapter(list[PrefecturePublic])
_MAJORS = TypeAdapter(list[MajorPublic])


def _json(body: bytes) -> Response:
    return Response(body, media_type="application/json")


@router.get("/ref/regions", operation_id="system-regions", response_model=list[PrefecturePublic])
def regions(db: SessionDep) -> Response:
    """Read once, sent as kept (reference_cache.py)."""

    def build() -> bytes:
        rows = db.scalars(select(Prefecture).options(selectinload(Prefecture.counties)).order_by(Prefecture.code))
        return _REGIONS.dump_json(
            [
                PrefecturePublic(
                    code=p.code, name=p.name, counties=[CountyPublic(code=c.code, name=c.name) for c in p.counties]
                )
                for p in rows
            ]
        )

    return _json(cached(db, ("regions",), build))


@router.get("/ref/majors", operation_id="system-majors", response_model=list[MajorPublic])
def majors(db: SessionDep) -> Response:
    """Read once, sent as kept (reference_cache.py)."""

    def build() -> bytes:
        rows = db.execute(
            select(Major, Plan)
            .join(Plan, (Plan.major_id == Major.id) & Plan.current.is_(True))
            .options(selectinload(Major.university))
            .order_by(Major.level, Major.code)
        )
        return _MAJORS.dump_json(
            [
                MajorPublic(
                    id=m.id,
                    code=m.code,
                    name=m.name,
                    level=m.level.value,
                    university_name=m.university.name,
                    plan_version=p.version,
                )
                for m, p in rows
            ]
        )

    return _json(cached(db, ("majors",), build))


@router.get("/ref/calendar", operation_id="system-calendar")
def calendar(db: SessionDep, ctx: CtxDep) -> CalendarPublic:
    now = ctx.clock.now()
    sessions = list(db.scalars(select(ExamSession).order_by(ExamSession.code)))
    upcoming = next((s for s in sessions if s.ticket_print_close > now), sessions[-1])
    enrolling = next((s for s in sessions if s.enrolment_open <= now < s.enrolment_close), None)
    return CalendarPublic(
        server_time=now,
        upcoming=upcoming.code,
        enrolment_open_session=enrolling.code if enrolling else None,
        sessions=[SessionCalendarPublic.model_validate(s, from_attributes=True) for s in sessions],
    )


@router.get("/ref/demo-accounts", operation_id="system-demo_accounts")
def demo_accounts(ctx: CtxDep) -> list[DemoAccountPublic]:
    """The seeded demo accounts, shown on the login screen: demo mode only."""
    if ctx.settings.mode is not Mode.DEMO:
        raise NotFound("演示账号仅在演示模式下提供", code="not_demo")
    from backend_mock.seed import DEMO_ACCOUNTS, DEMO_PASSWORD

    return [
        DemoAccountPublic(
            account=a.account, kind=a.kind, name=a.name, description=a.description, password=DEMO_PASSWORD
        )
        for a in DEMO_ACCOUNTS
    ]
