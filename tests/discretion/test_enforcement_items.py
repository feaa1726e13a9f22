"""Seed violations are linked to the core enforcement-item catalogue (执法事项, enforcement/core/demo_data.py)
where a matching item exists, so officers find violations by item code or name in the demo."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from discretion.models import Violation
from discretion.seed_data import ENFORCEMENT_ITEM_LINKS, enforcement_item_code, violations
from discretion.services import load_seed_benchmark
from enforcement.core import demo_data
from enforcement.core.models import AuditEvent
from tests.factories import EnforcementItemFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/discretion/violations/"

# violation codes typed from the penalty article each core item cites (demo_data.CATALOG legal_basis)
EXPECTED_LINKED = {
    "YJ-CF-094": ["AQ-094-P1"],
    "YJ-CF-095": ["AQ-095-I1", "AQ-095-I2", "AQ-095-I3", "AQ-095-I4"],
    "YJ-CF-096": ["AQ-096"],
    "YJ-CF-097": [f"AQ-097-I{i}" for i in range(1, 8)],
    "YJ-CF-098": [f"AQ-098-I{i}" for i in range(1, 5)],
    "YJ-CF-099": [f"AQ-099-I{i}" for i in range(1, 9)],
    "YJ-CF-100": ["AQ-100"],
    "YJ-CF-101": [f"AQ-101-I{i}" for i in range(1, 6)],
    "YJ-CF-102": ["AQ-102"],
    "YJ-CF-103": ["AQ-103-P1", "AQ-103-P2"],
    "YJ-CF-104": ["AQ-104"],
    "YJ-CF-105": ["AQ-105-I1", "AQ-105-I2"],
    "YJ-CF-106": ["AQ-106"],
    "YJ-CF-108": ["AQ-108"],
    "YJ-CF-109": ["AQ-109"],
    "YJ-CF-110": ["AQ-110-P1", "AQ-110-P2"],
    "YJ-CF-114": [f"AQ-114-P1-I{i}" for i in range(1, 5)],
    "YJ-CF-WH77": ["WH-077-P3"],
}


def test_every_link_names_an_item_of_the_core_demo_catalogue():
    core_codes = {row[0] for row in demo_data.CATALOG}
    assert {item for _, item in ENFORCEMENT_ITEM_LINKS} <= core_codes
    seed_codes = {row["code"] for row in violations()}
    assert all(any(c == p or c.startswith(p + "-") for c in seed_codes) for p, _ in ENFORCEMENT_ITEM_LINKS)


def test_prefix_matching_stops_at_a_hyphen():
    assert enforcement_item_code("AQ-097-I7") == "YJ-CF-097"
    assert enforcement_item_code("WH-077-P3") == "YJ-CF-WH77"
    assert enforcement_item_code("WH-077-P2") == ""  # 安全使用许可证: no core item
    assert enforcement_item_code("AQ-092-P1") == ""


def test_seed_demo_links_violations_to_core_items_and_lookup_finds_them(personas):
    call_command("seed_demo", stdout=io.StringIO())
    linked: dict[str, list[str]] = {}
    for code, item in (
        Violation.objects.filter(version__code="YJ-2024-90", enforcement_item__isnull=False)
        .order_by("order")
        .values_list("code", "enforcement_item__code")
    ):
        linked.setdefault(item, []).append(code)
    assert linked == EXPECTED_LINKED
    assert sum(len(v) for v in linked.values()) == 47
    shanxi = dict(
        Violation.objects.filter(version__code="SX-2021-260").values_list("code", "enforcement_item__code")
    )
    assert shanxi == {"AQ-108": "YJ-CF-108", "AQ-099-I6": "YJ-CF-099", "AQ-098-I3": "YJ-CF-098"}

    client = APIClient()
    client.force_login(personas.officer1)
    rows = client.get(URL, {"q": "YJ-CF-105"}).json()["results"]
    assert [r["code"] for r in rows] == ["AQ-105-I1", "AQ-105-I2"]
    assert rows[0]["enforcement_item"] == {
        "code": "YJ-CF-105",
        "name": "对危险物品车间、商店、仓库与员工宿舍在同一座建筑内或者安全出口、疏散通道不符合要求的处罚",
    }
    # a word that only the item name carries (not the violation names or keywords)
    by_name = client.get(URL, {"q": "未按规定设置安全生产管理机构"}).json()["results"]
    # ranked: the seven violations of that item first (AQ-097-I1 names the words itself as well)
    assert by_name[0]["code"] == "AQ-097-I1"
    assert {r["code"] for r in by_name[:7]} == {f"AQ-097-I{i}" for i in range(1, 8)}
    page = client.get("/discretion/search/", {"q": "yj-cf-wh77"})
    html = page.content.decode()
    assert "执法事项 YJ-CF-WH77 对未取得危险化学品经营许可证从事危险化学品经营的处罚" in html


def test_a_later_seed_run_links_items_created_after_the_first_run(benchmark, personas):
    assert not Violation.objects.filter(enforcement_item__isnull=False).exists()
    EnforcementItemFactory(code="YJ-CF-102", name="对生产经营单位未采取措施消除事故隐患的处罚")
    counts = load_seed_benchmark()
    assert counts["violations"] == 0 and counts["enforcement_item_links"] == 1
    v = Violation.objects.get(version=benchmark, code="AQ-102")
    assert v.enforcement_item.code == "YJ-CF-102"
    assert "yj-cf-102" in v.search_text
    assert AuditEvent.objects.filter(action="discretion.seed").count() == 2
    assert load_seed_benchmark()["enforcement_item_links"] == 0  # idempotent
    assert AuditEvent.objects.filter(action="discretion.seed").count() == 2
