"""Every number of the domain rules, in one place.

docs/rules.md marks many values as configurable (payment cut-off, lock time, score release ...); they
all live here so a rule never hides a literal.  A ``Settings`` is immutable: build a new one with
``settings.model_copy(update={...})`` to change a value in a test or a demo.
"""

from __future__ import annotations

import os
from datetime import time
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError


class Mode(StrEnum):
    """How the mock backend runs.

    ``production`` has no tester controls; ``demo`` adds the ``/mock`` endpoints, lists the demo
    accounts and approves enrolments automatically; ``test`` adds the ``/mock`` endpoints only.
    """

    PRODUCTION = "production"
    DEMO = "demo"
    TEST = "test"

    @property
    def has_tester_controls(self) -> bool:
        return self is not Mode.PRODUCTION


class MonthDayTime(BaseModel):
    """A point in a session's calendar: month, day and time of day (China time)."""

    model_config = ConfigDict(frozen=True)
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    at: time = time(0, 0)


def _mdt(month: int, day: int, hour: int = 0, minute: int = 0) -> MonthDayTime:
    return MonthDayTime(month=month, day=day, at=time(hour, minute))


class SessionCalendar(BaseModel):
    """The calendar of one kind of session (April or October)."""

    model_config = ConfigDict(frozen=True)
    enrolment_open: MonthDayTime
    enrolment_close: MonthDayTime
    registration_open: MonthDayTime
    registration_close: MonthDayTime
    graduation_open: MonthDayTime
    graduation_close: MonthDayTime
    transfer_out_confirm_by: MonthDayTime
    transfer_in_confirm_by: MonthDayTime
    # exam weekend: the n-th Saturday of the month and the Sunday after it
    exam_saturday_ordinal: int


APRIL = SessionCalendar(
    enrolment_open=_mdt(2, 7, 9),
    enrolment_close=_mdt(2, 14, 12),
    registration_open=_mdt(2, 20, 10),
    registration_close=_mdt(2, 27, 17),
    graduation_open=_mdt(5, 30, 9),
    graduation_close=_mdt(6, 11, 12),
    transfer_out_confirm_by=_mdt(2, 15, 23, 59),
    transfer_in_confirm_by=_mdt(3, 26, 23, 59),
    exam_saturday_ordinal=2,
)

OCTOBER = SessionCalendar(
    enrolment_open=_mdt(8, 10, 9),
    enrolment_close=_mdt(8, 17, 12),
    registration_open=_mdt(8, 23, 10),
    registration_close=_mdt(8, 30, 17),
    graduation_open=_mdt(11, 20, 9),
    graduation_close=_mdt(12, 2, 12),
    transfer_out_confirm_by=_mdt(8, 15, 23, 59),
    transfer_in_confirm_by=_mdt(9, 26, 23, 59),
    exam_saturday_ordinal=3,
)


class PasswordHashing(BaseModel):
    """The cost of an argon2id password hash: memory in KiB, passes over it, lanes.

    The default is OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane: about 20 ms of CPU
    per login); hashes made with other parameters are rehashed at the account's next login.
    ``ZIKAO_ARGON2_MEMORY_KIB``, ``ZIKAO_ARGON2_TIME_COST`` and ``ZIKAO_ARGON2_PARALLELISM``
    override the defaults (``PasswordHashing.from_environment``).
    """

    model_config = ConfigDict(frozen=True)
    memory_kib: int = Field(default=19 * 1024, ge=8)
    time_cost: int = Field(default=2, ge=1)
    parallelism: int = Field(default=1, ge=1, le=64)

    @classmethod
    def from_environment(cls) -> PasswordHashing:
        """The defaults, with any ``ZIKAO_ARGON2_*`` variable of the environment applied."""
        values: dict[str, int] = {}
        for field, variable in ARGON2_ENVIRONMENT.items():
            raw = os.environ.get(variable, "").strip()
            if not raw:
                continue
            try:
                values[field] = int(raw)
            except ValueError:
                raise ValueError(f"{variable} must be a whole number, not {raw!r}") from None
        try:
            hashing = cls(**values)
        except ValidationError as exc:
            names = ", ".join(ARGON2_ENVIRONMENT[str(e["loc"][0])] for e in exc.errors())
            raise ValueError(f"{names} out of range: {exc.errors()[0]['msg']}") from None
        if hashing.memory_kib < 8 * hashing.parallelism:
            raise ValueError("ZIKAO_ARGON2_MEMORY_KIB must be at least 8 KiB per lane (ZIKAO_ARGON2_PARALLELISM)")
        return hashing


