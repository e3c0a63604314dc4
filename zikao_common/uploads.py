"""Upload rules shared by the client (early, friendly check) and the server (the enforcing one).

A file's type is what its first bytes say (magic bytes), never its name.  Proofs may be JPEG, PNG
or PDF up to ``MAX_UPLOAD_BYTES``; a PDF must also end with ``%%EOF`` (a truncated download does
not).  The server has the numbers in its settings; these defaults are the same values.
"""

from __future__ import annotations

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
PDF_EOF = b"%%EOF"
# %%EOF must be among the last bytes (a few trailing newlines or a short trailer may follow it)
PDF_EOF_WINDOW = 1024

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_PIXELS = 40_000_000
# how many leading bytes are enough to know the type
SNIFF_BYTES = 16

TYPE_LABELS = {"image/jpeg": "JPEG图片", "image/png": "PNG图片", "application/pdf": "PDF文件"}
TYPE_RULE = "只能上传JPEG、PNG图片或PDF文件（按文件内容判断，改扩展名无效）"


def sniff_type(data: bytes) -> str | None:
    """The content type the first bytes announce: image/jpeg, image/png, application/pdf or None."""
    if data.startswith(JPEG_MAGIC):
        return "image/jpeg"
    if data.startswith(PNG_MAGIC):
        return "image/png"
    if data.startswith(PDF_MAGIC):
        return "application/pdf"
    return None


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}MB"
    return f"{(size + 1023) // 1024}KB"


def too_large_message(size: int, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    return f"文件不能超过{max_bytes // (1024 * 1024)}MB（当前{size_text(size)}），请压缩或分页后重试"


def pdf_complete(data: bytes) -> bool:
    return PDF_EOF in data[-PDF_EOF_WINDOW:]


def upload_problem(head: bytes, size: int, tail: bytes = b"", max_bytes: int = MAX_UPLOAD_BYTES) -> str | None:
    """Why a file cannot be uploaded as a proof, judged from its size, first and last bytes; else None.

    ``tail`` (the last ``PDF_EOF_WINDOW`` bytes) is only needed for PDFs.
    """
    if size == 0:
        return "文件是空的，请重新选择"
    if size > max_bytes:
        return too_large_message(size, max_bytes)
    kind = sniff_type(head)
    if kind is None:
        return TYPE_RULE
    if kind == "application/pdf" and tail and not pdf_complete(tail):
        return "PDF文件不完整（缺少结尾标记%%EOF），请重新导出或下载后再上传"
    return None
