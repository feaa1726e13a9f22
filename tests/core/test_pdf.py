"""PDF rendering: Chinese dates, A4 layout with real WeasyPrint and CJK fonts, local-only resources."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.pdf import _url_fetcher, chinese_date, render_pdf
from enforcement.core.templatetags.core_documents import chinese_date as chinese_date_filter


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 11, 25), "二〇二六年十一月二十五日"),
        (dt.date(2026, 1, 1), "二〇二六年一月一日"),
        (dt.date(2020, 10, 10), "二〇二〇年十月十日"),
        (dt.date(2026, 2, 20), "二〇二六年二月二十日"),
        (dt.date(2031, 12, 31), "二〇三一年十二月三十一日"),
        (dt.date(2009, 9, 19), "二〇〇九年九月十九日"),
        (dt.date(2026, 3, 30), "二〇二六年三月三十日"),
    ],
)
def test_chinese_date(date, expected):
    assert chinese_date(date) == expected


_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _parse_count(text: str) -> int:
    if "十" not in text:
        return _VALUE[text]
    tens, _, ones = text.partition("十")
    return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[ones] if ones else 0)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_chinese_date_reads_back_as_the_same_date(date):
    match = re.fullmatch(r"([〇一二三四五六七八九]{4})年(.+)月(.+)日", chinese_date(date))
    assert match is not None
    year = int("".join(str(_VALUE[c]) for c in match[1]))
    assert dt.date(year, _parse_count(match[2]), _parse_count(match[3])) == date


def test_chinese_date_filter_uses_the_beijing_date_of_a_datetime():
    late_utc = dt.datetime(2026, 11, 24, 17, 30, tzinfo=dt.UTC)  # 01:30 on the 25th in Beijing
    assert chinese_date_filter(late_utc) == "二〇二六年十一月二十五日"
    assert chinese_date_filter(None) == ""


def test_render_pdf_base_template_is_a4_with_cjk_text_and_page_number():
    pdf = render_pdf(
        "documents/base.html",
        {
            "document": {
                "title": "应急管理执法事项目录",
                "number": "（宁）应急目录〔2026〕1号",
                "agency_name": "南京市应急管理局",
                "issued_on": dt.date(2026, 11, 25),
            }
        },
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    # A4 in points (210 × 297 mm)
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)
    lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
    assert lines == [
        "南京市应急管理局",
        "应急管理执法事项目录",
        "（宁）应急目录〔2026〕1号",
        "南京市应急管理局",
        "二〇二六年十一月二十五日",
        "（印章）",
        "— 1 —",
    ]
    # Subset fonts are named "/ABCDEF+<family>": body in Noto Serif CJK SC, titles in its Bold.
    fonts = {str(font["/BaseFont"]).split("+", 1)[1] for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Noto-Serif-CJK-SC", "Noto-Serif-CJK-SC-Bold"}
    assert (
        reader.metadata is not None
        and reader.metadata.title == "应急管理执法事项目录 （宁）应急目录〔2026〕1号"
    )


def test_url_fetcher_serves_static_files_only():
    fetcher = _url_fetcher()
    response = fetcher.fetch("file:///static/css/app.css")
    assert response.read()[:1] != b""
    for url in ("http://127.0.0.1/secret", "file:///etc/passwd", "file:///media/../../etc/passwd"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
