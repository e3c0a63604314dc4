"""The examinee's profile as the API shows it (personal numbers masked)."""

from __future__ import annotations

from backend_mock.masking import mask_id_number, mask_phone
from backend_mock.models import Examinee
from backend_mock.profile.schemas import ProfilePublic


def profile_of(e: Examinee) -> ProfilePublic:
    return ProfilePublic(
        exam_no=e.exam_no,
        name=e.name,
        gender=e.gender.value,
        id_number_masked=mask_id_number(e.id_number),
        phone_masked=mask_phone(e.phone),
        prefecture_code=e.prefecture_code,
        prefecture_name=e.prefecture.name,
        county_code=e.county_code,
        county_name=e.county.name,
        major_code=e.major.code,
        major_name=e.major.name,
        level=e.major.level.value,
        university_name=e.major.university.name,
        plan_version=e.plan.version,
        record_status=e.record_status.value,
        has_photo=e.photo is not None,
        enrolled_at=e.enrolled_at,
    )
