"""National benchmark tiers in the seed (with sources, added to databases seeded before them) and the
calibration figure against published decisions."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from django.core.management import call_command
from rest_framework.test import APIClient

from discretion import seed_data
from discretion.models import Tier, Violation
from discretion.rules.calibration import range_share, summarise
from discretion.services import load_seed_benchmark
from discretion.services.calibration import calibrate, read_decisions
from discretion.services.seed import pending_seed_tiers

TABLE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "calibration_decisions.tsv"
NATIONAL = "YJ-2024-90"


def test_calibration_table_holds_20_published_decisions_with_sources():
    decisions = read_decisions(TABLE)
    codes = {row["code"] for row in seed_data.violations()}
    assert len(decisions) >= 20
    for d in decisions:
        assert d.source.startswith("http") and " — " in d.source, d
        assert d.code in codes and d.decided > 0 and d.agency and d.summary


def test_range_share_measures_distance_in_statutory_range():
    # 安全生产法 Art 105: 处五万元以下的罚款 — the middle (25,000) against a decided 5,000
    assert range_share(25000, 5000, None, 50000) == 0.4
    assert range_share(150000, 150000, 100000, 200000) == 0.0
    assert range_share(5000, 5000, 5000, 5000) == 0.0  # a fixed amount has no width
    s = summarise([0.0, 0.1, 0.4, 0.5])
    assert (s.n, s.median, s.within_10pct, s.within_25pct) == (4, 0.25, 0.5, 0.5)
    assert summarise([]).n == 0


def test_calibration_uses_tier_a_for_one_uncertified_operator(benchmark):
    rows = calibrate(read_decisions(TABLE), dt.date(2025, 6, 1))
    assert len(rows) == len(read_decisions(TABLE))
    assert all(0 <= r.share <= 1 for r in rows)
    one_person = [r for r in rows if r.decision.facts.get("uncertified_persons") == 1]
    # 应急〔2024〕90号 item (26) tier A: one person-time, at most 30,000 → 15,000 recommended
    assert one_person and {(r.tier, r.recommended) for r in one_person} == {("A", 15000)}
    unknown = [r for r in rows if r.decision.code == "AQ-097-I7" and not r.decision.facts]
    assert unknown and {r.tier for r in unknown} == {""}  # headcount not published: statutory range


def test_seeded_tiers_name_their_source(benchmark):
    tiers = Tier.objects.filter(violation__version=benchmark)
    assert all(t.source for t in tiers)  # every seeded tier says where it comes from
    national = tiers.filter(violation__code__in=list(seed_data.NATIONAL_TIERS))
    assert national.count() == sum(len(t) for t in seed_data.NATIONAL_TIERS.values())
    assert all("应急〔2024〕90号" in t.source for t in national)
    # 15号令 Art 47 splits liability-exemption agreements (a national rule, not the benchmark)
    assert set(tiers.values_list("violation__code", flat=True)) - set(seed_data.NATIONAL_TIERS) == {"AQ-106"}


def test_reseed_never_changes_a_published_version_and_lists_the_missing_tiers(benchmark):
    v = Violation.objects.get(version=benchmark, code="AQ-097-I7")
    v.tiers.all().delete()  # a database seeded before the tier was collected
    assert pending_seed_tiers() == [("YJ-2024-90", "AQ-097-I7", "A")]
    assert load_seed_benchmark()["violations"] == 0
    assert not v.tiers.exists()  # ERRATA: new tiers go into a new version, never into a published one
    out = io.StringIO()
    call_command("load_discretion_seed", stdout=out)
    assert not v.tiers.exists()
    assert "无需补齐" in out.getvalue() and "AQ-097-I7 尚缺已公开的阶次 A" in out.getvalue()


def test_fresh_seed_has_every_seed_tier(benchmark):
    assert pending_seed_tiers() == []
    out = io.StringIO()
    call_command("load_discretion_seed", stdout=out)
    assert out.getvalue().strip() == "无需补齐：种子数据均已录入"


def test_admin_lists_violations_lacking_tiers(client, benchmark, personas):
    client.force_login(personas.admin)
    html = client.get("/admin/discretion/violation/", {"tiers": "none"}).content.decode()
    assert "AQ-105-I2" in html and "AQ-097-I7" not in html
    html = client.get("/admin/discretion/violation/", {"tiers": "some"}).content.decode()
    assert "AQ-097-I7" in html


def test_search_rows_carry_no_maintainer_notes(benchmark, personas):
    api = APIClient()
    api.force_authenticate(personas.officer1)
    rows = api.get("/api/v1/discretion/violations/", {"q": "气割工没有操作证"}).json()["results"]
    assert rows and rows[0]["code"] == "AQ-097-I7"
    for row in rows:
        assert "spec" not in row["basis_note"] and "✅" not in row["basis_note"]
        assert row["verification_status"] in {"已核对原文", "待核对"}
