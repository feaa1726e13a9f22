"""More legal rules of the pure calculator: 行政处罚法 Art 29 (one act, one fine — the provision with the
higher fine), the severity order of other measures in 从旧兼从轻 (Art 37), a named tier must exist,
a fine is a positive amount, and 首违不罚 (Art 33 ¶1) is "may", not "must"."""

from __future__ import annotations

import pytest

from discretion.rules import CalculationError, MeasureSpec, RangeSpec, recommend

from .helpers import D, art97, catalog, req, version


def fines(result):
    return [(f.subject, f.min, f.max, f.recommended) for f in result.fines]


def _unit_only(code: str, article: int, lo: int | None, hi: int, **kw):
    return art97(
        code=code,
        article=article,
        item=None,
        ranges=(RangeSpec("unit", "first", lo, hi, basis=f"第{article}条幅度"),),
        tiers=(),
        **kw,
    )


# ------------------------------------------------------------------ 行政处罚法 Art 29


def test_art29_one_act_two_provisions_the_higher_maximum_applies():
    low = _unit_only("LOW", 99, None, 50000)
    high = _unit_only("HIGH", 101, None, 100000)
    r = recommend(req("LOW", same_act=("HIGH",)), catalog(version(violations=[low, high])))
    assert r.violation.code == "HIGH"
    assert fines(r) == [("unit", 0, 100000, 50000)]  # one fine only
    assert r.same_act_reason == (
        "同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚，不得给予两次以上罚款"
        "（行政处罚法第二十九条）：适用《中华人民共和国安全生产法》第一百零一条；"
        "《中华人民共和国安全生产法》第九十九条罚款数额较低（法定最高罚款合计100,000元 > 50,000元），不再另行罚款"
    )
    assert r.explanation[0] == f"法条竞合：{r.same_act_reason}"
    assert r.as_dict()["same_act_reason"] == r.same_act_reason


def test_art29_equal_maximum_then_the_higher_minimum_applies():
    a = _unit_only("A", 101, None, 100000)
    b = _unit_only("B", 80, 50000, 100000)
    r = recommend(req("A", same_act=("B",)), catalog(version(violations=[a, b])))
    assert r.violation.code == "B"
    assert fines(r) == [("unit", 50000, 100000, 75000)]
    assert "法定最低罚款合计50,000元 > 0元" in r.same_act_reason


def test_art29_equal_fines_keep_the_provision_listed_first():
    a = _unit_only("A", 101, None, 100000)
    b = _unit_only("B", 97, None, 100000)
    r = recommend(req("A", same_act=("B", "A")), catalog(version(violations=[a, b])))
    assert r.violation.code == "A"
    assert "罚款幅度相同，按所列第一项规定处罚" in r.same_act_reason


def test_art29_unknown_other_provision_is_refused():
    with pytest.raises(CalculationError, match="未知的违法行为编码：NOPE"):
        recommend(req(same_act=("NOPE",)), catalog(version(violations=[art97()])))


def test_art29_a_tier_named_for_the_main_provision_does_not_break_the_other():
    other = _unit_only("OTHER", 101, None, 200000)
    r = recommend(
        req(tier="A", same_act=("OTHER",), facts={"uncertified_persons": 1}),
        catalog(version(violations=[art97(), other])),
    )
    assert r.violation.code == "OTHER" and r.tier is None


# ------------------------------------------------------------------ 行政处罚法 Art 37: measure severity


SEVERITY_ORDER = ["warning", "confiscation", "suspension", "production_halt", "revocation", "closure"]


