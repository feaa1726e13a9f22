"""The 行政处罚决定书 looked at as an image and as a file (ERRATA acceptance budgets): A4, every font embedded
(no missing glyphs), the red agency header and rule of an official document, black body text."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image
from pypdf import PdfReader

from cases.choices import CaseStatus as S
from enforcement.core.models import Document

pytestmark = pytest.mark.documents


def test_the_decision_is_an_official_looking_a4_document(cw, frozen, tmp_path):
    p = cw.personas
    c = cw.reach(S.WAIVED)
    if c.review_required:
        c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
        c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    c = cw.move(c, "decide", p.head)
    doc = Document.objects.get(kind="penalty_decision", object_id=c.pk)
    with doc.file.open("rb") as fh:
        pdf = fh.read()
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("yes" in row[-5:-2] for row in rows), fonts  # every font embedded
    (tmp_path / "d.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "d.pdf"),
            str(tmp_path / "p1"),
        ],
        check=True,
    )
    png = (tmp_path / "p1.png").read_bytes()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    assert abs(h / w - 297 / 210) < 0.01  # A4 portrait
    pixels = (
        list(image.get_flattened_data()) if hasattr(image, "get_flattened_data") else list(image.getdata())
    )
    top = pixels[: w * (h // 5)]  # the header: agency name and rule in red
    red = sum(1 for r, g, b in top if r > 150 and g < 90 and b < 90)
    dark = sum(1 for r, g, b in pixels if r < 100 and g < 100 and b < 100)
    assert red > 100, "no red header"
    assert dark > 1000, "no body text"  # a blank page has none
    white = sum(1 for r, g, b in pixels if r > 240 and g > 240 and b > 240)
    assert white / len(pixels) > 0.7  # a document page, not a filled area
