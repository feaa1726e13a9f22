"""The discretion calculator (rules.recommend), pure: version/law choice by 从旧兼从轻 (行政处罚法 Art 37),
tiers, circumstances (Art 30–33), 减轻, 首违不罚 (Art 33 ¶1), legal review (Art 57–58, 63; spec §7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from discretion.rules import (
    CalculationError,
    Condition,
    FirstOffenceSpec,
    MeasureSpec,
    RangeSpec,
    TierRangeSpec,
    TierSpec,
    recommend,
)

from .helpers import D, art97, catalog, req, version


def fines(result):
    return [(f.subject, f.min, f.max, f.recommended) for f in result.fines]


def test_tier_a_one_person_first_instance_middle_of_band():
    """应急〔2024〕90号 item (26) tier A: 1 person-time → ≤30,000; no circumstances → middle."""
    r = recommend(req(facts={"uncertified_persons": 1}), catalog(version(violations=[art97()])))
    assert r.tier is not None and r.tier.code == "A"
    assert fines(r) == [("unit", 0, 30000, 15000)]
    assert r.other_measures == ("责令限期改正",)
    assert r.requires_legal_review is False
    assert r.basis[:2] == (
        "违反了《中华人民共和国安全生产法》第三十条第一款的规定",
        "依据《中华人民共和国安全生产法》第九十七条第七项的规定",
    )


def test_overdue_stage_unit_and_persons_one_case_two_penalties():
    """安全生产法 Art 97 逾期: unit 100,000–200,000 (tier A 100,000–130,000) + persons 20,000–50,000 (一案双罚)."""
    r = recommend(
        req(stage="overdue", facts={"uncertified_persons": 1}), catalog(version(violations=[art97()]))
    )
    assert fines(r) == [("unit", 100000, 130000, 115000), ("responsible_person", 20000, 50000, 35000)]
    assert r.other_measures == ("责令停产停业整顿",)
    # 较大数额 (unit ≥ 50,000; person ≥ 20,000) and 停产停业 → review, collective discussion, hearing
    assert (r.requires_legal_review, r.requires_collective_discussion, r.hearing_right) == (True, True, True)
    assert len(r.review_reasons) == 3


def test_no_matching_tier_falls_back_to_statutory_range():
    r = recommend(req(facts={"uncertified_persons": 3}), catalog(version(violations=[art97()])))
    assert r.tier is None
    assert fines(r) == [("unit", 0, 100000, 50000)]
    assert any("按法定幅度裁量" in line for line in r.explanation)


def test_explicit_tier_is_used_and_mismatch_is_explained():
    r = recommend(req(tier="A", facts={"uncertified_persons": 4}), catalog(version(violations=[art97()])))
    assert r.tier is not None and r.tier.code == "A"
    assert fines(r) == [("unit", 0, 30000, 15000)]
    assert any("与所填事实不完全相符" in line for line in r.explanation)


def test_exclusive_tier_bounds_move_by_one_yuan():
    """spec §2.3: tier bounds carry their own inclusivity; “以下” exclusive → max − 1."""
    v = art97(
        tiers=(
            TierSpec(
                "A",
                "A",
                (),
                (TierRangeSpec("unit", "first", 20000, 40000, lower_inclusive=False, upper_inclusive=False),),
            ),
        )
    )
    r = recommend(req(), catalog(version(violations=[v])))
    assert fines(r) == [("unit", 20001, 39999, 30000)]


def test_tier_condition_boundaries_inclusive_and_exclusive():
    v = art97(
        tiers=(
            TierSpec(
                "A",
                "100人以下",
                (Condition("staff_count", "lt", 100),),
                (TierRangeSpec("unit", "first", 20000, 40000),),
            ),
            TierSpec(
                "B",
                "100人以上",
                (Condition("staff_count", "gte", 100),),
                (TierRangeSpec("unit", "first", 40000, 100000),),
            ),
        )
    )
    cat = catalog(version(violations=[v]))
    assert recommend(req(facts={"staff_count": 99}), cat).tier.code == "A"
    assert recommend(req(facts={"staff_count": 100}), cat).tier.code == "B"


def test_heavier_and_lighter_move_within_band():
    cat = catalog(version(violations=[art97()]))
    assert fines(recommend(req(circumstances=("H-REPEAT",)), cat)) == [("unit", 50000, 100000, 70000)]
    assert fines(recommend(req(circumstances=("H-REPEAT", "H-OBSTRUCT")), cat)) == [
        ("unit", 50000, 100000, 90000)
    ]
    assert fines(recommend(req(circumstances=("L-SELF",)), cat)) == [("unit", 0, 50000, 30000)]
    assert fines(recommend(req(circumstances=("L-SELF", "H-REPEAT")), cat)) == [("unit", 0, 100000, 50000)]


def test_statutory_reduction_goes_below_minimum_and_flags_review_and_discussion():
    """行政处罚法 Art 32: 应当从轻或者减轻 — 减轻 is below the statutory minimum; review + collective discussion."""
    r = recommend(req(stage="overdue", circumstances=("ART32-1",)), catalog(version(violations=[art97()])))
    assert fines(r) == [("unit", 0, 99999, 50000), ("responsible_person", 0, 19999, 10000)]
    assert r.reduced is True
    assert r.requires_legal_review is True and r.requires_collective_discussion is True
    assert any(reason.startswith("减轻处罚") for reason in r.review_reasons)


def test_non_statutory_reduction_never_goes_below_minimum():
    r = recommend(req(stage="overdue", circumstances=("R-LOCAL",)), catalog(version(violations=[art97()])))
    assert fines(r) == [("unit", 100000, 150000, 130000), ("responsible_person", 20000, 35000, 29000)]
    assert r.reduced is False


def test_reduction_without_statutory_minimum_is_treated_as_lighter():
    r = recommend(req(circumstances=("ART32-1",)), catalog(version(violations=[art97()])))
    assert fines(r) == [("unit", 0, 50000, 30000)]
    assert r.reduced is False


def test_mandatory_no_penalty_drops_fines_keeps_order_to_correct():
    """行政处罚法 Art 30: under 14 → 不予处罚."""
    r = recommend(
        req(party_type="individual", circumstances=("ART30-UNDER14",)), catalog(version(violations=[art97()]))
    )
    assert (r.fines, r.no_penalty_required, r.no_penalty_possible) == ((), True, True)
    assert r.other_measures == ("责令限期改正",)


def test_first_offence_may_not_punish_but_still_computes_fines():
    """行政处罚法 Art 33 ¶1 second sentence: 首违 may not be punished."""
    r = recommend(req(circumstances=("ART33-1-FIRST",)), catalog(version(violations=[art97()])))
    assert (r.no_penalty_required, r.no_penalty_possible) == (False, True)
    assert fines(r) == [("unit", 0, 100000, 50000)]


def _entry(**kw):
    base = {
        "list_code": "JS",
        "list_name": "江苏省应急管理轻微违法行为不予行政处罚清单",
        "number": 4,
        "description": "特种作业人员档案不完整",
        "violation_codes": ("V97",),
        "effective_from": D(2025, 5, 1),
        "effective_to": D(2028, 4, 30),
        "list_conditions": (
            Condition("first_violation", "eq", True),
            Condition("harm_minor", "eq", True),
            Condition("corrected", "eq", True),
            Condition("fatal_accident_3y", "eq", False),
            Condition("serious_dishonesty", "eq", False),
        ),
        "scope_conditions": (Condition("persons_involved", "lte", 3),),
        "scope_text": "涉及3人以下",
    }
    base.update(kw)
    return FirstOffenceSpec(**base)


FIRST = {
    "first_violation": True,
    "harm_minor": True,
    "corrected": True,
    "fatal_accident_3y": False,
    "serious_dishonesty": False,
}


def test_jiangsu_first_offence_list_all_four_conditions_and_scope():
    """spec §6.6: all four conditions + scope limit, inside the list's effective period."""
    cat = catalog(version(violations=[art97()]), first_offence=[_entry()])
    ok = recommend(req(vdate=D(2025, 6, 1), ddate=D(2025, 7, 1), facts={**FIRST, "persons_involved": 3}), cat)
    assert ok.no_penalty_possible is True and ok.first_offence is not None and ok.first_offence.number == 4
    too_many = recommend(
        req(vdate=D(2025, 6, 1), ddate=D(2025, 7, 1), facts={**FIRST, "persons_involved": 4}), cat
    )
    assert too_many.no_penalty_possible is False
    fatal = recommend(
        req(
            vdate=D(2025, 6, 1),
            ddate=D(2025, 7, 1),
            facts={**FIRST, "persons_involved": 1, "fatal_accident_3y": True},
        ),
        cat,
    )
    assert fatal.no_penalty_possible is False
    before = recommend(
        req(vdate=D(2025, 4, 30), ddate=D(2025, 7, 1), facts={**FIRST, "persons_involved": 1}), cat
    )
    assert before.no_penalty_possible is False and before.first_offence is None
    unknown = recommend(req(vdate=D(2025, 6, 1), ddate=D(2025, 7, 1)), cat)
    assert unknown.no_penalty_possible is False
    assert any("需核实" in line for line in unknown.explanation)