ARGON2_ENVIRONMENT = {
    "memory_kib": "ZIKAO_ARGON2_MEMORY_KIB",
    "time_cost": "ZIKAO_ARGON2_TIME_COST",
    "parallelism": "ZIKAO_ARGON2_PARALLELISM",
}


class Settings(BaseModel):
    """All rule numbers of docs/rules.md.  Immutable; copy to change."""

    model_config = ConfigDict(frozen=True)

    mode: Mode = Mode.DEMO

    # --- software updates (docs/updates.md) --------------------------------------------------------
    # the TUF repository folder (metadata/ and targets/) served under /updates in every mode; None: none
    update_repository: Path | None = None

    # --- calendar -------------------------------------------------------------------------------
    april: SessionCalendar = APRIL
    october: SessionCalendar = OCTOBER
    registration_phase1_days: int = 3
    payment_daily_cutoff: time = time(23, 0)
    ticket_printing_days_before: int = 10
    # rooms and seats, assigned when the ticket printing window opens
    exam_room_seats: int = 30
    # exam-day rules printed on the ticket
    exam_arrive_early_minutes: int = 30
    exam_late_entry_minutes: int = 15
    exam_slots: tuple[tuple[str, time, time], ...] = (
        ("SAT_AM", time(9, 0), time(11, 30)),
        ("SAT_PM", time(14, 30), time(17, 0)),
        ("SUN_AM", time(9, 0), time(11, 30)),
        ("SUN_PM", time(14, 30), time(17, 0)),
    )
    score_release_days_after_exam: int = 35
    score_review_window_days: int = 7
    score_review_result_days: int = 30
    # numbers of score reviews: prefix + yyMMddHHmmss + random digits
    review_no_prefix: str = "FH"

    # --- registration and payment ----------------------------------------------------------------
    max_courses_per_session: int = 4
    fee_per_course_fen: int = 4800
    record_card_fee_fen: int = 2000
    order_unpaid_timeout_minutes: int = 30
    # a payment without result is asked about on the platform (reconciliation) when it is read
    # and this long has passed since it started or since the last question: the notification is
    # expected first ("paid but status not updated" lasts at most about this long); closing an
    # order, starting another payment and cancelling always ask at once
    payment_query_after_seconds: int = 30
    # a payment that reaches a closed order is refunded; the refund completes after this delay
    refund_delay_seconds: int = 600
    # numbers of orders, payments and refunds: prefix + yyMMddHHmmss + random digits
    order_no_prefix: str = "BK"
    payment_no_prefix: str = "ZF"
    refund_no_prefix: str = "TK"
    trade_no_random_digits: int = 6
    # Idempotency-Key header of order creation and payment start
    idempotency_key_max_length: int = 100
    # how long a key is remembered (a retry comes within minutes; the records must not pile up)
    idempotency_key_ttl_hours: int = 24

    # --- the mock payment platform (an external system in real life) ------------------------------
    payment_channels: tuple[str, ...] = ("alipay", "wechat", "unionpay")
    payment_merchant_name: str = "湖南省教育考试院"
    payment_subject: str = "{session_name}自学考试报考费"
    # shared key the platform signs its notifications with (HMAC-SHA256); a mock value
    payment_notify_key: str = "zikao-mock-payplatform-notify-key"
    # fault "out of order": a notification waits this long for a newer one of the same order to
    # overtake it before it is delivered anyway
    payment_out_of_order_hold_seconds: float = 3.0
    # fault "duplicate": the second copy follows the first after this many seconds
    payment_duplicate_gap_seconds: float = 0.2
    # a notification the merchant could not take is sent again, this often, after this long
    payment_notify_attempts: int = 3
    payment_notify_retry_seconds: float = 1.0

    # --- scores -------------------------------------------------------------------------------------
    pass_score: int = 60
    max_exempted_credit_ratio: float = 0.5

    # --- accounts and security ------------------------------------------------------------------------
    captcha_length: int = 4
    captcha_ttl_seconds: int = 300
    login_max_failures: int = 5
    login_lock_minutes: int = 30
    password_min_length: int = 8
    password_max_length: int = 64
    password_hashing: PasswordHashing = Field(default_factory=PasswordHashing.from_environment)
    sms_code_length: int = 6
    sms_code_ttl_minutes: int = 10
    sms_resend_seconds: int = 60
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    counter_idle_minutes: int = 15
    counter_idle_warning_seconds: int = 60

    # --- staff (counter, review, administration) -----------------------------------------------------
    # a clerk unlocks an account or resets its password only after verifying the examinee's
    # identity at the counter (typed ID number and name match), at most this long before
    counter_verification_valid_minutes: int = 30
    # one-time passwords given out at the counter: length (letters and digits, no look-alikes)
    one_time_password_length: int = 10
    # ... and how long one stays valid for the first login (afterwards: back to the counter)
    one_time_password_valid_hours: int = 72
    staff_search_page_size: int = 20
    staff_search_max_page_size: int = 100
    # a partial exam_no must have at least this many digits to be searched as a prefix
    staff_search_min_exam_no_prefix: int = 4
    audit_page_size: int = 50
    audit_export_max_rows: int = 100_000
    reason_min_length: int = 2
    reason_max_length: int = 200

    # --- uploads --------------------------------------------------------------------------------
    photo_width: int = 480
    photo_height: int = 640
    photo_max_bytes: int = 200 * 1024
    upload_max_bytes: int = 5 * 1024 * 1024
    # images with more pixels are refused from their header, before decoding (pixel bombs);
    # below Pillow's own MAX_IMAGE_PIXELS so Pillow never has to warn
    upload_max_pixels: int = 40_000_000
    # a proof no application or graduation material refers to is deleted this long after it was
    # uploaded or taken off its last draft; the sweep runs at start and at most every N minutes on uploads
    orphan_upload_retention_hours: int = 24
    orphan_upload_sweep_minutes: int = 60

    # --- record management (考籍管理) -----------------------------------------------------------------
    application_no_prefix: str = "KJ"
    appointment_no_prefix: str = "YY"
    # an exam_no of another province (transfers): digits, this many (formats differ by province)
    other_province_exam_no_digits: tuple[int, int] = (8, 15)
    application_comment_max_length: int = 200
    # proofs one application may carry
    application_max_files: int = 5
    # record-certificate appointments at the prefecture offices: bookable working days ahead
    # (from tomorrow), two half-day slots a day with this many places each
    appointment_days_ahead: int = 14
    appointment_places_per_slot: int = 8
    appointment_halves: tuple[tuple[str, str], ...] = (("am", "上午 09:00–11:30"), ("pm", "下午 14:30–17:00"))

    # --- graduation (毕业申请) ------------------------------------------------------------------------
    graduation_no_prefix: str = "BY"
    certificate_no_prefix: str = "ZS"
    # resume (个人简历): at least one entry, at most this many; unit/school and role lengths
    graduation_resume_min_entries: int = 1
    graduation_resume_max_entries: int = 12
    graduation_resume_unit_max_length: int = 40
    graduation_resume_role_max_length: int = 20
    # self-assessment (自我鉴定): characters, counted without surrounding blanks
    graduation_self_assessment_min_length: int = 50
    graduation_self_assessment_max_length: int = 800

    # --- notices and the personal calendar ---------------------------------------------------------
    # "new since last login" on a first login: notices of this many days count as new
    notice_new_days_first_login: int = 30
    notice_page_size_max: int = 200
    notice_attachments_max: int = 10
    # the personal calendar shows dates that ended at most this many days ago (greyed) and
    # dates starting at most this many days ahead
    calendar_past_days: int = 30
    calendar_future_days: int = 400

    # --- the waiting room of the busy paths (docs/waiting-room.md) -----------------------------------
    # examinees admitted to the busy paths at once (the tester may change it while running)
    waiting_room_capacity: int = 300
    # paths below /api/v1 that need admission: 报名报考 and paying, 准考证/考试信息, 成绩
    waiting_room_paths: tuple[str, ...] = ("/registration", "/registrations", "/orders", "/exams", "/scores")
    # an admitted examinee without a busy request for this long gives the place up
    waiting_room_active_idle_minutes: int = 10
    # a waiting examinee whose program has not polled for this long leaves the queue (long enough
    # for a restart of the program or a short loss of the network)
    waiting_room_waiting_idle_seconds: int = 300
    # the poll interval the server asks for: a tenth of the estimated wait, within these bounds
    waiting_room_poll_min_seconds: int = 5
    waiting_room_poll_max_seconds: int = 60
    # the mean visit assumed before any visit has ended (estimated wait = position × visit ÷ capacity)
    waiting_room_expected_visit_seconds: int = 300
    # a simulated examinee (tester controls) leaves this long after being admitted
    waiting_room_simulated_visit_seconds: int = 30
    # freed places are looked for at most this often (on a poll or a busy request)
    waiting_room_sweep_seconds: float = 2.0

    # --- demo conveniences ------------------------------------------------------------------------
    auto_approve_enrolment: bool = True
    injected_latency_ms: int = 0

    def calendar_for(self, month: int) -> SessionCalendar:
        """The calendar of the April (4) or October (10) session."""
        if month == 4:
            return self.april
        if month == 10:
            return self.october
        raise ValueError(f"no exam session in month {month}")
