"""Draw the program icon (resources/icons/task-ledger.png, packaging/task-ledger.ico).

Run once when the design changes; both files are committed (a few KB). Pillow comes with reportlab.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
RED, GOLD, WHITE = (178, 34, 34), (250, 214, 120), (255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pad = size // 16
    pen.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 6, fill=RED)
    # Ruled lines of a ledger page behind the character.
    for i in range(4):
        y = size * (0.62 + 0.09 * i)
        pen.line((size * 0.2, y, size * 0.8, y), fill=GOLD, width=max(1, size // 48))
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"), int(size * 0.5))
    pen.text((size / 2, size * 0.36), "账", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    icon = draw(256)
    icon.save(ROOT / "resources" / "icons" / "task-ledger.png")
    icon.save(ROOT / "packaging" / "task-ledger.ico",
              sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
