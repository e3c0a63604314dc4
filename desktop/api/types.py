"""What the client returns: plain, immutable dataclasses (no Qt, no HTTP)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop.i18n.marks import QT_TR_NOOP


@dataclass(frozen=True)
class Health:
    mode: str
    version: str
    server_time: datetime
    clock_is_real: bool

    @property
    def has_tester_controls(self) -> bool:
        return self.mode in ("demo", "test")


@dataclass(frozen=True)
class Captcha:
    captcha_id: str
    image_png: bytes
    expires_at: datetime


@dataclass(frozen=True)
class LoginSession:
    """A logged-in session (the token itself stays inside the client)."""

    kind: str  # examinee | staff
    name: str
    idle_timeout_seconds: int
    absolute_expires_at: datetime
    server_time: datetime
    role: str | None = None  # staff: clerk | reviewer | admin
    # logged in with a one-time password from the counter: change it before anything else
    must_change_password: bool = False


@dataclass(frozen=True)
class Profile:
    exam_no: str
    name: str
    gender: str
    id_number_masked: str
    phone_masked: str
    prefecture_code: str
    prefecture_name: str
    county_code: str
    county_name: str
    major_code: str
    major_name: str
    level: str
    university_name: str
    plan_version: str
    record_status: str
    has_photo: bool
    enrolled_at: datetime

    @property
    def record_status_text(self) -> str:
        return {
            "active": QT_TR_NOOP("在籍"),
            "transferred_out": QT_TR_NOOP("已转出"),
            "graduated": QT_TR_NOOP("已毕业"),
        }.get(self.record_status, self.record_status)


@dataclass(frozen=True)
class County:
    code: str
    name: str


@dataclass(frozen=True)
class Prefecture:
    code: str
    name: str
    counties: tuple[County, ...]


@dataclass(frozen=True)
class Major:
    id: int
    code: str
    name: str
    level: str
    university_name: str
    plan_version: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}（{self.level}，{self.university_name}）"


@dataclass(frozen=True)
class SessionCalendar:
    code: str
    name: str
    enrolment_open: datetime
    enrolment_close: datetime
    registration_open: datetime
    registration_close: datetime
    phase1_close: datetime
    exam_saturday: date
    ticket_print_open: datetime
    ticket_print_close: datetime
    score_release: datetime
    review_close: datetime
    graduation_open: datetime
    graduation_close: datetime


@dataclass(frozen=True)
class Calendar:
    server_time: datetime
    upcoming: str
    enrolment_open_session: str | None
    sessions: tuple[SessionCalendar, ...]

    def session(self, code: str) -> SessionCalendar | None:
        return next((s for s in self.sessions if s.code == code), None)

    def next_enrolment(self) -> SessionCalendar | None:
        """The session whose enrolment window is open now, or the next one to open."""
        if self.enrolment_open_session:
            return self.session(self.enrolment_open_session)
        return next((s for s in self.sessions if s.enrolment_open > self.server_time), None)


@dataclass(frozen=True)
class DemoAccount:
    account: str
    kind: str
    name: str
    description: str
    password: str


@dataclass(frozen=True)
class EnrolmentForm:
    name: str
    id_number: str
    phone: str
    county_code: str
    major_id: int
    password: str
    captcha_id: str
    captcha_answer: str


@dataclass(frozen=True)
class Enrolment:
    application_no: str
    status: str  # submitted | approved | returned | rejected
    status_text: str
    name: str
    id_number_masked: str
    major_name: str
    session_code: str
    submitted_at: datetime
    exam_no: str | None
    reason: str | None


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    purpose: str
    code: str
    text: str
    sent_at: datetime


@dataclass(frozen=True)
class ClockState:
    now: datetime
    is_real: bool
    frozen: bool
    offset_seconds: float


# --- registration and payment (报名报考) --------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationOverview:
    """The registration window of the upcoming session, as it stands for this examinee now."""

    session_code: str
    session_name: str
    server_time: datetime
    registration_open: datetime
    registration_close: datetime
    phase1_close: datetime
    phase: str  # before | phase1 | phase2 | closed
    phase_text: str  # e.g. "第一阶段：仅限本市州考点"
    can_register: bool
    reason: str | None  # why not, when can_register is false
    payment_cutoff: str  # "23:00"
    home_prefecture_code: str
    site_id: int | None  # the site fixed by an earlier active order of this session
    registered_courses: int  # paid courses of this session
    active_order_courses: int  # courses in unpaid/paying orders of this session
    max_courses: int
    fee_per_course_fen: int
    record_card_fee_due_fen: int  # charged on the next order (0 once paid or already in an order)


@dataclass(frozen=True)
class CourseOption:
    code: str
    name: str
    credits: int
    kind: str  # theory | practice
    required: bool
    slot: str | None  # SAT_AM SAT_PM SUN_AM SUN_PM; None when not offered this session
    slot_label: str | None  # "4月11日（周六）09:00–11:30"
    status: str  # registrable | passed | exempted | theory_not_passed | not_offered | registered | in_order | closed
    reason: str | None  # Chinese, when not registrable

    @property
    def registrable(self) -> bool:
        return self.status == "registrable"


@dataclass(frozen=True)
class SiteOption:
    id: int
    code: str
    name: str
    address: str
    county_code: str
    county_name: str
    prefecture_code: str
    prefecture_name: str
    capacity: int
    seats_left: int


@dataclass(frozen=True)
class OrderItem:
    course_code: str
    course_name: str
    slot: str
    slot_label: str
    fee_fen: int
    withdrawn: bool = False  # a paid course taken out because its exemption was approved (fee refunded)


@dataclass(frozen=True)
class Refund:
    refund_no: str
    amount_fen: int
    status: str  # refunding | refunded
    status_text: str
    created_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class Order:
    order_no: str
    session_code: str
    status: str  # pending | paying | paid | closed | refunding | refunded
    status_text: str  # 待支付 交费中 已缴费 已关闭 退款中 已退款
    site_id: int
    site_name: str
    site_address: str
    items: tuple[OrderItem, ...]
    course_fee_fen: int
    record_card_fee_fen: int
    amount_fen: int
    created_at: datetime
    expires_at: datetime  # when an unpaid order closes by itself
    paid_at: datetime | None
    closed_at: datetime | None
    close_reason: str | None  # cancelled | expired | cutoff | window_closed (Chinese in close_reason_text)
    close_reason_text: str | None
    payment_no: str | None  # the latest payment started for it
    refund: Refund | None

    @property
    def amount_yuan(self) -> str:
        return f"{self.amount_fen / 100:.2f}"


@dataclass(frozen=True)
class Payment:
    payment_no: str
    order_no: str
    amount_fen: int
    channel: str  # alipay | wechat | unionpay
    status: str  # created | succeeded | cancelled | failed
    created_at: datetime


@dataclass(frozen=True)
class PayPage:
    """What the mock payment platform's page shows for one payment."""

    payment_no: str
    merchant: str  # 湖南省教育考试院
    subject: str  # 2027年4月自学考试报考费
    amount_fen: int
    status: str  # awaiting | paid | cancelled
    channels: tuple[str, ...]


