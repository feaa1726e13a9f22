"""裁量计算单 PDF: unnumbered, with the version, circumstances, ranges and explanation, CJK fonts."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pypdf
import pytest
import time_machine

from discretion.models import Violation
from tests.support.visible_text import SERIF, banned_words, missing_glyphs

pytestmark = pytest.mark.django_db

BODY = {
    "party_type": "unit",
    "stage": "first",
    "violation_date": "2025-03-01",
    "decision_date": "2025-04-01",
    "fact_uncertified_persons": "1",
    "circumstances": ["H-REPEAT"],
}


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode()


def test_calculation_sheet_pdf(client, benchmark, personas):
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    partial = client.post(f"/discretion/violations/{v.pk}/calculate/", BODY, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    # the result panel offers the sheet, carrying the same inputs
    assert f'action="/discretion/violations/{v.pk}/calculation-sheet.pdf"' in html
    assert '<input type="hidden" name="circumstances" value="H-REPEAT">' in html

    with time_machine.travel(dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC), tick=False):
        response = client.post(f"/discretion/violations/{v.pk}/calculation-sheet.pdf", BODY)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="calculation-20261205.pdf"; '
        "filename*=UTF-8''%E8%A3%81%E9%87%8F%E8%AE%A1%E7%AE%97%E5%8D%95-AQ-097-I7-20261205.pdf"
    )
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    fonts = {
        str(font["/BaseFont"]).split("+", 1)[1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts <= {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}
    text = " ".join(_text(response.content).split())
    assert "裁量计算单" in text
    assert "南京市浦口区应急管理局" in text
    assert "《应急管理行政处罚裁量权基准》（应急〔2024〕90号）" in text  # the version
    assert "一年内因同一种违法行为受到两次以上行政处罚" in text  # the circumstance
    assert "15,000元 – 30,000元" in text and "21,000元" in text  # the range and the recommendation
    assert "裁量阶次：事实符合阶次A" in text  # the explanation
    assert "计算人：王执法 计算时间：2026-12-05 10:00" in text
    assert "不编号" in text and "〔" not in text.split("裁量计算单", 1)[1][:20]  # no document number
    for word in ("spec §", "CONTRACT", "开发者", "✅", "◐", "❓", "officer1"):
        assert word not in text
    assert banned_words(text) == []
    assert missing_glyphs(text, SERIF) == []  # every character has a glyph in the embedded font


def test_calculation_sheet_with_bad_input_says_why(client, benchmark, personas):
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    response = client.post(
        f"/discretion/violations/{v.pk}/calculation-sheet.pdf", {**BODY, "decision_date": "2025-01-01"}
    )
    assert response.status_code == 400
    assert "作出决定日期不得早于违法行为发生日期" in response.content.decode()


def test_calculation_sheet_of_an_invisible_violation_is_404(client, benchmark, personas):
    client.force_login(personas.officer1)
    assert client.post("/discretion/violations/999999/calculation-sheet.pdf", BODY).status_code == 404
