"""Small real images for upload tests: the core upload check opens an image's header, so a few magic bytes
followed by zeros no longer pass for a photo."""

from __future__ import annotations

import io

from PIL import Image


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 200)).save(out, fmt)
    return out.getvalue()


JPEG = image_bytes("JPEG")
PNG = image_bytes("PNG")
