"""Property-based tests (hypothesis) of the pure calculator: the recommendation lies in the returned
range and is a positive amount; the range lies in the statutory range unless a statutory 减轻
circumstance applies (行政处罚法 Art 30, 32), and then lies below the minimum with legal review and
collective discussion flagged; between two versions — of the benchmark or of the law — the chosen one is
never heavier for the party (Art 37); of several provisions one act violates, the one applied never has
the lower fine (Art 29); an added aggravating circumstance never lowers the recommendation."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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

from .helpers import BENCH, CRITERIA, STATUTORY

SUBJECTS = ["unit", "responsible_person", "main_person", "individual"]
STAGES = ["first", "overdue"]
CIRCS = ["H-REPEAT", "H-OBSTRUCT", "L-SELF", "R-LOCAL", "ART32-1", "ART32-LIGHTER"]
# typed from issue 4: 警告 < 罚款 < 没收 < 暂扣 < 停产停业 < 吊销 < 关闭 (an order to correct is no penalty)
SEVERITY_ORDER = ["warning", "FINE", "confiscation", "suspension", "production_halt", "revocation", "closure"]
SEVERITY = {kind: n + 1 for n, kind in enumerate(SEVERITY_ORDER)} | {"order_correction": 0, "other": 0}
MEASURE_KINDS = sorted(k for k in SEVERITY if k != "FINE")


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
                # tier bands straddle the statutory bounds often, so the clamp is exercised
                lo = max(0, (r.min or 0) + draw(st.integers(-1000, 1000)))
                hi = draw(st.integers(lo, lo + 3_000_000) | st.just(max(lo, (r.max or 0) + 1)))
                t_ranges.append(
                    TierRangeSpec(r.subject, r.stage, lo, hi, draw(st.booleans()), draw(st.booleans()))
                )
        bound = draw(st.integers(0, 10))
        tiers.append(
            TierSpec(f"T{n}", f"阶次{n}", (Condition("hazard_count", "lte", bound),), tuple(t_ranges))
        )
    measures = tuple(
        MeasureSpec(draw(st.sampled_from(STAGES)), kind, kind)
        for kind in draw(st.lists(st.sampled_from(MEASURE_KINDS), max_size=3, unique=True))
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
    "circumstances": st.lists(st.sampled_from(CIRCS), max_size=len(CIRCS), unique=True),
    "hazards": st.integers(0, 12),
}


def one_version(v, criteria=CRITERIA):
    return Catalog(
        (VersionSpec("V1", "基准", "", "national", dt.date(2024, 1, 1), None, (v,), BENCH),),
        STATUTORY,
        (),
        criteria,
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
        assert f.recommended > 0 or f.max == 0  # a fine is a positive amount


@given(**common)
def test_range_lies_inside_statutory_range_unless_statutory_reduction(
    v, stage, party, circumstances, hazards
):
    # no 较大数额/measure criteria: legal review and collective discussion can come only from 减轻
    r = recommend(
        request_for(
            stage=stage, party_type=party, circumstances=tuple(circumstances), facts={"hazard_count": hazards}
        ),
        one_version(v, criteria=()),
    )
    assert r.requires_legal_review is r.reduced and r.requires_collective_discussion is r.reduced
    for f in r.fines:
        assert f.statutory_max is not None and f.max <= f.statutory_max
        if "ART32-1" in circumstances and (f.statutory_min or 0) > 0:  # statutory 减轻 (Art 32)
            assert f.max < (f.statutory_min or 0)
            assert r.reduced and r.requires_legal_review and r.requires_collective_discussion
        else:
            assert f.min >= (f.statutory_min or 0)
    if "ART32-1" not in circumstances:
        assert r.reduced is False


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
    """The comparison the issue orders: statutory max, statutory min, other measures (then the band)."""
    severity = max([SEVERITY[k] for k in r.other_measures] + [SEVERITY["FINE"] if r.fines else 0])
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


@given(
    old=violation("OLD"),
    new=violation("NEW"),
    stage=st.sampled_from(STAGES),
    party=st.sampled_from(["unit", "individual"]),
)
def test_between_two_law_versions_the_chosen_one_is_never_heavier(old, new, stage, party):
    """行政处罚法 Art 37: a 条例 row until 2026-04-30 and its successor law from 2026-05-01 (one act)."""
    old = replace(old, act_code="ACT", law_effective_to=dt.date(2026, 4, 30))
    new = replace(new, act_code="ACT", law_effective_from=dt.date(2026, 5, 1))
    both = Catalog(
        (VersionSpec("V1", "基准", "", "national", dt.date(2024, 1, 1), None, (old, new), BENCH),),
        STATUTORY,
        (),
        CRITERIA,
    )
    kw = {
        "stage": stage,
        "party_type": party,
        "violation_date": dt.date(2026, 4, 1),
        "decision_date": dt.date(2026, 6, 1),
    }
    chosen = recommend(request_for(violation="OLD", **kw), both)
    alone = {
        v.code: recommend(
            request_for(violation=v.code, **kw),
            one_version(replace(v, law_effective_to=None, law_effective_from=None)),
        )
        for v in (old, new)
    }
    other = alone["NEW" if chosen.violation.code == "OLD" else "OLD"]
    assert heaviness(chosen) <= heaviness(other)
    if heaviness(alone["OLD"]) == heaviness(alone["NEW"]):
        assert chosen.violation.code == "OLD"  # a tie keeps the law of the violation date


@given(
    a=violation("A"),
    b=violation("B"),
    stage=st.sampled_from(STAGES),
    party=st.sampled_from(["unit", "individual"]),
)
def test_one_act_several_provisions_applies_the_higher_fine(a, b, stage, party):
    """行政处罚法 Art 29: one act, one fine — the provision with the higher fine."""
    cat = Catalog(
        (VersionSpec("V1", "基准", "", "national", dt.date(2024, 1, 1), None, (a, b), BENCH),),
        STATUTORY,
        (),
        CRITERIA,
    )
    r = recommend(request_for(violation="A", same_act=("B",), stage=stage, party_type=party), cat)
    alone = {
        code: recommend(request_for(violation=code, stage=stage, party_type=party), cat) for code in "AB"
    }
    other = alone["B" if r.violation.code == "A" else "A"]
    assert heaviness(r)[:2] >= heaviness(other)[:2]
    assert r.same_act_reason.startswith("同一违法行为违反多个法律规范")
    assert [f.recommended for f in r.fines] == [f.recommended for f in alone[r.violation.code].fines]
