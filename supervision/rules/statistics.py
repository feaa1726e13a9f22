"""行政执法统计年报 counting rules (spec §10 ◐ template notes) — pure, no database.

- Period: 1 January – 31 December of the report year.
- A decision counts in the year it is made, including decisions later revoked.
- A decision with several penalty types counts once, under the heaviest type (light → heavy:
  警告 < 罚款 < 没收 < 暂扣/降低资质 < 限制生产经营 < 责令停产停业/关闭/限制从业 < 吊销 < 拘留);
  a named type plus "other" counts under the named type.
- 罚没金额 = the amount in the decision (the original amount when a remedy later varied it), in 万元.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


@dataclass(frozen=True)
class PenaltyType:
    code: str
    label: str
    rank: int  # heavier types have higher ranks; "other" is the lightest so any named type wins
    keywords: tuple[str, ...]  # words of a measure text naming this type


# Ordered light → heavy. Keywords are matched as substrings of the decision's measure texts.
PENALTY_TYPES: tuple[PenaltyType, ...] = (
    PenaltyType("other", "其他", 0, ()),
    PenaltyType("warning", "警告/通报批评", 1, ("警告", "通报批评")),
    PenaltyType("fine", "罚款", 2, ("罚款",)),
    PenaltyType("confiscation", "没收违法所得/非法财物", 3, ("没收",)),
    PenaltyType("licence_suspension", "暂扣许可证/降低资质", 4, ("暂扣", "降低资质")),
    PenaltyType("restriction", "限制生产经营", 5, ("限制开展生产经营", "限制生产经营")),
    PenaltyType("production_stop", "责令停产停业/关闭/限制从业", 6, ("停产停业", "关闭", "限制从业")),
    PenaltyType("revocation", "吊销许可证/执照", 7, ("吊销",)),
    PenaltyType("detention", "行政拘留", 8, ("拘留",)),
)
TYPE_BY_CODE = {t.code: t for t in PENALTY_TYPES}
FINE_RANK = TYPE_BY_CODE["fine"].rank


def heaviest_type(measures: list[str], amount: int) -> str:
    """The one type a penalty decision counts under: the heaviest named in its measures, 罚款 when it
    fines (amount > 0), else 其他. The database expression in ``services.report_figures`` is built
    from the same table and must agree with this function (tested)."""
    best = TYPE_BY_CODE["fine"] if amount > 0 else TYPE_BY_CODE["other"]
    for t in PENALTY_TYPES:
        if t.rank > best.rank and any(k in m for m in measures for k in t.keywords):
            best = t
    return best.code


def keyword_patterns(keyword: str) -> tuple[str, ...]:
    """The substrings a JSON text of the measures list may show for ``keyword``: the characters
    themselves (PostgreSQL ``jsonb::text``) and their ``\\uXXXX`` escapes (SQLite keeps the text
    Django wrote with ``ensure_ascii``)."""
    escaped = json.dumps(keyword)[1:-1]
    return (keyword,) if escaped == keyword else (keyword, escaped)


# Indicator rows of the report, in the order of the published templates (行政处罚 first).
@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str = "件"


INDICATORS: tuple[Indicator, ...] = (
    Indicator("filed", "立案数"),
    Indicator("closed", "结案数"),
    Indicator("penalties", "行政处罚决定数"),
    *(Indicator(f"type_{t.code}", f"  其中：{t.label}") for t in PENALTY_TYPES[1:]),
    Indicator("type_other", "  其中：其他"),
    Indicator("fine_wan", "罚没金额", "万元"),
    Indicator("no_penalty", "不予处罚决定数"),
    Indicator("revoked", "决定被撤销/确认无效数（已计入）"),
    Indicator("reconsidered", "被复议数"),
    Indicator("reconsideration_corrected", "复议纠错数"),
    Indicator("litigated", "被诉数"),
    Indicator("litigation_lost", "败诉数"),
    Indicator("transferred_judicial", "移送司法机关数"),
    Indicator("coercive_seal", "行政强制措施：查封场所、设施、财物"),
    Indicator("coercive_seize", "行政强制措施：扣押财物"),
    Indicator("court_enforcement", "申请法院强制执行数"),
    Indicator("inspections", "行政检查数", "次"),
    Indicator("officers", "执法人员数", "人"),
    Indicator("certified", "持证执法人员数", "人"),
    Indicator("certificate_rate", "执法证持证率", "%"),
)
INDICATOR_KEYS = tuple(i.key for i in INDICATORS)
# Figures that add up the agency tree (rates are recomputed from their parts).
ADDITIVE_KEYS = tuple(k for k in INDICATOR_KEYS if k not in ("fine_wan", "certificate_rate")) + ("fine_yuan",)

# Remedy outcomes that correct the decision (纠错 / 败诉): ERRATA "Reconsideration outcomes".
CORRECTING_OUTCOMES = ("varied", "revoked", "revoked_redo", "illegal", "void")


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def default_as_of(year: int) -> dt.date:
    """The reporting deadline: the previous year's data by 31 January (spec §10)."""
    return dt.date(year + 1, 1, 31)


