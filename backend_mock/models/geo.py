"""Where people live and sit exams: prefectures, counties, exam sites."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend_mock.models.base import Base


class Prefecture(Base):
    __tablename__ = "prefectures"
    code: Mapped[str] = mapped_column(String(4), primary_key=True)  # 4301 .. 4313, 4331
    name: Mapped[str] = mapped_column(String(20))
    counties: Mapped[list[County]] = relationship(back_populates="prefecture", order_by="County.code")


class County(Base):
    __tablename__ = "counties"
    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # GB/T 2260 area code
    name: Mapped[str] = mapped_column(String(30))
    prefecture_code: Mapped[str] = mapped_column(ForeignKey("prefectures.code"), index=True)
    # the two digits of this county inside an exam_no (2 prefecture + 2 county + ...)
    exam_no_code: Mapped[str] = mapped_column(String(2))
    prefecture: Mapped[Prefecture] = relationship(back_populates="counties")
    sites: Mapped[list[ExamSite]] = relationship(back_populates="county", order_by="ExamSite.code")


class ExamSite(Base):
    __tablename__ = "exam_sites"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    address: Mapped[str] = mapped_column(String(120))
    county_code: Mapped[str] = mapped_column(ForeignKey("counties.code"), index=True)
    capacity: Mapped[int]  # seats per session; held seats are counted per session in SessionSite
    county: Mapped[County] = relationship(back_populates="sites")
