"""Helpers of the 考籍管理 tests: proof files, logins of examinees and reviewers, ready applications."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

from desktop.api import ApiClient
from desktop.api.records import Application
from tests.registration_helpers import DEMO, examinee_client
from tests.servers import LiveServer, login

REVIEWER = "cs_reviewer"  # 长沙 (4301), like the demo examinees used here
CLERK = "cs_clerk"


def jpeg_bytes(size: tuple[int, int] = (200, 150), colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 40)).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(with_eof: bool = True) -> bytes:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n"
    return body + (b"%%EOF\n" if with_eof else b"")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that announces ``width``×``height`` pixels but carries almost no data (a pixel bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def examinee(server: LiveServer, demo_key: str = "new") -> ApiClient:
    return examinee_client(server, demo_key)


def staff(server: LiveServer, username: str = REVIEWER) -> ApiClient:
    client = server.client()
    login(client, username, kind="staff")
    return client


def proof(client: ApiClient) -> int:
    return client.records.upload_bytes("证书.jpg", jpeg_bytes()).file_id


def exemption_course(client: ApiClient, n: int = 0) -> str:
    return client.records.exemptable_courses()[n].code


def submitted_exemption(client: ApiClient, course_code: str | None = None) -> Application:
    code = course_code or exemption_course(client)
    app = client.records.create(
        "exemption", {"course_code": code, "basis": "全国计算机等级考试一级证书"}, [proof(client)]
    )
    return client.records.submit(app.application_no)


def demo_exam_no(demo_key: str) -> str:
    return DEMO[demo_key].exam_no
