"""Maintainers' verification notes never reach officers; officers see the source and a plain status."""

from __future__ import annotations

import datetime as dt

import pytest

from discretion.models import Violation
from discretion.officer_text import officer_text, plain_status, status_line


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("应急管理裁量基准通行从重情节 ◐（31号令/广东市级规则）", "应急管理裁量基准通行从重情节"),
        ("河北省应急管理裁量基准 ◐（spec §6.3）；全国基准是否采用❓", "河北省应急管理裁量基准"),
        (
            "应急〔2024〕90号 第(26)项，引自2025年朝阳市龙城区处罚决定 ◐；更高阶次❓",
            "应急〔2024〕90号 第(26)项，引自2025年朝阳市龙城区处罚决定",
        ),
        (
            "行政处罚法第六十三条第一款第四项；应急管理重大执法决定法制审核目录通行情形 ◐（spec §7）",
            "行政处罚法第六十三条第一款第四项；应急管理重大执法决定法制审核目录通行情形",
        ),
        ("国务院令第397号（2014年修订）✅ 条文", "国务院令第397号（2014年修订）"),
        ("spec 将本款列在 #26 的加重栏；按 CONTRACT 一款一行拆为第二款", ""),
        ("各项对应的违法条款（第三十二至三十四条）由开发者按条文对应，spec 只写 Art 32–34", ""),
        ("晋应急发〔2021〕260号（山西）◐", "晋应急发〔2021〕260号（山西）"),
        ("行政处罚法第三十二条第一项", "行政处罚法第三十二条第一项"),
        ("", ""),
        (None, ""),
    ],
)
def test_officer_text_keeps_the_source_and_drops_the_notes(raw, shown):
    assert officer_text(raw) == shown


def test_plain_status():
    assert plain_status("✅") == "已核对原文"
    assert plain_status("◐") == "待核对"
    assert plain_status("❓") == "待核对"
    assert status_line("✅", dt.date(2026, 12, 5)) == "已核对原文（截至2026-12-05）"


BANNED = ("spec §", "CONTRACT", "开发者", "✅", "◐", "❓")


@pytest.mark.django_db
def test_violation_page_shows_officers_no_maintainer_notes(client, benchmark, personas):
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    assert v.basis_note  # a maintainers' note exists, to be hidden
    client.force_login(personas.officer1)
    html = client.get(f"/discretion/violations/{v.pk}/").content.decode()
    assert [w for w in BANNED if w in html] == []
    assert 'id="maintainer-note"' not in html
    assert (
        'id="verification-status">待核对（截至' in html or 'id="verification-status">已核对原文（截至' in html
    )


@pytest.mark.django_db
def test_admin_sees_the_maintainers_note(client, benchmark, personas):
    v = Violation.objects.filter(version=benchmark).exclude(basis_note="").first()
    client.force_login(personas.cityadmin)
    html = client.get(f"/discretion/violations/{v.pk}/").content.decode()
    assert f'id="maintainer-note">维护说明：{v.basis_note}' in html


@pytest.mark.django_db
def test_recommend_api_explains_without_maintainers_notes(benchmark, personas):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(personas.officer1)
    body = {
        "violation": "AQ-097-I7",
        "party_type": "unit",
        "violation_date": "2025-03-01",
        "decision_date": "2025-04-01",
        "facts": {"uncertified_persons": 1},
        "circumstances": ["H-REPEAT", "H-EVIDENCE"],
    }
    response = api.post("/api/v1/discretion/recommend/", body, format="json")
    assert response.status_code == 200
    text = response.content.decode()
    assert [w for w in BANNED if w in text] == []
    # a benchmark's own circumstance is cited by the benchmark
    assert (
        "当事人一年内因同一种违法行为受到两次以上行政处罚，根据《应急管理行政处罚裁量权基准》（应急〔2024〕90号）的规定，应当从重处罚"
        in response.json()["basis"]
    )
