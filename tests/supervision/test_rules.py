"""Pure rules of 案卷评查: scoring with veto items and band edges (labelled default bands, spec §8 ◐),
sample sizes (seed 004 ◐: ≥ 30 % of cases, ≥ 20 % of schemes) and the dossier pre-marks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supervision import rules
from supervision.rules import DossierFacts, ItemScore, Step


def _items(awarded: list[int], veto_hit: bool = False) -> list[ItemScore]:
    rows = [ItemScore(f"I{n}", 10, False, a) for n, a in enumerate(awarded)]
    rows.append(ItemScore("V1", 0, True, None, veto_hit))
    return rows


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, "excellent"), (90, "excellent"), (89, "pass"), (60, "pass"), (59, "fail"), (0, "fail")],
)
def test_band_edges(total, grade):
    tens, rest = divmod(total, 10)
    awarded = [10] * tens + ([rest] if rest else [])
    awarded += [0] * (10 - len(awarded))
    result = rules.score(_items(awarded))
    assert (result.total, result.grade, result.veto_hit) == (total, grade, False)


def test_a_veto_fails_a_full_score_and_zeroes_it():
    result = rules.score(_items([10] * 10, veto_hit=True))
    assert (result.total, result.grade, result.vetoes) == (0, "fail", ("V1",))


def test_unscored_items_are_listed_and_points_above_the_maximum_refused():
    result = rules.score([ItemScore("A", 5, False, None), ItemScore("B", 5, False, 5)])
    assert result.missing == ("A",) and not result.complete
    with pytest.raises(rules.ScoreError, match="0 至 5"):
        rules.score([ItemScore("A", 5, False, 6)])


def test_bands_follow_the_rubric():
    assert rules.grade_for(85, False, excellent_min=85, pass_min=70) == "excellent"
    assert rules.grade_for(69, False, excellent_min=85, pass_min=70) == "fail"
    assert rules.check_bands(90, 60, 100) == []
    assert rules.check_bands(60, 90, 100) and rules.check_bands(110, 60, 100)


@pytest.mark.parametrize(
    ("pool", "ratio", "minimum", "k"),
    [
        (0, 30, 1, 0),
        (1, 30, 1, 1),
        (3, 30, 1, 1),
        (4, 30, 1, 2),
        (10, 30, 1, 3),
        (11, 30, 1, 4),
        (5, 20, 3, 3),
        (2, 30, 5, 2),
        (10, 20, 1, 2),
    ],
)
def test_sample_size(pool, ratio, minimum, k):
    assert rules.sample_size(pool, Decimal(ratio), minimum) == k


@given(st.integers(0, 500), st.integers(20, 100), st.integers(0, 10))
def test_the_sample_always_meets_the_rule(pool, ratio, minimum):
    k = rules.sample_size(pool, Decimal(ratio), minimum)
    assert rules.meets_rule(pool, k, Decimal(ratio), minimum)
    assert k <= pool


D = dt.date(2026, 6, 1)


def _facts(**kw) -> DossierFacts:
    base: dict = {
        "review_required": False,
        "review_approved": False,
        "decided_on": D,
        "decision_due": D,
        "overdue_reason": "",
        "steps": (Step("decide", "作出决定", D, 2),),
        "decisions": (("（宁）应急罚〔2026〕1号", D, True),),
    }
    base.update(kw)
    return DossierFacts(**base)


def test_premark_legal_review():
    assert rules.premark_legal_review(_facts(review_required=True)).fault
    assert "第五十八条" in rules.premark_legal_review(_facts(review_required=True)).reason
    assert not rules.premark_legal_review(_facts(review_required=True, review_approved=True)).fault
    assert not rules.premark_legal_review(_facts()).fault


def test_premark_decision_deadline():
    late = rules.premark_decision_deadline(_facts(decision_due=D - dt.timedelta(days=1)))
    assert late.fault and "2026-05-31" in late.reason
    assert rules.premark_decision_deadline(_facts(overdue_reason="案情复杂")).fault
    assert not rules.premark_decision_deadline(_facts()).fault


def test_premark_two_officers():
    bad = rules.premark_two_officers(_facts(steps=(Step("notify", "告知", D, 1, ("李四：执法证已过期",)),)))
    assert bad.fault and "李四：执法证已过期" in bad.reason
    assert not rules.premark_two_officers(_facts()).fault


def test_premark_service():
    assert rules.premark_service(_facts(decisions=(("罚1", None, False), ("罚2", D, True)))).reason.endswith(
        "罚1"
    )
    no_receipt = rules.premark_service(_facts(decisions=(("罚2", D, False),)))
    assert no_receipt.fault and "无送达回执" in no_receipt.reason
    assert not rules.premark_service(_facts()).fault


def test_premark_publication_within_7_working_days():
    """安全生产法 Art 78 ¶2 / spec §1.15: published within 7 working days of the decision."""
    due = dt.date(2026, 6, 10)
    on_time = rules.premark_publication(_facts(publications=(("罚1", due, due),)))
    assert not on_time.fault
    late = rules.premark_publication(_facts(publications=(("罚1", due, due + dt.timedelta(days=1)),)))
    assert late.fault and "2026-06-10" in late.reason and "2026-06-11" in late.reason
    missing = rules.premark_publication(_facts(publications=(("罚1", due, None), ("罚2", due, due))))
    assert missing.fault and missing.reason.endswith("罚1")
    assert not rules.premark_publication(_facts()).fault
