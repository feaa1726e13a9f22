"""Small things of the UX issue: the catalog printout linked from /catalog/, nav labels that say what is
behind them, Chinese XLSX download names with the date (RFC 5987 with an ASCII fallback)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from enforcement.core.downloads import content_disposition

pytestmark = pytest.mark.django_db


def test_content_disposition_has_chinese_name_and_ascii_fallback():
    assert content_disposition("执法事项目录-20261205.xlsx", "catalog-20261205.xlsx") == (
        'attachment; filename="catalog-20261205.xlsx"; '
        "filename*=UTF-8''%E6%89%A7%E6%B3%95%E4%BA%8B%E9%A1%B9%E7%9B%AE%E5%BD%95-20261205.xlsx"
    )
    assert content_disposition("单.pdf", 'a"b\\c单.pdf', inline=True) == (
        "inline; filename=\"a_b_c_.pdf\"; filename*=UTF-8''%E5%8D%95.pdf"
    )


def test_catalog_export_is_named_in_chinese_with_the_date(client, personas):
    client.force_login(personas.cityadmin)
    with time_machine.travel(dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC), tick=False):
        response = client.get("/catalog/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == content_disposition(
        "执法事项目录-20261205.xlsx", "catalog-20261205.xlsx"
    )


def test_catalog_printout_is_linked_for_those_who_may_print(client, personas):
    client.force_login(personas.cityadmin)
    html = client.get("/catalog/").content.decode()
    assert (
        '<a class="btn btn-outline-primary" href="/catalog/print/" id="catalog-print-link">印发目录（PDF）</a>'
        in html
    )
    client.force_login(personas.officer1)
    assert 'id="catalog-print-link"' not in client.get("/catalog/").content.decode()


def test_nav_labels_say_what_is_behind_them(client, personas):
    client.force_login(personas.officer1)
    html = client.get("/").content.decode()
    assert '<a class="nav-link" href="/calendar/">期限计算</a>' in html
    assert '<a class="nav-link" href="/deadlines/">期限一览</a>' in html
