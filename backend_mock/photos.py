"""Upload checks: the ID photo rules and other proofs (by magic bytes, never by file name).

Photo: JPEG, 480×640 px, light-blue background, at most 200 KB.  Accepted photos are re-encoded
(drops metadata and anything hidden after the image) and stored under a generated name.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from PIL import Image, ImageStat, UnidentifiedImageError

from backend_mock.i18n import Msg
from backend_mock.settings import Settings
from backend_mock.uploads import too_large_message
from zikao_common.uploads import TYPE_RULE, pdf_complete, sniff_type

__all__ = ["StoredFile", "UploadError", "check_document", "check_photo", "sniff_type"]

# light blue as photo studios use it (e.g. RGB 67,142,219 .. 160,200,240); measured on the border
_BLUE_MIN = (40, 110, 180)
_BLUE_MAX = (200, 235, 255)


class UploadError(ValueError):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class StoredFile:
    data: bytes
    name: str  # generated storage name
    content_type: str


def open_image(data: bytes, settings: Settings, what: Msg) -> Image.Image:
    """Decode an image as RGB, refusing a pixel bomb from its header, before any pixel is decoded.

    ``Image.open`` reads only the header; the pixel count is checked against
    ``settings.upload_max_pixels`` (below Pillow's own ``MAX_IMAGE_PIXELS``) before ``load()``.
    """
    try:
        with Image.open(io.BytesIO(data)) as img:
            width, height = img.size
            if width * height > settings.upload_max_pixels:
                raise UploadError(
                    "pixels",
                    Msg(
                        "{what}像素过多（{width}×{height}），最多{limit}百万像素，请缩小后重试",
                        what=what,
                        width=width,
                        height=height,
                        limit=settings.upload_max_pixels // 1_000_000,
                    ),
                )
            img.load()
            return img.convert("RGB")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # so many pixels that Pillow refuses the header itself (beyond twice MAX_IMAGE_PIXELS)
        limit = settings.upload_max_pixels // 1_000_000
        raise UploadError(
            "pixels", Msg("{what}像素过多，最多{limit}百万像素，请缩小后重试", what=what, limit=limit)
        ) from None
    except (UnidentifiedImageError, OSError):
        raise UploadError("corrupt", Msg("{what}文件已损坏或无法识别，请重新拍摄或导出", what=what)) from None


def is_light_blue(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    in_range = all(lo <= v <= hi for v, lo, hi in zip(rgb, _BLUE_MIN, _BLUE_MAX, strict=True))
    return in_range and b > r + 25 and b >= g


def border_colour(image: Image.Image) -> tuple[int, int, int]:
    """Mean colour of the top corners and top edge, where the background shows on an ID photo."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    band = max(4, h // 20)
    boxes = [(0, 0, w // 5, band * 3), (w - w // 5, 0, w, band * 3), (0, 0, w, band)]
    means = [ImageStat.Stat(rgb.crop(box)).mean for box in boxes]
    r, g, b = (int(sum(m[i] for m in means) / len(means)) for i in range(3))
    return (r, g, b)


def check_photo(data: bytes, settings: Settings) -> StoredFile:
    """Validate an ID photo; return it re-encoded.  Raise ``UploadError`` saying what to fix."""
    limit_kb = settings.photo_max_bytes // 1024
    if not data:
        raise UploadError("empty", "照片文件是空的，请重新选择")
    if len(data) > settings.photo_max_bytes:
        size_kb = (len(data) + 1023) // 1024
        raise UploadError(
            "too_large", Msg("照片不能超过{limit}KB（当前{size}KB），请压缩后重试", limit=limit_kb, size=size_kb)
        )
    if sniff_type(data) != "image/jpeg":
        raise UploadError("type", "照片必须是JPEG（.jpg）格式的图片")
    image = open_image(data, settings, Msg("照片"))
    if image.size != (settings.photo_width, settings.photo_height):
        raise UploadError(
            "size",
            Msg(
                "照片尺寸应为{width}×{height}像素（宽×高），当前为{now_width}×{now_height}",
                width=settings.photo_width,
                height=settings.photo_height,
                now_width=image.size[0],
                now_height=image.size[1],
            ),
        )
    if not is_light_blue(border_colour(image)):
        raise UploadError("background", "照片背景应为浅蓝色，请使用浅蓝色背景的证件照")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, optimize=True)
    encoded = out.getvalue()
    if len(encoded) > settings.photo_max_bytes:  # re-encoding a borderline file can grow it
        out = io.BytesIO()
        image.save(out, "JPEG", quality=75, optimize=True)
        encoded = out.getvalue()
    return StoredFile(data=encoded, name=f"photo-{secrets.token_hex(12)}.jpg", content_type="image/jpeg")


def check_document(data: bytes, settings: Settings) -> StoredFile:
    """Validate a proof upload (JPEG, PNG or PDF up to 5 MB); images are re-encoded."""
    if not data:
        raise UploadError("empty", "文件是空的，请重新选择")
    if len(data) > settings.upload_max_bytes:
        raise UploadError("too_large", too_large_message(len(data), settings.upload_max_bytes))
    kind = sniff_type(data)
    if kind is None:
        raise UploadError("type", TYPE_RULE)
    if kind == "application/pdf":
        if not pdf_complete(data):
            raise UploadError("pdf_incomplete", "PDF文件不完整（缺少结尾标记%%EOF），请重新导出或下载后再上传")
        return StoredFile(data=data, name=f"doc-{secrets.token_hex(12)}.pdf", content_type=kind)
    image = open_image(data, settings, Msg("图片"))
    out = io.BytesIO()
    if kind == "image/png":
        image.save(out, "PNG")  # no optimize: it costs seconds on a large image and saves little
        ext = "png"
    else:
        image.save(out, "JPEG", quality=90)
        ext = "jpg"
    return StoredFile(data=out.getvalue(), name=f"doc-{secrets.token_hex(12)}.{ext}", content_type=kind)