def yuan_to_wan(yuan: int) -> str:
    """Whole yuan → 万元 with two decimals, half up (``1234500`` → ``"123.45"``)."""
    return str((Decimal(yuan) / Decimal(10000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def rate_percent(part: int, whole: int) -> str:
    """A percentage with one decimal; ``"—"`` when there is nothing to divide by."""
    if whole <= 0:
        return "—"
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def finish(figures: dict[str, int]) -> dict[str, Any]:
    """Additive counts → the row values of the report (amount in 万元, holding rate in %)."""
    out: dict[str, Any] = {k: int(figures.get(k, 0)) for k in ADDITIVE_KEYS}
    out["fine_wan"] = yuan_to_wan(out["fine_yuan"])
    out["certificate_rate"] = rate_percent(out["certified"], out["officers"])
    return out


def roll_up(own: dict[str, dict[str, int]], paths: dict[str, str]) -> dict[str, dict[str, int]]:
    """Per-agency own counts (by agency id as str) → each agency's counts with its whole subtree.
    ``paths`` maps agency id → materialised path (a descendant's path starts with its ancestor's)."""
    rolled: dict[str, dict[str, int]] = {}
    for aid, path in paths.items():
        total = dict.fromkeys(ADDITIVE_KEYS, 0)
        for other, other_path in paths.items():
            if other_path.startswith(path):
                for k in ADDITIVE_KEYS:
                    total[k] += int(own.get(other, {}).get(k, 0))
        rolled[aid] = total
    return rolled


def draft_narrative(year: int, agency_name: str, f: dict[str, Any]) -> str:
    """The 行政执法情况说明 drafted from the figures, for the head to edit."""
    types = "、".join(
        f"{t.label}{f.get(f'type_{t.code}', 0)}件" for t in PENALTY_TYPES[1:] if f.get(f"type_{t.code}", 0)
    )
    lines = [
        f"{year}年，{agency_name}（含下级机关）共立案{f['filed']}件，结案{f['closed']}件，"
        f"作出行政处罚决定{f['penalties']}件，罚没金额{f['fine_wan']}万元。",
        f"按最重处罚种类统计：{types or '无'}。作出不予行政处罚决定{f['no_penalty']}件。",
        f"被申请行政复议{f['reconsidered']}件，复议纠错{f['reconsideration_corrected']}件；"
        f"被提起行政诉讼{f['litigated']}件，败诉{f['litigation_lost']}件；移送司法机关{f['transferred_judicial']}件；"
        f"申请人民法院强制执行{f['court_enforcement']}件；采取查封{f['coercive_seal']}次、扣押{f['coercive_seize']}次。",
        f"开展行政检查{f['inspections']}次。执法人员{f['officers']}人，其中持证{f['certified']}人，"
        f"持证率{f['certificate_rate']}%。",
    ]
    return "\n".join(lines)
