"""REST API: the violations catalogue (CONTRACT.md shape and filters) and POST /discretion/recommend/,
with the permission matrix (reference data readable by every logged-in user; anonymous → 401)."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from discretion.models import BenchmarkVersion, Violation
from discretion.services import create_version_copy
from discretion.services.maintenance import search_text_for
from enforcement.core.models import AuditEvent
from tests.factories import EnforcementItemFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/discretion/violations/"
RECOMMEND = "/api/v1/discretion/recommend/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "method,url", [("get", URL), ("post", RECOMMEND), ("get", "/api/v1/discretion/versions/")]
)
def test_anonymous_gets_401(benchmark, method, url):
    response = getattr(client_for(), method)(url, {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "who", ["officer1", "assistant", "expired", "reviewer", "head", "officer_other", "cityadmin", "admin"]
)
def test_every_logged_in_user_reads_the_catalogue(benchmark, personas, who):
    response = client_for(getattr(personas, who)).get(URL, {"law": "安全生产法", "article": 97})
    assert response.status_code == 200
    assert codes(response) == [f"AQ-097-I{i}" for i in range(1, 8)]


def test_violation_shape_follows_the_contract(benchmark, personas):
    response = client_for(personas.officer1).get(URL, {"law": "安全生产法", "article": 97, "item": 7})
    [row] = response.json()["results"]
    assert row["code"] == "AQ-097-I7"
    assert row["name"] == "特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业"
    assert row["penalty_basis"] == {"law": "安全生产法", "article": 97, "paragraph": None, "item": 7}
    assert row["statutory_ranges"] == [
        {"subject": "unit", "stage": "first", "min": None, "max": 100000, "basis": "处十万元以下的罚款"},
        {
            "subject": "unit",
            "stage": "overdue",
            "min": 100000,
            "max": 200000,
            "basis": "逾期未改正的，并处十万元以上二十万元以下的罚款",
        },
        {
            "subject": "responsible_person",
            "stage": "overdue",
            "min": 20000,
            "max": 50000,
            "basis": "对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款",
        },
    ]
    assert row["verification"] == "✅"
    assert row["version"] == "YJ-2024-90"


def test_income_based_range_carries_income_share(benchmark, personas):
    response = client_for(personas.officer1).get(URL, {"law": "安全生产法", "article": 95, "item": 2})
    [row] = response.json()["results"]
    assert row["statutory_ranges"] == [
        {
            "subject": "main_person",
            "stage": "first",
            "min": None,
            "max": None,
            "basis": "发生较大事故的，处上一年年收入百分之六十的罚款",
            "income_share": {"min": 0.6, "max": 0.6},
        }
    ]


def test_one_violation_per_item_or_grade(benchmark, personas):
    client = client_for(personas.officer1)
    assert codes(client.get(URL, {"law": "安全生产法", "article": 114, "page_size": 50})) == [
        "AQ-114-P1-I1",
        "AQ-114-P1-I2",
        "AQ-114-P1-I3",
        "AQ-114-P1-I4",
    ]
    assert codes(client.get(URL, {"law": "安全生产法", "article": 110, "paragraph": 2})) == ["AQ-110-P2"]
    assert codes(client.get(URL, {"law": "危险化学品安全管理条例", "article": 78, "page_size": 50})) == [
        f"WH-078-I{i}" for i in range(1, 13)
    ]


@pytest.mark.parametrize(
    "q", ["第九十九条", "99条", "安全生产法99", "安全生产法 第99条", "《中华人民共和国安全生产法》第九十九条"]
)
def test_search_by_article_in_any_form(benchmark, personas, q):
    response = client_for(personas.officer1).get(URL, {"q": q, "page_size": 50})
    assert codes(response) == [f"AQ-099-I{i}" for i in range(1, 9)]


def test_search_by_name_keyword_and_enforcement_item(benchmark, personas):
    client = client_for(personas.officer1)
    # words rank (best first); the exact paths below answer only what they name
    assert codes(client.get(URL, {"q": "特种作业"}))[0] == "AQ-097-I7"
    assert codes(client.get(URL, {"q": "疏散通道 锁闭"}))[0] == "AQ-105-I2"
    item = EnforcementItemFactory(code="320211099000", name="对未在有较大危险因素场所设置警示标志的处罚")
    v = Violation.objects.get(version=benchmark, code="AQ-099-I1")
    v.enforcement_item = item
    v.search_text = search_text_for(v)
    v.save(update_fields=["enforcement_item", "search_text"])
    assert codes(client.get(URL, {"q": "320211099000"})) == ["AQ-099-I1"]
    row = client.get(URL, {"q": "320211099000"}).json()["results"][0]
    assert row["enforcement_item"] == {"code": "320211099000", "name": item.name}


def test_reference_versions_only_on_request(benchmark, personas):
    client = client_for(personas.officer1)
    assert codes(client.get(URL, {"law": "安全生产法", "article": 108})) == ["AQ-108"]
    response = client.get(URL, {"law": "安全生产法", "article": 108, "version": "SX-2021-260"})
    assert codes(response) == ["AQ-108"]
    assert response.json()["results"][0]["version"] == "SX-2021-260"


def test_cursor_pagination(benchmark, personas):
    client = client_for(personas.officer1)
    first = client.get(URL, {"law": "安全生产法", "article": 99, "page_size": 5}).json()
    assert [r["code"] for r in first["results"]] == [f"AQ-099-I{i}" for i in range(1, 6)]
    second = client.get(first["next"]).json()
    assert [r["code"] for r in second["results"]] == ["AQ-099-I6", "AQ-099-I7", "AQ-099-I8"]


def test_bad_filter_is_400(benchmark, personas):
    response = client_for(personas.officer1).get(URL, {"article": "九十九"})
    assert response.status_code == 400
    assert response.json()["detail"] == "参数 article 应为整数"


def test_drafts_are_invisible_to_officers(benchmark, personas):
    draft = create_version_copy(
        benchmark, code="DRAFT-1", name="草稿", effective_from=dt.date(2027, 1, 1), actor=personas.cityadmin
    )
    officer, admin = client_for(personas.officer1), client_for(personas.cityadmin)
    assert codes(officer.get(URL, {"version": "DRAFT-1", "article": 97})) == []
    assert codes(admin.get(URL, {"version": "DRAFT-1", "article": 97})) == [
        f"AQ-097-I{i}" for i in range(1, 8)
    ]
    draft_violation = draft.violations.get(code="AQ-097-I7")
    assert officer.get(f"{URL}{draft_violation.pk}/").status_code == 404
    assert admin.get(f"{URL}{draft_violation.pk}/").status_code == 200
    assert [v["code"] for v in officer.get("/api/v1/discretion/versions/").json()["results"]] == [
        "YJ-2024-90",
        "SX-2021-260",
    ]


def test_catalogue_is_read_only_over_the_api(benchmark, personas):
    before = (Violation.objects.count(), AuditEvent.objects.count())
    response = client_for(personas.cityadmin).post(URL, {"code": "X"}, format="json")
    assert response.status_code == 405
    assert (Violation.objects.count(), AuditEvent.objects.count()) == before


def test_detail_has_tiers(benchmark, personas):
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    data = client_for(personas.officer1).get(f"{URL}{v.pk}/").json()
    assert [(t["code"], t["conditions"]) for t in data["tiers"]] == [
        ("A", [{"fact": "uncertified_persons", "op": "lte", "value": 1}])
    ]
    assert data["tiers"][0]["ranges"] == [
        {
            "subject": "unit",
            "stage": "first",
            "min": None,
            "max": 30000,
            "lower_inclusive": True,
            "upper_inclusive": True,
        },
        {
            "subject": "unit",
            "stage": "overdue",
            "min": 100000,
            "max": 130000,
            "lower_inclusive": True,
            "upper_inclusive": True,
        },
    ]


# ----------------------------------------------------------------- calculator


def post(user, **body):
    base = {"party_type": "unit", "violation_date": "2025-03-01", "decision_date": "2025-04-01"}
    base.update(body)
    return client_for(user).post(RECOMMEND, base, format="json")


def test_recommend_contract_shape(benchmark, personas, django_assert_num_queries):
    with django_assert_num_queries(9):
        response = post(personas.officer1, violation="AQ-097-I7", facts={"uncertified_persons": 1})
    assert response.status_code == 200
    data = response.json()
    assert data["violation"] == {
        "code": "AQ-097-I7",
        "name": "特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业",
        "penalty_basis": {"law": "安全生产法", "article": 97, "paragraph": None, "item": 7},
    }
    assert data["benchmark_version"] == "YJ-2024-90"
    assert data["tier"] == {"code": "A", "name": "阶次A"}
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in data["fines"]] == [
        ("unit", 0, 30000, 15000)
    ]
    assert data["other_measures"] == ["责令限期改正"]
    assert (
        data["no_penalty_possible"],
        data["requires_legal_review"],
        data["requires_collective_discussion"],
    ) == (
        False,
        False,
        False,
    )
    assert data["basis"] == [
        "违反了《中华人民共和国安全生产法》第三十条第一款的规定",
        "依据《中华人民共和国安全生产法》第九十七条第七项的规定",
        "参照《应急管理行政处罚裁量权基准》（应急〔2024〕90号）“特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业”阶次A（特种作业人员未持证上岗1人次）",
        "对单位处罚款人民币15,000元",
    ]
    assert len(data["explanation"]) == 7


def test_recommend_unit_case_includes_persons_art105(benchmark, personas):
    """安全生产法 Art 105: unit ≤ 50,000 and persons ≤ 10,000 at first instance (一案双罚)."""
    data = post(personas.officer1, violation="AQ-105-I2").json()
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in data["fines"]] == [
        ("unit", 0, 50000, 25000),
        ("responsible_person", 0, 10000, 5000),
    ]


def test_recommend_art95_individual_income(benchmark, personas):
    data = post(
        personas.officer1, violation="AQ-095-I1", party_type="individual", facts={"prior_year_income": 180000}
    ).json()
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in data["fines"]] == [
        ("main_person", 72000, 72000, 72000)
    ]
    assert data["requires_legal_review"] is True  # person ≥ 20,000


def test_recommend_first_offence_jiangsu_list(benchmark, personas):
    facts = {
        "first_violation": True,
        "harm_minor": True,
        "corrected": True,
        "fatal_accident_3y": False,
        "serious_dishonesty": False,
    }
    data = post(
        personas.officer1,
        violation="AQ-102",
        violation_date="2025-06-01",
        decision_date="2025-06-20",
        facts=facts,
    ).json()
    assert data["no_penalty_possible"] is True
    assert data["first_offence"] == {
        "list": "江苏省应急管理轻微违法行为不予行政处罚清单（2025年版）",
        "number": 8,
        "description": "未采取措施消除一般事故隐患",
    }


def test_recommend_hazardous_chemicals_after_the_new_law_flags_review(benchmark, personas):
    data = post(
        personas.officer1, violation="WH-077-P2", violation_date="2026-04-01", decision_date="2026-06-01"
    ).json()
    assert data["violation"]["penalty_basis"] == {
        "law": "危险化学品安全管理条例",
        "article": 77,
        "paragraph": 2,
        "item": None,
    }
    assert data["requires_legal_review"] is True
    assert "决定时施行的新规定尚未录入，需法制审核核对从旧兼从轻" in data["review_reasons"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"violation": "NO-SUCH"}, "未知的违法行为编码：NO-SUCH"),
        ({"violation": "AQ-102", "decision_date": "2025-02-01"}, "作出决定日期不得早于违法行为发生日期"),
        (
            {"violation": "AQ-095-I1", "party_type": "individual", "facts": {"prior_year_income": -5}},
            "上一年年收入（元）不能为负数",
        ),
        ({"violation": "AQ-102", "circumstances": ["NOPE"]}, "未知的情节编码：NOPE"),
        (
            {"violation": "AQ-102", "tier": "Z", "stage": "first"},
            "未知的裁量阶次编码：Z（该违法行为未细化阶次，请留空按事实自动选择）",
        ),
        ({"violation": "AQ-097-I7", "tier": "Z"}, "未知的裁量阶次编码：Z（可选：A）"),
        ({"violation": "AQ-102", "same_act": ["NO-SUCH"]}, "未知的违法行为编码：NO-SUCH"),
        (
            {"violation": "AQ-095-I1", "party_type": "individual"},
            "该罚款按上一年年收入的比例计算，请提供上一年年收入（prior_year_income）",
        ),
        (
            {"violation": "AQ-102", "violation_date": "2019-01-01", "decision_date": "2019-02-01"},
            "违法行为发生日（2019-01-01）和作出决定日（2019-02-01）均无施行中的裁量基准",
        ),
    ],
)
def test_recommend_bad_input_is_400_with_chinese_message(benchmark, personas, body, detail):
    response = post(personas.officer1, **body)
    assert response.status_code == 400
    assert response.json()["detail"] == detail


def test_recommend_art29_one_act_violating_two_provisions_takes_the_higher_fine(benchmark, personas):
    """行政处罚法 Art 29: hazardous chemicals not kept in a dedicated warehouse violate 危化条例 Art 80 ¶1(4)
    (50,000–100,000) and 安全生产法 Art 101(1) (≤100,000): equal maximum, higher minimum → Art 80."""
    data = post(personas.officer1, violation="AQ-101-I1", same_act=["WH-080-P1-I4"]).json()
    assert data["violation"]["penalty_basis"] == {
        "law": "危险化学品安全管理条例",
        "article": 80,
        "paragraph": 1,
        "item": 4,
    }
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in data["fines"]] == [
        ("unit", 50000, 100000, 75000)
    ]
    assert data["same_act_reason"].endswith(
        "适用《危险化学品安全管理条例》第八十条第一款第四项；《中华人民共和国安全生产法》第一百零一条第一项"
        "罚款数额较低（法定最低罚款合计50,000元 > 0元），不再另行罚款"
    )
    assert data["explanation"][0].startswith("法条竞合：")


def test_recommend_missing_fields_is_400(benchmark, personas):
    response = client_for(personas.officer1).post(RECOMMEND, {"violation": "AQ-102"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"party_type", "violation_date", "decision_date"}


def test_recommend_writes_nothing(benchmark, personas):
    before = (AuditEvent.objects.count(), BenchmarkVersion.objects.count())
    post(personas.officer1, violation="AQ-102")
    assert (AuditEvent.objects.count(), BenchmarkVersion.objects.count()) == before


def test_catalogue_list_query_count_does_not_grow_with_rows(benchmark, personas, django_assert_num_queries):
    client = client_for(personas.officer1)
    # user roles, current versions, page, ranges, measures, tiers (+ tier ranges when a row has tiers)
    with django_assert_num_queries(6):
        few = client.get(URL, {"law": "安全生产法", "article": 105})
    client.get(URL, {"q": "安全生产法"})  # builds this process's search index
    # ranked ?q=: versions, index signature, rows (with whether they have tiers), ranges, measures
    with django_assert_num_queries(5):
        many = client.get(URL, {"q": "安全生产法", "page_size": 50})
    assert len(few.json()["results"]) == 2 and len(many.json()["results"]) == 50
    with django_assert_num_queries(1):  # versions
        assert len(client.get("/api/v1/discretion/versions/").json()["results"]) == 2