def test_review_threshold_is_inclusive():
    """较大数额: unit ≥ 50,000 inclusive (◐ spec §1.11)."""
    cat = catalog(version(violations=[art97()]))
    at = recommend(req(), cat)  # 50,000 recommended
    assert fines(at) == [("unit", 0, 100000, 50000)] and at.requires_legal_review is True
    below = recommend(req(circumstances=("L-SELF",)), cat)  # 30,000
    assert below.requires_legal_review is False
    assert any("如达到50,000元以上" in line for line in below.explanation)


def test_income_based_fine_uses_prior_year_income_fact():
    """安全生产法 Art 95(2): 较大事故 → 60 % of the prior-year income."""
    v = art97(
        code="V95",
        article=95,
        item=2,
        ranges=(
            RangeSpec("main_person", "first", income_share=(Decimal("0.6"), Decimal("0.6")), basis="60%"),
        ),
        tiers=(),
        measures=(),
    )
    cat = catalog(version(violations=[v]))
    r = recommend(req("V95", party_type="individual", facts={"prior_year_income": 250000}), cat)
    assert fines(r) == [("main_person", 150000, 150000, 150000)]
    with pytest.raises(CalculationError, match="上一年年收入"):
        recommend(req("V95", party_type="individual"), cat)
    with pytest.raises(CalculationError, match="不能为负数"):
        recommend(req("V95", party_type="individual", facts={"prior_year_income": -1}), cat)


