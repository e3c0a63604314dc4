"""Typed methods per module of the API, grouped as ``client.<module>.<method>()``."""

from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.api.convert import from_json, list_from_json
from desktop.api.types import (
    Calendar,
    Captcha,
    CourseOption,
    DemoAccount,
    Enrolment,
    EnrolmentForm,
    ExamHistorySession,
    Health,
    LoginSession,
    Major,
    Order,
    Payment,
    PayPage,
    Prefecture,
    Profile,
    Registration,
    RegistrationOverview,
    RegistrationScreen,
    SiteOption,
    Ticket,
    Timetable,
)

if TYPE_CHECKING:
    from desktop.api.client import ApiClient


class _Module:
    def __init__(self, client: ApiClient) -> None:
        self._c = client


class SystemApi(_Module):
    def health(self) -> Health:
        return from_json(Health, self._c.request("GET", "/health", timeout=(2.0, 5.0)))

    def regions(self) -> list[Prefecture]:
        return list_from_json(Prefecture, self._c.request("GET", "/ref/regions"))

    def majors(self) -> list[Major]:
        return list_from_json(Major, self._c.request("GET", "/ref/majors"))

    def calendar(self) -> Calendar:
        return from_json(Calendar, self._c.request("GET", "/ref/calendar"))

    def demo_accounts(self) -> list[DemoAccount]:
        return list_from_json(DemoAccount, self._c.request("GET", "/ref/demo-accounts"))


class AuthApi(_Module):
    def captcha(self) -> Captcha:
        body = self._c.request("POST", "/auth/captcha")
        return Captcha(
            captcha_id=body["captcha_id"],
            image_png=base64.b64decode(body["image_png_base64"]),
            expires_at=datetime.fromisoformat(body["expires_at"]),
        )

    def login(
        self, account: str, password: str, captcha_id: str, captcha_answer: str, kind: str = "examinee"
    ) -> LoginSession:
        """Log in; on success the client holds the token (in memory only)."""
        body = self._c.request(
            "POST",
            "/auth/login",
            json={
                "kind": kind,
                "account": account,
                "password": password,
                "captcha_id": captcha_id,
                "captcha_answer": captcha_answer,
            },
        )
        self._c.set_token(body.pop("token"))
        return from_json(LoginSession, body)

    def logout(self) -> None:
        """End the server session; the token is forgotten even if the server cannot be reached."""
        try:
            if self._c.logged_in:
                self._c.request("POST", "/auth/logout", timeout=(2.0, 5.0))
        finally:
            self._c.set_token(None)

    def keep_alive(self) -> None:
        """Tell the server the person is still working (restarts its idle timer)."""
        self._c.request("GET", "/auth/session")

    def change_password(self, old_password: str, new_password: str) -> str:
        body = self._c.request(
            "POST", "/auth/password", json={"old_password": old_password, "new_password": new_password}
        )
        return str(body["message"])

    def send_reset_code(self, exam_no: str, id_number: str, phone: str) -> str:
        body = self._c.request(
            "POST", "/auth/reset-code", json={"exam_no": exam_no, "id_number": id_number, "phone": phone}
        )
        return str(body["message"])

    def reset_password(self, exam_no: str, id_number: str, phone: str, sms_code: str, new_password: str) -> str:
        body = self._c.request(
            "POST",
            "/auth/reset-password",
            json={
                "exam_no": exam_no,
                "id_number": id_number,
                "phone": phone,
                "sms_code": sms_code,
                "new_password": new_password,
            },
        )
        return str(body["message"])


class MeApi(_Module):
    def profile(self) -> Profile:
        return from_json(Profile, self._c.request("GET", "/me"))

    def photo(self) -> bytes:
        data: bytes = self._c.request("GET", "/me/photo", raw=True)
        return data

    def upload_photo(self, path: Path | str) -> Profile:
        data = Path(path).read_bytes()
        body = self._c.request("PUT", "/me/photo", files={"file": ("photo.jpg", data, "application/octet-stream")})
        return from_json(Profile, body)

    def change_phone(self, password: str, new_phone: str) -> Profile:
        return from_json(
            Profile, self._c.request("POST", "/me/phone", json={"password": password, "new_phone": new_phone})
        )


class EnrolmentApi(_Module):
    def submit(self, form: EnrolmentForm, photo: bytes) -> Enrolment:
        fields: dict[str, Any] = {
            "name": form.name,
            "id_number": form.id_number,
            "phone": form.phone,
            "county_code": form.county_code,
            "major_id": str(form.major_id),
            "password": form.password,
            "captcha_id": form.captcha_id,
            "captcha_answer": form.captcha_answer,
        }
        body = self._c.request(
            "POST", "/enrolments", data=fields, files={"photo": ("photo.jpg", photo, "application/octet-stream")}
        )
        return from_json(Enrolment, body)

    def status(self, application_no: str, id_number: str) -> Enrolment:
        return from_json(
            Enrolment,
            self._c.request(
                "GET", "/enrolments/status", params={"application_no": application_no, "id_number": id_number}
            ),
        )


