"""Reading uploaded files with a size cap (never trusting the declared size or name)."""

from __future__ import annotations

from fastapi import UploadFile

from backend_mock.errors import ApiError


def read_upload(file: UploadFile, limit: int) -> bytes:
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise ApiError(f"文件不能超过{limit // (1024 * 1024)}MB", code="upload_too_large", status_code=413)
    return data