@pytest.mark.parametrize(
    ("milder", "harsher"), list(zip(SEVERITY_ORDER, SEVERITY_ORDER[1:], strict=False)), ids=lambda k: k
)
def test_art37_equal_money_the_milder_measure_wins(milder, harsher):
    """警告 < 罚款 < 没收 < 暂扣 < 停产停业 < 吊销 < 关闭: with equal fines the milder other measure is lighter."""

    def row(code: str, measure: str, **kw):
        return _unit_only(
            code, 77, 100000, 200000, act_code="ACT", measures=(MeasureSpec("first", measure, measure),), **kw
        )

    old = row("OLD", harsher, law_effective_to=D(2026, 4, 30))
    new = row("NEW", milder, law_effective_from=D(2026, 5, 1))
    r = recommend(
        req("OLD", vdate=D(2026, 4, 1), ddate=D(2026, 6, 1)), catalog(version(violations=[old, new]))
    )
    assert r.violation.code == "NEW"
    assert "其他处罚种类较轻" in r.version_reason
    r = recommend(
        req("OLD", vdate=D(2026, 4, 1), ddate=D(2026, 6, 1)),
        catalog(
            version(
                violations=[
                    row("OLD", milder, law_effective_to=D(2026, 4, 30)),
                    row("NEW", harsher, law_effective_from=D(2026, 5, 1)),
                ]
            )
        ),
    )
    assert r.violation.code == "OLD"


def test_art37_a_warning_is_milder_than_a_fine():
    """警告 < 罚款: a successor rule that only warns is lighter than one that fines (statutory max 0 < X)."""
    old = _unit_only("OLD", 77, None, 30000, act_code="ACT", law_effective_to=D(2026, 4, 30))
    new = art97(
        code="NEW",
        act_code="ACT",
        ranges=(),
        tiers=(),
        measures=(MeasureSpec("first", "warning", "警告"),),
        law_effective_from=D(2026, 5, 1),
    )
    r = recommend(
        req("OLD", vdate=D(2026, 4, 1), ddate=D(2026, 6, 1)), catalog(version(violations=[old, new]))
    )
    assert r.violation.code == "NEW" and r.fines == ()
    assert "法定最高罚款合计0元 < 30,000元" in r.version_reason


# ------------------------------------------------------------------ input and amounts


def test_unknown_tier_code_is_refused_with_the_known_codes():
    with pytest.raises(CalculationError, match=r"未知的裁量阶次编码：Z（可选：A）"):
        recommend(req(tier="Z"), catalog(version(violations=[art97()])))
    with pytest.raises(CalculationError, match="该违法行为未细化阶次"):
        recommend(req(tier="Z"), catalog(version(violations=[art97(tiers=())])))


def test_the_lowest_recommendation_is_a_positive_fine():
    """“五万元以下” has no minimum, but a fine of 0 yuan is no fine: three net 从轻 → 100 yuan."""
    r = recommend(
        req(circumstances=("L-SELF", "R-LOCAL", "ART32-LIGHTER")),
        catalog(version(violations=[art97(tiers=())])),
    )
    assert fines(r) == [("unit", 0, 50000, 100)]


def test_art33_first_offence_is_may_not_must():
    """行政处罚法 Art 33 ¶1 second sentence (首违不罚): 可以不予处罚 — fines are still computed."""
    r = recommend(req(circumstances=("ART33-1-FIRST",)), catalog(version(violations=[art97(tiers=())])))
    assert (r.no_penalty_possible, r.no_penalty_required) == (True, False)
    assert fines(r) == [("unit", 0, 100000, 50000)]


def test_art106_an_individual_party_gets_one_fine_not_two():
    """安全生产法 Art 106 fines 主要负责人 and 个人经营的投资人 (20,000–100,000): a natural person is fined once."""
    v = art97(
        code="V106",
        article=106,
        item=None,
        ranges=(
            RangeSpec("main_person", "first", 20000, 100000, basis="主要负责人"),
            RangeSpec("individual", "first", 20000, 100000, basis="个人经营的投资人"),
        ),
        tiers=(),
        measures=(),
    )
    cat = catalog(version(violations=[v]))
    assert fines(recommend(req("V106", party_type="individual"), cat)) == [
        ("individual", 20000, 100000, 60000)
    ]
    assert fines(recommend(req("V106", party_type="unit"), cat)) == [("main_person", 20000, 100000, 60000)]
