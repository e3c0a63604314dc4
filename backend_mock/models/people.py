"""Examinees, enrolment applications and staff accounts."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base, enum_column
from backend_mock.models.catalog import Major, Plan
from backend_mock.models.geo import County, Prefecture


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class RecordStatus(StrEnum):
    ACTIVE = "active"  # 在籍
    TRANSFERRED_OUT = "transferred_out"  # 已转出: exam_no locked
    GRADUATED = "graduated"  # 已毕业


class Examinee(Base):
    __tablename__ = "examinees"
    id: Mapped[int] = mapped_column(primary_key=True)
    exam_no: Mapped[str] = mapped_column(String(12), unique=True)
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    # indexed for the counter's search by name / phone (staff look examinees up among 100,000s)
    name: Mapped[str] = mapped_column(String(30), index=True)
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    birth_date: Mapped[date]
    phone: Mapped[str] = mapped_column(String(11), index=True)
    prefecture_code: Mapped[str] = mapped_column(ForeignKey("prefectures.code"))
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"))
    major_id: Mapped[int] = mapped_column(ForeignKey("majors.id"))
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    # deferred: loaded when read (the profile, the ticket), not with every request's caller
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    photo_name: Mapped[str | None] = mapped_column(String(40))  # generated storage name
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    # set when a counter clerk reset the password to a one-time password: the examinee must
    # choose a new one at the next login before anything else works
    must_change_password: Mapped[bool] = mapped_column(default=False)
    one_time_password_expires_at: Mapped[datetime | None]
    record_status: Mapped[RecordStatus] = mapped_column(enum_column(RecordStatus), default=RecordStatus.ACTIVE)
    # 本科 only: a prior 专科 diploma record checked by the office
    prior_diploma_verified: Mapped[bool] = mapped_column(default=False)
    # has the 考籍证 (record card) been paid for (charged on the first order)
    record_card_paid: Mapped[bool] = mapped_column(default=False)
    enrolled_at: Mapped[datetime]

    prefecture: Mapped[Prefecture] = relationship()
    county: Mapped[County] = relationship()
    major: Mapped[Major] = relationship()
    plan: Mapped[Plan] = relationship()


class EnrolmentStatus(StrEnum):
    SUBMITTED = "submitted"  # 待审核
    APPROVED = "approved"  # 已通过, exam_no issued
    RETURNED = "returned"  # 退回: the applicant corrects it and applies again
    REJECTED = "rejected"  # 未通过


class EnrolmentApplication(Base):
    """新生报名: becomes an ``Examinee`` with an exam_no once the prefecture office approves."""

    __tablename__ = "enrolment_applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[EnrolmentStatus] = mapped_column(enum_column(EnrolmentStatus), default=EnrolmentStatus.SUBMITTED)
    name: Mapped[str] = mapped_column(String(30))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    gender: Mapped[Gender] = mapped_column(enum_column(Gender))
    birth_date: Mapped[date]
    phone: Mapped[str] = mapped_column(String(11))
    prefecture_code: Mapped[str] = mapped_column(ForeignKey("prefectures.code"))
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"))
    major_id: Mapped[int] = mapped_column(ForeignKey("majors.id"))
    password_hash: Mapped[str] = mapped_column(String(200))
    photo: Mapped[bytes] = mapped_column(LargeBinary)
    photo_name: Mapped[str] = mapped_column(String(40))
    session_code: Mapped[str] = mapped_column(ForeignKey("exam_sessions.code"))
    submitted_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(String(200))
    examinee_id: Mapped[int | None] = mapped_column(ForeignKey("examinees.id"))
    major: Mapped[Major] = relationship()
    examinee: Mapped[Examinee | None] = relationship()


class StaffRole(StrEnum):
    CLERK = "clerk"  # 窗口工作人员
    REVIEWER = "reviewer"  # 审核员
    ADMIN = "admin"  # 管理员


class StaffUser(Base):
    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(30))
    role: Mapped[StaffRole] = mapped_column(enum_column(StaffRole))
    prefecture_code: Mapped[str] = mapped_column(ForeignKey("prefectures.code"))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    one_time_password_expires_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    prefecture: Mapped[Prefecture] = relationship()
