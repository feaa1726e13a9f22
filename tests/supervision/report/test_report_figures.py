"""年报 figures (spec §10): every count equals one computed independently from the raw rows, the heaviest
type rule, revoked decisions counted, the roll-up of the agency tree, and the as-of rule."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from cases.models import Case, CaseDecision, CaseEvent, CaseRemedy, Seizure
from supervision.rules import statistics as rules
from supervision.services.report_figures import compute_figures, cutoff_of
from tests.supervision.report import report_world as w
from tests.supervision.report.report_world import AS_OF, YEAR

pytestmark = pytest.mark.django_db
D = dt.date


def independent(root_path: str, as_of: dt.date) -> dict[str, int]:
    """The figures recomputed in plain Python from every raw row (no shared query code)."""
    cutoff = cutoff_of(as_of)
    in_tree = {
        c.pk
        for c in Case.objects.select_related("deciding_agency")
        if c.deciding_agency.path.startswith(root_path)
    }
    f: dict[str, int] = defaultdict(int)
    seen: dict[str, set[int]] = defaultdict(set)
    events = [e for e in CaseEvent.objects.all() if e.case_id in in_tree and e.at < cutoff]
    for e in events:
        if e.on_date.year != YEAR:
            continue
        key = {
            "approve_filing": "filed",
            "close": "closed",
            "apply_court_enforcement": "court_enforcement",
        }.get(e.action)
        if e.action == "transfer" and e.data.get("to") == "public_security":
            key = "transferred_judicial"
        if key and e.case_id not in seen[key]:
            seen[key].add(e.case_id)
            f[key] += 1
    decided = {e.case_id for e in events if e.action in ("decide", "decide_on_spot")}
    for d in CaseDecision.objects.all():
        if (
            d.case_id not in in_tree
            or d.case_id not in decided
            or d.decided_on.year != YEAR
            or d.decided_on > as_of
        ):
            continue
        if d.kind == "no_penalty":
            f["no_penalty"] += 1
            continue
        f["penalties"] += 1
        f["fine_yuan"] += d.original_amount if d.original_amount is not None else d.amount
        f["type_" + rules.heaviest_type(d.measures, d.amount)] += 1
        if d.ended_on and d.ended_on <= as_of:
            f["revoked"] += 1
    for r in CaseRemedy.objects.select_related("decision"):
        if r.decision.case_id not in in_tree or r.received_on.year != YEAR or r.recorded_at >= cutoff:
            continue
        corrected = r.outcome in rules.CORRECTING_OUTCOMES and r.outcome_on and r.outcome_on <= as_of
        if r.kind == "reconsideration":
            f["reconsidered"] += 1
            f["reconsideration_corrected"] += int(bool(corrected))
        else:
            f["litigated"] += 1
            f["litigation_lost"] += int(bool(corrected))
    for s in Seizure.objects.all():
        known = any(
            e.case_id == s.case_id and e.action == "approve_seizure" and e.on_date == s.approved_on
            for e in events
        )
        if s.case_id in in_tree and known and s.approved_on.year == YEAR and s.status != "refused":
            f["coercive_" + s.measure] += 1
    return dict(f)


def test_figures_equal_independent_counts_for_every_agency(world):
    a = world.agencies
    fig = compute_figures(a.city, YEAR, AS_OF)
    by_code = {row["code"]: row for row in fig["agencies"]}
    assert [row["code"] for row in fig["agencies"]] == ["320100", "320111", "320111004", "320115"]
    for agency in (a.city, a.district_a, a.street_a, a.district_b):
        expected = independent(agency.path, AS_OF)
        got = by_code[agency.code]["total"]
        for key in rules.ADDITIVE_KEYS:
            if key in ("inspections", "officers", "certified"):
                continue
            assert got[key] == expected.get(key, 0), (agency.code, key)


def test_figures_exact_values(world):
    top = compute_figures(world.agencies.city, YEAR, AS_OF)["agencies"][0]["total"]
    assert top["filed"] == 5  # c1, c3, c4, c5, c6 (c2 and c7 were filed in 2024)
    assert top["closed"] == 1
    assert (
        top["penalties"] == 4
    )  # d1, the 一案双罚 person row, d2 (revoked, still counted), d3; not c5 (late)
    assert (top["type_production_stop"], top["type_fine"], top["type_warning"], top["type_confiscation"]) == (
        1,
        1,
        1,
        1,
    )
    assert top["type_other"] == 0  # 没收 + 其他 counts under 没收
    assert top["fine_yuan"] == 35000 and top["fine_wan"] == "3.50"
    assert top["revoked"] == 1 and top["no_penalty"] == 1
    assert (top["reconsidered"], top["reconsideration_corrected"]) == (1, 1)
    assert (top["litigated"], top["litigation_lost"]) == (2, 0)  # d1's variation came after 31 January
    assert top["transferred_judicial"] == 1 and top["court_enforcement"] == 1
    assert (top["coercive_seal"], top["coercive_seize"]) == (
        1,
        0,
    )  # the 扣押 approval was entered in February
    # 执法人员 of the subtree: officer1, officer2, expired, officer_other; only officer1 certified here
    assert (top["officers"], top["certified"], top["certificate_rate"]) == (4, 1, "25.0")


def test_roll_up_adds_the_subtree(world):
    rows = {r["code"]: r for r in compute_figures(world.agencies.city, YEAR, AS_OF)["agencies"]}
    district_a, street = rows["320111"], rows["320111004"]
    assert district_a["own"]["penalties"] == 3 and street["own"]["penalties"] == 1
    assert district_a["total"]["penalties"] == 4
    assert rows["320100"]["own"]["penalties"] == 0


def test_as_of_later_date_sees_the_late_entry(world):
    top = compute_figures(world.agencies.city, YEAR, D(2026, 3, 1))["agencies"][0]["total"]
    assert top["penalties"] == 5 and top["fine_yuan"] == 38000
    assert top["litigation_lost"] == 1  # the variation of 10 February is known on 1 March
    assert top["coercive_seize"] == 1


@pytest.mark.parametrize(
    ("measures", "amount", "expected"),
    [
        ([], 100, "fine"),
        ([], 0, "other"),
        (["警告"], 500, "fine"),
        (["吊销安全生产许可证", "责令停产停业"], 0, "revocation"),
        (["暂扣安全生产许可证"], 10000, "licence_suspension"),
        (["限制开展生产经营活动"], 0, "restriction"),
        (["其他"], 0, "other"),
    ],
)
def test_heaviest_type_rule_and_database_expression_agree(world, measures, amount, expected):
    """Spec §10: one type per decision, the heaviest; the CASE expression matches the pure rule."""
    assert rules.heaviest_type(measures, amount) == expected
    c = w.case(world.agencies.district_b, world.officer_other)
    w.decision(c, D(2025, 10, 1), amount=amount, measures=measures)
    row = {r["code"]: r for r in compute_figures(world.agencies.city, YEAR, AS_OF)["agencies"]}["320115"]
    assert row["own"][f"type_{expected}"] == 1
