"""Queues whose module has its own reviewer API: record applications (信息更正 / 免考 / 转考) and
score reviews (成绩复核).

Each adapts that module's API (``client.records.review``, ``client.scores.staff_*``) to the
console's ``QueuePage`` / ``QueueItem``: the module's endpoints are the one server path that
checks the reviewer's role, decides and writes the audit record; nothing here is duplicated on
the server.  Both module APIs page and filter on the server (``limit``/``offset``, the number
matching and the counts by status come back with the page).

A decision answers with the application (or the review) as it is now; ``record_after`` /
``_score_item`` turn it into the queue's item, so the page updates that one row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING, Any

from desktop.api.records import Application, ApplicationEvent, ReviewItem
from desktop.api.scores import StaffReview
from desktop.api.staff import QueueItem, QueuePage
from desktop.core.timefmt import date_text, datetime_text, month_text
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.staff.queue_types import (
    PAGE_SIZE,
    Answer,
    QueueAction,
    QueueDetail,
    QueueFile,
    QueueView,
    server_page,
)

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

# --- record applications ----------------------------------------------------------------------------------

RECORD_STATUSES = (
    ("submitted", QT_TR_NOOP("待审核")),
    ("reviewing", QT_TR_NOOP("审核中")),
    ("approved", QT_TR_NOOP("通过", "review status")),
    ("returned", QT_TR_NOOP("退回")),
    ("rejected", QT_TR_NOOP("不通过")),
)
_RECORD_PENDING = ("submitted", "reviewing")
#: who applied, in the detail pane
EXAMINEE_TEXT = QT_TR_NOOP("{name}（准考证号 {exam_no}，{prefecture}）")


def _record_status(status: str, server_text: str) -> str:
    """The queue's words for a record application's status (the server's for any other)."""
    words = dict(RECORD_STATUSES)
    return tr(words[status]) if status in words else server_text


#: captions of the application data fields (services/records.py's ``*Data``)
DATA_CAPTIONS = {
    "name": QT_TR_NOOP("更正后姓名"),
    "id_number": QT_TR_NOOP("更正后身份证号"),
    "gender": QT_TR_NOOP("更正后性别"),
    "note": QT_TR_NOOP("说明"),
    "course_code": QT_TR_NOOP("免考课程"),
    "basis": QT_TR_NOOP("免考依据"),
    "province_code": QT_TR_NOOP("对方省份代码"),
    "exam_no": QT_TR_NOOP("对方准考证号"),
    "passed_courses": QT_TR_NOOP("已合格课程数"),
    "courses": QT_TR_NOOP("转入课程"),
    "county_code": QT_TR_NOOP("转入县区代码"),
    "reason": QT_TR_NOOP("原因"),
}


def _record_item(item: ReviewItem) -> QueueItem:
    return QueueItem(
        id=item.application_no,
        reference=item.application_no,
        name=item.name,
        id_number_masked=item.id_number_masked,
        summary=tr("{kind}：{summary}（准考证号 {exam_no}）").format(
            kind=item.kind_text, summary=item.summary, exam_no=item.exam_no
        ),
        submitted_at=item.submitted_at or item.updated_at,
        status=item.status,
        status_text=_record_status(item.status, item.status_text),  # the queue's words
        reason=None,
        decided_by=None,
        decided_at=None,
        result=None,
        can_decide=item.status in _RECORD_PENDING,
    )


def _record_list(key: str, title: str, kinds: tuple[str, ...]) -> Any:
    def list_items(client: ApiClient, status: str | None, text: str, page: int) -> QueuePage:
        status = status or RECORD_STATUSES[0][0]
        first = (max(1, page) - 1) * PAGE_SIZE
        answer = client.records.review.list(
            status=status, kind=kinds, query=text.strip() or None, limit=PAGE_SIZE, offset=first
        )
        if not answer.items and answer.matched and first:  # the page asked for is past the end now
            return list_items(client, status, text, -(-answer.matched // PAGE_SIZE))
        items = tuple(_record_item(i) for i in answer.items)
        return server_page(key, title, status, items, answer.matched, page, RECORD_STATUSES, answer.counts)

    return list_items


def _value_text(value: object) -> str:
    if isinstance(value, list):
        return tr("；").join(_value_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def record_detail(client: ApiClient, application_no: str) -> QueueDetail:
    detail = client.records.review.detail(application_no)
    app, item = detail.application, detail.item
    rows = [
        (tr("申请编号"), app.application_no),
        (tr("申请类型"), app.kind_text),
        (tr("考生"), tr(EXAMINEE_TEXT).format(name=item.name, exam_no=item.exam_no, prefecture=item.prefecture_name)),
        (tr("身份证号"), item.id_number_masked),
        (tr("状态"), _record_status(app.status, app.status_text)),
        (tr("内容"), app.summary),
    ]
    for k, v in app.data.items():
        text = _value_text(v) if v not in (None, "", []) else ""
        if text and text not in app.summary:  # what the summary says already is not repeated
            rows.append((tr(DATA_CAPTIONS[k]) if k in DATA_CAPTIONS else k, text))
    if app.deadline_note:
        rows.append((tr("期限"), app.deadline_note))
    if detail.exemption_cap is not None:
        rows.append((tr("免考学分上限"), detail.exemption_cap.message))
    if app.reason:
        rows.append((tr("审核意见"), app.reason))
    # what the server says the reviewer must know before deciding (e.g. the course is registered and paid)
    rows[:0] = [(tr("请注意"), w) for w in detail.warnings]
    files = tuple(QueueFile(f.file_id, f.name, f.content_type, f.size) for f in app.files)
    return QueueDetail(detail_html(rows, app.events), files)


def detail_html(rows: list[tuple[str, str]], events: Sequence[ApplicationEvent]) -> str:
    """An application's data (caption, text rows) and its state history, for the detail pane."""
    table = "<table cellspacing='0' cellpadding='3'>"
    html = ["<h3>", tr("申请内容"), "</h3>", table]
    html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
    html += ["</table><h3>", tr("办理记录"), "</h3>", table]
    for e in events:
        comment = tr("：{comment}").format(comment=escape(e.comment)) if e.comment else ""
        html.append(
            f"<tr><td>{datetime_text(e.at)}</td><td>{escape(e.actor_name)}</td>"
            f"<td>{escape(e.action_text)} → {escape(e.to_status_text)}{comment}</td></tr>"
        )
    html.append("</table>")
    return "".join(html)


def graduation_detail(client: ApiClient, application_no: str) -> QueueDetail:
    """A graduation application: the examinee, the resume, the self-assessment and the materials."""
    g = client.graduation.staff.detail(application_no)
    app = g.application
    rows = [
        (tr("申请编号"), app.application_no),
        (tr("考生"), tr(EXAMINEE_TEXT).format(name=g.name, exam_no=g.exam_no, prefecture=g.prefecture_name)),
        (tr("身份证号"), g.id_number_masked),
        (tr("专业"), tr("{code} {major}（{level}）").format(code=g.major_code, major=g.major_name, level=g.level)),
        (tr("状态"), app.status_text),
    ]
    rows += [
        (
            tr("简历 {number}").format(number=i),
            tr("{start}—{end} {unit} {role}").format(
                start=_month(e.start), end=_month(e.end) if e.end else tr("至今"), unit=e.unit, role=e.role
            ),
        )
        for i, e in enumerate(app.resume, 1)
    ]
    rows.append((tr("自我鉴定"), app.self_assessment))
    rows += [(m.kind_text, m.file.name if m.file else tr("未上传")) for m in app.materials]
    if app.reason:
        rows.append((tr("审核意见"), app.reason))
    files = tuple(
        QueueFile(m.file.file_id, m.file.name, m.file.content_type, m.file.size) for m in app.materials if m.file
    )
    return QueueDetail(detail_html(rows, app.events), files)


def _month(value: str) -> str:
    """A resume's ``YYYY-MM`` as 2019年9月 (as it is, if it is not one)."""
    year, _, month = value.partition("-")
    return month_text(int(year), int(month)) if year.isdigit() and month.isdigit() else value


def graduation_file(client: ApiClient, application_no: str, file_id: int) -> bytes:
    return client.graduation.staff.file(application_no, file_id)


def record_file(client: ApiClient, application_no: str, file_id: int) -> bytes:
    return client.records.review.file(application_no, file_id)


def _record_claimed(item: QueueItem) -> bool:
    """A decision needs the review started first (开始审核): the server refuses it otherwise."""
    return item.status == "reviewing"


def record_after(item: QueueItem, app: Application) -> QueueItem:
    """The queue's item once the decision's answer (the application as it is now) is in."""
    return replace(
        item,
        status=app.status,
        status_text=_record_status(app.status, app.status_text),
        reason=app.reason,
        decided_at=app.decided_at,
        can_decide=app.status in _RECORD_PENDING,
    )


RECORD_ACTIONS = (
    QueueAction(
        QT_TR_NOOP("开始审核(&S)"),
        "start",
        False,
        lambda c, i, _a: record_after(i, c.records.review.start(i.id)),
        applies=lambda i: i.status == "submitted",
    ),
    QueueAction(
        QT_TR_NOOP("通过(&A)"),
        "approve",
        False,
        lambda c, i, a: record_after(i, c.records.review.approve(i.id, a.reason or "")),
        applies=_record_claimed,
        consequence=QT_TR_NOOP("通过后考籍记录随即按申请修改，考生会看到结果；此操作不能撤销。"),
    ),
    QueueAction(
        QT_TR_NOOP("退回修改(&B)"),
        "return",
        True,
        lambda c, i, a: record_after(i, c.records.review.return_(i.id, a.reason or "")),
        applies=_record_claimed,
    ),
    QueueAction(
        QT_TR_NOOP("不通过(&J)"),
        "reject",
        True,
        lambda c, i, a: record_after(i, c.records.review.reject(i.id, a.reason or "")),
        applies=_record_claimed,
    ),
)


def record_queue(key: str, title: str, kinds: tuple[str, ...]) -> QueueView:
    return QueueView(key, title, _record_list(key, title, kinds), RECORD_ACTIONS, record_detail, record_file)


# --- score reviews ----------------------------------------------------------------------------------------

SCORE_REVIEW_TITLE = QT_TR_NOOP("成绩复核")

SCORE_STATUSES = (
    ("submitted", QT_TR_NOOP("待复核")),
    ("in_review", QT_TR_NOOP("复核中")),
    ("done", QT_TR_NOOP("已完成")),
)
#: the summary's words before the original score (the correction dialog starts from it)
ORIGINAL_SCORE = QT_TR_NOOP("原成绩 ")


def _score_item(r: StaffReview) -> QueueItem:
    return QueueItem(
        id=r.review_no,
        reference=r.review_no,
        name=r.examinee_name,
        id_number_masked="",
        summary=tr("准考证号 {exam_no} · {session} {code} {course} · {original}{score} · {due}前答复").format(
            exam_no=r.exam_no,
            session=r.session_name,
            code=r.course_code,
            course=r.course_name,
            original=tr(ORIGINAL_SCORE),
            score=r.original_score,
            due=date_text(r.due_at, year=False),
        ),
        submitted_at=r.submitted_at,
        status=r.status,
        status_text=tr(dict(SCORE_STATUSES)[r.status]),
        reason=None,
        decided_by=None,
        decided_at=r.resolved_at,
        result=r.result_text,
        can_decide=r.status != "done",
    )


def score_review_list(client: ApiClient, status: str | None, text: str, page: int) -> QueuePage:
    status = status or SCORE_STATUSES[0][0]
    first = (max(1, page) - 1) * PAGE_SIZE
    answer = client.scores.staff_review_page(status, query=text.strip() or None, limit=PAGE_SIZE, offset=first)
    if not answer.items and answer.matched and first:  # the page asked for is past the end now
        return score_review_list(client, status, text, -(-answer.matched // PAGE_SIZE))
    items = tuple(_score_item(r) for r in answer.items)
    return server_page(
        "score_review", SCORE_REVIEW_TITLE, status, items, answer.matched, page, SCORE_STATUSES, answer.counts
    )


def _resolve(client: ApiClient, item: QueueItem, answer: Answer) -> QueueItem:
    return _score_item(client.scores.staff_resolve(item.id, answer.score, answer.reason))


SCORE_ACTIONS = (
    QueueAction(
        QT_TR_NOOP("开始复核(&S)"),
        "start",
        False,
        lambda c, i, _a: _score_item(c.scores.staff_start(i.id)),
        applies=lambda i: i.status == "submitted",
    ),
    QueueAction(
        QT_TR_NOOP("维持原成绩(&K)"),
        "keep",
        False,
        _resolve,
        applies=lambda i: i.status == "in_review",
        consequence=QT_TR_NOOP("复核结论为维持原成绩，考生会收到答复，复核随即结束；此操作不能撤销。"),
    ),
    QueueAction(
        QT_TR_NOOP("更正成绩(&C)…"),
        "correct",
        True,
        _resolve,
        applies=lambda i: i.status == "in_review",
        needs_score=True,
    ),
)

SCORE_REVIEW_QUEUE = QueueView("score_review", SCORE_REVIEW_TITLE, score_review_list, SCORE_ACTIONS)
