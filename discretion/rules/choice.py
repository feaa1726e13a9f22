"""Which rule applies: 从旧兼从轻 between the violation-date and decision-date rules (行政处罚法 Art 37,
and by analogy for benchmark versions) and, for one act violating several provisions, the provision
with the higher fine (行政处罚法 Art 29). Pure functions over the frozen specs.

"Lighter" for the party is decided in this order (issue 4): lower statutory maximum over the party's
subjects, then lower statutory minimum, then milder other measures (警告 < 罚款 < 没收 < 暂扣 <
停产停业 < 吊销 < 关闭), then the lower tier band; a tie keeps the rule of the violation date.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .numerals import provision_label
from .types import (
    CalculationError,
    MeasureSpec,
    RecommendationRequest,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

JURISDICTION_RANK = {"national": 0, "province": 1, "city": 2}
# 警告 < 罚款 < 没收 < 暂扣 < 停产停业 < 吊销 < 关闭 (issue 4); an order to correct is not a penalty
# (行政处罚法 Art 28) and weighs nothing.
MEASURE_SEVERITY = {
    "order_correction": 0,
    "other": 0,
    "warning": 1,
    "confiscation": 3,
    "suspension": 4,
    "production_halt": 5,
    "revocation": 6,
    "closure": 7,
}
FINE_SEVERITY = 2
KEY_LABELS = (
    "法定最高罚款合计",
    "法定最低罚款合计",
    "其他处罚种类的轻重",
    "阶次幅度上限合计",
    "阶次幅度下限合计",
)
BOTH = "行为时及决定时"


def yuan(n: int | None) -> str:
    return "不设上限" if n is None else f"{n:,}元"


@dataclass
class Band:
    """The money band of one subject: statutory bounds and the (tier-clamped) band within them."""

    subject: str
    statutory_min: int | None
    statutory_max: int | None
    lo: int
    hi: int
    range_basis: str


@dataclass
class Outcome:
    """One candidate rule evaluated for the request; ``key`` orders candidates from lighter to heavier."""

    version: VersionSpec
    violation: ViolationSpec
    when: str
    bands: list[Band]
    tier: TierSpec | None
    measures: list[MeasureSpec]
    key: tuple[float, float, int, float, float] = (0.0, 0.0, 0, 0.0, 0.0)
    lines: list[str] = field(default_factory=list)


def heaviness_key(
    bands: Sequence[Band], measures: Sequence[MeasureSpec]
) -> tuple[float, float, int, float, float]:
    severity = max([MEASURE_SEVERITY.get(m.kind, 0) for m in measures] + [FINE_SEVERITY if bands else 0])
    stat_max = (
        math.inf if any(b.statutory_max is None for b in bands) else sum(b.statutory_max or 0 for b in bands)
    )
    return (
        float(stat_max),
        float(sum(b.statutory_min or 0 for b in bands)),
        severity,
        float(sum(b.hi for b in bands)),
        float(sum(b.lo for b in bands)),
    )


def version_in_force(
    versions: Sequence[VersionSpec], on: dt.date, violation_code: str | None = None
) -> VersionSpec | None:
    """The published version in force on ``on``: the most specific jurisdiction, then the newest; with
    ``violation_code``, the first such version that catalogues that violation (a city or province
    supplement need not repeat every national row)."""
    in_force = sorted(
        (v for v in versions if v.in_force(on)),
        key=lambda v: (JURISDICTION_RANK.get(v.jurisdiction, 0), v.effective_from),
        reverse=True,
    )
    if violation_code is not None:
        in_force = [v for v in in_force if any(x.code == violation_code for x in v.violations)] or in_force
    return in_force[0] if in_force else None


def candidates(
    req: RecommendationRequest, versions: Sequence[VersionSpec]
) -> list[tuple[VersionSpec, ViolationSpec, str, str]]:
    """(version, provision row, which version date, which law date) in preference order for ties."""
    by_date = [
        ("行为时", version_in_force(versions, req.violation_date, req.violation)),
        ("决定时", version_in_force(versions, req.decision_date, req.violation)),
    ]
    if by_date[0][1] is None and by_date[1][1] is None:
        raise CalculationError(
            f"违法行为发生日（{req.violation_date}）和作出决定日（{req.decision_date}）均无施行中的裁量基准",
            field="violation_date",
        )
    out: list[tuple[VersionSpec, ViolationSpec, str, str]] = []
    found = False
    chosen_versions: list[tuple[str, VersionSpec]] = []
    if by_date[0][1] is not None and by_date[0][1] is by_date[1][1]:
        chosen_versions.append((BOTH, by_date[0][1]))
    else:
        chosen_versions.extend((w, v) for w, v in by_date if v is not None)
    for v_when, version in chosen_versions:
        row = next((x for x in version.violations if x.code == req.violation), None)
        if row is None:
            continue
        found = True
        group = [x for x in version.violations if x.act == row.act]
        law_v = next((x for x in group if x.law_in_force(req.violation_date)), None)
        law_d = next((x for x in group if x.law_in_force(req.decision_date)), None)
        if law_v is not None and law_v is law_d:
            out.append((version, law_v, v_when, BOTH))
            continue
        if law_v is not None:
            out.append((version, law_v, v_when, "行为时"))
        if law_d is not None:
            out.append((version, law_d, v_when, "决定时"))
    if not found:
        raise CalculationError(f"未知的违法行为编码：{req.violation}", field="violation")
    if not any(l_when != "决定时" for *_, l_when in out):
        raise CalculationError(
            f"违法行为发生时（{req.violation_date}），该违法行为的罚则不在施行期间，不得依据其后施行的规定处罚"
            "（行政处罚法第三十七条）",
            field="violation_date",
        )
    return out


def describe(o: Outcome) -> str:
    v = o.violation
    return f"{o.when}（{o.version.label}·{provision_label(v.law_full_name, v.article, v.paragraph, v.item)}）"


def _difference(a: tuple[float, ...], b: tuple[float, ...], smaller: str) -> str | None:
    """Why ``a`` differs from ``b`` on the first differing key (``smaller``: the comparison sign)."""
    idx = next((i for i in range(len(a)) if a[i] != b[i]), None)
    if idx is None:
        return None
    if idx == 2:
        return "其他处罚种类较轻" if smaller == "<" else "其他处罚种类较重"
    left, right = (None if x == math.inf else int(x) for x in (a[idx], b[idx]))
    return f"{KEY_LABELS[idx]}{yuan(left)} {smaller} {yuan(right)}"


def version_reason(req: RecommendationRequest, outcomes: Sequence[Outcome], chosen: Outcome) -> str:
    """The 从旧兼从轻 sentence: which rule applies and why (行政处罚法 Art 37)."""
    if len(outcomes) == 1:
        return (
            f"违法行为发生日（{req.violation_date}）与作出决定日（{req.decision_date}）适用同一规定：{describe(chosen)}"
            if chosen.when.count(BOTH) == 2
            else f"仅有一个可适用的规定：{describe(chosen)}"
        )
    parts = []
    for other in outcomes:
        if other is chosen:
            continue
        why = _difference(chosen.key, other.key, "<")
        if why is None:
            parts.append(f"与{describe(other)}轻重相同，依行政处罚法第三十七条适用违法行为发生时的规定")
        else:
            parts.append(f"比{describe(other)}对当事人较轻（{why}）")
    return f"从旧兼从轻（行政处罚法第三十七条；基准版本参照适用）：适用{describe(chosen)}，" + "；".join(
        parts
    )


def same_act_reason(outcomes: Sequence[Outcome], chosen: Outcome) -> str:
    """The Art 29 sentence: one act, several provisions with fines → only the higher fine's provision."""
    parts = []
    for other in outcomes:
        if other is chosen:
            continue
        why = _difference(chosen.key[:2], other.key[:2], ">")
        label = provision_label(
            other.violation.law_full_name,
            other.violation.article,
            other.violation.paragraph,
            other.violation.item,
        )
        if why is None:
            parts.append(f"{label}罚款幅度相同，按所列第一项规定处罚")
        else:
            parts.append(f"{label}罚款数额较低（{why}），不再另行罚款")
    chosen_label = provision_label(
        chosen.violation.law_full_name,
        chosen.violation.article,
        chosen.violation.paragraph,
        chosen.violation.item,
    )
    return (
        "同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚，不得给予两次以上罚款"
        f"（行政处罚法第二十九条）：适用{chosen_label}；" + "；".join(parts)
    )