class RegistrationApi(_Module):
    """报名报考: the window, the courses, exam sites, orders and payments."""

    def overview(self) -> RegistrationOverview:
        return from_json(RegistrationOverview, self._c.request("GET", "/registration/overview"))

    def page(self, prefecture_code: str | None = None) -> RegistrationScreen:
        """Everything the 报名报考 screen shows in one request: the window, the courses, every order and
        paid course, and the fixed site or the sites of ``prefecture_code`` (default: home)."""
        params = {"prefecture_code": prefecture_code} if prefecture_code else None
        return from_json(RegistrationScreen, self._c.request("GET", "/registration/page", params=params))

    def courses(self) -> list[CourseOption]:
        return list_from_json(CourseOption, self._c.request("GET", "/registration/courses"))

    def sites(self, prefecture_code: str | None = None) -> list[SiteOption]:
        params = {"prefecture_code": prefecture_code} if prefecture_code else None
        return list_from_json(SiteOption, self._c.request("GET", "/registration/sites", params=params))

    def create_order(self, site_id: int, course_codes: list[str], idempotency_key: str) -> Order:
        """Create an order (holds a seat).  Retrying with the same key returns the same order."""
        body = self._c.request(
            "POST",
            "/orders",
            json={"site_id": site_id, "course_codes": sorted(course_codes)},
            headers={"Idempotency-Key": idempotency_key},
        )
        return from_json(Order, body)

    def orders(self, session_code: str | None = None) -> list[Order]:
        params = {"session_code": session_code} if session_code else None
        return list_from_json(Order, self._c.request("GET", "/orders", params=params))

    def order(self, order_no: str) -> Order:
        """The order as it truly stands (the server reconciles with the payment platform)."""
        return from_json(Order, self._c.request("GET", f"/orders/{order_no}"))

    def cancel_order(self, order_no: str) -> Order:
        return from_json(Order, self._c.request("POST", f"/orders/{order_no}/cancel"))

    def start_payment(self, order_no: str, channel: str, idempotency_key: str) -> Payment:
        body = self._c.request(
            "POST",
            f"/orders/{order_no}/payments",
            json={"channel": channel},
            headers={"Idempotency-Key": idempotency_key},
        )
        return from_json(Payment, body)

    def registrations(self, session_code: str | None = None) -> list[Registration]:
        params = {"session_code": session_code} if session_code else None
        return list_from_json(Registration, self._c.request("GET", "/registrations", params=params))


class ExamsApi(_Module):
    """考试信息查询: registration history, timetables and the admission ticket."""

    def sessions(self) -> list[ExamHistorySession]:
        """Every session registered for, newest first, with courses, amount paid and outcomes."""
        return list_from_json(ExamHistorySession, self._c.request("GET", "/exams/sessions"))

    def timetable(self, session_code: str | None = None) -> Timetable:
        """The four slots of a session (default: the upcoming one); rooms and seats once assigned."""
        params = {"session_code": session_code} if session_code else None
        return from_json(Timetable, self._c.request("GET", "/exams/timetable", params=params))

    def ticket(self, session_code: str | None = None) -> Ticket:
        """The admission ticket's data; refused (conflict) outside the printing window, without a paid
        registration or without a photo."""
        params = {"session_code": session_code} if session_code else None
        return from_json(Ticket, self._c.request("GET", "/exams/ticket", params=params))

    def ticket_photo(self, session_code: str | None = None) -> bytes:
        """The examinee's photo (JPEG) for the ticket of a session (default: the upcoming one)."""
        params = {"session_code": session_code} if session_code else None
        data: bytes = self._c.request("GET", "/exams/ticket/photo", params=params, raw=True)
        return data


class PayPlatformApi(_Module):
    """The mock payment platform's page (an external system in real life)."""

    def page(self, payment_no: str) -> PayPage:
        return from_json(PayPage, self._c.request("GET", f"/payplatform/payments/{payment_no}"))

    def confirm(self, payment_no: str, channel: str) -> PayPage:
        return from_json(
            PayPage, self._c.request("POST", f"/payplatform/payments/{payment_no}/confirm", json={"channel": channel})
        )

    def cancel(self, payment_no: str) -> PayPage:
        return from_json(PayPage, self._c.request("POST", f"/payplatform/payments/{payment_no}/cancel"))
