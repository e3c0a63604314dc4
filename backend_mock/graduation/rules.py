"""毕业申请 rules: who may graduate (eligibility, each missing piece named), when applications are
taken (the window on the server clock, or the next one's dates), and what a draft must hold
(resume, self-assessment, materials; the photo by the photo rules).

Eligibility is derived from ``scores.service.progress`` (the same count of passed and exempted
courses the 学习进度 tab shows), plus the two things progress does not know: the record status
and, for 本科, the verified prior 专科 diploma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock import reference
from backend_mock.clock import CHINA_TZ
from backend_mock.context import AppContext
from backend_mock.errors import Conflict, NotFound, Unprocessable
from backend_mock.graduation.schemas import (
    EligibilityPublic,
    GraduationDraft,
    MissingCoursePublic,
    MissingReasonPublic,
    ReasonCode,
    ResumeEntry,
    WindowPublic,
)
from backend_mock.i18n import Msg, enumeration
from backend_mock.models import (
    Examinee,
    ExamSession,
    GraduationApplication,
    RecordStatus,
)
from backend_mock.photos import UploadError, check_photo
from backend_mock.records import uploads
from backend_mock.scores import service as scores
from backend_mock.scores.schemas import RemainingCoursePublic
from backend_mock.settings import Settings

#: a plan's level in words
LEVEL_TEXT = {"本科": Msg("本科"), "专科": Msg("专科")}
MATERIAL_TEXT = {
    "id_copy": Msg("身份证复印件"),
    "prior_diploma": Msg("前置学历（专科）毕业证书复印件"),
    "photo": Msg("浅蓝底证件照"),
    "receipt": Msg("签字确认的毕业申请回执"),
}

_YEAR_MONTH = re.compile(r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$")  # ASCII digits (\d takes every script's)


# --- eligibility -------------------------------------------------------------------------------------------


def _plan(db: Session, examinee: Examinee) -> reference.PlanInfo:
    plan = reference.plan_info(db, examinee.plan_id)
    if plan is None:
        raise NotFound("未找到您的专业计划，请联系自考办", code="plan_not_found")
    return plan


def _courses(rows: list[RemainingCoursePublic]) -> list[MissingCoursePublic]:
    return [MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in rows]


def _reason(code: ReasonCode, text: Msg, **fields: Any) -> MissingReasonPublic:
    """A missing piece whose ``text`` stays a ``Msg`` (validation would make it a plain str)."""
    return MissingReasonPublic(code=code, text=text, **fields).model_copy(update={"text": text})


def eligibility(db: Session, ctx: AppContext, examinee: Examinee) -> EligibilityPublic:
    """Whether ``examinee`` may graduate now, and if not, each missing piece (commits: reads only)."""
    progress = scores.progress(db, ctx, examinee)
    plan = _plan(db, examinee)
    reasons: list[MissingReasonPublic] = []
    if examinee.record_status is RecordStatus.TRANSFERRED_OUT:
        reasons.append(_reason("record_status", Msg("考籍已转出外省，不能在本省申请毕业")))
    elif examinee.record_status is RecordStatus.GRADUATED:
        reasons.append(_reason("record_status", Msg("您已毕业，毕业证书已发放")))
    required = [c for c in progress.remaining if c.required and c.kind != "thesis"]
    if required:
        names = enumeration([f"{c.code} {c.name}" for c in required])
        reasons.append(
            _reason(
                "required_courses",
                Msg("还有{count}门必考课程未通过（或未免考）：{names}", count=len(required), names=names),
                courses=[
                    MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in required
                ],
                missing=len(required),
            )
        )
    credits_done = progress.credits_passed + progress.credits_exempted
    if credits_done < progress.min_credits:
        short = progress.min_credits - credits_done
        reasons.append(
            _reason(
                "credits",
                Msg(
                    "已取得{done}学分，专业计划要求至少{least}学分，还差{short}学分",
                    done=credits_done,
                    least=progress.min_credits,
                    short=short,
                ),
                missing=short,
            )
        )
    courses_done = progress.courses_passed + progress.courses_exempted
    if courses_done < progress.min_courses:
        short = progress.min_courses - courses_done
        reasons.append(
            _reason(
                "course_count",
                Msg(
                    "已通过（含免考）{done}门课程，专业计划要求至少{least}门，还差{short}门",
                    done=courses_done,
                    least=progress.min_courses,
                    short=short,
                ),
                missing=short,
            )
        )
    thesis_total = sum(k.total for k in progress.by_kind if k.kind == "thesis")
    thesis_left = [c for c in progress.remaining if c.kind == "thesis"]
    thesis_required = progress.level == "本科" and thesis_total > 0
    if thesis_required and thesis_left:
        names = enumeration([f"{c.code} {c.name}" for c in thesis_left])
        reasons.append(
            _reason(
                "thesis",
                Msg("毕业论文（设计）尚未通过：{names}", names=names),
                courses=[
                    MissingCoursePublic(code=c.code, name=c.name, kind=c.kind, credits=c.credits) for c in thesis_left
                ],
                missing=len(thesis_left),
            )
        )
    prior_required = plan.requires_prior_diploma or progress.level == "本科"
    if prior_required and not examinee.prior_diploma_verified:
        reasons.append(
            _reason(
                "prior_diploma",
                Msg(
                    "本科毕业须有经核验的专科（或以上）前置学历记录，您的前置学历尚未核验，请持毕业证书原件到市州自考办办理核验"
                ),
            )
        )
    eligible = not reasons
    return EligibilityPublic(
        eligible=eligible,
        message=Msg(
            "您已满足{level}毕业条件，可在毕业申请时间内提交毕业申请",
            level=LEVEL_TEXT.get(progress.level, progress.level),
        )
        if eligible
        else Msg("您暂未满足毕业条件，还差以下{count}项", count=len(reasons)),
        level=progress.level,
        major_code=progress.major_code,
        major_name=progress.major_name,
        plan_version=progress.plan_version,
        min_credits=progress.min_credits,
        credits_done=credits_done,
        min_courses=progress.min_courses,
        courses_done=courses_done,
        required_total=progress.required_total,
        required_done=progress.required_done,
        thesis_required=thesis_required,
        thesis_passed=thesis_required and not thesis_left,
        prior_diploma_required=prior_required,
        prior_diploma_verified=examinee.prior_diploma_verified,
        reasons=reasons,
    )


def require_eligible(db: Session, ctx: AppContext, examinee: Examinee) -> EligibilityPublic:
    result = eligibility(db, ctx, examinee)
    if not result.eligible:
        raise Conflict(
            Msg("您暂未满足毕业条件：{reasons}", reasons=enumeration([r.text for r in result.reasons], clauses=True)),
            code="not_eligible",
            details={"reasons": [r.model_dump() for r in result.reasons]},
        )
    return result


# --- the window --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    open: bool
    session: ExamSession | None  # the open window's session, else the next one (None: none planned)


def current_window(db: Session, now: datetime) -> Window:
    session = reference.first_exam_session(db, lambda s: s["graduation_open"] <= now < s["graduation_close"])
    if session is not None:
        return Window(True, session)
    upcoming = reference.first_exam_session(db, lambda s: s["graduation_open"] > now, order_by="graduation_open")
    return Window(False, upcoming)


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA_TZ) if moment.tzinfo else moment


def window_text(win: Window) -> Msg:
    """The graduation window in words (the response's ``text``, the refusal's message)."""
    s = win.session
    if s is None:
        return Msg("当前不在毕业申请时间内，下一次毕业申请时间尚未公布，请关注通知公告")
    span = Msg(
        "{opens:%Y年%m月%d日 %H:%M}至{closes:%Y年%m月%d日 %H:%M}",
        opens=_local(s.graduation_open),
        closes=_local(s.graduation_close),
    )
    if win.open:
        return Msg("{session}毕业申请正在进行：{span}，请在截止前提交", session=s.name, span=span)
    return Msg("当前不在毕业申请时间内。下一次毕业申请时间：{span}", span=span)


def window_public(win: Window) -> WindowPublic:
    s = win.session
    text = window_text(win)
    if s is None:
        return WindowPublic(open=False, session_code=None, session_name=None, opens_at=None, closes_at=None, text=text)
    return WindowPublic(
        open=win.open,
        session_code=s.code,
        session_name=s.name,
        opens_at=s.graduation_open,
        closes_at=s.graduation_close,
        text=text,
    )


def require_open_window(db: Session, ctx: AppContext) -> ExamSession:
    win = current_window(db, ctx.clock.now())
    if not win.open or win.session is None:
        public = window_public(win)
        raise Conflict(
            window_text(win),
            code="graduation_window_closed",
            details={
                "opens_at": public.opens_at.isoformat() if public.opens_at else None,
                "closes_at": public.closes_at.isoformat() if public.closes_at else None,
            },
        )
    return win.session


# --- materials ---------------------------------------------------------------------------------------------


def material_kinds(prior_required: bool) -> tuple[str, ...]:
    return ("id_copy", "prior_diploma", "photo", "receipt") if prior_required else ("id_copy", "photo", "receipt")


def material_rule(kind: str, settings: Settings) -> str:
    if kind == "photo":
        return (
            f"JPEG，{settings.photo_width}×{settings.photo_height}像素，浅蓝色背景，"
            f"不超过{settings.photo_max_bytes // 1024}KB"
        )
    return f"JPEG、PNG图片或PDF，不超过{settings.upload_max_bytes // (1024 * 1024)}MB"


def prior_required(db: Session, examinee: Examinee) -> bool:
    level = reference.major_info(db, examinee.major_id).level
    return _plan(db, examinee).requires_prior_diploma or level.value == "本科"


# --- checking what was typed and uploaded ------------------------------------------------------------------


def _field(field: str, message: str) -> dict[str, str]:
    return {"field": field, "message": message}


def _resume_problems(
    entries: list[ResumeEntry], settings: Settings, now: datetime, complete: bool
) -> list[dict[str, str]]:
    problems = []
    if len(entries) > settings.graduation_resume_max_entries:
        problems.append(
            _field(
                "resume",
                Msg(
                    "个人简历最多填写{graduation_resume_max_entries}条",
                    graduation_resume_max_entries=settings.graduation_resume_max_entries,
                ),
            )
        )
    if complete and len(entries) < settings.graduation_resume_min_entries:
        problems.append(
            _field(
                "resume",
                Msg(
                    "请至少填写{graduation_resume_min_entries}条个人简历",
                    graduation_resume_min_entries=settings.graduation_resume_min_entries,
                ),
            )
        )
    this_month = f"{_local(now):%Y-%m}"
    unit_max, role_max = settings.graduation_resume_unit_max_length, settings.graduation_resume_role_max_length
    for n, e in enumerate(entries, 1):
        where = f"resume[{n - 1}]"
        if len(e.unit.strip()) > unit_max:
            problems.append(_field(where, Msg("第{n}条简历的单位或学校最多{unit_max}个字", n=n, unit_max=unit_max)))
        if len(e.role.strip()) > role_max:
            problems.append(_field(where, Msg("第{n}条简历的职务或身份最多{role_max}个字", n=n, role_max=role_max)))
        if not _YEAR_MONTH.match(e.start) or (e.end and not _YEAR_MONTH.match(e.end)):
            problems.append(
                _field(where, Msg("第{n}条简历的起止年月应写成“2018-09”的形式（终止年月留空表示至今）", n=n))
            )
            continue
        if e.end and e.end < e.start:
            problems.append(_field(where, Msg("第{n}条简历的终止年月早于起始年月", n=n)))
        if e.start > this_month or (e.end and e.end > this_month):
            problems.append(
                _field(where, Msg("第{n}条简历的年月不能晚于本月（{this_month}）", n=n, this_month=this_month))
            )
        if complete and (not e.unit.strip() or not e.role.strip()):
            problems.append(_field(where, Msg("第{n}条简历请填写单位或学校，以及职务或身份", n=n)))
    return problems


def _assessment_problems(text: str, settings: Settings, complete: bool) -> list[dict[str, str]]:
    n = len(text.strip())
    low, high = settings.graduation_self_assessment_min_length, settings.graduation_self_assessment_max_length
    if n > high:
        return [_field("self_assessment", Msg("自我鉴定最多{high}个字（当前{n}个字）", high=high, n=n))]
    if complete and n < low:
        return [_field("self_assessment", Msg("自我鉴定至少{low}个字（当前{n}个字）", low=low, n=n))]
    return []


def _material_problems(
    db: Session, ctx: AppContext, examinee: Examinee, app_id: int | None, materials: dict[str, Any], complete: bool
) -> list[dict[str, str]]:
    problems = []
    kinds = material_kinds(prior_required(db, examinee))
    used_elsewhere = {
        int(fid)
        for other in db.scalars(
            select(GraduationApplication).where(
                GraduationApplication.examinee_id == examinee.id, GraduationApplication.id != (app_id or 0)
            )
        )
        for fid in other.materials.values()
        if fid
    }
    seen: set[int] = set()
    for kind, file_id in materials.items():
        if file_id is None:
            continue
        label = MATERIAL_TEXT[kind]
        if kind not in kinds:
            problems.append(_field(f"materials.{kind}", Msg("您的专业无须上传{label}", label=label)))
            continue
        row = uploads.owned(db, examinee.id, file_id)
        if row.application_id is not None or file_id in used_elsewhere or file_id in seen:
            problems.append(
                _field(f"materials.{kind}", Msg("{label}的文件已用于另一份申请或另一项材料，请重新上传", label=label))
            )
        seen.add(file_id)
        if kind == "photo":
            try:
                check_photo(row.data, ctx.settings)
            except UploadError as exc:
                problems.append(
                    _field("materials.photo", Msg("{label}不符合要求：{message}", label=label, message=exc.message))
                )
    if complete:
        for kind in kinds:
            if not materials.get(kind):
                problems.append(_field(f"materials.{kind}", Msg("请上传{material}", material=MATERIAL_TEXT[kind])))
    return problems


def check_draft(
    db: Session, ctx: AppContext, examinee: Examinee, app_id: int | None, draft: GraduationDraft, *, complete: bool
) -> None:
    """Refuse (422, every problem listed) what cannot be kept, or with ``complete`` what cannot be submitted."""
    materials = draft.materials.model_dump()
    problems = [
        *_resume_problems(draft.resume, ctx.settings, ctx.clock.now(), complete),
        *_assessment_problems(draft.self_assessment, ctx.settings, complete),
        *_material_problems(db, ctx, examinee, app_id, materials, complete),
    ]
    if problems:
        what = Msg("毕业申请还不能提交") if complete else Msg("毕业申请不能保存")
        raise Unprocessable(
            Msg("{what}：{problems}", what=what, problems=enumeration([p["message"] for p in problems], clauses=True)),
            code="graduation_incomplete" if complete else "validation_error",
            details={"fields": problems},
        )
