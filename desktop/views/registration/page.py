"""报名报考: the registration window, choosing a site and courses, orders and payment.

What the examinee sees on the tab:

- the session's window and phase (before it opens: when; closed: says so);
- 选课报考: the site (prefecture → county → site), the plan's courses with why each can or cannot
  be chosen now, the four exam slots filling, the fee, 确认报考; and the current order of the
  session (待支付 → 交费中 → 已缴费, or 已关闭) with what can be done next;
- 我的订单: every order and every paid course of this and past sessions.

No request runs on the GUI thread.  Creating an order and starting a payment carry an
``Idempotency-Key``: one new key per intent (a confirmation, a click on 去支付), reused when the
same intent is sent again after a timeout or a lost connection, so a retry can never create a
second order or a second payment.  The buttons are disabled while their request is on its way.

After paying on the platform the order is polled every 2 s for 60 s (``OrderPoller``), then a
刷新订单 button takes over; while the result is unknown the page says "请勿重复支付" and offers no
pay button.  The tab loads when it is first opened; then (also after a restart of the program)
every 交费中 order is polled again: a GET of the order makes the server reconcile with the
platform once the notification is overdue, so the true state shows.

A ``ModulePage`` (``docs/desktop-core.md``): the screen is one request (``GET /registration/page``:
window, courses, orders, paid courses, the fixed site or a prefecture's sites), run at once with
the regions the first time in a login (then kept in the session store); the profile is asked
for when a receipt needs it.  A write answers with the order; the page
applies it (``_order_changed``: the course states, the counters, the fixed site, the paid courses)
and publishes ``orders`` (and ``registrations`` when courses became paid) instead of loading
everything again.  Times are the server's (``self.clock``), written by ``desktop.core.timefmt``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ConnectionFailed, RequestTimeout, ServerError
from desktop.api.types import (
    CourseOption,
    Order,
    Payment,
    PayPage,
    Prefecture,
    Profile,
    Registration,
    RegistrationOverview,
    RegistrationScreen,
    SiteOption,
)
from desktop.core.errors import user_message
from desktop.core.store import CLOCK, ORDERS, PROFILE, REGISTRATIONS
from desktop.core.timefmt import datetime_text
from desktop.documents import render as documents
from desktop.documents.receipt import receipt_file_name, receipt_html
from desktop.i18n.marks import QT_TR_NOOP
from desktop.i18n.tr import tr
from desktop.models.registration_models import (
    CourseTableModel,
    OrderTableModel,
    RegistrationTableModel,
    fee_breakdown,
)
from desktop.models.table import yuan
from desktop.views.page import ModulePage
from desktop.views.registration.confirm_dialog import ConfirmOrderDialog
from desktop.views.registration.course_picker import CoursePicker
from desktop.views.registration.order_panel import OrderPanel
from desktop.views.registration.orders_view import OrdersView
from desktop.views.registration.payment_dialog import PaymentDialog
from desktop.views.registration.polling import OrderPoller
from desktop.views.registration.site_picker import SitePicker
from desktop.views.registration.slot_grid import SlotGrid
from desktop.views.registration.texts import phase_text, rules_text, window_text
from desktop.views.widgets.files import documents_path, save_dialog
from desktop.views.widgets.forms import hint

log = logging.getLogger(__name__)

ACTIVE = ("pending", "paying")
AMBIGUOUS = (ConnectionFailed, RequestTimeout, ServerError)  # the request may or may not have been applied


def _ambiguous(exc: Exception) -> bool:
    return isinstance(exc, AMBIGUOUS)


LIVE = frozenset(ACTIVE)
#: the session store's cache of the prefectures (reference data, asked for once per login)
REGIONS_KEY = "regions"
#: server course statuses that only follow from the live orders (the course model works them out itself)
DERIVED = frozenset({"limit_reached", "slot_conflict"})


def fallback_site(order: Order) -> SiteOption:
    """The site of ``order`` as far as the order tells it (when the site is not listed now)."""
    return SiteOption(
        id=order.site_id,
        code="",
        name=order.site_name,
        address=order.site_address,
        county_code="",
        county_name="",
        prefecture_code="",
        prefecture_name="",
        capacity=0,
        seats_left=0,
    )


def registrations_of(order: Order) -> list[Registration]:
    """The paid courses of a paid order (what ``GET /registrations`` lists for it)."""
    paid_at = order.paid_at or order.created_at
    return [
        Registration(
            session_code=order.session_code,
            course_code=i.course_code,
            course_name=i.course_name,
            slot=i.slot,
            slot_label=i.slot_label,
            site_name=order.site_name,
            order_no=order.order_no,
            paid_at=paid_at,
        )
        for i in order.items
    ]


@dataclass(frozen=True)
class _Intent:
    """One confirmed wish to create an order; its key is reused when the same wish is sent again."""

    key: str
    site_id: int
    codes: tuple[str, ...]


class _ResizeWatch(QObject):
    """Calls ``resized(width)`` when the watched widget is resized."""

    def __init__(self, parent: QWidget, resized: Callable[[int], None]) -> None:
        super().__init__(parent)
        self._resized = resized

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self._resized(watched.width())
        return False


def new_key() -> str:
    return str(uuid.uuid4())


class RegistrationPage(ModulePage):
    """The 报名报考 tab."""

    OBJECT_NAME = "registrationPage"
    TITLE = QT_TR_NOOP("报名报考")
    LOADING_TEXT = QT_TR_NOOP("正在加载报考信息…")
    #: another tab or a tester may change these: the page is stale then
    TOPICS = frozenset({ORDERS, PROFILE, CLOCK})
    POLL_INTERVAL_MS = 2000
    POLL_DURATION_MS = 60_000

    order_updated = Signal(object)  # Order: a newer state of an order arrived
    receipt_saved = Signal(object)  # Path

    def setup(self) -> None:
        self.overview: RegistrationOverview | None = None
        self.profile: Profile | None = None
        self.prefectures: list[Prefecture] = []
        self.orders: dict[str, Order] = {}
        self.current_order_no: str | None = None
        self._creating = False
        self._create_intent: _Intent | None = None
        # order_no → (key, channel) of a payment start whose answer was lost (timeout): sent again as is
        self._pay_intents: dict[str, tuple[str, str]] = {}
        self._starting_payment: set[str] = set()
        self._awaiting: set[str] = set()  # paid on the platform here, result not yet seen
        self._busy_orders: set[str] = set()
        self.pollers: dict[str, OrderPoller] = {}
        self.confirm_dialog: ConfirmOrderDialog | None = None
        self.payment_dialog: PaymentDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.print_dialog: QWidget | None = None
        #: a printer to use instead of asking the system (tests; a PDF printer or a broken one)
        self.printer_override: QPrinter | None = None

        self._preselect: list[str] = []  # course codes to tick once the courses are loaded
        self.course_model = CourseTableModel(self)
        self.orders_model = OrderTableModel(self)
        self.registrations_model = RegistrationTableModel(self)

    # --- building --------------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        # the window banner
        self.window_label = QLabel()
        self.window_label.setObjectName("windowLabel")
        self.window_label.setWordWrap(True)
        self.phase_label = QLabel()
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setWordWrap(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("windowReason")
        self.reason_label.setWordWrap(True)
        self.rules_label = hint()
        self.refresh_note = hint(wrap=False)
        self.refresh_note.hide()  # shown with a note only: an empty line costs the course list a row
        banner = QFrame()
        banner.setObjectName("windowBanner")
        banner_layout = QVBoxLayout(banner)
        banner_layout.setContentsMargins(14, 10, 14, 10)
        banner_layout.setSpacing(4)
        for widget in (self.window_label, self.phase_label, self.reason_label, self.rules_label, self.refresh_note):
            banner_layout.addWidget(widget)

        # 选课报考
        self.current_panel = OrderPanel(self.clock.now)
        self.current_panel.setObjectName("currentOrderPanel")

        self.site_picker = SitePicker(self.client, self.runner)
        self.site_picker.site_changed.connect(self._site_changed)
        site_group = QGroupBox(tr("第一步：选择考点"))
        site_layout = QVBoxLayout(site_group)
        site_layout.addWidget(self.site_picker)

        self.course_picker = CoursePicker(self.course_model)
        course_group = QGroupBox(tr("第二步：选择课程(&K)"))  # Alt+K focuses the course table
        course_layout = QVBoxLayout(course_group)
        course_layout.addWidget(self.course_picker)
        self.course_model.selection_changed.connect(self._selection_changed)

        self.slot_grid = SlotGrid()
        slot_group = QGroupBox(tr("考试时间"))
        slot_layout = QVBoxLayout(slot_group)
        slot_layout.addWidget(self.slot_grid)

        # the checkout bar under the course list: fee on the left, 确认报考 on the right
        self.fee_lines = QLabel()
        self.fee_lines.setObjectName("feeLines")
        self.fee_lines.setWordWrap(True)
        self.fee_total = QLabel()
        self.fee_total.setObjectName("feeTotal")
        self.confirm_button = QPushButton(tr("确认报考(&B)"))
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.clicked.connect(self.open_confirm)
        self.confirm_hint = hint()
        self.create_error = QLabel()
        self.create_error.setObjectName("errorLabel")
        self.create_error.setWordWrap(True)
        self.create_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.create_error.hide()
        self.retry_create_button = QPushButton(tr("重新提交(&T)"))
        self.retry_create_button.setObjectName("retryCreateButton")
        self.retry_create_button.clicked.connect(self.retry_create)
        self.retry_create_button.hide()

        fee_column = QVBoxLayout()
        fee_column.setSpacing(2)
        fee_column.addWidget(self.fee_lines)
        fee_column.addWidget(self.confirm_hint)
        checkout = QFrame()
        checkout.setObjectName("checkoutBar")
        checkout_row = QHBoxLayout(checkout)
        checkout_row.setContentsMargins(12, 8, 12, 8)
        checkout_row.addLayout(fee_column, 1)
        checkout_row.addWidget(self.fee_total)
        checkout_row.addSpacing(12)
        checkout_row.addWidget(self.confirm_button)
        error_row = QHBoxLayout()
        error_row.addWidget(self.create_error, 1)
        error_row.addWidget(self.retry_create_button, 0, Qt.AlignmentFlag.AlignTop)

        # wide enough (1366×768, 150 %): the site and the slots in a column beside the course list,
        # which gets the tab's height; narrower (200 %, 1024×600): site and slots side by side above
        # the list, which then keeps its columns readable (``_arrange_steps``)
        self.steps = QWidget()
        self.steps.setObjectName("registrationSteps")
        self.steps_layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.steps)
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.addWidget(site_group, 3)
        self.steps_layout.addWidget(slot_group, 2)
        self.steps_layout.addStretch(0)
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addWidget(self.steps)
        self.middle.addWidget(course_group, 1)

        # one column that fits the tab: the course list takes the height left (8 rows and more at
        # 1366×768) and is the only thing that scrolls; the checkout bar stays under it.  On a screen
        # smaller than the tab's minimum (200 %, 1024×600) the main window scrolls the whole page.
        self.choose_tab = QWidget()
        self.choose_tab.setObjectName("choosePage")
        choose_layout = QVBoxLayout(self.choose_tab)
        choose_layout.setContentsMargins(8, 8, 8, 8)
        choose_layout.setSpacing(6)
        choose_layout.addWidget(self.current_panel)
        choose_layout.addLayout(self.middle, 1)
        self._arrange_steps(self.choose_tab.width())
        self.choose_tab.installEventFilter(_ResizeWatch(self.choose_tab, self._arrange_steps))
        choose_layout.addWidget(checkout)
        choose_layout.addLayout(error_row)

        # 我的订单
        self.orders_view = OrdersView(self.orders_model, self.registrations_model)
        self.detail_panel = self.orders_view.detail_panel

        self.sub_tabs = QTabWidget()
        self.sub_tabs.setObjectName("registrationTabs")
        self.sub_tabs.addTab(self.choose_tab, tr("选课报考(&J)"))
        self.sub_tabs.addTab(self.orders_view, tr("我的订单(&O)"))

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(8, 8, 8, 0)
        content_layout.addWidget(banner)
        content_layout.addWidget(self.sub_tabs, 1)
        self.content_page = content

        self.detail_panel.set_clock(self.clock.now)
        for panel in (self.current_panel, self.detail_panel):
            panel.pay_requested.connect(self.start_payment)
            panel.cancel_requested.connect(self.ask_cancel)
            panel.refresh_requested.connect(self.refresh_order)
            panel.expired.connect(self.refresh_order)
            panel.save_receipt_requested.connect(self.save_receipt)
            panel.print_receipt_requested.connect(self.print_receipt)

        QWidget.setTabOrder(self.site_picker.site_combo, self.course_picker.table)
        QWidget.setTabOrder(self.course_picker.table, self.confirm_button)
        self._selection_changed()
        return content

    def _arrange_steps(self, width: int) -> None:
        """Site and slots beside the course list on a wide tab, above it on a narrow one."""
        char = self.fontMetrics().horizontalAdvance("中")
        wide = width >= char * 80
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self.steps_layout.setDirection(QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight)
        self.steps_layout.setStretch(2, 1 if wide else 0)  # the column's spare height under the slots
        self.steps.setMaximumWidth(char * 28 if wide else 16_777_215)

    # --- loading (ModulePage) ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.loading or self._creating or self.runner.running_for(self) > 0

    def requests(self) -> dict[str, Callable[[], Any]]:
        """The screen in one request, with the regions beside it the first time in a login.

        The profile is only needed for the receipt: it is asked for when one is saved or printed."""
        client = self.client
        prefecture = self._shown_prefecture()
        loads: dict[str, Callable[[], Any]] = {"screen": lambda: client.registration.page(prefecture)}
        if not self.prefectures:
            known = self.store.get(REGIONS_KEY)
            if known is not None:  # another tab of this login asked already
                self.prefectures = sorted(known, key=lambda p: p.code)
            else:
                loads["regions"] = client.system.regions
        return loads

    def _shown_prefecture(self) -> str | None:
        """The prefecture whose sites are on offer now (its sites come with the screen), if any."""
        if not self.built or self.site_picker.fixed:
            return None
        code = self.site_picker.prefecture_combo.currentData()
        return code if isinstance(code, str) else None

    def apply(self, results: dict[str, Any]) -> None:
        """Show the screen; resume polling 交费中 orders."""
        screen: RegistrationScreen = results["screen"]
        if "regions" in results:
            self.prefectures = sorted(results["regions"], key=lambda p: p.code)
            self.store.put(REGIONS_KEY, tuple(self.prefectures))  # reference data: once per login
        overview = screen.overview
        self.clock.sync(overview.server_time)  # a page made on its own has no X-Server-Time feed
        first = self.overview is None
        self.overview = overview
        self._show_window(overview)

        courses = list(screen.courses)
        self.course_model.set_courses(courses, **CourseTableModel.for_overview(overview), keep_selection=not first)
        if self._preselect:
            self._apply_preselection()
        self.slot_grid.set_dates(courses)
        fixed = screen.site
        if fixed is None and overview.site_id is not None:  # not listed now: take what the order knows
            order = next((o for o in screen.orders if o.site_id == overview.site_id), None)
            fixed = fallback_site(order) if order is not None else None
        if fixed is not None:
            self.site_picker.set_fixed_site(fixed)
        else:
            self._offer_sites(overview, screen.sites_prefecture_code, list(screen.sites))

        previous = self.orders
        self.orders = {o.order_no: o for o in screen.orders}
        self.orders_model.set_items(list(screen.orders))
        self.registrations_model.set_items(list(screen.registrations))
        self._choose_current_order()
        for order in screen.orders:
            if order.status == "paying":
                # the load has just settled it with the platform: the next look after one interval
                self.start_polling(order.order_no, look_now=False)
        self._selection_changed()
        if not first:
            self._announce_changes(previous, screen.orders)

    def _offer_sites(self, overview: RegistrationOverview, code: str | None, sites: list[SiteOption] | None) -> None:
        """Offer the sites to choose from (``sites``: those of prefecture ``code``, loaded already)."""
        self.site_picker.reload_on_next_choice()
        if code is not None and sites is not None:
            self.site_picker.preload(code, sites)
        self.site_picker.set_choices(
            self.prefectures,
            overview.home_prefecture_code,
            phase1=overview.phase == "phase1",
            enabled=overview.can_register,
        )

    def _announce_changes(self, previous: dict[str, Order], orders: tuple[Order, ...]) -> None:
        """A reload found orders changed (elsewhere, or by the clock): tell the other tabs."""
        paid_changed = False
        changed = False
        for order in orders:
            before = previous.get(order.order_no)
            if before is None or before.status != order.status:
                changed = True
                was_paid = before is not None and before.status == "paid"
                paid_changed = paid_changed or (order.status == "paid") != was_paid
        if changed:
            self.publish(ORDERS)
        if paid_changed:
            self.publish(REGISTRATIONS)

    def show_status(self, text: str) -> None:
        self.refresh_note.setText(text)
        self.refresh_note.setVisible(bool(text))

    def on_topic(self, topic: str, payload: object) -> None:
        if topic == ORDERS and isinstance(payload, Order) and self.orders.get(payload.order_no) == payload:
            return  # what it shows already
        if topic == PROFILE:
            self.profile = None  # the receipt asks for it again
        super().on_topic(topic, payload)

    def _show_window(self, overview: RegistrationOverview) -> None:
        home = next((p.name for p in self.prefectures if p.code == overview.home_prefecture_code), "")
        self.window_label.setText(window_text(overview))
        self.phase_label.setText(phase_text(overview, home))
        self.phase_label.setProperty("phase", overview.phase)
        reason = "" if overview.can_register else (overview.reason or tr("当前不能报考。"))
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.rules_label.setText(rules_text(overview))

    def _choose_current_order(self) -> None:
        """The order shown above the course choice: the session's open one, else the one handled in
        this visit, else the session's latest paid (or refunding) one, so its receipt is at hand."""
        session = self.overview.session_code if self.overview else None
        in_session = sorted(
            (o for o in self.orders.values() if o.session_code == session), key=lambda o: o.created_at, reverse=True
        )
        active = next((o for o in in_session if o.status in ACTIVE), None)
        if active is not None:
            self.current_order_no = active.order_no
        elif self.current_order_no not in {o.order_no for o in in_session}:
            latest = next((o for o in in_session if o.status in ("paid", "refunding")), None)
            self.current_order_no = latest.order_no if latest else None
        self._show_order_in_panels()

    def _show_order_in_panels(self) -> None:
        current = self.orders.get(self.current_order_no) if self.current_order_no else None
        self.current_panel.set_order(current, awaiting_result=self._is_awaiting(current))
        detail = self.detail_panel.order
        if detail is not None and detail.order_no in self.orders:
            fresh = self.orders[detail.order_no]
            self.detail_panel.set_order(fresh, awaiting_result=self._is_awaiting(fresh))

    def _is_awaiting(self, order: Order | None) -> bool:
        return order is not None and order.order_no in self._awaiting

    def panels_for(self, order_no: str) -> list[OrderPanel]:
        return [p for p in (self.current_panel, self.detail_panel) if p.order_no == order_no]

    # --- choosing --------------------------------------------------------------------------------------
    def _site_changed(self, _site: SiteOption | None) -> None:
        self._update_confirm()

    def _selection_changed(self) -> None:
        overview = self.overview
        courses = self.course_model.selected_courses()
        self.slot_grid.show_slots(self.course_model.slot_occupants())
        if overview is None:
            self.fee_lines.setText("")
            self.fee_total.setText("")
        else:
            fee = fee_breakdown(len(courses), overview)
            if courses:
                self.fee_lines.setText(
                    "<br/>".join(
                        tr("{label}：{amount}").format(label=label, amount=amount) for label, amount in fee.lines()
                    )
                )
            else:
                card = (
                    tr("<br/>首次报考另收考籍证工本费 {yuan}元").format(yuan=yuan(overview.record_card_fee_due_fen))
                    if overview.record_card_fee_due_fen
                    else ""
                )
                self.fee_lines.setText(
                    tr("每门课程 {yuan}元{card}").format(yuan=yuan(overview.fee_per_course_fen), card=card)
                )
            self.fee_total.setText(tr("合计：{yuan}元").format(yuan=yuan(fee.total_fen)))
        if self._create_intent is not None and not self._creating:
            site = self.site_picker.current_site()
            same = site is not None and (site.id, tuple(sorted(c.code for c in courses))) == (
                self._create_intent.site_id,
                self._create_intent.codes,
            )
            if not same:  # a new choice is a new intent
                self._create_intent = None
                self.retry_create_button.hide()
        self._update_confirm()

    def fee_total_text(self) -> str:
        return self.fee_total.text()

    def confirm_problem(self) -> str | None:
        overview = self.overview
        if overview is None:
            return tr("正在加载…")
        if not overview.can_register:
            return overview.reason or tr("当前不在报考时间内")
        if self.site_picker.current_site() is None:
            return tr("请先选择考点。")
        if not self.course_model.selected_codes():
            return tr("请在课程列表中勾选要报考的课程。")
        return None

    def _update_confirm(self) -> None:
        problem = self.confirm_problem()
        self.confirm_button.setEnabled(problem is None and not self._creating)
        self.confirm_button.setText(tr("正在提交订单…") if self._creating else tr("确认报考(&B)"))
        self.confirm_hint.setText("" if self._creating else (problem or tr("核对考点、课程和费用后点击“确认报考”。")))

    # --- creating the order -------------------------------------------------------------------------------
    def open_confirm(self) -> ConfirmOrderDialog | None:
        """确认报考: show what will be ordered; the order is created when that is confirmed."""
        if self._creating:
            return None
        if self.confirm_dialog is not None and self.confirm_dialog.isVisible():
            return self.confirm_dialog
        problem = self.confirm_problem()
        site = self.site_picker.current_site()
        if problem is not None or site is None or self.overview is None:
            self._show_create_error(problem or tr("请先选择考点和课程。"))
            return None
        courses = self.course_model.selected_courses()
        codes = [c.code for c in courses]
        dialog = ConfirmOrderDialog(site, courses, fee_breakdown(len(courses), self.overview), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.submit_order(site.id, codes))
        dialog.destroyed.connect(lambda: setattr(self, "confirm_dialog", None))
        self.confirm_dialog = dialog
        dialog.open()
        return dialog

    def submit_order(self, site_id: int, codes: list[str]) -> None:
        """Create the order (one key per intent; the same intent sent again reuses its key)."""
        if self._creating:
            return
        wanted = tuple(sorted(codes))
        intent = self._create_intent
        if intent is None or (intent.site_id, intent.codes) != (site_id, wanted):
            intent = _Intent(new_key(), site_id, wanted)
            self._create_intent = intent
        self._creating = True
        self._hide_create_error()
        self._update_confirm()
        client = self.client
        log.info("creating an order for %d course(s)", len(wanted))
        self.runner.run(
            lambda: client.registration.create_order(intent.site_id, list(intent.codes), intent.key),
            self._order_created,
            self._create_failed,
            owner=self,
        )

    def retry_create(self) -> None:
        intent = self._create_intent
        if intent is not None:
            self.submit_order(intent.site_id, list(intent.codes))

    def _order_created(self, order: Order) -> None:
        self._creating = False
        self._create_intent = None
        self._hide_create_error()
        log.info("order %s created", order.order_no)
        self._remember(order)
        self.current_order_no = order.order_no
        self.course_model.clear_selection()
        self._show_order_in_panels()
        self._update_confirm()
        self.current_panel.pay_button.setFocus()
        self._reveal_current_order()

    def _create_failed(self, exc: Exception) -> None:
        self._creating = False
        if _ambiguous(exc):
            # the order may exist: the same key sent again returns it instead of making a second one
            self._show_create_error(
                tr("{user_message}\n订单可能已经提交。请点击“重新提交”：不会重复下单，也不会重复占用座位。").format(
                    user_message=user_message(exc)
                ),
                retry=True,
            )
        else:
            self._create_intent = None
            self._show_create_error(tr("报考未成功：{user_message}").format(user_message=user_message(exc)))
            self.refresh()  # refused: the seats, the courses or the window changed (the sites come with it)
        self._update_confirm()

    def _show_create_error(self, text: str, retry: bool = False) -> None:
        self.create_error.setText(text)
        self.create_error.show()
        self.retry_create_button.setVisible(retry)

    def _hide_create_error(self) -> None:
        self.create_error.hide()
        self.create_error.clear()
        self.retry_create_button.hide()

    @property
    def create_error_text(self) -> str:
        return self.create_error.text() if not self.create_error.isHidden() else ""

    # --- orders ----------------------------------------------------------------------------------------
    def _remember(self, order: Order) -> None:
        """A newer state of ``order`` (a write's answer, a look at it): show it, follow it, announce it."""
        previous = self.orders.get(order.order_no)
        self.orders[order.order_no] = order
        self.orders_model.upsert(order)
        if order.status not in ACTIVE:
            self._awaiting.discard(order.order_no)
        self._show_order_in_panels()
        self.order_updated.emit(order)
        if previous is not None and previous.status == order.status:
            return
        log.info("order %s is now %s", order.order_no, order.status)
        if previous is not None and order.order_no == self.current_order_no:
            self._reveal_current_order()
        paid_changed = self._order_changed(previous, order)
        self.publish(ORDERS, order)
        if paid_changed:
            self.publish(REGISTRATIONS, order)

    def _order_changed(self, previous: Order | None, order: Order) -> bool:
        """Bring the course states, the counters, the fixed site and the paid courses in line with the
        new state of ``order`` (no reload); True when the paid courses changed."""
        overview = self.overview
        was = previous.status if previous is not None else None
        if overview is None or order.session_code != overview.session_code:
            return order.status == "paid" or was == "paid"  # another session's order: nothing shown here
        codes = {i.course_code for i in order.items}
        n = len(codes)
        if was not in LIVE and order.status in LIVE:  # a new order (here or in another window)
            overview = replace(
                overview,
                active_order_courses=overview.active_order_courses + n,
                site_id=order.site_id,
                record_card_fee_due_fen=0 if order.record_card_fee_fen else overview.record_card_fee_due_fen,
            )
            reason = tr("已在订单{order_no}中（{status_text}），请完成支付或取消该订单").format(
                order_no=order.order_no, status_text=order.status_text
            )
            self._show_courses(overview, {code: ("in_order", reason) for code in codes})
            chosen = self.site_picker.current_site()
            if chosen is not None and chosen.id == order.site_id and not self.site_picker.fixed:
                self.site_picker.set_fixed_site(replace(chosen, seats_left=max(0, chosen.seats_left - 1)))
            elif not self.site_picker.fixed:
                self.site_picker.set_fixed_site(fallback_site(order))
            return False
        if was in LIVE and order.status == "paid":
            overview = replace(
                overview,
                registered_courses=overview.registered_courses + n,
                active_order_courses=max(0, overview.active_order_courses - n),
            )
            self._show_courses(overview, {code: ("registered", tr("本考次已报考并缴费")) for code in codes})
            self.registrations_model.set_items([*self.registrations_model.items, *registrations_of(order)])
            return True
        if was in LIVE:  # closed (cancelled, not paid in time), perhaps refunding a late payment
            if not overview.can_register or order.close_reason == "window_closed":
                self.refresh()  # the window or the limit decided more than this order: ask the server
                return False
            overview = replace(
                overview,
                active_order_courses=max(0, overview.active_order_courses - n),
                record_card_fee_due_fen=order.record_card_fee_fen or overview.record_card_fee_due_fen,
            )
            if overview.registered_courses == 0 and not any(
                o.status in LIVE and o.session_code == overview.session_code for o in self.orders.values()
            ):
                overview = replace(overview, site_id=None)
            self._show_courses(overview, dict.fromkeys(codes, ("registrable", None)))
            if overview.site_id is None:
                self._offer_sites(overview, None, None)  # the seat went back: choose again (fresh seats)
            return False
        if was == "paid" or (was is None and order.status == "paid"):
            self.refresh()  # paid courses went away (or came from elsewhere): ask the server
            return True
        return False  # e.g. closed → refunding: only the order itself changed

    def _show_courses(self, overview: RegistrationOverview, changes: dict[str, tuple[str, str | None]]) -> None:
        """New statuses for some courses (code → (status, reason)); the rest as they were, except the
        statuses that only followed from the live orders, which the course model works out itself."""
        self.overview = overview
        courses: list[CourseOption] = []
        for course in self.course_model.courses:
            if course.code in changes:
                status, reason = changes[course.code]
                course = replace(course, status=status, reason=reason)
            elif course.status in DERIVED:
                course = replace(course, status="registrable", reason=None)
            courses.append(course)
        self.course_model.set_courses(courses, **CourseTableModel.for_overview(overview), keep_selection=True)
        self._selection_changed()

    def _reveal_current_order(self) -> None:
        """Bring the current order into view (after layouts settle) where the page scrolls (a small screen)."""

        def reveal() -> None:
            parent = self.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if parent is not None and self.current_panel.isVisible():
                parent.ensureWidgetVisible(self.current_panel, 0, 0)

        QTimer.singleShot(0, self, reveal)

    def order(self, order_no: str) -> Order | None:
        return self.orders.get(order_no)

    def _set_order_busy(self, order_no: str, busy: bool) -> None:
        if busy:
            self._busy_orders.add(order_no)
        else:
            self._busy_orders.discard(order_no)
        for panel in self.panels_for(order_no):
            panel.set_busy(busy)

    def refresh_order(self, order_no: str) -> None:
        """One look at the order (刷新订单, or when its time to pay has run out)."""
        if order_no in self._busy_orders:
            return
        self._set_order_busy(order_no, True)
        for panel in self.panels_for(order_no):
            panel.clear_error()
        client = self.client

        def done(order: Order) -> None:
            self._set_order_busy(order_no, False)
            self._remember(order)

        def failed(exc: Exception) -> None:
            self._set_order_busy(order_no, False)
            for panel in self.panels_for(order_no):
                panel.show_error(tr("刷新失败：{user_message}").format(user_message=user_message(exc)))

        self.runner.run(lambda: client.registration.order(order_no), done, failed, owner=self)

    def ask_cancel(self, order_no: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("取消订单"),
            tr("确定取消订单 {order_no} 吗？\n取消后所占座位将被释放，如需报考请重新选择课程下单。").format(
                order_no=order_no
            ),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        yes = box.addButton(tr("取消订单(&Y)"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(tr("不取消(&N)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter keeps the order
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes.clicked.connect(lambda: self.cancel_order(order_no))
        self.message_box = box
        box.open()
        return box

    def cancel_order(self, order_no: str) -> None:
        if order_no in self._busy_orders:
            return
        self._set_order_busy(order_no, True)
        client = self.client

        def done(order: Order) -> None:
            self._set_order_busy(order_no, False)
            self._remember(order)  # the courses, the seat and the site follow the answer

        def failed(exc: Exception) -> None:
            self._set_order_busy(order_no, False)
            for panel in self.panels_for(order_no):
                panel.show_error(tr("取消未成功：{user_message}").format(user_message=user_message(exc)))
            self.refresh_order(order_no)

        self.runner.run(lambda: client.registration.cancel_order(order_no), done, failed, owner=self)

    # --- paying ----------------------------------------------------------------------------------------------
    def start_payment(self, order_no: str, channel: str) -> None:
        """去支付: start a payment on the platform (one key per intent), then open its page."""
        if order_no in self._starting_payment or order_no in self._busy_orders:
            return
        if self.payment_dialog is not None and self.payment_dialog.isVisible():
            return
        # one key per intent; after a lost answer the same request goes again (same key, same channel:
        # the channel can still be changed on the payment page)
        key, sent_channel = self._pay_intents.setdefault(order_no, (new_key(), channel))
        self._starting_payment.add(order_no)
        self._set_order_busy(order_no, True)
        for panel in self.panels_for(order_no):
            panel.clear_error()
        client = self.client

        def work() -> tuple[Payment, PayPage]:
            payment = client.registration.start_payment(order_no, sent_channel, key)
            return payment, client.payplatform.page(payment.payment_no)

        self.runner.run(
            work,
            lambda result: self._payment_started(order_no, channel, *result),
            lambda exc: self._payment_failed(order_no, channel, exc),
            owner=self,
        )

    def _payment_started(self, order_no: str, channel: str, payment: Payment, page: PayPage) -> None:
        self._starting_payment.discard(order_no)
        self._set_order_busy(order_no, False)
        self._pay_intents.pop(order_no, None)
        log.info("payment %s started for order %s", payment.payment_no, order_no)
        if page.status == "paid":  # paid already (same intent sent again): just wait for the result
            self._paid_on_platform(order_no)
            return
        dialog = PaymentDialog(self.client, self.runner, page, order_no, channel, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paid.connect(lambda _no: self._paid_on_platform(order_no))
        dialog.cancelled.connect(lambda _no: self._payment_cancelled(order_no))
        dialog.destroyed.connect(lambda: setattr(self, "payment_dialog", None))
        self.payment_dialog = dialog
        dialog.open()

    def _payment_cancelled(self, order_no: str) -> None:
        """The cashier was closed without paying: say that the order waits, and until when."""
        order = self.orders.get(order_no)
        until = (
            tr("请在{datetime_text}前点击“去支付”完成支付，逾期订单自动关闭、所选课程不再保留。").format(
                datetime_text=datetime_text(order.expires_at)
            )
            if order is not None
            else tr("请在订单关闭前点击“去支付”完成支付。")
        )
        for panel in self.panels_for(order_no):
            panel.show_note(
                tr("已取消本次支付，订单 {order_no} 仍未支付。{until}").format(order_no=order_no, until=until)
            )
        self.refresh_order(order_no)

    def _payment_failed(self, order_no: str, channel: str, exc: Exception) -> None:
        self._starting_payment.discard(order_no)
        self._set_order_busy(order_no, False)
        if _ambiguous(exc):
            text = tr("{user_message}\n可再次点击“去支付”：同一次支付请求不会重复扣款。").format(
                user_message=user_message(exc)
            )
        else:
            self._pay_intents.pop(order_no, None)
            text = tr("无法发起支付：{user_message}").format(user_message=user_message(exc))
            self.refresh_order(order_no)  # e.g. 交费中 elsewhere, or closed meanwhile
            if getattr(exc, "code", "") == "payment_in_progress":
                self.start_polling(order_no)
        for panel in self.panels_for(order_no):
            panel.show_error(text)

    def _paid_on_platform(self, order_no: str) -> None:
        """The platform took the money; the backend learns it asynchronously: wait and look."""
        self._awaiting.add(order_no)
        order = self.orders.get(order_no)
        if order is not None:
            for panel in self.panels_for(order_no):
                panel.set_order(order, awaiting_result=True)
        self.start_polling(order_no, restart=True)

    def start_polling(self, order_no: str, *, restart: bool = False, look_now: bool = True) -> OrderPoller:
        poller = self.pollers.get(order_no)
        if poller is not None and poller.active and not restart:
            return poller
        if poller is not None:
            poller.stop(settled=False)
            poller.deleteLater()
        poller = OrderPoller(
            self.client,
            self.runner,
            order_no,
            self._settled,
            interval_ms=self.POLL_INTERVAL_MS,
            duration_ms=self.POLL_DURATION_MS,
            parent=self,
        )
        poller.updated.connect(self._remember)
        poller.finished.connect(self._poll_finished)
        self.pollers[order_no] = poller
        for panel in self.panels_for(order_no):
            panel.set_polling("polling")
        poller.start(look_now=look_now)
        return poller

    def _settled(self, order: Order) -> bool:
        if order.status == "paying":
            return False
        return not (order.status == "pending" and order.order_no in self._awaiting)

    def _poll_finished(self, order_no: str, settled: bool) -> None:
        for panel in self.panels_for(order_no):
            panel.set_polling(None if settled else "stopped")
        if not settled:
            log.info("no payment result for order %s after polling", order_no)

    def stop_polling(self) -> None:
        """Stop every poller (the page is going away)."""
        for poller in self.pollers.values():
            poller.stop(settled=False)

    def polling(self, order_no: str) -> bool:
        poller = self.pollers.get(order_no)
        return poller is not None and poller.active

    # --- the receipt ---------------------------------------------------------------------------------------
    def save_receipt(self, order_no: str) -> QFileDialog | None:
        """保存回执单(PDF): ask where (non-blocking), then write it on a worker."""
        order = self.orders.get(order_no)
        if order is None or order.status != "paid":
            return None
        path = documents_path(receipt_file_name(order))
        chosen = partial(self.save_receipt_to, order_no)
        self.file_dialog = save_dialog(self, tr("保存报考回执单"), path, tr("PDF 文件 (*.pdf)"), "pdf", chosen)
        return self.file_dialog

    def save_receipt_to(self, order_no: str, path: Path) -> None:
        order = self.orders.get(order_no)
        if order is None:
            return
        client, profile, now = self.client, self.profile, self.clock.now()

        def work() -> tuple[Path, Profile]:
            who = profile or client.me.profile()
            return documents.save_pdf(receipt_html(order, who, printed_at=now), path), who

        def done(result: tuple[Path, Profile]) -> None:
            saved, who = result
            self.profile = who
            for panel in self.panels_for(order_no):
                panel.clear_error()
                panel.show_note(tr("回执单已保存：{saved}").format(saved=saved))
            log.info("receipt saved")
            self.receipt_saved.emit(saved)

        def failed(exc: Exception) -> None:
            text = documents.pdf_error_message(exc, path) if isinstance(exc, OSError) else user_message(exc)
            for panel in self.panels_for(order_no):
                panel.show_error(tr("回执单未保存：{text}").format(text=text))

        self.runner.run(work, done, failed, owner=self)

    def print_receipt(self, order_no: str) -> None:
        """打印回执单 through the system's print dialog (no printer: says so, offers the PDF)."""
        order = self.orders.get(order_no)
        if order is None or order.status != "paid":
            return

        def show(profile: Profile) -> None:
            self.profile = profile

            def save_instead() -> None:
                self.save_receipt(order_no)

            self.print_dialog = documents.print_document(
                receipt_html(order, profile, printed_at=self.clock.now()),
                self,
                save_pdf_instead=save_instead,
                printer=self.printer_override,
            )

        self._with_profile(show, order_no)

    def _with_profile(self, then: Callable[[Profile], None], order_no: str) -> None:
        if self.profile is not None:
            then(self.profile)
            return
        client = self.client

        def failed(exc: Exception) -> None:
            for panel in self.panels_for(order_no):
                panel.show_error(user_message(exc))

        self.runner.run(client.me.profile, then, failed, owner=self)

    # --- for the window ---------------------------------------------------------------------------------------
    def preselect_courses(self, codes: list[str]) -> None:
        """Tick ``codes`` on 选课报考 (成绩管理's suggested plan): now if the courses are loaded, else
        when they are; a course the rules do not allow at that moment stays unticked."""
        self._preselect = list(codes)
        self.ensure_built()
        self.sub_tabs.setCurrentWidget(self.choose_tab)
        if self.overview is not None and not self.loading:
            self._apply_preselection()

    def _apply_preselection(self) -> None:
        codes, self._preselect = self._preselect, []
        self.course_model.clear_selection()
        for code in codes:
            self.course_model.set_selected(code, True)
        log.info("%d suggested course(s) ticked", len(self.course_model.selected_codes()))

    def show_orders(self) -> None:
        self.ensure_built()
        self.sub_tabs.setCurrentWidget(self.orders_view)
