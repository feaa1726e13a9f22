"""Pages: the officers' lookup (htmx), the violation page with its live calculator, versions,
copy/import/publish for admins (403 for others, nothing changed), and the admin site."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from discretion.models import BenchmarkVersion, Violation
from discretion.services import create_version_copy
from discretion.services.xlsx import export_benchmark_xlsx
from enforcement.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client, benchmark):
    response = client.get("/discretion/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_lookup_page_has_debounced_htmx_search(client, benchmark, personas):
    client.force_login(personas.officer1)
    response = client.get("/discretion/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-get="/discretion/search/"' in html
    # "input", not "keyup": Chinese IMEs and tablet keyboards commit text without a usable keyup
    assert 'hx-trigger="input changed delay:250ms, search"' in html


def test_search_partial_lists_matches(client, benchmark, personas, django_assert_num_queries):
    client.force_login(personas.officer1)
    # session, user, roles, current versions, the exact path (an article), results (with whether they
    # have tiers), ranges, measures
    with django_assert_num_queries(8):
        response = client.get("/discretion/search/", {"q": "第九十九条"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.count('class="list-group-item list-group-item-action"') == 8
    assert "安全警示标志" in html
    # each result shows its statutory ranges at a glance
    assert "首次·单位 50,000元以下" in html and "逾期·单位 50,000元至200,000元" in html
    assert "逾期·责任人员 10,000元至20,000元" in html
    empty = client.get("/discretion/search/", {"q": "火星探测器"}).content.decode()
    # never a blank answer: the closest violations, said to be only that, and the article browser
    assert "没有与“火星探测器”高度吻合的违法行为，以下是最接近的几项" in empty
    assert 'href="/discretion/versions/">按版本浏览全部条款</a>' in empty
    assert "不含消防、矿山、地震等领域" in empty  # what the benchmark does not cover


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("99条", "AQ-099-I1"),
        ("特种作业", "AQ-097-I7"),
        ("消防", "AQ-105-I2"),  # officers call blocked exits 消防通道 (安全生产法 Art 105(2))
        ("第一百零五条", "AQ-105-I1"),
        ("消除隐患", "AQ-102"),
    ],
)
def test_lookup_finds_what_officers_type(client, benchmark, personas, q, first):
    client.force_login(personas.officer1)
    html = client.get("/discretion/search/", {"q": q}, HTTP_HX_REQUEST="true").content.decode()
    assert f"{first} · " in html


def test_violation_page_shows_provisions_ranges_tiers_and_calculator(
    client, benchmark, personas, django_assert_num_queries
):
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    # session, user (with its agency), roles, violation, 4 prefetches, 首违不罚 entries, circumstances,
    # inbox badge
    with django_assert_num_queries(11):
        response = client.get(f"/discretion/violations/{v.pk}/")
    html = response.content.decode()
    assert "《中华人民共和国安全生产法》第九十七条第七项" in html
    assert "《中华人民共和国安全生产法》第三十条第一款" in html
    assert html.count("<tr><td>") == 4  # three statutory ranges and one tier
    assert "特种作业人员未持证上岗1人次" in html
    assert f'hx-post="/discretion/violations/{v.pk}/calculate/"' in html
    assert 'name="fact_uncertified_persons"' in html
    assert "100,000元以下" in html and "100,000元至200,000元" in html  # no "— –" for "以下"
    assert "30,000元以下" in html  # tier A
    # circumstances grouped by effect, statutory first
    assert html.index("<legend") < html.index('id="circ-ART33-1-MINOR"') < html.index('id="circ-ART32-1"')
    assert html.index('id="circ-ART32-1"') < html.index('id="circ-H-REPEAT"')


def test_first_offence_facts_only_where_a_list_names_the_violation(client, benchmark, personas):
    """Jiangsu 首违不罚 list (spec §6.6): AQ-102 is item 8 of the 2025 list (一般 hazards only)."""
    client.force_login(personas.officer1)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        listed = client.get(
            f"/discretion/violations/{Violation.objects.get(version=benchmark, code='AQ-102').pk}/"
        ).content.decode()
        plain = client.get(
            f"/discretion/violations/{Violation.objects.get(version=benchmark, code='AQ-097-I7').pk}/"
        ).content.decode()
    assert (
        "《江苏省应急管理轻微违法行为不予行政处罚清单（2025年版）》第8项：未采取措施消除一般事故隐患（限一般事故隐患）"
        in listed
    )
    assert 'name="fact_first_violation"' in listed and 'name="fact_major_hazard"' in listed
    assert 'id="first-offence"' not in plain and 'name="fact_first_violation"' not in plain


def test_calculator_dates_default_to_today_in_iso_form(client, benchmark, personas):
    """<input type="date"> takes ISO dates only: a localized value renders empty and the form never validates."""
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-102")
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        html = client.get(f"/discretion/violations/{v.pk}/").content.decode()
    assert 'type="date" name="violation_date" value="2026-03-02"' in html
    assert 'type="date" name="decision_date" value="2026-03-02"' in html


def test_calculator_without_javascript_shows_the_whole_page(client, benchmark, personas):
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-102")
    body = {
        "party_type": "unit",
        "stage": "first",
        "violation_date": "2025-03-01",
        "decision_date": "2025-04-01",
    }
    page = client.post(f"/discretion/violations/{v.pk}/calculate/", {**body, "circumstances": ["H-REPEAT"]})
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html and 'id="calculation-result"' in html
    assert "25,000元 – 50,000元" in html and "35,000元" in html
    assert 'id="circ-H-REPEAT" checked' in html  # the choice survives the round trip
    # a benchmark circumstance is cited by the benchmark in the decision wording
    assert (
        "当事人一年内因同一种违法行为受到两次以上行政处罚，根据《应急管理行政处罚裁量权基准》（应急〔2024〕90号）的规定，应当从重处罚"
        in html
    )
    partial = client.post(f"/discretion/violations/{v.pk}/calculate/", body, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode()


def test_live_calculator_runs_the_service(client, benchmark, personas):
    client.force_login(personas.officer1)
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    response = client.post(
        f"/discretion/violations/{v.pk}/calculate/",
        {
            "party_type": "unit",
            "stage": "first",
            "violation_date": "2025-03-01",
            "decision_date": "2025-04-01",
            "fact_uncertified_persons": "1",
            "circumstances": ["H-REPEAT"],
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "15,000元 – 30,000元" in html and "21,000元" in html
    assert 'id="explanation"' in html and "裁量阶次：事实符合阶次A" in html
    bad = client.post(
        f"/discretion/violations/{v.pk}/calculate/",
        {
            "party_type": "unit",
            "stage": "first",
            "violation_date": "2025-03-01",
            "decision_date": "2025-01-01",
        },
    ).content.decode()
    assert "作出决定日期不得早于违法行为发生日期" in bad


def test_version_pages_and_compare(client, benchmark, personas, django_assert_num_queries):
    client.force_login(personas.officer1)
    # session, user (with its agency), roles, versions (with copied_from), inbox badge
    with django_assert_num_queries(5):
        assert client.get("/discretion/versions/").status_code == 200
    # session, user (with its agency), roles, version, count, page of violations, other versions, inbox badge
    with django_assert_num_queries(8):
        detail = client.get(f"/discretion/versions/{benchmark.pk}/").content.decode()
    assert "应急〔2024〕90号" in detail and "AQ-114-P1-I4" in detail
    shanxi = BenchmarkVersion.objects.get(code="SX-2021-260")
    html = client.get("/discretion/versions/compare/", {"a": benchmark.pk, "b": shanxi.pk}).content.decode()
    assert "删除 86 项" in html and "修改 3 项" in html
    export = client.get(f"/discretion/versions/{benchmark.pk}/export.xlsx")
    assert export["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("who", ["officer1", "head", "supervisor"])
def test_admin_pages_are_403_for_others_and_change_nothing(client, benchmark, personas, who):
    client.force_login(getattr(personas, who))
    before = (BenchmarkVersion.objects.count(), AuditEvent.objects.count())
    body = {"code": "X", "name": "X", "effective_from": "2026-01-01"}
    assert client.post(f"/discretion/versions/{benchmark.pk}/copy/", body).status_code == 403
    assert client.post(f"/discretion/versions/{benchmark.pk}/publish/").status_code == 403
    assert client.get(f"/discretion/versions/{benchmark.pk}/import/").status_code == 403
    assert client.get("/admin/discretion/violation/").status_code == 302  # not staff: to the admin login
    assert (BenchmarkVersion.objects.count(), AuditEvent.objects.count()) == before


def test_admin_copies_imports_and_publishes_through_pages(client, benchmark, personas):
    client.force_login(personas.cityadmin)
    response = client.post(
        f"/discretion/versions/{benchmark.pk}/copy/",
        {"code": "JS-2026", "name": "江苏补充基准", "effective_from": "2026-03-01"},
    )
    new = BenchmarkVersion.objects.get(code="JS-2026")
    assert response.status_code == 302 and response["Location"] == f"/discretion/versions/{new.pk}/"
    workbook = export_benchmark_xlsx(benchmark)
    upload = SimpleUploadedFile("b.xlsx", b"not a workbook")
    page = client.post(f"/discretion/versions/{new.pk}/import/", {"file": upload})
    assert page.status_code == 400 and "文件不是有效的 XLSX 工作簿" in page.content.decode()
    ok = client.post(
        f"/discretion/versions/{new.pk}/import/", {"file": SimpleUploadedFile("b.xlsx", workbook)}
    )
    assert ok.status_code == 302
    client.post(f"/discretion/versions/{new.pk}/publish/")
    new.refresh_from_db()
    assert new.status == "published"
    response = client.get("/admin/discretion/violation/")  # /admin/ is the platform superuser's only
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_draft_violation_page_is_404_for_officers(client, benchmark, personas):
    draft = create_version_copy(
        benchmark, code="D1", name="草稿", effective_from=dt.date(2027, 1, 1), actor=personas.cityadmin
    )
    v = draft.violations.get(code="AQ-102")
    client.force_login(personas.officer1)
    assert client.get(f"/discretion/violations/{v.pk}/").status_code == 404
    assert client.get(f"/discretion/versions/{draft.pk}/").status_code == 404
