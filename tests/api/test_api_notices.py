"""通知公告 over real HTTP: publish time, withdrawal, search, read marks, attachments, the
administrator-only API and its audit trail, "new since last login"."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from backend_mock.models import AuditRecord, Notice, StaffUser
from desktop.api import ApiClient, NotFound, PermissionDenied, SessionEnded, ValidationFailed
from desktop.api.errors import Conflict
from desktop.api.staff import AuditFilter
from tests.fixtures.accounts import DEMO, examinee_client, login
from tests.fixtures.servers import LiveServer


def admin_client(server: LiveServer, username: str = "admin") -> ApiClient:
    client = server.client()
    login(client, username, kind="staff")
    return client


def titles(client: ApiClient, **kwargs: object) -> list[str]:
    return [n.title for n in client.notices.list(**kwargs).items]  # type: ignore[arg-type]


def audit_rows(server: LiveServer, prefix: str = "notice_") -> list[AuditRecord]:
    with server.db() as db:
        stmt = select(AuditRecord).where(AuditRecord.action.like(f"{prefix}%")).order_by(AuditRecord.id)
        rows = list(db.scalars(stmt))
        db.expunge_all()
        return rows


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


# --- what examinees see --------------------------------------------------------------------------------


def test_seeded_list_is_newest_first_and_hides_the_scheduled_notice(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    page = client.notices.list()
    assert page.total == len(page.items) >= 12
    dates = [n.publish_at for n in page.items]
    assert dates == sorted(dates, reverse=True)
    assert all(d <= page.server_time for d in dates)
    assert set(page.categories) == {"考试公告", "报考通知", "政策文件", "成绩通知", "毕业办理"}
    assert sum(1 for n in page.items if n.attachment_count) == 2
    with live_server.db() as db:
        scheduled = db.scalars(select(Notice).where(Notice.publish_at > page.server_time)).one()
    assert scheduled.title not in [n.title for n in page.items]
    with pytest.raises(NotFound) as err:
        client.notices.get(scheduled.id)
    assert err.value.code == "notice_not_found"

    # it appears by itself at its publish time (server clock), not a second before
    live_server.clock.set(scheduled.publish_at - timedelta(seconds=1), frozen=True)
    client = examinee_client(live_server, "midway")
    assert scheduled.title not in titles(client)
    live_server.clock.set(scheduled.publish_at, frozen=True)
    assert titles(client)[0] == scheduled.title
    assert client.notices.get(scheduled.id).body


def test_read_marks_are_per_examinee(live_server: LiveServer) -> None:
    reader = examinee_client(live_server, "midway")
    other = examinee_client(live_server, "exempted")
    first = reader.notices.list()
    assert first.unread == first.total and not any(n.read for n in first.items)
    target = first.items[2]
    assert reader.notices.get(target.id).read is False  # reading the body alone marks nothing
    assert reader.notices.mark_read(target.id).read is True
    assert reader.notices.mark_read(target.id).read is True  # idempotent
    after = reader.notices.list()
    assert after.unread == first.unread - 1
    assert [n.id for n in after.items if n.read] == [target.id]
    assert reader.notices.get(target.id).read is True
    assert [n.id for n in reader.notices.list(unread_only=True).items if n.id == target.id] == []
    assert other.notices.list().unread == first.total


def test_search_title_and_body_in_chinese(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    # in a title
    found = titles(client, query="报考简章")
    assert len(found) == 1 and "报考简章" in found[0]
    # only in a body
    body_only = titles(client, query="包过")
    assert body_only == ["关于防范自学考试诈骗的提醒"]
    # every word must match (ideographic space between words too)
    assert titles(client, query="免考　50%") == ["湖南省高等教育自学考试免考课程办理办法"]
    assert titles(client, query="免考 诈骗") == []
    # % and _ are literal, not wildcards
    assert titles(client, query="%") == titles(client, query="50%")
    assert titles(client, query="_") == []
    # full-width letters and digits match their ASCII form
    assert titles(client, query="ＰＤＦ") == titles(client, query="PDF") != []
    # with a category
    scores = client.notices.list(category="成绩通知")
    assert scores.items and {n.category for n in scores.items} == {"成绩通知"}
    policy = client.notices.list(category="政策文件", query="成绩")
    assert policy.items and {n.category for n in policy.items} == {"政策文件"}
    assert titles(client, category="毕业办理", query="诈骗") == []
    with pytest.raises(ValidationFailed):
        client.notices.list(category="娱乐新闻")


def test_attachments_download_with_their_real_type(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    with_files = [n for n in client.notices.list().items if n.attachment_count]
    kinds = {}
    for summary in with_files:
        notice = client.notices.get(summary.id)
        for att in notice.attachments:
            data = client.notices.attachment(notice.id, att.id)
            assert len(data) == att.size
            kinds[att.content_type] = data
            response = client._http.get(
                f"{client.base_url}/api/v1/notices/{notice.id}/attachments/{att.id}",
                headers={"Authorization": f"Bearer {client._token}"},
            )
            assert response.headers["Content-Type"] == att.content_type
            assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert kinds["application/pdf"].startswith(b"%PDF-")
    assert kinds["image/png"].startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(NotFound) as err:
        client.notices.attachment(with_files[0].id, 999_999)
    assert err.value.code == "attachment_not_found"


# --- the administrator ------------------------------------------------------------------------------------


def test_publish_edit_withdraw_and_attach_are_audited(live_server: LiveServer, tmp_path: Path) -> None:
    admin = admin_client(live_server)
    examinee = examinee_client(live_server, "midway")
    created = admin.notices.admin_create("关于调整考点的紧急通知", "原定于某中学的考点调整到某大学。", "考试公告")
    assert created.state == "已发布" and created.created_by == "admin"
    assert titles(examinee)[0] == "关于调整考点的紧急通知"

    edited = admin.notices.admin_update(created.id, title="关于调整部分考点的紧急通知")
    assert edited.title == "关于调整部分考点的紧急通知"
    assert examinee.notices.get(created.id).title == "关于调整部分考点的紧急通知"

    png = tmp_path / "../../etc/map.png"
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(png_bytes())
    with_file = admin.notices.admin_add_attachment(created.id, png, file_name="..\\..\\考点\x07图.png")
    (att,) = with_file.attachments
    assert att.file_name == "考点图.png" and att.content_type == "image/png"
    assert examinee.notices.attachment(created.id, att.id).startswith(b"\x89PNG")
    with live_server.db() as db:
        stored = db.get(Notice, created.id)
        assert stored is not None
        assert stored.attachments[0].stored_name.startswith("doc-")
        assert "考点" not in stored.attachments[0].stored_name

    fake = tmp_path / "virus.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationFailed) as err:
        admin.notices.admin_add_attachment(created.id, fake)
    assert err.value.code == "upload_type"

    withdrawn = admin.notices.admin_withdraw(created.id, "考点未调整，通知发错")
    assert withdrawn.state == "已撤回" and withdrawn.withdrawn_reason == "考点未调整，通知发错"
    assert "关于调整部分考点的紧急通知" not in titles(examinee)
    assert titles(examinee, query="某大学") == []
    with pytest.raises(NotFound) as gone:
        examinee.notices.get(created.id)
    assert gone.value.code == "notice_withdrawn"
    with pytest.raises(NotFound):
        examinee.notices.attachment(created.id, att.id)
    with pytest.raises(Conflict):
        admin.notices.admin_update(created.id, body="再改一次")
    with pytest.raises(Conflict):
        admin.notices.admin_withdraw(created.id, "再撤一次")
    assert [n.state for n in admin.notices.admin_list() if n.id == created.id] == ["已撤回"]

    rows = audit_rows(live_server)
    assert [(r.action, r.result) for r in rows] == [
        ("notice_publish", "ok"),
        ("notice_edit", "ok"),
        ("notice_attachment", "ok"),
        ("notice_attachment", "refused"),
        ("notice_withdraw", "ok"),
    ]
    # the one staff actor form ("staff:<id>"), which the audit-log browser names
    with live_server.db() as db:
        admin_id = db.scalar(select(StaffUser.id).where(StaffUser.username == "admin"))
    assert {r.actor for r in rows} == {f"staff:{admin_id}"}
    browsed = admin.staff.audit(AuditFilter(action="notice_publish")).items
    assert browsed and all(e.actor_text.endswith("（admin）") for e in browsed)
    assert all(r.details and r.details["notice_id"] == created.id for r in rows)


def test_scheduled_notice_from_the_admin_api(live_server: LiveServer) -> None:
    admin = admin_client(live_server)
    now = admin.system.health().server_time
    scheduled = admin.notices.admin_create(
        "下周发布的通知", "内容", "报考通知", publish_at=now + timedelta(days=7), publisher="长沙市教育考试院"
    )
    assert scheduled.state == "待发布"
    examinee = examinee_client(live_server, "midway")
    assert "下周发布的通知" not in titles(examinee)
    live_server.clock.set(now + timedelta(days=7, seconds=1), frozen=True)
    examinee = examinee_client(live_server, "midway")
    assert titles(examinee)[0] == "下周发布的通知"


@pytest.mark.parametrize("who", ["examinee", "cs_clerk", "cs_reviewer"])
def test_only_administrators_manage_notices(live_server: LiveServer, who: str) -> None:
    client = examinee_client(live_server, "midway") if who == "examinee" else admin_client(live_server, who)
    notice_id = client.notices.list().items[0].id
    calls = [
        lambda: client.notices.admin_list(),
        lambda: client.notices.admin_create("标题标题", "正文", "考试公告"),
        lambda: client.notices.admin_update(notice_id, title="改标题"),
        lambda: client.notices.admin_withdraw(notice_id, "理由理由"),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as err:
            call()
        # the one role check of deps.py: an examinee's token is not staff, other staff have the wrong role
        assert err.value.code == ("staff_only" if who == "examinee" else "role_forbidden")
    assert audit_rows(live_server) == []


def test_reading_needs_a_login(live_server: LiveServer) -> None:
    with pytest.raises(SessionEnded):
        live_server.client().notices.list()


def test_new_since_last_login(live_server: LiveServer) -> None:
    first = examinee_client(live_server, "midway")
    news = first.notices.new_since_login()
    assert news.since is None  # first login: the last days count
    assert news.count == len(news.items) >= 1
    first.notices.mark_read(news.items[0].id)
    assert first.notices.new_since_login().count == news.count - 1

    admin = admin_client(live_server)
    live_server.clock.advance(timedelta(minutes=5))
    admin.notices.admin_create("登录之后发布的通知", "内容", "政策文件")
    second = examinee_client(live_server, "midway")
    again = second.notices.new_since_login()
    assert again.since is not None
    assert [n.title for n in again.items] == ["登录之后发布的通知"]
    second.notices.mark_read(again.items[0].id)
    assert second.notices.new_since_login().count == 0
    assert DEMO["midway"].exam_no not in str(again)


def test_the_list_brings_the_bodies_when_asked(live_server: LiveServer) -> None:
    client = examinee_client(live_server, "midway")
    plain = client.notices.list()
    assert plain.bodies == () and plain.notices() == {}  # by default only the summaries
    page = client.notices.list(with_bodies=True)
    assert [b.id for b in page.bodies] == [n.id for n in page.items]
    full = page.notices()
    assert set(full) == {n.id for n in page.items}
    for summary in page.items:
        one = client.notices.get(summary.id)
        assert full[summary.id] == one  # the same notice as its own answer: text, attachments, read mark
    # with a search: the bodies of what was found, no more
    found = client.notices.list(query="包过", with_bodies=True)
    assert [b.id for b in found.bodies] == [n.id for n in found.items] and len(found.items) == 1
    assert "包过" in found.bodies[0].body
    # a read mark shows in the notice built from the list
    client.notices.mark_read(page.items[0].id)
    assert client.notices.list(with_bodies=True).notices()[page.items[0].id].read is True
