"""Requests that used to give a 500 (found by fuzzing the API), each now a 400 with the contract's JSON."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, personas):
    token = Token.objects.create(user=personas.cityadmin)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


def error_of(response):
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"code", "detail", "fields"}
    return body


@pytest.mark.parametrize(
    "url,field",
    [
        ("/api/v1/calendar/days/?year=0", "year"),  # used to be a 500: year 0 has no dates
        ("/api/v1/calendar/days/?year=10000", "year"),
        ("/api/v1/calendar/days/?year=２０２６", "year"),  # full-width digits
        ("/api/v1/training-records/?year=0.0", "year"),  # used to be a 500
        ("/api/v1/training-records/?year=-5", "year"),
        ("/api/v1/training-records/?officer=99999999999999999999999", "officer"),  # beyond 64 bits
        ("/api/v1/enterprises/?agency=١٢", "agency"),  # Arabic-Indic digits
        ("/api/v1/agencies/?parent=1e400", "parent"),
        ("/api/v1/certificates/?holder=18446744073709551616", "holder"),
        ("/api/v1/calendar/add/?start=2026-01-01&days=٣", "days"),
        ("/api/v1/calendar/add/?start=2026-01-01&days=99999999999999999999999", "days"),
    ],
)
def test_out_of_range_and_non_ascii_numbers_are_400(api, url, field):
    assert field in error_of(api.get(url))["fields"]


def test_calendar_ends_are_400(api):
    body = error_of(api.get("/api/v1/calendar/add/?start=9999-12-31&days=1&kind=calendar"))
    assert body["code"] == "date_out_of_range"


def test_valid_year_still_filters(api):
    assert api.get("/api/v1/calendar/days/?year=2026").status_code == 200
    assert api.get("/api/v1/training-records/?year=2026").status_code == 200


@pytest.mark.parametrize("depth", [33, 100_000])
def test_json_nested_too_deep_is_400(api, depth):
    body = "[" * depth + "]" * depth
    response = api.post("/api/v1/discretion/recommend/", body, content_type="application/json")
    assert error_of(response)["detail"] == "JSON 嵌套层级过深（最多 32 层）"


def test_body_over_the_size_limit_is_400(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post(
        "/api/v1/enterprises/", '{"name": "' + "x" * 2000 + '"}', content_type="application/json"
    )
    error_of(response)


@pytest.mark.parametrize(
    "facts,message",
    [
        (
            {"prior_year_income": 1e400},
            "prior_year_income 超出计算器支持的范围（绝对值不超过 1000000000000 元）",
        ),
        ({"illegal_gains": 10**30}, "illegal_gains 超出计算器支持的范围（绝对值不超过 1000000000000 元）"),
        ({"illegal_gains": "很多"}, "illegal_gains 应为数字（元）"),
    ],
)
def test_money_facts_beyond_the_calculator_maximum_are_400(api, facts, message):
    import json

    body = {
        "violation": "ANY",
        "party_type": "unit",
        "facts": facts,
        "violation_date": "2026-01-05",
        "decision_date": "2026-03-05",
    }
    text = json.dumps(body).replace("Infinity", "1e400")
    response = api.post("/api/v1/discretion/recommend/", text, content_type="application/json")
    assert error_of(response)["fields"] == {"facts": [message]}


@pytest.mark.parametrize(
    "url,status",
    [
        ("/calendar/days/?year=0", 200),  # used to be a 500: year 0 has no dates (the default year shows)
        ("/calendar/days/?year=99999999999999999999999", 200),
        ("/training/?on=9999-12-31", 200),  # used to be a 500: the figures' years overflowed
        ("/training/export.xlsx?on=9999-12-31", 200),
        ("/catalog/?q=%00", 400),  # used to be a 500: PostgreSQL refuses NUL in a query
        ("/training/officers/?q=%00", 400),
        ("/discretion/?version=%00", 400),
    ],
)
def test_pages_answer_bad_query_parameters_without_a_500(client, personas, url, status):
    client.force_login(personas.cityadmin)
    response = client.get(url)
    assert response.status_code == status
    if status == 400:
        assert "查询参数含有不允许的空字符（NUL）" in response.content.decode()


def test_public_catalog_with_nul_is_a_chinese_400_for_anonymous_visitors(client, db):
    response = client.get("/public/catalog/?q=%00")
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/enterprises/99999999999999999999999/",  # path integers beyond 64 bits
        "/api/v1/agencies/99999999999999999999/powers/",
        "/api/v1/enforcement-items/99999999999999999999/changes/",
        "/api/v1/deadlines/18446744073709551616/",
        "/api/v1/import-jobs/99999999999999999999/",
        "/api/v1/officers/99999999999999999999/",
        "/api/v1/certificates/99999999999999999999/",
    ],
)
def test_path_integers_beyond_64_bits_are_json_404s(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert set(response.json()) == {"code", "detail", "fields"}


@pytest.mark.parametrize(
    "url",
    [
        "/enterprises/99999999999999999999/",
        "/catalog/99999999999999999999/",
        "/imports/99999999999999999999/",
        "/training/officers/99999999999999999999/",
        "/discretion/versions/99999999999999999999/",
    ],
)
def test_page_path_integers_beyond_64_bits_are_chinese_404s(client, personas, url):
    client.force_login(personas.cityadmin)
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode() or "不存在" in response.content.decode()


def _zip_bomb_xlsx() -> bytes:
    import io
    import zipfile

    from openpyxl import Workbook

    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("xl/worksheets/filler.xml", b" " * (40 * 1024 * 1024))
    return out.getvalue()


def _truncated_xlsx() -> bytes:
    import io

    from openpyxl import Workbook

    book = io.BytesIO()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for i in range(300):
        ws.append(["单位名称", f"甲{i}"])
    wb.save(book)
    data = book.getvalue()
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    "content", [_zip_bomb_xlsx(), _truncated_xlsx(), b"\x00\xff" * 500], ids=["bomb", "cut", "junk"]
)
def test_every_import_answers_a_broken_file_with_a_reason_and_writes_nothing(client, personas, content):
    """Zip bomb, a file cut in half, junk named .xlsx: each import page shows a Chinese reason (used to be
    500s for the catalog and discretion imports) and nothing is written."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from discretion.models import BenchmarkVersion
    from enforcement.core.models import AuditEvent, ImportJob

    draft = BenchmarkVersion.objects.create(
        code="BROKEN-1",
        name="导入测试",
        issuing_authority="测试",
        jurisdiction="province",
        region="江苏省",
        effective_from=dt.date(2026, 1, 1),
    )
    client.force_login(personas.cityadmin)
    before = AuditEvent.objects.count()
    for url in (
        "/enterprises/import/",
        "/catalog/import/",
        "/training/records/import/",
        f"/discretion/versions/{draft.pk}/import/",
    ):
        response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", content)})
        assert response.status_code in (200, 400), (url, response.status_code)
        page = response.content.decode()
        assert any(reason in page for reason in ("压缩", "损坏", "无法读取", "不是有效的 XLSX", "格式")), (
            url,
            page[-1500:],
        )
    assert AuditEvent.objects.count() == before
    assert not ImportJob.objects.exists()