def test_individual_party_on_unit_provision_uses_unit_range_as_individual():
    r = recommend(req(party_type="individual"), catalog(version(violations=[art97()])))
    assert fines(r) == [("individual", 0, 100000, 50000)]
    assert any("个人经营" in line for line in r.explanation)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"violation": "NOPE"}, "未知的违法行为编码"),
        ({"vdate": D(2025, 5, 1), "ddate": D(2025, 4, 1)}, "不得早于"),
        ({"party_type": "company"}, "当事人类型"),
        ({"stage": "late"}, "阶段"),
        ({"circumstances": ("XX",)}, "未知的情节编码"),
        ({"vdate": D(2020, 1, 1), "ddate": D(2020, 2, 1)}, "均无施行中的裁量基准"),
    ],
)
def test_bad_input_is_refused_with_chinese_message(kwargs, message):
    kwargs = dict(kwargs)
    code = kwargs.pop("violation", "V97")
    with pytest.raises(CalculationError, match=message):
        recommend(req(code, **kwargs), catalog(version(violations=[art97()])))


# ------------------------------------------------------------------ 从旧兼从轻 (行政处罚法 Art 37)


def law_pair(new_max: int, new_measures=()):
    """Test-only pair: an old 条例 row until 2026-04-30 and its successor law row from 2026-05-01."""
    old = art97(
        code="OLD",
        act_code="HC-USE",
        law="危险化学品安全管理条例",
        law_full_name="危险化学品安全管理条例",
        article=77,
        item=None,
        paragraph=2,
        law_effective_to=D(2026, 4, 30),
        ranges=(RangeSpec("unit", "first", 100000, 200000, basis="10万元以上20万元以下"),),
        tiers=(),
        measures=(MeasureSpec("first", "order_correction", "责令限期改正"),),
    )
    new = art97(
        code="NEW",
        act_code="HC-USE",
        law="危险化学品安全法",
        law_full_name="中华人民共和国危险化学品安全法",
        article=99,
        item=None,
        law_effective_from=D(2026, 5, 1),
        ranges=(RangeSpec("unit", "first", 100000, new_max, basis="测试用新法幅度"),),
        tiers=(),
        measures=tuple(new_measures) or (MeasureSpec("first", "order_correction", "责令限期改正"),),
    )
    return catalog(version(violations=[old, new]))


ACT_BEFORE = {"vdate": D(2026, 4, 1), "ddate": D(2026, 6, 1)}


def test_art37_new_law_lighter_applies():
    r = recommend(req("OLD", **ACT_BEFORE), law_pair(150000))
    assert r.violation.code == "NEW"
    assert "对当事人较轻（法定最高罚款合计150,000元 < 200,000元）" in r.version_reason


