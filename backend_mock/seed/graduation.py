"""Demo 毕业申请 data: 王丽娟 (``diploma_ready``) applied in the last window and was refused at the
initial review (the receipt was not signed) — she sees the history and may apply again in the next
window; the application is final, so nothing stops a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend_mock.models import (
    Examinee,
    ExamSession,
    GraduationApplication,
    GraduationEvent,
    GraduationStatus,
    StaffUser,
    UploadedFile,
)
from backend_mock.seed.demo import DEMO_EXAMINEES
from backend_mock.seed.records import make_certificate_scan

S = GraduationStatus
RESUME = [
    {"start": "2015-09", "end": "2018-06", "unit": "长沙市雅礼中学", "role": "学生"},
    {"start": "2018-07", "end": "", "unit": "长沙市岳麓区图书馆", "role": "馆员"},
]
ASSESSMENT = (
    "本人在职参加汉语言文学专业自学考试，四年来坚持业余学习，系统学习了文学概论、中国古代文学、现代汉语等课程，"
    "阅读和写作能力明显提高，并将所学运用于图书馆的阅读推广工作。今后将继续学习，做一名有文化素养的图书馆员。"
)
REFUSAL = "毕业申请回执未本人签名，材料不齐；请在下一次毕业申请时间重新申请"


def _file(examinee: Examinee, n: int, label: str, data: bytes, at: datetime) -> UploadedFile:
    return UploadedFile(
        storage_name=f"doc-graduation-{examinee.id}-{n}.jpg",
        label=label,
        content_type="image/jpeg",
        size=len(data),
        data=data,
        owner_examinee_id=examinee.id,
        uploaded_at=at,
    )


def seed_graduation(db: Session, now: datetime) -> int:
    """Insert the demo graduation application (examinees, staff and sessions must exist); returns how many."""
    exam_no = next(d.exam_no for d in DEMO_EXAMINEES if d.key == "diploma_ready")
    wang = db.scalar(select(Examinee).where(Examinee.exam_no == exam_no))
    reviewer = db.scalar(select(StaffUser).where(StaffUser.username == "cs_reviewer"))
    session = db.scalar(
        select(ExamSession)
        .where(ExamSession.graduation_close <= now)
        .order_by(ExamSession.graduation_close.desc())
        .limit(1)
    )
    if wang is None or reviewer is None or session is None:
        return 0
    start = session.graduation_open + timedelta(days=1, hours=2)
    files = [
        _file(wang, 1, "身份证复印件.jpg", make_certificate_scan(11), start),
        _file(wang, 2, "回执.jpg", make_certificate_scan(12), start),
    ]
    if wang.photo:
        files.append(_file(wang, 3, "证件照.jpg", wang.photo, start))
    db.add_all(files)
    db.flush()
    materials: dict[str, int | None] = {"id_copy": files[0].id, "prior_diploma": None, "receipt": files[1].id}
    materials["photo"] = files[2].id if len(files) > 2 else None
    submitted, refused = start + timedelta(hours=1), start + timedelta(days=3)
    app = GraduationApplication(
        application_no=f"BY{start:%y%m%d}{1:08d}",
        examinee_id=wang.id,
        session_code=session.code,
        status=S.FIRST_FAILED,
        resume=RESUME,
        self_assessment=ASSESSMENT,
        materials=materials,
        created_at=start,
        updated_at=refused,
        submitted_at=submitted,
        decided_at=refused,
        reason=REFUSAL,
    )
    me = (f"examinee:{wang.id}", f"考生 {wang.name}")
    staff = (f"staff:{reviewer.id}", f"审核员 {reviewer.name}")
    steps = [
        (start, me, "create", None, S.DRAFT, None),
        (submitted, me, "submit", S.DRAFT, S.SUBMITTED, None),
        (refused, staff, "first_reject", S.SUBMITTED, S.FIRST_FAILED, REFUSAL),
    ]
    for at, (actor, name), action, before, after, comment in steps:
        app.events.append(
            GraduationEvent(
                at=at, actor=actor, actor_name=name, action=action, from_status=before, to_status=after, comment=comment
            )
        )
    db.add(app)
    return 1