@dataclass(frozen=True)
class Registration:
    """A paid course of one session."""

    session_code: str
    course_code: str
    course_name: str
    slot: str
    slot_label: str
    site_name: str
    order_no: str
    paid_at: datetime


@dataclass(frozen=True)
class RegistrationScreen:
    """The whole 报名报考 screen in one answer (``client.registration.page()``)."""

    overview: RegistrationOverview
    courses: tuple[CourseOption, ...]
    orders: tuple[Order, ...]  # every order, newest first
    registrations: tuple[Registration, ...]  # every paid course, of every session
    site: SiteOption | None  # the site fixed by an order of the session (then ``sites`` is empty)
    sites_prefecture_code: str  # whose sites ``sites`` are
    sites: tuple[SiteOption, ...]  # that prefecture's sites open now, when no site is fixed


@dataclass(frozen=True)
class PaymentFaults:
    """Tester controls of the mock payment platform's notifications."""

    delay_seconds: float = 0.0
    duplicate: bool = False
    lost: bool = False
    out_of_order: bool = False


# --- exam information (考试信息查询) ----------------------------------------------------------------


@dataclass(frozen=True)
class ExamHistoryCourse:
    """One course of a session in the registration history, with its outcome."""

    course_code: str
    course_name: str
    slot: str | None
    slot_label: str | None
    outcome: str  # "78", "合格", "缺考" ... once released; else 待考 / 成绩未发布
    score: int | None
    grade: str | None
    passed: bool | None
    released: bool


@dataclass(frozen=True)
class ExamHistorySession:
    """A session the examinee registered for (newest first in the list)."""

    session_code: str
    session_name: str
    status_text: str  # 待考 | 成绩未发布 | 成绩已发布
    site_name: str | None
    site_address: str | None
    amount_paid_fen: int | None  # None: no payment on record (history from before online registration)
    courses: tuple[ExamHistoryCourse, ...]


@dataclass(frozen=True)
class TimetableSlot:
    """One of the four slots of a session; the course fields are None when nothing is registered."""

    slot: str
    date: date
    start: str
    end: str
    slot_label: str
    course_code: str | None
    course_name: str | None
    site_name: str | None
    site_address: str | None
    room: int | None  # once assigned (when the ticket printing window opens)
    seat: int | None


@dataclass(frozen=True)
class Timetable:
    session_code: str
    session_name: str
    ticket_print_open: datetime
    ticket_print_close: datetime
    seats_assigned: bool
    slots: tuple[TimetableSlot, ...]


@dataclass(frozen=True)
class TicketCourse:
    course_code: str
    course_name: str
    slot: str
    date: date
    start: str
    end: str
    slot_label: str
    room: int
    seat: int


@dataclass(frozen=True)
class Ticket:
    """The admission ticket (准考证); the ID number comes masked from the server."""

    session_code: str
    session_name: str
    name: str
    exam_no: str
    id_number_masked: str
    site_name: str
    site_address: str
    courses: tuple[TicketCourse, ...]
    rules: tuple[str, ...]
    photo_available: bool
    print_open: datetime
    print_close: datetime