def test_art37_new_law_heavier_old_law_applies():
    r = recommend(req("OLD", **ACT_BEFORE), law_pair(300000))
    assert r.violation.code == "OLD"
    assert "法定最高罚款合计200,000元 < 300,000元" in r.version_reason


def test_art37_equal_money_then_milder_measures_decide():
    r = recommend(
        req("OLD", **ACT_BEFORE),
        law_pair(200000, [MeasureSpec("first", "production_halt", "责令停产停业整顿")]),
    )
    assert r.violation.code == "OLD"
    assert "其他处罚种类较轻" in r.version_reason


def test_art37_tie_keeps_the_law_of_the_violation_date():
    r = recommend(req("NEW", **ACT_BEFORE), law_pair(200000))
    assert r.violation.code == "OLD"
    assert "轻重相同" in r.version_reason


def test_art37_act_after_new_law_uses_new_law_only():
    r = recommend(req("OLD", vdate=D(2026, 5, 2), ddate=D(2026, 6, 1)), law_pair(300000))
    assert r.violation.code == "NEW"


def test_art37_act_before_any_rule_is_not_punishable():
    cat = catalog(version(violations=[art97(code="NEW", law_effective_from=D(2026, 5, 1))]))
    with pytest.raises(CalculationError, match="不在施行期间"):
        recommend(req("NEW", vdate=D(2026, 4, 1), ddate=D(2026, 6, 1)), cat)


def test_repealed_rule_without_entered_successor_applies_old_rule_and_asks_review():
    old = art97(code="OLD", law_effective_to=D(2026, 4, 30))
    r = recommend(req("OLD", **ACT_BEFORE), catalog(version(violations=[old])))
    assert r.violation.code == "OLD" and r.requires_legal_review is True
    assert r.review_reasons[0] == "决定时施行的新规定尚未录入，需法制审核核对从旧兼从轻"


def two_versions(old_max: int, new_max: int):
    def with_tier(top: int):
        return art97(tiers=(TierSpec("A", "A", (), (TierRangeSpec("unit", "first", None, top),)),))

    return catalog(
        version("V1", D(2024, 11, 1), D(2025, 12, 31), [with_tier(old_max)]),
        version("V2", D(2026, 1, 1), None, [with_tier(new_max)]),
    )


def test_benchmark_versions_by_analogy_newer_lighter_wins():
    r = recommend(req(vdate=D(2025, 6, 1), ddate=D(2026, 2, 1)), two_versions(30000, 20000))
    assert r.version.code == "V2"
    assert fines(r) == [("unit", 0, 20000, 10000)]
    assert "阶次幅度上限合计20,000元 < 30,000元" in r.version_reason


def test_benchmark_versions_by_analogy_older_lighter_wins():
    r = recommend(req(vdate=D(2025, 6, 1), ddate=D(2026, 2, 1)), two_versions(30000, 40000))
    assert r.version.code == "V1"


def test_most_specific_jurisdiction_in_force_is_used():
    national = version("N", violations=[art97()])
    province = version("P", D(2025, 1, 1), None, [art97(tiers=())], jurisdiction="province")
    assert recommend(req(), catalog(national, province)).version.code == "P"


def test_recommendation_as_dict_has_the_contract_shape():
    data = recommend(req(facts={"uncertified_persons": 1}), catalog(version(violations=[art97()]))).as_dict()
    assert data["violation"] == {
        "code": "V97",
        "name": "特种作业人员未持证上岗",
        "penalty_basis": {"law": "安全生产法", "article": 97, "paragraph": None, "item": 7},
    }
    assert data["benchmark_version"] == "V1"
    assert data["tier"] == {"code": "A", "name": "阶次A"}
    assert data["fines"] == [
        {
            "subject": "unit",
            "min": 0,
            "max": 30000,
            "recommended": 15000,
            "statutory_min": None,
            "statutory_max": 100000,
        }
    ]
    for key in (
        "other_measures",
        "no_penalty_possible",
        "requires_legal_review",
        "requires_collective_discussion",
        "basis",
        "explanation",
        "version_reason",
    ):
        assert key in data


def test_a_supplement_without_the_violation_falls_back_to_the_national_version():
    national = version("N", violations=[art97()])
    city = version("C", D(2025, 1, 1), None, [art97(code="OTHER")], jurisdiction="city")
    assert recommend(req(), catalog(national, city)).version.code == "N"
