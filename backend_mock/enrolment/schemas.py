"""Bodies of 新生报名 (``XPublic`` out)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class EnrolmentPublic(BaseModel):
    application_no: str
    status: Literal["submitted", "approved", "returned", "rejected"]
    status_text: str
    name: str
    id_number_masked: str
    major_name: str
    session_code: str
    submitted_at: datetime
    exam_no: str | None
    reason: str | None
