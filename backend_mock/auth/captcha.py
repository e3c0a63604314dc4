"""Image captchas: 4 characters, one use, 5 minutes."""

from __future__ import annotations

import io
import random
import secrets
from datetime import timedelta
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont
from sqlalchemy.orm import Session

from backend_mock.context import AppContext
from backend_mock.errors import ApiError
from backend_mock.models import Captcha
from zikao_common.numbers import normalise_number

# no 0/O, 1/I/L: people read these wrongly
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@lru_cache(maxsize=1)
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=30)


def render(text: str, rng: random.Random) -> bytes:
    width, height = 120, 44
    image = Image.new("RGB", (width, height), (236, 242, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(5):
        draw.line(
            [(rng.randint(0, width), rng.randint(0, height)), (rng.randint(0, width), rng.randint(0, height))],
            fill=(rng.randint(120, 200), rng.randint(120, 200), rng.randint(150, 220)),
            width=1,
        )
    for i, ch in enumerate(text):
        glyph = Image.new("RGBA", (32, 40), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (4, 2), ch, font=_font(), fill=(rng.randint(10, 80), rng.randint(30, 90), rng.randint(90, 160))
        )
        glyph = glyph.rotate(rng.uniform(-22, 22), resample=Image.Resampling.BICUBIC, expand=False)
        image.paste(glyph, (6 + i * 27 + rng.randint(-2, 2), rng.randint(-1, 4)), glyph)
    for _ in range(60):
        draw.point((rng.randint(0, width - 1), rng.randint(0, height - 1)), fill=(90, 110, 150))
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def issue_captcha(db: Session, ctx: AppContext) -> tuple[Captcha, bytes]:
    rng = random.Random(secrets.randbits(64))
    answer = "".join(rng.choice(ALPHABET) for _ in range(ctx.settings.captcha_length))
    captcha = Captcha(
        id=secrets.token_hex(16),
        answer=answer,
        expires_at=ctx.clock.now() + timedelta(seconds=ctx.settings.captcha_ttl_seconds),
    )
    db.add(captcha)
    db.commit()
    return captcha, render(answer, rng)


def consume_captcha(db: Session, ctx: AppContext, captcha_id: str, answer: str) -> None:
    """Check an answer; the captcha is used up whatever the outcome (one use).  Commits."""
    captcha = db.get(Captcha, captcha_id)
    if captcha is None or captcha.used:
        db.rollback()
        raise ApiError("验证码已失效，请点击图片换一张后重新输入", code="captcha_invalid")
    captcha.used = True
    db.commit()
    if captcha.expires_at <= ctx.clock.now():
        raise ApiError("验证码已过期（有效期5分钟），请点击图片换一张", code="captcha_expired")
    if captcha.answer.upper() != normalise_number(answer):
        raise ApiError("验证码输入错误，请看清新图片后重新输入", code="captcha_wrong")
