"""Pure rules of the 执法效能评估 (supervision.rules.efficacy)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from supervision.rules import efficacy as r

D = Decimal


def test_half_years_and_their_due_dates():
    """spec §8 (seed 004): efficiency evaluation every half year; spec §10: half-year summaries by 7月5日 /
    1月5日 (◐ local rule) — H1 1 Jan–30 Jun due 5 July, H2 1 Jul–31 Dec due 5 January next year."""
    h1, h2 = r.Period(2026, 1), r.Period(2026, 2)
    assert (h1.start, h1.end, h1.due) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 5))
    assert (h2.start, h2.end, h2.due) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 5))
    assert r.last_ended(dt.date(2026, 7, 5)) == h1
    assert r.last_ended(dt.date(2027, 1, 5)) == h2
    assert r.last_ended(dt.date(2026, 6, 30)) == r.Period(2025, 2)
    assert [p.code for p in h1.history(4)] == ["2024H2", "2025H1", "2025H2", "2026H1"]
    assert r.parse_period("2026h2") == h2 and r.parse_period("2026H3") is None and r.parse_period("") is None
    # a year no evaluation can have (and year 0, which has no date) is no period: the page says so, no 500
    assert (
        r.parse_period("0000H1") is None
        and r.parse_period("1999H2") is None
        and r.parse_period("9999H2") is None
    )
    assert h1.label == "2026年上半年" and list(h2.months) == [7, 8, 9, 10, 11, 12]
    with pytest.raises(ValueError):
        r.Period(2026, 3)


def test_rates_are_none_without_a_denominator():
    """A rate with nothing to divide by is no rate at all — never a fake 0 % or 100 %."""
    rate = r.FIGURE_BY_KEY["hazards_on_time"]
    assert r.value_of(rate, 0, 0) is None
    assert r.value_of(rate, 1, 3) == D("33.3")
    assert r.value_of(rate, 2, 2) == D("100.0")
    avg = r.FIGURE_BY_KEY["days_to_decision"]
    assert r.value_of(avg, 45, 2) == D("22.5") and r.value_of(avg, 0, 0) is None
    assert r.value_of(r.FIGURE_BY_KEY["filed"], 7, None) == D(7)


def test_lagging_by_threshold_and_median():
    """Certificate holding below 100 % lags (行政处罚法 Art 42, 安全生产法 Art 67: 持证上岗); key-enterprise
    coverage must reach 100 % by year end (应急〔2021〕23号), 50 % at mid-year (bureau reading); a
    lower-is-better figure lags above the median; counts never lag."""
    cert = r.FIGURE_BY_KEY["certificate_rate"]
    assert r.lag_reasons(cert, D("95.0"), D("90.0"), 1) == ["低于要求100%"]
    assert r.lag_reasons(cert, D("100.0"), D("100.0"), 2) == []
    key = r.FIGURE_BY_KEY["key_coverage"]
    assert r.lag_reasons(key, D("60.0"), None, 1) == [] and r.lag_reasons(key, D("60.0"), None, 2) != []
    late = r.FIGURE_BY_KEY["deadlines_overdue"]
    assert r.lag_reasons(late, D("20.0"), D("10.0"), 1) == ["高于下辖机关中位数10.0%"]
    assert r.lag_reasons(late, D("5.0"), D("10.0"), 1) == []
    assert r.lag_reasons(r.FIGURE_BY_KEY["filed"], D(0), D(10), 1) == []
    assert r.lag_reasons(cert, None, D("90.0"), 1) == []
    training = r.FIGURE_BY_KEY["training_compliance"]  # yearly hours: no fixed threshold at mid-year
    assert r.lag_reasons(training, D("50.0"), None, 1) == [] and r.lag_reasons(training, D("50.0"), None, 2)


def test_median_ignores_missing_values():
    assert r.median([D(1), None, D(3)]) == D("2.0")
    assert r.median([D(5), D(1), D(3)]) == D(3)
    assert r.median([None]) is None


def test_composite_score_and_stable_ranking():
    """Weights sum to 100; missing figures are left out and the rest renormalised; working days score
    against 60 working days (≈ the 90 days of 行政处罚法 Art 60); ties share a rank and keep tree order."""
    assert sum(f.weight for f in r.FIGURES) == 100
    assert r.composite_score({"certificate_rate": D(80)}) is None  # 5 of 100: too little to rank on
    assert r.composite_score({"plan_completion": D(80), "key_coverage": D(60)}) == D("70.0")
    assert r.composite_score({}) is None
    assert r.sub_score(r.FIGURE_BY_KEY["days_to_decision"], D(30)) == D(50)
    assert r.sub_score(r.FIGURE_BY_KEY["days_to_decision"], D(90)) == D(0)
    assert r.sub_score(r.FIGURE_BY_KEY["deadlines_overdue"], D(10)) == D(90)
    mixed = {"certificate_rate": D(100), "deadlines_overdue": D(50), "plan_completion": D(50)}  # 5, 10, 15
    assert r.composite_score(mixed) == D("58.3")
    ranks = r.rank([(1, D(80)), (2, D(90)), (3, D(80)), (4, None), (5, D(70))])
    assert ranks == {2: 1, 1: 2, 3: 2, 5: 4, 4: None}
