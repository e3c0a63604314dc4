"""One form per kind of record application.  Each turns the application's ``data`` into widgets and
back (``load`` / ``data``), says when it changed, and can be made read-only (submitted, decided).

The server checks everything on submit and says what to fix; the forms only help: fixed choices
(provinces, Hunan's prefectures and counties, the plan's exemptable courses), the ID number checked
as it is typed, and for exemptions the credit cap shown before submitting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.api.records import ExemptableCourse, ExemptionCap
from desktop.api.types import Prefecture, Profile
from desktop.core.clock import ServerClock
from desktop.core.errors import user_message
from desktop.core.tasks import TaskRunner
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.views.widgets.forms import add_row, caption, form_layout, hint
from zikao_common.idnumber import PROVINCES, IdNumberError, parse_id_number

if TYPE_CHECKING:
    from desktop.api.client import ApiClient

HUNAN = "43"


@dataclass(frozen=True)
class FormContext:
    """What the forms choose from, loaded with the page, and the server's clock (today's date)."""

    profile: Profile
    regions: tuple[Prefecture, ...]
    courses: tuple[ExemptableCourse, ...]
    clock: ServerClock


def _set_combo(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


class KindForm(QWidget):
    changed = Signal()
    kind = ""
    intro = ""

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form = form_layout(self, margins=False)
        self._editors: list[QWidget] = []
        self._loading = False
        self.summary = ""
        if self.intro:
            self.form.addRow(hint(tr(self.intro)))

    def _row(self, text: str, editor: QWidget) -> None:
        add_row(self.form, text, editor)
        self._editors.append(editor)
        for signal in ("textChanged", "currentIndexChanged", "valueChanged"):
            if hasattr(editor, signal):
                getattr(editor, signal).connect(self._edited)
                break

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def load(self, data: dict[str, Any], summary: str = "") -> None:
        """Show ``data``; ``summary`` is the server's one-line description (names a course no longer offered)."""
        self._loading = True
        self.summary = summary
        try:
            self._load(data)
        finally:
            self._loading = False

    def _load(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        for editor in self._editors:
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.setReadOnly(read_only)
            else:
                editor.setEnabled(not read_only)


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


class CorrectionForm(KindForm):
    kind = "correction"
    intro = QT_TR_NOOP(
        "只填写需要更正的项目，并上传身份证、户口簿或公安机关证明。已缴费报考且考试尚未结束时不能更正姓名和身份证号。"
    )

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        p = context.profile
        current = QLabel(
            tr("{name}　{gender}　{id_number_masked}").format(
                name=p.name, gender=p.gender, id_number_masked=p.id_number_masked
            )
        )
        current.setObjectName("currentValue")
        self.form.addRow(caption(tr("现登记信息：")), current)
        self.name = QLineEdit()
        self.name.setObjectName("correctionName")
        self.name.setPlaceholderText(tr("正确的姓名（不更正则留空）"))
        self.id_number = QLineEdit()
        self.id_number.setObjectName("correctionIdNumber")
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText(tr("正确的18位身份证号（不更正则留空）"))
        self.id_hint = QLabel()
        self.id_hint.setObjectName("fieldError")
        self.id_hint.hide()
        self.id_number.textChanged.connect(self._check_id)
        self.gender = QComboBox()
        self.gender.setObjectName("correctionGender")
        for text, value in ((tr("不更正"), None), (tr("男"), tr("男")), (tr("女"), tr("女"))):
            self.gender.addItem(text, value)
        self.note = QPlainTextEdit()
        self.note.setObjectName("correctionNote")
        self.note.setPlaceholderText(tr("更正原因（如：户口簿已更名）"))
        self.note.setMaximumHeight(60)
        self._row(tr("姓名(&N)："), self.name)
        self._row(tr("身份证号(&I)："), self.id_number)
        self.form.addRow("", self.id_hint)
        self._row(tr("性别(&G)："), self.gender)
        self._row(tr("更正原因(&R)："), self.note)

    def _check_id(self, text: str) -> None:
        problem = None
        if len(text.strip()) == 18:
            try:
                parse_id_number(text, today=self.context.clock.today())
            except IdNumberError as exc:
                problem = exc.message
        elif text.strip():
            problem = tr("身份证号应为18位，已输入{len}位").format(len=len(text.strip()))
        self.id_hint.setText(problem or "")
        self.id_hint.setVisible(problem is not None)

    def _load(self, data: dict[str, Any]) -> None:
        self.name.setText(data.get("name", ""))
        self.id_number.setText(data.get("id_number", ""))
        _set_combo(self.gender, data.get("gender"))
        self.note.setPlainText(data.get("note", ""))

    def data(self) -> dict[str, Any]:
        values = {
            "name": _text(self.name),
            "id_number": (_text(self.id_number) or "").upper() or None,
            "gender": self.gender.currentData(),
            "note": _text(self.note),
        }
        return {k: v for k, v in values.items() if v}


class ExemptionForm(KindForm):
    kind = "exemption"
    intro = QT_TR_NOOP("每份申请一门课程。请上传证书或成绩单；免考学分合计不能超过专业计划总学分的一半。")

    def __init__(
        self,
        context: FormContext,
        client: ApiClient,
        runner: TaskRunner,
        application_no: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.client = client
        self.runner = runner
        self.application_no = application_no
        self.cap: ExemptionCap | None = None
        self.course = QComboBox()
        self.course.setObjectName("exemptionCourse")
        self.course.addItem(tr("请选择课程"), None)
        for c in context.courses:
            self.course.addItem(
                tr("{code} {name}（{credits}学分）").format(code=c.code, name=c.name, credits=c.credits), c.code
            )
        self.basis = QLineEdit()
        self.basis.setObjectName("exemptionBasis")
        self.basis.setPlaceholderText(tr("如：全国计算机等级考试一级证书、大学英语四级证书"))
        self.cap_label = QLabel(tr("正在计算免考学分…"))
        self.cap_label.setObjectName("capLabel")
        self.cap_label.setWordWrap(True)
        self._row(tr("免考课程(&C)："), self.course)
        self._row(tr("免考依据(&B)："), self.basis)
        self.cap_caption = caption(tr("免考学分："))
        self.form.addRow(self.cap_caption, self.cap_label)
        self.course.currentIndexChanged.connect(self.refresh_cap)

    def _load(self, data: dict[str, Any]) -> None:
        code = data.get("course_code")
        if code and self.course.findData(code) < 0:  # e.g. an approved course: exempted now
            self.course.addItem(self.summary if self.summary.startswith(str(code)) else str(code), code)
        _set_combo(self.course, code)
        self.basis.setText(data.get("basis", ""))
        self.refresh_cap()

    def set_read_only(self, read_only: bool) -> None:
        """A submitted or decided application shows no cap: it speaks of applying, not of the past."""
        super().set_read_only(read_only)
        self.cap_caption.setVisible(not read_only)
        self.cap_label.setVisible(not read_only)

    def data(self) -> dict[str, Any]:
        values = {"course_code": self.course.currentData(), "basis": _text(self.basis)}
        return {k: v for k, v in values.items() if v}

    def refresh_cap(self, *_args: object) -> None:
        code, app_no, client = self.course.currentData(), self.application_no, self.client
        self.runner.run(lambda: client.records.exemption_cap(code, app_no), self.show_cap, self._cap_failed, owner=self)

    def show_cap(self, cap: ExemptionCap) -> None:
        self.cap = cap
        used = cap.granted_credits + cap.pending_credits
        text = tr("已用 {used} / 上限 {allowed_credits} 学分（专业计划共 {total_credits} 学分）").format(
            used=used, allowed_credits=cap.allowed_credits, total_credits=cap.total_credits
        )
        if cap.pending_credits:
            text += tr("，其中审核中 {pending_credits} 学分").format(pending_credits=cap.pending_credits)
        if cap.course_code:
            text += tr("；本课程 {course_credits} 学分，申请后合计 {after_credits} 学分").format(
                course_credits=cap.course_credits, after_credits=cap.after_credits
            )
        if not cap.within_cap:
            text += tr("。超出上限，不能提交")
        self.cap_label.setText(text)
        self.cap_label.setProperty("over", not cap.within_cap)
        self.cap_label.style().unpolish(self.cap_label)
        self.cap_label.style().polish(self.cap_label)

    def _cap_failed(self, exc: Exception) -> None:
        self.cap_label.setText(tr("免考学分暂时无法计算：{user_message}").format(user_message=user_message(exc)))


#: the provinces' names, for the catalogue (``zikao_common.idnumber.PROVINCES`` is not one of its sources)
PROVINCE_NAMES = (
    QT_TR_NOOP("北京"),
    QT_TR_NOOP("天津"),
    QT_TR_NOOP("河北"),
    QT_TR_NOOP("山西"),
    QT_TR_NOOP("内蒙古"),
    QT_TR_NOOP("辽宁"),
    QT_TR_NOOP("吉林"),
    QT_TR_NOOP("黑龙江"),
    QT_TR_NOOP("上海"),
    QT_TR_NOOP("江苏"),
    QT_TR_NOOP("浙江"),
    QT_TR_NOOP("安徽"),
    QT_TR_NOOP("福建"),
    QT_TR_NOOP("江西"),
    QT_TR_NOOP("山东"),
    QT_TR_NOOP("河南"),
    QT_TR_NOOP("湖北"),
    QT_TR_NOOP("湖南"),
    QT_TR_NOOP("广东"),
    QT_TR_NOOP("广西"),
    QT_TR_NOOP("海南"),
    QT_TR_NOOP("重庆"),
    QT_TR_NOOP("四川"),
    QT_TR_NOOP("贵州"),
    QT_TR_NOOP("云南"),
    QT_TR_NOOP("西藏"),
    QT_TR_NOOP("陕西"),
    QT_TR_NOOP("甘肃"),
    QT_TR_NOOP("青海"),
    QT_TR_NOOP("宁夏"),
    QT_TR_NOOP("新疆"),
)


def _province_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(tr("请选择省份"), None)
    for code, province in sorted(PROVINCES.items()):
        if code != HUNAN:
            combo.addItem(tr(province), code)
    return combo


class TransferOutForm(KindForm):
    kind = "transfer_out"
    intro = QT_TR_NOOP("转出前须先在转入省报考并有至少1门课程合格。审核通过后本省准考证号即被锁定，不能再报考。")

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.province = _province_combo("transferProvince")
        self.exam_no = QLineEdit()
        self.exam_no.setObjectName("transferExamNo")
        self.exam_no.setMaxLength(15)
        self.exam_no.setPlaceholderText(tr("转入省的准考证号"))
        self.passed = QSpinBox()
        self.passed.setObjectName("transferPassed")
        self.passed.setRange(0, 200)
        self.passed.setSuffix(tr(" 门"))
        self.note = QLineEdit()
        self.note.setObjectName("transferNote")
        self._row(tr("转入省份(&P)："), self.province)
        self._row(tr("转入省准考证号(&E)："), self.exam_no)
        self._row(tr("转入省已合格课程(&C)："), self.passed)
        self._row(tr("备注(&R)："), self.note)

    def _load(self, data: dict[str, Any]) -> None:
        _set_combo(self.province, data.get("province_code"))
        self.exam_no.setText(data.get("exam_no", ""))
        self.passed.setValue(int(data.get("passed_courses", 0)))
        self.note.setText(data.get("note", ""))

    def data(self) -> dict[str, Any]:
        values = {
            "province_code": self.province.currentData(),
            "exam_no": _text(self.exam_no),
            "passed_courses": self.passed.value(),
            "note": _text(self.note),
        }
        return {k: v for k, v in values.items() if v is not None}


def parse_courses(text: str) -> list[dict[str, Any]]:
    """Lines "代码 名称 [成绩]" → course dicts (lines without a name are skipped)."""
    courses = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        score = int(parts[-1]) if len(parts) > 2 and parts[-1].isdigit() and int(parts[-1]) <= 100 else None
        name_parts = parts[1:-1] if score is not None else parts[1:]
        course: dict[str, Any] = {"course_code": parts[0][:5], "course_name": " ".join(name_parts)[:60]}
        if score is not None:
            course["score"] = score
        courses.append(course)
    return courses


class TransferInForm(KindForm):
    kind = "transfer_in"
    intro = QT_TR_NOOP("填写在外省已合格的课程，每行一门：课程代码 课程名称 成绩。请上传外省出具的成绩证明。")

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.province = _province_combo("transferInProvince")
        self.exam_no = QLineEdit()
        self.exam_no.setObjectName("transferInExamNo")
        self.exam_no.setMaxLength(15)
        self.courses = QPlainTextEdit()
        self.courses.setObjectName("transferInCourses")
        self.courses.setPlaceholderText(tr("03708 中国近现代史纲要 72\n00015 英语(二) 65"))
        self.courses.setMaximumHeight(90)
        self._row(tr("原考籍省份(&P)："), self.province)
        self._row(tr("原准考证号(&E)："), self.exam_no)
        self._row(tr("已合格课程(&C)："), self.courses)

    def _load(self, data: dict[str, Any]) -> None:
        _set_combo(self.province, data.get("province_code"))
        self.exam_no.setText(data.get("exam_no", ""))
        lines = []
        for c in data.get("courses", []):
            score = f" {c['score']}" if c.get("score") is not None else ""
            lines.append(f"{c['course_code']} {c['course_name']}{score}")
        self.courses.setPlainText("\n".join(lines))

    def data(self) -> dict[str, Any]:
        values: dict[str, Any] = {"province_code": self.province.currentData(), "exam_no": _text(self.exam_no)}
        values = {k: v for k, v in values.items() if v}
        values["courses"] = parse_courses(self.courses.toPlainText())
        return values


class PrefectureChangeForm(KindForm):
    kind = "prefecture_change"
    intro = QT_TR_NOOP("因工作或居住地变化，将考籍转到省内其他市州（准考证号不变）。无需上传材料。")

    def __init__(self, context: FormContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        current = QLabel(f"{context.profile.prefecture_name} / {context.profile.county_name}")
        current.setObjectName("currentValue")
        self.form.addRow(caption(tr("现所属市州：")), current)
        self.prefecture = QComboBox()
        self.prefecture.setObjectName("newPrefecture")
        self.prefecture.addItem(tr("请选择市州"), None)
        for p in context.regions:
            self.prefecture.addItem(p.name, p.code)
        self.county = QComboBox()
        self.county.setObjectName("newCounty")
        self.reason = QLineEdit()
        self.reason.setObjectName("prefectureReason")
        self.reason.setPlaceholderText(tr("如：工作调动"))
        self._row(tr("转入市州(&P)："), self.prefecture)
        self._row(tr("区县(&C)："), self.county)
        self._row(tr("原因(&R)："), self.reason)
        self.prefecture.currentIndexChanged.connect(self._fill_counties)
        self._fill_counties()

    def _fill_counties(self, *_args: object) -> None:
        self.county.clear()
        self.county.addItem(tr("请选择区县"), None)
        code = self.prefecture.currentData()
        for p in self.context.regions:
            if p.code == code:
                for c in p.counties:
                    self.county.addItem(c.name, c.code)

    def _load(self, data: dict[str, Any]) -> None:
        county = data.get("county_code")
        prefecture = next((p.code for p in self.context.regions for c in p.counties if c.code == county), None)
        _set_combo(self.prefecture, prefecture)
        self._fill_counties()
        _set_combo(self.county, county)
        self.reason.setText(data.get("reason", ""))

    def data(self) -> dict[str, Any]:
        values = {"county_code": self.county.currentData(), "reason": _text(self.reason)}
        return {k: v for k, v in values.items() if v}


def make_form(
    kind: str, context: FormContext, client: ApiClient, runner: TaskRunner, application_no: str | None
) -> KindForm:
    if kind == "exemption":
        return ExemptionForm(context, client, runner, application_no)
    forms: dict[str, type[KindForm]] = {
        "correction": CorrectionForm,
        "transfer_out": TransferOutForm,
        "transfer_in": TransferInForm,
        "prefecture_change": PrefectureChangeForm,
    }
    return forms[kind](context)
