"""Deterministic ID photos for seed data: a head-and-shoulders silhouette on light blue.

Every photo is 480×640 px, JPEG, well under 200 KB, and passes ``check_photo``: the top corners
and the top edge (where the check measures the background) only ever show the blue backdrop.
"""

from __future__ import annotations

import io
import random
from functools import lru_cache

from PIL import Image, ImageDraw

WIDTH = 480
HEIGHT = 640
BACKGROUND = (120, 180, 235)

_SKIN = ((241, 206, 178), (233, 193, 160), (224, 180, 146), (247, 214, 190), (214, 170, 134))
_HAIR = ((28, 24, 22), (40, 32, 28), (52, 40, 32), (20, 20, 24))
_JACKET = ((36, 44, 68), (30, 30, 34), (58, 62, 72), (70, 44, 40), (40, 64, 96), (90, 90, 96))
_SHIRT = ((246, 246, 246), (236, 240, 246), (250, 244, 232))


@lru_cache(maxsize=256)
def make_photo(seed: int) -> bytes:
    """A 480×640 JPEG ID photo; the same ``seed`` always gives the same bytes."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)

    # a faint studio gradient, lighter towards the bottom (stays light blue everywhere)
    for y in range(0, HEIGHT, 4):
        lift = y * 14 // HEIGHT
        colour = (BACKGROUND[0] + lift, BACKGROUND[1] + lift, min(255, BACKGROUND[2] + lift // 2))
        draw.rectangle((0, y, WIDTH, y + 3), fill=colour)

    skin = rng.choice(_SKIN)
    shade = tuple(max(0, c - 28) for c in skin)
    hair = rng.choice(_HAIR)
    jacket = rng.choice(_JACKET)
    shirt = rng.choice(_SHIRT)
    long_hair = rng.random() < 0.45

    cx = WIDTH // 2 + rng.randint(-10, 10)
    head_w = rng.randint(168, 192)
    head_h = int(head_w * rng.uniform(1.22, 1.32))
    head_top = rng.randint(150, 178)
    head_bottom = head_top + head_h
    shoulder_top = head_bottom + rng.randint(18, 34)

    if long_hair:  # hair falling behind the neck and onto the shoulders
        draw.rounded_rectangle(
            (cx - head_w // 2 - 22, head_top + 30, cx + head_w // 2 + 22, shoulder_top + 70), 60, fill=hair
        )
    # shoulders and jacket
    draw.ellipse((cx - 250, shoulder_top, cx + 250, shoulder_top + 420), fill=jacket)
    # neck
    neck_w = head_w // 4
    draw.rectangle((cx - neck_w, head_bottom - 40, cx + neck_w, shoulder_top + 40), fill=shade)
    # shirt collar: a V of white between the lapels
    draw.polygon(
        [(cx - neck_w - 18, shoulder_top + 8), (cx, shoulder_top + 120), (cx + neck_w + 18, shoulder_top + 8)],
        fill=shirt,
    )
    draw.polygon(
        [(cx - neck_w, shoulder_top + 6), (cx, shoulder_top + 52), (cx + neck_w, shoulder_top + 6)], fill=shade
    )
    # ears, face
    if not long_hair:
        ear_y = head_top + head_h * 45 // 100
        draw.ellipse((cx - head_w // 2 - 12, ear_y, cx - head_w // 2 + 14, ear_y + 46), fill=shade)
        draw.ellipse((cx + head_w // 2 - 14, ear_y, cx + head_w // 2 + 12, ear_y + 46), fill=shade)
    draw.ellipse((cx - head_w // 2, head_top, cx + head_w // 2, head_bottom), fill=skin)
    # hair on top of the head
    fringe = rng.randint(40, 60)
    draw.chord(
        (cx - head_w // 2 - 6, head_top - 16, cx + head_w // 2 + 6, head_top + 2 * fringe + 40), 180, 360, fill=hair
    )
    # brows, eyes, nose, mouth
    eye_y = head_top + head_h * 44 // 100
    eye_dx = head_w // 5
    for side in (-1, 1):
        ex = cx + side * eye_dx
        draw.line((ex - 18, eye_y - 16, ex + 18, eye_y - 18), fill=hair, width=5)
        draw.ellipse((ex - 11, eye_y - 5, ex + 11, eye_y + 7), fill=(250, 250, 250))
        draw.ellipse((ex - 6, eye_y - 5, ex + 6, eye_y + 7), fill=(40, 30, 26))
    nose_y = head_top + head_h * 62 // 100
    draw.line((cx, eye_y + 14, cx - 6, nose_y), fill=shade, width=3)
    draw.line((cx - 6, nose_y, cx + 8, nose_y), fill=shade, width=3)
    mouth_y = head_top + head_h * 76 // 100
    draw.arc((cx - 24, mouth_y - 12, cx + 24, mouth_y + 10), 20, 160, fill=(170, 80, 80), width=4)

    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
