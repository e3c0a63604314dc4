"""The examinee's profile as the API shows it (personal numbers masked)."""

from __future__ import annotations

import functools

from sqlalchemy import Executable, bindparam, inspect, select
from sqlalchemy.orm import object_session

from backend_mock.masking import mask_id_number, mask_phone
from backend_mock.models import Examinee
from backend_mock.profile.schemas import ProfilePublic
from backend_mock.reference_cache import cached


def _names(e: Examinee) -> tuple[str, str, str, str, str, str, str]:
    """Prefecture, county, major code, major name, level, university and plan version of ``e``:
    reference data, cached (reference_cache.py) instead of five lazy loads per profile."""

    def build() -> tuple[str, str, str, str, str, str, str]:
        major = e.major
        return (
            e.prefecture.name,
            e.county.name,
            major.code,
            major.name,
            major.level.value,
            major.university.name,
            e.plan.version,
        )

    db = object_session(e)
    key = ("profile", e.prefecture_code, e.county_code, e.major_id, e.plan_id)
    return build() if db is None else cached(db, key, build)


@functools.cache
def _photo_query() -> Executable:
    return select(Examinee.photo.is_not(None)).where(Examinee.id == bindparam("examinee_id"))


def _has_photo(e: Examinee) -> bool:
    """Whether ``e`` has a photo, without reading the photo itself (a deferred column)."""
    db = object_session(e)
    if db is None or "photo" not in inspect(e).unloaded:
        return e.photo is not None
    return bool(db.scalar(_photo_query(), {"examinee_id": e.id}))


def profile_of(e: Examinee) -> ProfilePublic:
    prefecture, county, major_code, major_name, level, university, plan_version = _names(e)
    return ProfilePublic(
        exam_no=e.exam_no,
        name=e.name,
        gender=e.gender.value,
        id_number_masked=mask_id_number(e.id_number),
        phone_masked=mask_phone(e.phone),
        prefecture_code=e.prefecture_code,
        prefecture_name=prefecture,
        county_code=e.county_code,
        county_name=county,
        major_code=major_code,
        major_name=major_name,
        level=level,
        university_name=university,
        plan_version=plan_version,
        record_status=e.record_status.value,
        has_photo=_has_photo(e),
        enrolled_at=e.enrolled_at,
    )
