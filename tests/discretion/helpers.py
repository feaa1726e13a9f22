"""Hand-built benchmark data for the pure calculator tests."""

from __future__ import annotations

import datetime as dt

from discretion.rules import (
    Catalog,
    CircumstanceSpec,
    Condition,
    MeasureSpec,
    RangeSpec,
    RecommendationRequest,
    ReviewCriterionSpec,
    TierRangeSpec,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

D = dt.date
V_START = D(2024, 11, 1)
VDATE = D(2025, 3, 1)
DDATE = D(2025, 4, 1)

STATUTORY = (
    CircumstanceSpec("ART30-UNDER14", "不满十四周岁", "no_penalty", True, True, "行政处罚法第三十条"),
    CircumstanceSpec(
        "ART32-1", "主动消除或者减轻危害后果", "reduced", True, True, "行政处罚法第三十二条第一项"
    ),
    CircumstanceSpec("ART32-LIGHTER", "第三十二条情形，从轻", "lighter", True, True, "行政处罚法第三十二条"),
    CircumstanceSpec(
        "ART33-1-FIRST",
        "初次违法且危害后果轻微并及时改正",
        "no_penalty",
        True,
        False,
        "行政处罚法第三十三条第一款",
    ),
)
BENCH = (
    CircumstanceSpec("H-REPEAT", "一年内两次以上", "heavier", False, True, "基准"),
    CircumstanceSpec("H-OBSTRUCT", "阻碍执法", "heavier", False, True, "基准"),
    CircumstanceSpec("L-SELF", "自查发现", "lighter", False, True, "基准"),
    CircumstanceSpec("R-LOCAL", "地方减轻情节", "reduced", False, True, "基准"),
)
CRITERIA = (
    ReviewCriterionSpec(
        "FINE-UNIT", "较大数额罚款（单位）", "fine_amount", "◐", "unit", 50000, "", True, True, True
    ),
    ReviewCriterionSpec(
        "FINE-PERSON", "较大数额罚款（个人）", "fine_amount", "◐", "person", 20000, "", True, True, True
    ),
    ReviewCriterionSpec(
        "HALT", "责令停产停业", "measure", "Art 63", "", None, "production_halt", True, False, True
    ),
)


def art97(code: str = "V97", **kw) -> ViolationSpec:
    """Shape of 安全生产法 Art 97 with a tier A of 应急〔2024〕90号 item (26)."""
    base = {
        "code": code,
        "name": "特种作业人员未持证上岗",
        "law": "安全生产法",
        "law_full_name": "中华人民共和国安全生产法",
        "article": 97,
        "item": 7,
        "violated_provision": "《中华人民共和国安全生产法》第三十条第一款",
        "ranges": (
            RangeSpec("unit", "first", None, 100000, basis="处十万元以下的罚款"),
            RangeSpec(
                "unit", "overdue", 100000, 200000, basis="逾期未改正的，处十万元以上二十万元以下的罚款"
            ),
            RangeSpec("responsible_person", "overdue", 20000, 50000, basis="人员二万元以上五万元以下"),
        ),
        "tiers": (
            TierSpec(
                "A",
                "阶次A",
                (Condition("uncertified_persons", "lte", 1),),
                (
                    TierRangeSpec("unit", "first", None, 30000),
                    TierRangeSpec("unit", "overdue", 100000, 130000),
                ),
                "1人次",
            ),
        ),
        "measures": (
            MeasureSpec("first", "order_correction", "责令限期改正"),
            MeasureSpec("overdue", "production_halt", "责令停产停业整顿"),
        ),
    }
    base.update(kw)
    return ViolationSpec(**base)


def version(
    code: str = "V1",
    start: dt.date = V_START,
    end: dt.date | None = None,
    violations=(),
    circ=BENCH,
    jurisdiction="national",
) -> VersionSpec:
    return VersionSpec(code, f"基准{code}", f"文号{code}", jurisdiction, start, end, tuple(violations), circ)


def catalog(*versions: VersionSpec, first_offence=(), criteria=CRITERIA) -> Catalog:
    return Catalog(tuple(versions), STATUTORY, tuple(first_offence), criteria)


def req(code: str = "V97", *, vdate=VDATE, ddate=DDATE, **kw) -> RecommendationRequest:
    base = {"violation": code, "party_type": "unit", "violation_date": vdate, "decision_date": ddate}
    base.update(kw)
    return RecommendationRequest(**base)
