"""Demo 考籍管理 data: applications in telling states, so testers see them without setting them up.

- 李娜 (``exempted``): an exemption returned by the reviewer with a reason — to correct and resubmit;
- 彭晓燕 (``transferred``): the approved transfer out that locked her record.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.models import (
    ApplicationEvent,
    ApplicationKind,
    ApplicationStatus,
    Examinee,
    RecordApplication,
    StaffUser,
    UploadedFile,
)
from backend_mock.seed.demo import DEMO_EXAMINEES

S = ApplicationStatus


def make_certificate_scan(seed: int = 0) -> bytes:
    """A stand-in for a scanned certificate (JPEG, 600×420): a framed page, lines and a seal."""
    rng = random.Random(seed)
    image = Image.new("RGB", (600, 420), (250, 246, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((14, 14, 585, 405), outline=(170, 40, 40), width=6)
    draw.rectangle((200, 50, 400, 80), fill=(170, 40, 40))
    for y in range(130, 330, 34):
        draw.line((70, y, 70 + rng.randint(300, 460), y), fill=(120, 120, 120), width=3)
    draw.ellipse((430, 300, 530, 400), outline=(200, 30, 30), width=5)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def _exam_no(key: str) -> str:
    return next(d.exam_no for d in DEMO_EXAMINEES if d.key == key)


def _application(
    db: Session,
    now: datetime,
    examinee: Examinee,
    number: int,
    kind: ApplicationKind,
    data: dict[str, object],
    steps: list[tuple[str, S, str | None]],
    reviewer: StaffUser,
    proof: str | None,
) -> None:
    start = now - timedelta(days=12)
    app = RecordApplication(
        application_no=f"KJ{start:%y%m%d}{number:08d}",
        examinee_id=examinee.id,
        kind=kind,
        status=steps[-1][1],
        data=data,
        created_at=start,
        updated_at=start,
    )
    previous: S | None = None
    for i, (action, status, comment) in enumerate(steps):
        at = start + timedelta(days=i, hours=2 * i)
        staff = action in ("start", "approve", "return", "reject")
        app.events.append(
            ApplicationEvent(
                at=at,
                actor=f"staff:{reviewer.id}" if staff else f"examinee:{examinee.id}",
                actor_name=f"审核员 {reviewer.name}" if staff else f"考生 {examinee.name}",
                action=action,
                from_status=previous,
                to_status=status,
                comment=comment,
            )
        )
        previous = status
        app.updated_at = at
        if action == "submit":
            app.submitted_at = at
        if action in ("approve", "return", "reject"):
            app.decided_at, app.reason = at, comment
    db.add(app)
    db.flush()
    if proof:
        db.add(
            UploadedFile(
                storage_name=f"doc-{random.Random(number).getrandbits(96):024x}.jpg",
                label=proof,
                content_type="image/jpeg",
                size=len(scan := make_certificate_scan(number)),
                data=scan,
                owner_examinee_id=examinee.id,
                application_id=app.id,
                uploaded_at=start,
            )
        )


def seed_records(db: Session, now: datetime) -> int:
    """Insert the demo applications (examinees and staff must exist); returns how many."""
    reviewer = db.scalar(select(StaffUser).where(StaffUser.username == "cs_reviewer"))
    li_na = db.scalar(select(Examinee).where(Examinee.exam_no == _exam_no("exempted")))
    peng = db.scalar(select(Examinee).where(Examinee.exam_no == _exam_no("transferred")))
    if reviewer is None or li_na is None or peng is None:
        return 0
    _application(
        db, now, li_na, 1, ApplicationKind.EXEMPTION,
        {"course_code": "00058", "basis": "湖南某职业技术学院《市场营销》课程成绩单（78分）"},
        [
            ("create", S.DRAFT, None),
            ("submit", S.SUBMITTED, None),
            ("start", S.REVIEWING, None),
            ("return", S.RETURNED, "成绩单未加盖学校教务处公章，请补充盖章后的扫描件"),
        ],
        reviewer, "成绩单.jpg",
    )  # fmt: skip
    _application(
        db, now, peng, 2, ApplicationKind.TRANSFER_OUT,
        {"province_code": "44", "exam_no": "010219300123", "passed_courses": 2, "note": "工作调动至广州"},
        [
            ("create", S.DRAFT, None),
            ("submit", S.SUBMITTED, None),
            ("start", S.REVIEWING, None),
            ("approve", S.APPROVED, "转入省考籍已核实，同意转出"),
        ],
        reviewer, "广东省考籍证明.jpg",
    )  # fmt: skip
    return 2
