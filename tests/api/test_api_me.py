"""The examinee's own data: masked profile, photo rules, contact phone with re-authentication."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from backend_mock.models import Examinee
from desktop.api import ApiClient, NotFound, PermissionDenied, ValidationFailed
from tests.fixtures.accounts import login
from tests.fixtures.servers import LiveServer


def _jpeg(
    size: tuple[int, int] = (480, 640), colour: tuple[int, int, int] = (120, 180, 235), quality: int = 85
) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_profile_is_masked(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    login(client, e.exam_no)
    p = client.me.profile()
    assert p.exam_no == e.exam_no and p.name == e.name
    assert p.id_number_masked == e.id_number[:3] + "*" * 11 + e.id_number[-4:]
    assert p.phone_masked == e.phone[:3] + "****" + e.phone[-4:]
    assert e.id_number not in repr(p) and e.phone not in repr(p)
    assert p.level in ("专科", "本科") and p.university_name and p.plan_version


def test_profile_needs_login(client: ApiClient) -> None:
    from desktop.api import SessionEnded

    with pytest.raises(SessionEnded) as info:
        client.me.profile()
    assert info.value.message == "请先登录"


@pytest.mark.parametrize(
    ("data", "reason", "words"),
    [
        (_jpeg((600, 800)), "photo_size", "480×640"),
        (_jpeg(colour=(250, 250, 250)), "photo_background", "浅蓝色"),
        (_jpeg(colour=(255, 0, 0)), "photo_background", "浅蓝色"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "photo_type", "JPEG"),
        (b"GIF89a" + b"0" * 100, "photo_type", "JPEG"),
        (b"\xff\xd8\xff" + b"broken" * 10, "photo_corrupt", "损坏"),
        (b"", "photo_empty", "空"),
    ],
)
def test_bad_photos_are_refused_and_the_old_photo_kept(
    live_server: LiveServer, client: ApiClient, tmp_path: object, data: bytes, reason: str, words: str
) -> None:
    from pathlib import Path

    e = live_server.examinee(Examinee.photo.is_not(None))
    login(client, e.exam_no)
    before = client.me.photo()
    path = Path(str(tmp_path)) / "photo.jpg"
    path.write_bytes(data)
    with pytest.raises(ValidationFailed) as info:
        client.me.upload_photo(path)
    assert info.value.code == reason and words in info.value.message
    assert client.me.photo() == before


def test_oversize_photo_is_refused(live_server: LiveServer, client: ApiClient, tmp_path: object) -> None:
    from pathlib import Path

    e = live_server.examinee()
    login(client, e.exam_no)
    noisy = Image.effect_noise((480, 640), 120).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=100)
    assert len(out.getvalue()) > live_server.settings.photo_max_bytes
    path = Path(str(tmp_path)) / "big.jpg"
    path.write_bytes(out.getvalue())
    with pytest.raises(ValidationFailed) as info:
        client.me.upload_photo(path)
    assert info.value.code == "photo_too_large" and "200KB" in info.value.message


def test_good_photo_is_stored_re_encoded(live_server: LiveServer, client: ApiClient, tmp_path: object) -> None:
    from pathlib import Path

    e = live_server.examinee(Examinee.photo.is_(None)) if _has_photoless(live_server) else live_server.examinee()
    login(client, e.exam_no)
    original = _jpeg() + b"hidden trailing bytes"
    path = Path(str(tmp_path)) / "ok.jpg"
    path.write_bytes(original)
    profile = client.me.upload_photo(path)
    assert profile.has_photo
    stored = client.me.photo()
    assert stored.startswith(b"\xff\xd8\xff") and b"hidden trailing bytes" not in stored
    assert Image.open(io.BytesIO(stored)).size == (480, 640)


def _has_photoless(server: LiveServer) -> bool:
    from sqlalchemy import select

    with server.db() as db:
        return (
            db.scalar(select(Examinee.id).where(Examinee.photo.is_(None), Examinee.locked_until.is_(None))) is not None
        )


def test_missing_photo_says_so(live_server: LiveServer, client: ApiClient) -> None:
    if not _has_photoless(live_server):
        pytest.skip("the seed has no examinee without a photo")
    e = live_server.examinee(Examinee.photo.is_(None))
    login(client, e.exam_no)
    assert client.me.profile().has_photo is False
    with pytest.raises(NotFound) as info:
        client.me.photo()
    assert "上传照片" in info.value.message


def test_change_phone_needs_the_password(live_server: LiveServer, client: ApiClient) -> None:
    e = live_server.examinee()
    login(client, e.exam_no)
    with pytest.raises(PermissionDenied):
        client.me.change_phone("not-the-password1", "13912345678")
    assert client.me.profile().phone_masked.endswith(e.phone[-4:])
    with pytest.raises(ValidationFailed) as bad:
        client.me.change_phone("Hunan2026", "1234")
    assert "11位" in bad.value.message
    p = client.me.change_phone("Hunan2026", "13912345678")
    assert p.phone_masked == "139****5678"
