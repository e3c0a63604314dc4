"""Bodies of the examinee's own profile (``XPublic`` out)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from backend_mock.inputs import CodeText, OneLineText, RequestModel


class PhoneChange(RequestModel):
    password: OneLineText = Field(min_length=1, max_length=128)
    new_phone: CodeText = Field(min_length=1, max_length=20)


class ProfilePublic(BaseModel):
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
