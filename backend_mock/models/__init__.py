"""The ORM: every table of the mock backend (imported here so ``Base.metadata`` knows them all)."""

from backend_mock.models.base import Base
from backend_mock.models.catalog import (
    Course,
    CourseKind,
    CourseReplacement,
    ExamSession,
    Level,
    Major,
    Plan,
    PlanCourse,
    TimetableEntry,
    University,
)
from backend_mock.models.geo import County, ExamSite, Prefecture
from backend_mock.models.history import Exemption, ScoreRecord
from backend_mock.models.people import (
    EnrolmentApplication,
    EnrolmentStatus,
    Examinee,
    Gender,
    RecordStatus,
    StaffRole,
    StaffUser,
)
from backend_mock.models.security import AuditRecord, AuthSession, Captcha, LoginThrottle, SmsMessage

__all__ = [
    "AuditRecord",
    "AuthSession",
    "Base",
    "Captcha",
    "County",
    "Course",
    "CourseKind",
    "CourseReplacement",
    "EnrolmentApplication",
    "EnrolmentStatus",
    "ExamSession",
    "ExamSite",
    "Examinee",
    "Exemption",
    "Gender",
    "Level",
    "LoginThrottle",
    "Major",
    "Plan",
    "PlanCourse",
    "Prefecture",
    "RecordStatus",
    "ScoreRecord",
    "SmsMessage",
    "StaffRole",
    "StaffUser",
    "TimetableEntry",
    "University",
]
