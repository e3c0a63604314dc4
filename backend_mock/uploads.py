"""Reading uploaded files with a size cap (never trusting the declared size or name).

Two guards: ``refuse_oversized_bodies`` answers 413 before the body is read when a multipart
request *declares* more than the cap (plus room for the form's other fields), so a huge upload is
not spooled to disk first; ``read_upload`` caps what is actually read (a body may lie about its
length or come chunked).
"""

from __future__ import annotations

from fastapi import FastAPI, Request, UploadFile
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from backend_mock.errors import ApiError, refusal
from backend_mock.i18n import Msg
from zikao_common.uploads import size_text

# multipart framing and the small form fields sent beside the file (enrolment form)
MULTIPART_OVERHEAD = 64 * 1024


def too_large_message(size: int, limit: int) -> Msg:
    """The server's form of ``zikao_common.uploads.too_large_message`` (same Chinese, translatable)."""
    return Msg(
        "文件不能超过{limit}MB（当前{size}），请压缩或分页后重试", limit=limit // (1024 * 1024), size=size_text(size)
    )


def read_upload(file: UploadFile, limit: int) -> bytes:
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(too_large_message(len(data), limit), code="upload_too_large", status_code=413)
    return data


def refuse_oversized_bodies(app: FastAPI, limit: int) -> None:
    """Install the early 413 for multipart bodies declared larger than ``limit`` + overhead."""
    app.add_middleware(OversizedBodies, limit=limit)


class OversizedBodies:
    """The early 413 as a plain ASGI middleware: it only reads two headers, and Starlette's
    ``@app.middleware("http")`` wrapper would cost every request a task and a stream."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            declared = headers.get("content-length", "")
            is_multipart = headers.get("content-type", "").startswith("multipart/")
            if is_multipart and declared.isdigit() and int(declared) > self.limit + MULTIPART_OVERHEAD:
                message = too_large_message(int(declared), self.limit)
                response = refusal(
                    Request(scope), "upload_too_large", message, status_code=413, headers={"Connection": "close"}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
