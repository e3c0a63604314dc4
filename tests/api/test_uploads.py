"""The one upload path (POST /files): content not names, size, pixel bombs, PDFs, generated names."""

from __future__ import annotations

import io
import time
from itertools import pairwise

import pytest
from PIL import Image
from sqlalchemy import func, select

from backend_mock.models import AuditRecord, RecordApplication, UploadedFile
from backend_mock.records.uploads import display_label
from desktop.api import ApiClient, NotFound, ValidationFailed
from desktop.api.errors import ApiError
from tests.fixtures.files import jpeg_bytes, pdf_bytes, png_bytes, png_header_only
from tests.fixtures.records import examinee
from tests.fixtures.servers import LiveServer
from zikao_common.uploads import MAX_UPLOAD_BYTES, upload_problem


def count_files(server: LiveServer) -> int:
    with server.db() as db:
        return int(db.scalar(select(func.count()).select_from(UploadedFile)) or 0)


def count_applications(server: LiveServer) -> int:
    with server.db() as db:
        return int(db.scalar(select(func.count()).select_from(RecordApplication)) or 0)


def refused(server: LiveServer, client: ApiClient, name: str, data: bytes) -> ApiError:
    files, apps = count_files(server), count_applications(server)
    with pytest.raises(ApiError) as info:
        client.records.upload_bytes(name, data)
    assert count_files(server) == files, "a refused file left a record behind"
    assert count_applications(server) == apps
    return info.value


@pytest.fixture
def me(live_server: LiveServer) -> ApiClient:
    return examinee(live_server)


def test_jpeg_png_and_pdf_are_accepted_and_stored_under_generated_names(live_server: LiveServer, me: ApiClient) -> None:
    jpeg = jpeg_bytes() + b"hidden payload after the image"
    stored = [
        me.records.upload_bytes("scan.jpg", jpeg),
        me.records.upload_bytes("成绩单.png", png_bytes()),
        me.records.upload_bytes("certificate.pdf", pdf_bytes()),
    ]
    assert [f.content_type for f in stored] == ["image/jpeg", "image/png", "application/pdf"]
    assert [f.name for f in stored] == ["scan.jpg", "成绩单.png", "certificate.pdf"]
    with live_server.db() as db:
        rows = {r.id: r for r in db.scalars(select(UploadedFile))}
    for f in stored:
        row = rows[f.file_id]
        assert row.storage_name.startswith("doc-") and f.name not in row.storage_name
        assert row.owner_examinee_id is not None and row.application_id is None
    # images are re-encoded: what was hidden after the JPEG is gone
    kept = me.records.file(stored[0].file_id)
    assert b"hidden payload" not in kept
    assert Image.open(io.BytesIO(kept)).size == (200, 150)
    assert me.records.file(stored[2].file_id) == pdf_bytes()


def test_path_traversal_name_is_only_a_label(live_server: LiveServer, me: ApiClient) -> None:
    f = me.records.upload_bytes("../../x.jpg", jpeg_bytes())
    assert f.name == "x.jpg"
    g = me.records.upload_bytes("..\\..\\windows\\evil.png", png_bytes())
    assert g.name == "evil.png"
    with live_server.db() as db:
        names = list(db.scalars(select(UploadedFile.storage_name)))
    assert all(".." not in n and "/" not in n and "\\" not in n for n in names)
    assert display_label("../", "image/jpeg") == "图片.jpg"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"MZ\x90\x00 this is a windows program" * 10),  # an .exe named .jpg
        ("report.pdf", b"just some text, not a PDF at all"),
        ("scan.png", b"GIF89a" + b"\x00" * 100),  # another image type under a .png name
    ],
)
def test_spoofed_type_is_refused_by_content(live_server: LiveServer, me: ApiClient, name: str, data: bytes) -> None:
    err = refused(live_server, me, name, data)
    assert isinstance(err, ValidationFailed)
    assert err.code == "upload_type"
    assert "JPEG" in err.message and "PDF" in err.message


def test_a_jpeg_named_pdf_is_taken_for_what_it_is(me: ApiClient) -> None:
    assert me.records.upload_bytes("x.pdf", jpeg_bytes()).content_type == "image/jpeg"


