"""Draw the program's icon (a white mortarboard on the blue of the style sheet) with Pillow.

    python packaging/make_icon.py      # writes packaging/zikao.ico and packaging/zikao.png

The files are committed; run this only to change the drawing.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BLUE = (43, 87, 151, 255)  # #2b5797, the accent of desktop/resources/style.qss
WHITE = (255, 255, 255, 255)
SIZE = 256


def draw(size: int = SIZE) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 256
    d.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=BLUE)
    # the board (a rhombus), the cap under it and the tassel
    d.polygon([(128 * s, 52 * s), (226 * s, 98 * s), (128 * s, 144 * s), (30 * s, 98 * s)], fill=WHITE)
    d.polygon([(72 * s, 122 * s), (184 * s, 122 * s), (184 * s, 176 * s), (72 * s, 176 * s)], fill=WHITE)
    d.ellipse((72 * s, 156 * s, 184 * s, 200 * s), fill=WHITE)
    d.line([(206 * s, 104 * s), (206 * s, 168 * s)], fill=WHITE, width=max(1, round(8 * s)))
    d.ellipse((196 * s, 162 * s, 216 * s, 190 * s), fill=WHITE)
    return image


def main() -> None:
    image = draw()
    image.save(HERE / "zikao.png", optimize=True)
    image.save(HERE / "zikao.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(f"wrote {HERE / 'zikao.ico'} and {HERE / 'zikao.png'}")


if __name__ == "__main__":
    main()
