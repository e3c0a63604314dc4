"""The logged-in examinee: profile, photo, contact phone."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile

from backend_mock.api.deps import CtxDep, ExamineeDep, SessionDep
from backend_mock.audit import audit
from backend_mock.auth.passwords import verify_password
from backend_mock.errors import Forbidden, NotFound, Unprocessable
from backend_mock.masking import mask_phone
from backend_mock.photos import UploadError, check_photo
from backend_mock.profile.schemas import PhoneChange, ProfilePublic
from backend_mock.profile.service import profile_of
from backend_mock.uploads import read_upload
from zikao_common.fields import phone_problem
from zikao_common.numbers import normalise_number

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", operation_id="me-profile")
def profile(examinee: ExamineeDep, db: SessionDep) -> ProfilePublic:
    # ``db``: the read ends in this thread (app._release_the_database), not after the answer
    return profile_of(examinee)


@router.get(
    "/photo", operation_id="me-photo", response_class=Response, responses={200: {"content": {"image/jpeg": {}}}}
)
def photo(examinee: ExamineeDep, db: SessionDep) -> Response:
    if examinee.photo is None:
        raise NotFound("尚未上传照片，请先上传照片", code="no_photo")
    return Response(examinee.photo, media_type="image/jpeg", headers={"Cache-Control": "no-store"})


@router.put("/photo", operation_id="me-upload_photo")
def upload_photo(
    file: Annotated[UploadFile, File(description="JPEG 480×640, light-blue background, ≤ 200 KB")],
    examinee: ExamineeDep,
    db: SessionDep,
    ctx: CtxDep,
) -> ProfilePublic:
    data = read_upload(file, ctx.settings.upload_max_bytes)
    try:
        stored = check_photo(data, ctx.settings)
    except UploadError as exc:
        raise Unprocessable(
            exc.message, code=f"photo_{exc.reason}", details={"fields": [{"field": "photo", "message": exc.message}]}
        ) from None
    examinee.photo = stored.data
    examinee.photo_name = stored.name
    audit(db, ctx, actor=f"examinee:{examinee.id}", action="upload_photo", examinee_id=examinee.id)
    db.commit()
    return profile_of(examinee)


@router.post("/phone", operation_id="me-change_phone")
def change_phone(body: PhoneChange, examinee: ExamineeDep, db: SessionDep, ctx: CtxDep) -> ProfilePublic:
    """Change the contact phone; the password is asked again (re-authentication)."""
    if not verify_password(examinee.password_hash, body.password):
        audit(
            db, ctx, actor=f"examinee:{examinee.id}", action="change_phone", result="refused", examinee_id=examinee.id
        )
        db.commit()
        raise Forbidden("登录密码不正确，手机号未修改", code="bad_password")
    phone = normalise_number(body.new_phone)
    if problem := phone_problem(phone):
        raise Unprocessable(
            problem, code="validation_error", details={"fields": [{"field": "new_phone", "message": problem}]}
        )
    if phone == examinee.phone:
        raise Unprocessable("新手机号与原手机号相同", code="validation_error")
    old = examinee.phone
    examinee.phone = phone
    audit(
        db,
        ctx,
        actor=f"examinee:{examinee.id}",
        action="change_phone",
        examinee_id=examinee.id,
        details={"from": mask_phone(old), "to": mask_phone(phone)},
    )
    db.commit()
    return profile_of(examinee)
