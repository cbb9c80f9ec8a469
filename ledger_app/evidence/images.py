"""A picture offered as evidence is decoded once (Pillow, which ships with reportlab) before it is
kept: a file that only starts like a PNG is refused as damaged, one that would unpack to an absurd
number of pixels (a decompression bomb) is refused before it is unpacked, and the rest give the
small thumbnail the evidence list shows (stored beside the content, so the window never reads a
20 MB photograph to show 96 pixels of it)."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from ledger_app.evidence.errors import EvidenceRejected
from ledger_app.messages.i18n import EN

MAX_PIXELS = 200_000_000  # a 600 dpi A0 scan is 140 million; a bomb is billions
THUMBNAIL = 160  # pixels, the longer side
PIXEL_BOMB = "是像素数异常的图片（{width} × {height}），疑似解压炸弹"
BAD_IMAGE = "图片已损坏，无法显示（{reason}）"
EN.update({
    PIXEL_BOMB: "is a picture with an abnormal number of pixels ({width} x {height}), like a decompression bomb",
    BAD_IMAGE: "is a damaged picture that cannot be shown ({reason})",
})
_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "bmp": "BMP", "tiff": "TIFF"}


def thumbnail(path: Path, name: str, kind: str) -> bytes:
    """A PNG of at most THUMBNAIL pixels of the picture ``path``; EvidenceRejected if it is not one."""
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow warns, then refuses, above its own pixel limit; the limit here is checked first.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=[_FORMATS[kind]]) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise EvidenceRejected(name, PIXEL_BOMB, width=width, height=height)
                image.draft("RGB", (THUMBNAIL * 2, THUMBNAIL * 2))  # JPEG: decode at a fraction of its size
                image.thumbnail((THUMBNAIL, THUMBNAIL))
                shown = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P" else "RGB")
                out = io.BytesIO()
                shown.save(out, "PNG", optimize=True)
                return out.getvalue()
        except EvidenceRejected:
            raise
        except Image.DecompressionBombError as exc:
            raise EvidenceRejected(name, PIXEL_BOMB, width="?", height="?") from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            raise EvidenceRejected(name, BAD_IMAGE, reason=str(exc)[:80]) from None
