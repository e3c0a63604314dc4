"""Helpers of the 毕业申请 tests: the graduation windows of a test server, logins, materials, a ready draft."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from backend_mock.models import ExamSession
from desktop.api import ApiClient
from desktop.api.graduation import GraduationApplication, ResumeEntry
from tests.records_helpers import jpeg_bytes, pdf_bytes
from tests.registration_helpers import examinee_client
from tests.servers import LiveServer, login

RESUME = (
    ResumeEntry("2012-09", "2015-06", "长沙市第一中学", "学生"),
    ResumeEntry("2015-07", "", "湖南星辰软件有限公司", "软件工程师"),
)
ASSESSMENT = (
    "本人在自学考试期间坚持业余学习，按专业计划认真完成各门课程，掌握了数据结构、操作系统、计算机网络等专业知识，"
    "并在工作中加以运用。今后将继续努力，提高业务能力。"
)


def windows(server: LiveServer) -> list[tuple[datetime, datetime]]:
    """(graduation_open, graduation_close) of every stored session, oldest first."""
    with server.db() as db:
        return [
            (s.graduation_open, s.graduation_close) for s in db.scalars(select(ExamSession).order_by(ExamSession.code))
        ]


def future_window(server: LiveServer) -> tuple[datetime, datetime]:
    """The first window that opens after the seed's now (moving there keeps every released result)."""
    now = server.clock.now()
    return next(w for w in windows(server) if w[0] > now)


def person(server: LiveServer, demo_key: str, at: datetime | None = None, *, frozen: bool = False) -> ApiClient:
    """A demo examinee logged in (after moving the clock to ``at``: sessions expire when it jumps)."""
    if at is not None:
        server.clock.set(at, frozen=frozen)
    return examinee_client(server, demo_key)


def staff_login(server: LiveServer, username: str) -> ApiClient:
    client = server.client()
    login(client, username, kind="staff")
    return client


def upload_materials(client: ApiClient, *, prior: bool = True) -> dict[str, int | None]:
    """Every material uploaded: ID copy (PDF), prior diploma (JPEG), light-blue photo, signed receipt."""
    up = client.records.upload_bytes
    return {
        "id_copy": up("身份证.pdf", pdf_bytes()).file_id,
        "prior_diploma": up("专科毕业证.jpg", jpeg_bytes()).file_id if prior else None,
        "photo": up("照片.jpg", jpeg_bytes((480, 640), (120, 180, 235))).file_id,
        "receipt": up("回执.jpg", jpeg_bytes()).file_id,
    }


def ready_draft(client: ApiClient, *, prior: bool = True) -> GraduationApplication:
    return client.graduation.create(RESUME, ASSESSMENT, upload_materials(client, prior=prior))