def test_a_declared_huge_body_is_refused_before_it_is_read(live_server: LiveServer, me: ApiClient) -> None:
    import socket
    from urllib.parse import urlparse

    url = urlparse(live_server.url)
    files = count_files(live_server)
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/files HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            b"Content-Length: 1073741824\r\n\r\n--b\r\n"
        )  # announces 1 GB, sends a few bytes: the answer must come without the rest
        chunks = []
        while chunk := sock.recv(4096):  # the server closes the connection after answering
            chunks.append(chunk)
        answer = b"".join(chunks).decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 413") and "upload_too_large" in answer
    assert count_files(live_server) == files


def test_over_the_size_limit_is_refused(live_server: LiveServer, me: ApiClient) -> None:
    data = pdf_bytes()[:-6] + b"0" * (MAX_UPLOAD_BYTES + 1) + b"%%EOF\n"
    err = refused(live_server, me, "big.pdf", data)
    assert err.status == 413 and "5MB" in err.message
    exactly = pdf_bytes()[:-6] + b"0" * (MAX_UPLOAD_BYTES - len(pdf_bytes())) + b"%%EOF\n"
    assert len(exactly) == MAX_UPLOAD_BYTES
    assert me.records.upload_bytes("max.pdf", exactly).size == MAX_UPLOAD_BYTES


@pytest.mark.parametrize("side", [7000, 60_000])
def test_pixel_bomb_is_refused_before_decoding(live_server: LiveServer, me: ApiClient, side: int) -> None:
    bomb = png_header_only(side, side)
    assert len(bomb) < 200
    started = time.perf_counter()
    err = refused(live_server, me, "bomb.png", bomb)
    assert time.perf_counter() - started < 5
    assert isinstance(err, ValidationFailed)
    assert err.code == "upload_pixels" and "百万像素" in err.message
    if side == 7000:  # under Pillow's own limit: our header check answers, naming the size
        assert "7000×7000" in err.message


def test_corrupt_image_and_incomplete_pdf_are_refused(live_server: LiveServer, me: ApiClient) -> None:
    assert refused(live_server, me, "a.jpg", jpeg_bytes()[:40]).code == "upload_corrupt"
    err = refused(live_server, me, "a.pdf", pdf_bytes(with_eof=False))
    assert err.code == "upload_pdf_incomplete" and "%%EOF" in err.message
    assert refused(live_server, me, "empty.pdf", b"").code == "upload_empty"


def test_refusals_are_audited(live_server: LiveServer, me: ApiClient) -> None:
    refused(live_server, me, "x.jpg", b"not an image")
    with live_server.db() as db:
        rows = list(db.scalars(select(AuditRecord).where(AuditRecord.action == "upload_file")))
    assert [r.result for r in rows] == ["refused"]
    assert rows[0].details == {"reason": "type", "size": 12}


def test_files_belong_to_their_uploader(live_server: LiveServer, me: ApiClient) -> None:
    mine = me.records.upload_bytes("a.jpg", jpeg_bytes())
    other = examinee(live_server, "exempted")
    applications = count_applications(live_server)
    with pytest.raises(NotFound):
        other.records.file(mine.file_id)
    with pytest.raises(NotFound):  # nor attached to someone else's application
        other.records.create("exemption", {}, [mine.file_id])
    assert count_applications(live_server) == applications


def test_upload_reports_progress(me: ApiClient) -> None:
    seen: list[tuple[int, int]] = []
    data = pdf_bytes()[:-6] + b"0" * 200_000 + b"%%EOF\n"
    me.records.upload_bytes("p.pdf", data, progress=lambda sent, total: seen.append((sent, total)))
    assert len(seen) > 1
    assert seen[-1][0] == seen[-1][1] and seen[-1][1] > len(data)
    assert all(a[0] <= b[0] for a, b in pairwise(seen))


def test_shared_client_check_matches_the_server_rules() -> None:
    assert upload_problem(jpeg_bytes()[:16], 1000) is None
    assert upload_problem(b"MZ\x90\x00", 1000) is not None
    assert "5MB" in (upload_problem(jpeg_bytes()[:16], MAX_UPLOAD_BYTES + 1) or "")
    assert upload_problem(b"", 0) == "文件是空的，请重新选择"
    assert "%%EOF" in (upload_problem(b"%PDF-1.4", 100, tail=b"no end") or "")
    assert upload_problem(b"%PDF-1.4", 100, tail=b"...%%EOF\n") is None
