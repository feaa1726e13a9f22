"""Pure rules on enforcement powers (no database): may an agency act on an item on a date?

Basis (spec §1.17–1.18): a penalty by a body without power over the matter is void (行政处罚法 Art 38);
departments may entrust a qualified organisation in writing, which then acts in the entrusting
agency's name and may not re-entrust (Art 20–21); provinces may transfer county-level penalty powers
to 乡镇/街道 (赋权, Art 24). Streets and townships therefore act only on what was empowered or
entrusted to them, never on a power "held by law".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

STATUTORY = "statutory"
EMPOWERED = "empowered"
ENTRUSTED = "entrusted"
STREET = "street"

ACTIVE = "active"
SUSPENDED = "suspended"
CANCELLED = "cancelled"

SOURCE_LABELS = {STATUTORY: "法定职权", EMPOWERED: "赋权", ENTRUSTED: "委托"}


@dataclass(frozen=True)
class ItemFacts:
    code: str
    name: str
    status: str
    effective_from: dt.date
    effective_to: dt.date | None


@dataclass(frozen=True)
class PowerFacts:
    power_id: int | None
    source: str
    valid_from: dt.date
    valid_to: dt.date | None
    entrusting_agency_id: int | None = None
    entrusting_agency_name: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class MayAct:
    """Answer of ``may_act``: ``allowed`` plus the Chinese reasons (why not, or on what basis)."""

    allowed: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)
    power_id: int | None = None
    source: str = ""
    # for an entrusted power: documents are issued in the entrusting agency's name (行政处罚法 Art 20)
    acts_in_name_of_id: int | None = None

    def __bool__(self) -> bool:
        return self.allowed


def item_in_force(item: ItemFacts, on: dt.date) -> list[str]:
    """Reasons the catalog item is not in force on ``on`` (empty when it is)."""
    reasons = []
    if on < item.effective_from:
        reasons.append(f"执法事项“{item.name}”自{item.effective_from:%Y-%m-%d}起生效，{on:%Y-%m-%d}尚未生效")
    if item.effective_to is not None and on > item.effective_to:
        reasons.append(f"执法事项“{item.name}”已于{item.effective_to:%Y-%m-%d}失效")
    if item.status == SUSPENDED:
        reasons.append(f"执法事项“{item.name}”已暂停实施")
    elif item.status == CANCELLED and (item.effective_to is None or on > item.effective_to):
        reasons.append(f"执法事项“{item.name}”已取消")
    return reasons


def may_act(
    *,
    agency_name: str,
    agency_level: str,
    agency_active: bool,
    item: ItemFacts,
    powers: Iterable[PowerFacts],
    on: dt.date,
) -> MayAct:
    """Decide whether an agency may act on ``item`` on ``on`` from its powers over that item.

    The agency needs one power that covers the date; streets/townships only count 赋权 or 委托
    powers; the item must be in force (not yet-to-start, expired, suspended or cancelled).
    """
    reasons: list[str] = []
    if not agency_active:
        reasons.append(f"{agency_name}已撤销或停用")
    reasons.extend(item_in_force(item, on))
    usable = [p for p in powers if p.covers(on) and (agency_level != STREET or p.source != STATUTORY)]
    # Prefer the agency's own power over an entrustment when both exist.
    usable.sort(key=lambda p: (p.source == ENTRUSTED, p.valid_from))
    if not usable:
        if agency_level == STREET:
            reasons.append(
                f"{agency_name}在{on:%Y-%m-%d}未获赋权或委托实施“{item.name}”（乡镇街道只能实施赋权或委托的事项）"
            )
        else:
            reasons.append(f"{agency_name}在{on:%Y-%m-%d}不具有实施“{item.name}”的职权")
        return MayAct(False, tuple(reasons))
    power = usable[0]
    if reasons:
        return MayAct(False, tuple(reasons), power_id=power.power_id, source=power.source)
    basis = f"依{SOURCE_LABELS.get(power.source, power.source)}实施（{power.valid_from:%Y-%m-%d}起"
    basis += f"至{power.valid_to:%Y-%m-%d}）" if power.valid_to else "）"
    if power.source == ENTRUSTED:
        basis += f"，以委托机关{power.entrusting_agency_name}的名义实施"
    return MayAct(
        True,
        (basis,),
        power_id=power.power_id,
        source=power.source,
        acts_in_name_of_id=power.entrusting_agency_id if power.source == ENTRUSTED else None,
    )


def grant_problems(
    *,
    agency_level: str,
    source: str,
    valid_from: dt.date,
    valid_to: dt.date | None,
    has_entrusting_agency: bool,
    entrusting_is_self: bool,
) -> dict[str, list[str]]:
    """Field errors for a power about to be granted (empty when it is acceptable)."""
    errors: dict[str, list[str]] = {}
    if source not in SOURCE_LABELS:
        errors.setdefault("source", []).append("权力来源无效")
    if agency_level == STREET and source == STATUTORY:
        errors.setdefault("source", []).append(
            "乡镇街道不具有法定执法职权，只能通过赋权或委托取得（行政处罚法第二十条、第二十四条）"
        )
    if valid_to is not None and valid_to < valid_from:
        errors.setdefault("valid_to", []).append("截止日期不能早于起始日期")
    if source == ENTRUSTED and not has_entrusting_agency:
        errors.setdefault("entrusting_agency", []).append("委托实施须指明委托机关")
    if source != ENTRUSTED and has_entrusting_agency:
        errors.setdefault("entrusting_agency", []).append("只有委托实施才填写委托机关")
    if entrusting_is_self:
        errors.setdefault("entrusting_agency", []).append("机构不能委托给自己")
    return errors
