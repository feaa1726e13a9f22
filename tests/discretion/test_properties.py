"""Property-based tests (hypothesis) of the pure calculator: the recommendation lies in the returned
range; the range lies in the statutory range unless a statutory 减轻 circumstance applies (行政处罚法
Art 30, 32); between two versions the chosen one is never heavier for the party (Art 37); an added
aggravating circumstance never lowers the recommendation."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from discretion.rules import (
    Catalog,
    Condition,
    MeasureSpec,
    RangeSpec,
    RecommendationRequest,
    TierRangeSpec,
    TierSpec,
    VersionSpec,
    ViolationSpec,
    recommend,
)
from discretion.rules.calculator import MEASURE_SEVERITY

from .helpers import BENCH, CRITERIA, STATUTORY

SUBJECTS = ["unit", "responsible_person", "main_person", "individual"]
STAGES = ["first", "overdue"]
CIRCS = ["H-REPEAT", "H-OBSTRUCT", "L-SELF", "R-LOCAL", "ART32-1", "ART32-LIGHTER"]


@st.composite
def money_range(draw):
    lo = draw(st.one_of(st.none(), st.integers(0, 2_000_000)))
    hi = draw(st.integers(lo or 1, (lo or 0) + 5_000_000))
    return lo, hi


@st.composite
def violation(draw, code="V"):
    ranges = []
    for subject in draw(st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=3, unique=True)):
        for stage in draw(st.lists(st.sampled_from(STAGES), min_size=1, max_size=2, unique=True)):
            lo, hi = draw(money_range())
            ranges.append(RangeSpec(subject, stage, lo, hi, basis="幅度"))
    tiers = []
    for n in range(draw(st.integers(0, 3))):
        t_ranges = []
        for r in ranges:
            if draw(st.booleans()):
                lo = (r.min or 0) + draw(st.integers(0, 1000))
                hi = draw(st.integers(lo, lo + 3_000_000))
                t_ranges.append(
                    TierRangeSpec(r.subject, r.stage, lo, hi, draw(st.booleans()), draw(st.booleans()))
                )
        bound = draw(st.integers(0, 10))
        tiers.append(
            TierSpec(f"T{n}", f"阶次{n}", (Condition("hazard_count", "lte", bound),), tuple(t_ranges))
        )
    measures = tuple(
        MeasureSpec(draw(st.sampled_from(STAGES)), kind, kind)
        for kind in draw(st.lists(st.sampled_from(sorted(MEASURE_SEVERITY)), max_size=3, unique=True))
    )
    return ViolationSpec(
        code=code,
        name="违法行为",
        law="安全生产法",
        law_full_name="中华人民共和国安全生产法",
        article=99,
        ranges=tuple(ranges),
        tiers=tuple(tiers),
        measures=measures,
    )


def request_for(**kw):
    base = {
        "violation": "V",
        "party_type": "unit",
        "violation_date": dt.date(2025, 6, 1),
        "decision_date": dt.date(2026, 2, 1),
    }
    base.update(kw)
    return RecommendationRequest(**base)


common = {
    "v": violation(),
    "stage": st.sampled_from(STAGES),
    "party": st.sampled_from(["unit", "individual"]),
    "circumstances": st.lists(st.sampled_from(CIRCS), max_size=4, unique=True),
    "hazards": st.integers(0, 12),
}


def one_version(v):
    return Catalog(
        (VersionSpec("V1", "基准", "", "national", dt.date(2024, 1, 1), None, (v,), BENCH),),
        STATUTORY,
        (),
        CRITERIA,
    )


@given(**common)
def test_recommended_amount_lies_inside_the_returned_range(v, stage, party, circumstances, hazards):
    r = recommend(
        request_for(
            stage=stage, party_type=party, circumstances=tuple(circumstances), facts={"hazard_count": hazards}
        ),
        one_version(v),
    )
    for f in r.fines:
        assert f.min <= f.recommended <= f.max


@given(**common)
def test_range_lies_inside_statutory_range_unless_statutory_reduction(
    v, stage, party, circumstances, hazards
):
    r = recommend(
        request_for(
            stage=stage, party_type=party, circumstances=tuple(circumstances), facts={"hazard_count": hazards}
        ),
        one_version(v),
    )
    for f in r.fines:
        assert f.statutory_max is not None and f.max <= f.statutory_max
        if "ART32-1" not in circumstances:
            assert f.min >= (f.statutory_min or 0)
        else:
            assert r.requires_legal_review or f.min >= (f.statutory_min or 0)


@given(**common, extra=st.sampled_from(["H-REPEAT", "H-OBSTRUCT"]))
def test_an_aggravating_circumstance_never_lowers_the_recommendation(
    v, stage, party, circumstances, hazards, extra
):
    cat = one_version(v)
    facts = {"hazard_count": hazards}
    base = [c for c in circumstances if c != extra]
    before = recommend(
        request_for(stage=stage, party_type=party, circumstances=tuple(base), facts=facts), cat
    )
    after = recommend(
        request_for(stage=stage, party_type=party, circumstances=(*base, extra), facts=facts), cat
    )
    assert [f.subject for f in before.fines] == [f.subject for f in after.fines]
    for b, a in zip(before.fines, after.fines, strict=True):
        assert a.recommended >= b.recommended


def heaviness(r):
    """The comparison the spec orders: statutory max, statutory min, other measures (then the band)."""
    severity = max([MEASURE_SEVERITY[k] for k in r.other_measures] + [2 if r.fines else 0])
    return (
        sum(f.statutory_max for f in r.fines),
        sum(f.statutory_min or 0 for f in r.fines),
        severity,
    )


@given(
    old=violation(),
    new=violation(),
    stage=st.sampled_from(STAGES),
    party=st.sampled_from(["unit", "individual"]),
)
def test_between_two_versions_the_chosen_one_is_never_heavier(old, new, stage, party):
    versions = (
        VersionSpec(
            "OLD", "旧基准", "", "national", dt.date(2024, 1, 1), dt.date(2025, 12, 31), (old,), BENCH
        ),
        VersionSpec("NEW", "新基准", "", "national", dt.date(2026, 1, 1), None, (new,), BENCH),
    )
    cat = Catalog(versions, STATUTORY, (), CRITERIA)
    chosen = recommend(request_for(stage=stage, party_type=party), cat)
    # each version alone, as if it were the only one in force
    alone = {
        code: recommend(
            request_for(stage=stage, party_type=party),
            Catalog(
                (VersionSpec(code, "x", "", "national", dt.date(2024, 1, 1), None, (v,), BENCH),),
                STATUTORY,
                (),
                CRITERIA,
            ),
        )
        for code, v in (("OLD", old), ("NEW", new))
    }
    other = alone["NEW" if chosen.version.code == "OLD" else "OLD"]
    assert heaviness(chosen) <= heaviness(other)
