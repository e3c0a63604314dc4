"""The audit log reads in words under the right labels: no code, key or wire name in it.

Two halves of one rule.  Every operation and every detail key the backend writes (read from its
source: each ``audit(...)`` call's action and detail keys) has its Chinese words; and real
operations against the real backend come back, through the client and the audit table the
administrator sees, without an English identifier and with the label that fits the operation.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

import backend_mock
from backend_mock.graduation import staff as graduation_staff
from backend_mock.staff import admin as staff_admin
from desktop.api import ApiClient, ApiError
from desktop.models.staff_models import AdminNoticeModel, AuditEntryModel
from tests.fixtures.accounts import staff
from tests.fixtures.records import examinee, submitted_exemption
from tests.fixtures.servers import LiveServer

IDENTIFIER = re.compile(r"[A-Za-z_]{3,}")
BACKEND = Path(backend_mock.__file__).parent


def _written_actions_and_keys() -> tuple[set[str], set[str]]:
    """Every action and detail key an ``audit(...)`` / ``_staff_audit(...)`` call of the backend writes."""
    actions: set[str] = set()
    keys: set[str] = set()
    expansions = {
        "graduation_{name}": {f"graduation_{n}" for n in graduation_staff.ACTIONS},
        "record_review_{decision}": {f"record_review_{d}" for d in ("start", "approve", "return", "reject")},
    }
    for file in BACKEND.rglob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):  # every dict literal near an audit call may be its details
                keys.update(k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str))
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("audit", "_staff_audit")):
                continue
            for kw in node.keywords:
                if kw.arg == "action" and isinstance(kw.value, ast.Constant):
                    actions.add(kw.value.value)
                if kw.arg == "action" and isinstance(kw.value, ast.JoinedStr):
                    actions |= expansions[ast.unparse(kw.value)[2:-1]]
            if getattr(node.func, "id", "") == "_staff_audit" and isinstance(node.args[3], ast.Constant):
                actions.add(node.args[3].value)
    return actions, keys


def test_every_action_and_detail_key_written_has_words() -> None:
    actions, _keys = _written_actions_and_keys()
    actions |= {"enrolment_returned", "enrolment_rejected", "notice_publish"}  # passed on as variables
    assert len(actions) > 50
    assert sorted(actions - set(staff_admin.ACTION_TEXT)) == []
    labelled = set(staff_admin.DETAIL_LABELS)
    detail_keys = set()
    for file in BACKEND.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        for call in re.finditer(r"(?:audit|_staff_audit)\((.*?)\)\s*(?:#|\n\s*(?:db\.|return|raise|if|$))", text, re.S):
            detail_keys |= set(re.findall(r'"([a-z_]+)":', call.group(1)))
    assert len(detail_keys) > 40
    assert sorted(detail_keys - labelled) == []
    texts = [*staff_admin.ACTION_TEXT.values(), *staff_admin.DETAIL_LABELS.values(), *staff_admin.VALUE_TEXT.values()]
    assert [t for t in texts if IDENTIFIER.search(re.sub(r"PDF|JPEG|PNG", "", t))] == []


@pytest.fixture
def admin(live_server: LiveServer) -> Iterator[ApiClient]:
    client = staff(live_server, "admin")
    yield client
    client.close()


def test_real_operations_read_in_words_under_the_right_labels(
    live_server: LiveServer, admin: ApiClient, qapp: object
) -> None:
    applicant = examinee(live_server)
    submitted = submitted_exemption(applicant)  # 提交考籍申请 (an exemption), 上传文件
    reviewer = staff(live_server)
    reviewer.records.review.start(submitted.application_no)  # from 已提交 to 审核中
    clerk = staff(live_server, "cs_clerk")
    found = clerk.staff.search(applicant.me.profile().exam_no).items[0]
    clerk.staff.reveal_id_number(found.id, "窗口核对身份")
    with pytest.raises(ApiError):
        clerk.staff.ticket(found.id)  # before the printing window: refused with a reason
    created_account = admin.staff.create_account("cs_words", "王五", "clerk", "4301")
    admin.staff.update_account(created_account.account.id, role="reviewer")

    entries = admin.staff.audit(page_size=200).items
    model = AuditEntryModel()
    model.set_items(list(entries))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["时间", "操作人", "考生", "操作", "结果", "详情"]
    shown = [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]
    usernames = {a.username for a in admin.staff.accounts()}  # names people log in with are theirs to read

    def words(cell: str) -> set[str]:
        return set(re.findall(r"[A-Za-z_]+", cell)) - usernames - {"PDF", "JPEG", "PNG"}

    offending = [row for row in shown if any(w for cell in row[1:] for w in words(cell) if len(w) >= 3)]
    assert offending == [], "\n".join(" | ".join(row) for row in offending)
    by_action = {e.action: e for e in entries}
    record = by_action["record_application_submit"]
    assert "申请类型：课程免考" in record.details and f"申请编号：{submitted.application_no}" in record.details
    assert "账号类型" not in record.details and "报名号" not in record.details
    review = by_action["record_review_start"]
    assert "原状态：已提交" in review.details and "新状态：审核中" in review.details
    assert "查询方式" in by_action["search_examinees"].details
    created = by_action["staff_created"].details
    assert "角色：窗口工作人员" in created and "工作人员：cs_words" in created and "市州：长沙市" in created
    assert "角色：窗口工作人员 → 审核员" in by_action["staff_updated"].details
    ticket = by_action["print_ticket"]
    assert ticket.result_text == "被拒绝" and "原因：" in ticket.details and "开放" in ticket.details
    for c in (applicant, reviewer, clerk):
        c.close()


def test_admin_notice_list_names_the_publisher(qapp: object) -> None:
    model = AdminNoticeModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "发布单位" in headers and "备注" not in headers


def test_every_actor_that_is_no_person_has_words() -> None:
    """Actors written as constants (the system, the payment platform, …) read in words in the log."""
    actors: set[str] = set()
    for file in BACKEND.rglob("*.py"):
        text = file.read_text(encoding="utf-8")
        actors |= set(re.findall(r'\bactor="([a-z:_]+)"', text))
        actors |= set(re.findall(r'^ACTOR = "([a-z:_]+)"', text, re.M))
    assert {"system", "payplatform"} <= actors
    assert sorted(actors - set(staff_admin.ACTOR_TEXT)) == []
