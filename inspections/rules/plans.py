"""年度监督检查计划 arithmetic and frequency caps (spec §3.2), pure functions.

Work-day arithmetic (◐ 安监总政法〔2017〕150号 practice, e.g. 长春市宽城区应急管理局 2025 plan):
总法定工作日 = 国家法定工作日 × 执法人员数; 监督检查工作日 = 总法定工作日 − 其他执法工作日 − 非执法工作日, split into
重点检查工作日 and 一般检查工作日; each divided by the days one inspection takes gives the enterprises the agency
can inspect. A plan whose planned inspections × days per inspection exceed a share is warned about.

Frequency caps (国办发〔2024〕54号; example table of 山西省应急管理厅 2025-04-23, ◐): a yearly maximum of
enforcement inspections per enterprise by sector group and class, counting inspections by every level.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

# Classes of the cap table: 标准化 level for 危险化学品/金属冶炼 and non-high-risk sectors, A–D for mines.
STANDARDIZATION_CLASS = {
    "level1": "标准化一级",
    "level2": "标准化二级",
    "level3": "标准化三级",
    "none": "未定级",
    "small": "未定级",
}
# 非煤矿山: A (low risk) … D (major risk); the enterprise's risk class read onto it (unverified mapping).
RISK_CLASS = {"low": "A类", "general": "B类", "high": "C类", "major": "D类"}
RISK_CLASSED_SECTORS = frozenset({"mining"})


@dataclass(frozen=True)
class Capacity:
    working_days: int
    officers: int
    total_days: int
    other_days: int
    non_days: int
    inspection_days: int
    key_days: int
    general_days: int
    days_per_inspection: Decimal
    key_capacity: int
    general_capacity: int

    @property
    def total_capacity(self) -> int:
        return self.key_capacity + self.general_capacity


def capacity(
    *,
    working_days: int,
    officers: int,
    other_days: int,
    non_days: int,
    key_days: int,
    days_per_inspection: Decimal,
) -> Capacity:
    """The capacity of one plan version. Raises ``ValueError`` (Chinese message) on impossible inputs."""
    if working_days <= 0 or officers <= 0:
        raise ValueError("国家法定工作日和执法人员数须大于0")
    if days_per_inspection <= 0:
        raise ValueError("每次检查所需工作日须大于0")
    if min(other_days, non_days, key_days) < 0:
        raise ValueError("工作日数不能为负数")
    total = working_days * officers
    inspection_days = total - other_days - non_days
    if inspection_days < 0:
        raise ValueError(
            f"其他执法工作日与非执法工作日之和（{other_days + non_days}日）超过总法定工作日（{total}日）"
        )
    if key_days > inspection_days:
        raise ValueError(f"重点检查工作日（{key_days}日）超过监督检查工作日（{inspection_days}日）")
    general_days = inspection_days - key_days
    return Capacity(
        working_days=working_days,
        officers=officers,
        total_days=total,
        other_days=other_days,
        non_days=non_days,
        inspection_days=inspection_days,
        key_days=key_days,
        general_days=general_days,
        days_per_inspection=days_per_inspection,
        key_capacity=math.floor(Decimal(key_days) / days_per_inspection),
        general_capacity=math.floor(Decimal(general_days) / days_per_inspection),
    )


def capacity_warnings(cap: Capacity, *, planned_key: int, planned_general: int) -> list[str]:
    """Warnings when planned inspections × days per inspection exceed the days available (spec §3.2)."""
    out: list[str] = []
    need_key = planned_key * cap.days_per_inspection
    need_general = planned_general * cap.days_per_inspection
    if need_key > cap.key_days:
        out.append(
            f"计划重点检查{planned_key}家次需{_days(need_key)}个工作日，超过重点检查工作日{cap.key_days}日"
        )
    if need_general > cap.general_days:
        out.append(
            f"计划一般检查{planned_general}家次需{_days(need_general)}个工作日，超过一般检查工作日{cap.general_days}日"
        )
    if need_key + need_general > cap.inspection_days:
        out.append(
            f"计划检查共{planned_key + planned_general}家次需{_days(need_key + need_general)}个工作日，"
            f"超过监督检查工作日{cap.inspection_days}日"
        )
    return out


def _days(value: Decimal) -> str:
    return f"{value.normalize():f}"


def cap_class(sector: str, standardization_level: str, risk_class: str) -> str:
    """The cap-table class of an enterprise: A–D for mines (from its risk class), else its 标准化 level."""
    if sector in RISK_CLASSED_SECTORS:
        return RISK_CLASS.get(risk_class, "")
    return STANDARDIZATION_CLASS.get(standardization_level, "未定级")


@dataclass(frozen=True)
class CapRow:
    pk: int
    jurisdiction: str
    sectors: tuple[str, ...]
    class_label: str
    max_per_year: int
    basis: str
    effective_from: dt.date
    effective_to: dt.date | None


def pick_cap(
    caps: Iterable[CapRow], *, region_code: str, sector: str, class_label: str, on: dt.date
) -> CapRow | None:
    """The cap in force on ``on`` for an enterprise: the longest matching region prefix wins ("" = everywhere);
    among equals, the lowest maximum (the stricter row)."""
    fitting = [
        c
        for c in caps
        if region_code.startswith(c.jurisdiction)
        and sector in c.sectors
        and c.class_label == class_label
        and c.effective_from <= on
        and (c.effective_to is None or on <= c.effective_to)
    ]
    if not fitting:
        return None
    return min(fitting, key=lambda c: (-len(c.jurisdiction), c.max_per_year))


def cap_refusal(cap: CapRow | None, *, year: int, already: int) -> str | None:
    """A Chinese refusal when one more inspection would exceed the cap, else None."""
    if cap is None or already + 1 <= cap.max_per_year:
        return None
    return (
        f"该企业{year}年度已安排执法检查{already}次，达到频次上限{cap.max_per_year}次/年"
        f"（{cap.class_label}，依据：{cap.basis}），不能再安排检查"
    )


def month_spread(total: int, months: Iterable[int] = range(1, 13)) -> dict[int, int]:
    """Spread ``total`` planned inspections over ``months`` as evenly as whole numbers allow (earlier months
    take the remainder), for quotas that name no month."""
    ms = list(months)
    base, rest = divmod(total, len(ms))
    return {m: base + (1 if i < rest else 0) for i, m in enumerate(ms)}
