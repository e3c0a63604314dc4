"""JSON → dataclass, driven by the dataclass's type hints (datetimes, dates, nested tuples)."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        (item,) = typing.get_args(tp)[:1]
        return tuple(_convert(item, v) for v in value)
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return from_json(tp, value)
    return value


def from_json(cls: type[T], data: dict[str, Any]) -> T:
    """Build ``cls`` from a JSON object; unknown keys are ignored (newer servers add fields)."""
    hints = _hints(cls)  # type: ignore[arg-type]
    kwargs = {
        f.name: _convert(hints[f.name], data.get(f.name))
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)


def list_from_json(cls: type[T], data: list[dict[str, Any]]) -> list[T]:
    return [from_json(cls, item) for item in data]


# ---------------------------------------------------------------------------------------------
# The contract with the server (checked by tests/contract/test_contract.py against the app's OpenAPI).
#
# Every dataclass under desktop/api that an answer becomes names here the OpenAPI component it
# mirrors ("module.Class" below desktop.api → component name), or is declared client-only with
# the reason.  The declaration sits beside the converter that turns answers into these classes,
# in one place, so that a new answer class without a pairing fails the contract test; keyed by
# name because the API modules import this one.
# ---------------------------------------------------------------------------------------------

COMPONENTS: dict[str, str] = {
    "errors.QueueTicket": "QueueTicketPublic",
    "waiting_room.WaitingRoomStatus": "WaitingRoomStatusPublic",
    "waiting_room.QueuePlace": "QueuePlacePublic",
    "waiting_room.WaitingRoomState": "WaitingRoomPublic",
    "graduation.MissingCourse": "MissingCoursePublic",
    "graduation.MissingReason": "MissingReasonPublic",
    "graduation.Eligibility": "EligibilityPublic",
    "graduation.Window": "WindowPublic",
    "graduation.ResumeEntry": "ResumeEntry",
    "graduation.Material": "MaterialPublic",
    "graduation.GraduationApplication": "GraduationPublic",
    "graduation.Limits": "GraduationLimitsPublic",
    "graduation.GraduationOverview": "GraduationOverviewPublic",
    "graduation.StaffGraduation": "StaffGraduationPublic",
    "graduation.StaffGraduationList": "StaffGraduationListPublic",
    "mock.ClockJump": "ClockJumpPublic",
    "mock.Scenario": "ScenarioPublic",
    "mock.ReseedResult": "ReseedPublic",
    "mock.FaultRule": "FaultRuleState",
    "mock.PaymentFaultsState": "PaymentFaultsState",
    "mock.Faults": "FaultsState",
    "notices.NoticeAttachment": "NoticeAttachmentPublic",
    "notices.NoticeSummary": "NoticeSummaryPublic",
    "notices.NoticeBody": "NoticeBodyPublic",
    "notices.NoticeList": "NoticeListPublic",
    "notices.Notice": "NoticePublic",
    "notices.NewNotices": "NewNoticesPublic",
    "notices.AdminNotice": "NoticeAdminPublic",
    "notices.Deadline": "DeadlinePublic",
    "notices.PersonalCalendar": "PersonalCalendarPublic",
    "records.UploadedFile": "FilePublic",
    "records.ApplicationEvent": "EventPublic",
    "records.Application": "ApplicationPublic",
    "records.ExemptionCap": "ExemptionCapPublic",
    "records.ExemptableCourse": "ExemptableCoursePublic",
    "records.ReviewItem": "ReviewItemPublic",
    "records.ReviewList": "ReviewListPublic",
    "records.ReviewDetail": "ReviewDetailPublic",
    "records.Office": "OfficePublic",
    "records.AppointmentSlot": "SlotPublic",
    "records.Appointment": "AppointmentPublic",
    "records.OfficeAppointment": "OfficeAppointmentPublic",
    "records.OfficeDay": "OfficeDayPublic",
    "scores.Score": "ScorePublic",
    "scores.PendingSession": "PendingSessionPublic",
    "scores.ScoreList": "ScoreListPublic",
    "scores.KindProgress": "KindProgressPublic",
    "scores.RemainingCourse": "RemainingCoursePublic",
    "scores.Progress": "ProgressPublic",
    "scores.SuggestedCourse": "SuggestedCoursePublic",
    "scores.PlanSuggestion": "PlanSuggestionPublic",
    "scores.ReviewOption": "ReviewOptionPublic",
    "scores.Review": "ReviewPublic",
    "scores.StaffReview": "StaffReviewPublic",
    "scores.StaffReviewPage": "StaffReviewPagePublic",
    "staff.StaffMe": "StaffMePublic",
    "staff.ExamineeHit": "ExamineeHitPublic",
    "staff.ExamineeSearch": "ExamineeSearchPublic",
    "staff.AccountState": "AccountStatePublic",
    "staff.ResultLine": "ResultLinePublic",
    "staff.ExemptionLine": "ExemptionLinePublic",
    "staff.PaidOrder": "PaidOrderPublic",
    "staff.ExamineeRecord": "ExamineeRecordPublic",
    "staff.Verification": "VerifyPublic",
    "staff.OneTimePassword": "OneTimePasswordPublic",
    "staff.Receipt": "ReceiptPublic",
    "staff.CounterTicket": "CounterTicketPublic",
    "staff.CounterTranscript": "CounterTranscriptPublic",
    "staff.QueueStatus": "QueueStatusPublic",
    "staff.QueueSummary": "QueueSummaryPublic",
    "staff.QueueItem": "QueueItemPublic",
    "staff.QueuePage": "QueuePagePublic",
    "staff.StaffAccount": "StaffAccountPublic",
    "staff.UpdatePolicy": "UpdatePolicyPublic",
    "staff.StaffAccountCreated": "StaffAccountCreatedPublic",
    "staff.AuditEntry": "AuditRecordPublic",
    "staff.AuditPage": "AuditPagePublic",
    "staff.AuditAction": "AuditActionPublic",
    "types.Health": "HealthPublic",
    "types.Captcha": "CaptchaPublic",
    "types.LoginSession": "SessionPublic",
    "types.Profile": "ProfilePublic",
    "types.County": "CountyPublic",
    "types.Prefecture": "PrefecturePublic",
    "types.Major": "MajorPublic",
    "types.SessionCalendar": "SessionCalendarPublic",
    "types.Calendar": "CalendarPublic",
    "types.DemoAccount": "DemoAccountPublic",
    "types.Enrolment": "EnrolmentPublic",
    "types.SmsMessage": "SmsPublic",
    "types.ClockState": "ClockPublic",
    "types.RegistrationOverview": "RegistrationOverviewPublic",
    "types.CourseOption": "CourseOptionPublic",
    "types.SiteOption": "SiteOptionPublic",
    "types.OrderItem": "OrderItemPublic",
    "types.Refund": "RefundPublic",
    "types.Order": "OrderPublic",
    "types.Payment": "PaymentPublic",
    "types.PayPage": "PayPagePublic",
    "types.Registration": "RegistrationPublic",
    "types.RegistrationScreen": "RegistrationPagePublic",
    "types.ExamHistoryCourse": "ExamHistoryCoursePublic",
    "types.ExamHistorySession": "ExamHistorySessionPublic",
    "types.TimetableSlot": "TimetableSlotPublic",
    "types.Timetable": "TimetablePublic",
    "types.TicketCourse": "TicketCoursePublic",
    "types.Ticket": "TicketPublic",
}

# Dataclasses under desktop/api that are no answer of the server.
CLIENT_ONLY: dict[str, str] = {
    "types.EnrolmentForm": "what the 新生报名 dialog collects; sent as a multipart form, never received",
    "staff.AuditFilter": "the audit log's query parameters, never received",
    "types.PaymentFaults": "what a tester asks of the payment platform (PUT /mock/payment-faults); "
    "the answer is mock.PaymentFaultsState",
}

# Fields in which a class and its component legitimately differ (a field of one side only), with
# the reason.  Keyed "module.Class.field".
FIELD_DIFFERENCES: dict[str, str] = {
    "types.Captcha.image_png": "the picture's bytes, decoded by AuthApi.captcha from image_png_base64",
    "types.Captcha.image_png_base64": "decoded into image_png",
    "staff.CounterTicket.photo": "the photo's bytes, decoded by StaffApi.ticket from photo_base64",
    "staff.CounterTicket.photo_base64": "decoded into photo",
    "types.LoginSession.token": "kept inside the client (ApiClient.set_token), never handed to the views",
    "types.Health.status": "always 'ok'; an answer at all is what the client needs",
}
