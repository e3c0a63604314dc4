"""新生报名 (no login): apply with the ID photo, then look up the status and the exam_no."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from backend_mock.api.deps import CtxDep, SessionDep
from backend_mock.auth.captcha import consume_captcha
from backend_mock.enrolment import service as enrolment
from backend_mock.enrolment.schemas import EnrolmentPublic
from backend_mock.inputs import CodeText, OneLineText
from backend_mock.uploads import read_upload

router = APIRouter(prefix="/enrolments", tags=["enrolment"])


@router.post("", operation_id="enrolment-submit", status_code=201)
def submit(
    db: SessionDep,
    ctx: CtxDep,
    name: Annotated[OneLineText, Form(min_length=1, max_length=40)],
    id_number: Annotated[CodeText, Form(min_length=1, max_length=30)],
    phone: Annotated[CodeText, Form(min_length=1, max_length=20)],
    county_code: Annotated[CodeText, Form(min_length=1, max_length=6)],
    major_id: Annotated[int, Form()],
    password: Annotated[OneLineText, Form(min_length=1, max_length=128)],
    captcha_id: Annotated[OneLineText, Form(min_length=1, max_length=64)],
    captcha_answer: Annotated[CodeText, Form(min_length=1, max_length=16)],
    photo: Annotated[UploadFile, File()],
) -> EnrolmentPublic:
    consume_captcha(db, ctx, captcha_id, captcha_answer)
    data = read_upload(photo, ctx.settings.upload_max_bytes)
    form = enrolment.EnrolmentForm(
        name=name, id_number=id_number, phone=phone, county_code=county_code, major_id=major_id, password=password
    )
    return enrolment.enrolment_of(enrolment.submit(db, ctx, form, data))


@router.get("/status", operation_id="enrolment-status")
def status(application_no: str, id_number: str, db: SessionDep) -> EnrolmentPublic:
    return enrolment.enrolment_of(enrolment.find_application(db, application_no, id_number))
