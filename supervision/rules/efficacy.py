"""执法效能评估 (half-yearly efficacy evaluation) — pure rules, no database.

Sources: spec §8 (seed 004, 江西 2020: "efficiency evaluation **every half year**"; spot-check grade bands
≥ 90 优秀, 60–89 合格), spec §9.1 (持证上岗: penalties and inspections only by certified officers,
行政处罚法 Art 42, 安全生产法 Art 67), spec §9.2 (yearly training hours, configurable), spec §3.2 (key
enterprises ≥ 1 full inspection a year, 应急〔2021〕23号), spec §3.5 (hazards rectified by the deadline),
spec §10 (half-year summaries due by **7月5日 / 1月5日**, ◐ local rule) and the 纠错率 reading of
``cases.rules.remedies``. Where the spec gives no figure (the plan-completion and on-time thresholds, the
ranking weights) the value here is the bureau-expected reading, kept as data in this module.

Definitions:
- A half-year is H1 = 1 January – 30 June, H2 = 1 July – 31 December; its evaluation is due on 5 July /
  5 January after it ends (``Period.due``).
- A rate is numerator / denominator as a percentage; ``None`` when the denominator is 0 — never a fake 0 %
  or 100 %. An average is a sum / a count (``None`` when nothing was counted). Counts have no denominator.
- "Behind" (lagging): a rate or average on the wrong side of its fixed threshold (when the figure has one
  for that half), or on the wrong side of the median of the agencies of the subtree that have the figure.
- Ranking: a composite score 0–100, the weighted mean of each figure's sub-score (rates in the right
  direction; the average score as is; working days against ``DAYS_REFERENCE``); weights of missing figures
  are left out and the rest renormalised (an agency whose figures carry less than a quarter of the weight
  is not ranked); ties keep the agency-tree order (stable).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

RATE, AVERAGE, COUNT = "rate", "average", "count"
EVALUATION_DUE = {1: (7, 5), 2: (1, 5)}  # spec §10: half-year summaries by 7月5日 / 1月5日 (◐ local)
# Working days from filing to decision that score 0: 行政处罚法 Art 60 gives 90 days (≈ 60 working days)
# to decide an ordinary-procedure case; a case decided on the filing day scores 100.
DAYS_REFERENCE = Decimal(60)
# An agency is ranked only when the figures it has carry at least this much of the weight (a quarter): an
# agency with one figure (say, a supervising bureau with no cases of its own) would otherwise top or tail
# the ranking on that figure alone. Bureau-expected reading.
MIN_RANKED_WEIGHT = 25


@dataclass(frozen=True, order=True)
class Period:
    year: int
    half: int  # 1 or 2

    def __post_init__(self) -> None:
        if self.half not in (1, 2):
            raise ValueError("half must be 1 or 2")

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def months(self) -> range:
        return range(1, 7) if self.half == 1 else range(7, 13)

    @property
    def code(self) -> str:
        return f"{self.year}H{self.half}"

    @property
    def label(self) -> str:
        return f"{self.year}年{'上' if self.half == 1 else '下'}半年"

    @property
    def due(self) -> dt.date:
        """The day the evaluation of this half-year is due (5 July / 5 January after it ends)."""
        month, day = EVALUATION_DUE[self.half]
        return dt.date(self.year + (1 if self.half == 2 else 0), month, day)

    def previous(self) -> Period:
        return Period(self.year, 1) if self.half == 2 else Period(self.year - 1, 2)

    def history(self, n: int) -> list[Period]:
        """This period and the ``n - 1`` before it, oldest first."""
        out = [self]
        while len(out) < n:
            out.append(out[-1].previous())
        return out[::-1]


def period_of(day: dt.date) -> Period:
    return Period(day.year, 1 if day.month <= 6 else 2)


def last_ended(today: dt.date) -> Period:
    """The latest half-year that has ended on ``today`` (the one the 5 July / 5 January build evaluates)."""
    return period_of(today).previous()


_CODE = re.compile(r"^(\d{4})H([12])$")


FIRST_YEAR = 2000  # evaluations start with the platform's records; a year before is a typing error


def parse_period(code: str) -> Period | None:
    """``2026H1`` → Period(2026, 1); None for anything else, or a year before ``FIRST_YEAR`` or after 9998
    (its 5 January due date would not exist)."""
    m = _CODE.match((code or "").strip().upper())
    if not m or not FIRST_YEAR <= int(m.group(1)) <= 9998:
        return None
    return Period(int(m.group(1)), int(m.group(2)))


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str  # RATE / AVERAGE / COUNT
    unit: str
    higher_is_better: bool | None  # None: a count, neither good nor bad
    weight: int  # in the composite score (0: not ranked)
    thresholds: tuple[Decimal | None, Decimal | None] = (None, None)  # (H1, H2); None: median only
    numerator: str = ""
    denominator: str = ""
    basis: str = ""

    def threshold(self, half: int) -> Decimal | None:
        return self.thresholds[half - 1]


D = Decimal
FIGURES: tuple[Figure, ...] = (
    Figure(
        "plan_completion",
        "检查计划完成率",
        RATE,
        "%",
        True,
        15,
        (D(90), D(90)),
        "半年内完成的计划内检查（家次）",
        "年度计划中本半年应完成的检查（家次）",
        "安全生产法第62条；阈值90%为局内通行要求（规范未给出数值）",
    ),
    Figure(
        "key_coverage",
        "重点企业检查覆盖率",
        RATE,
        "%",
        True,
        15,
        (D(50), D(100)),
        "年初至半年末已检查的重点检查企业",
        "重点检查企业",
        "应急〔2021〕23号：重点企业每年至少全覆盖检查一次（上半年阈值50%为局内要求）",
    ),
    Figure(
        "hazards_on_time",
        "隐患按期整改率",
        RATE,
        "%",
        True,
        15,
        (D(90), D(90)),
        "经复查按期整改销号的隐患",
        "整改期限在本半年内届满的隐患",
        "安全生产法第41条、第65条；spec §3.5；阈值为局内要求",
    ),
    Figure("filed", "立案数", COUNT, "件", None, 0, numerator="本半年立案的案件"),
    Figure("closed", "结案数", COUNT, "件", None, 0, numerator="本半年结案的案件"),
    Figure(
        "days_to_decision",
        "立案至决定平均工作日",
        AVERAGE,
        "工作日",
        False,
        10,
        numerator="立案次日至决定日的工作日合计",
        denominator="本半年作出决定的案件",
        basis="行政处罚法第60条（90日办案期限）",
    ),
    Figure(
        "deadlines_overdue",
        "期限逾期率",
        RATE,
        "%",
        False,
        10,
        numerator="逾期的期限（届满未完成或完成晚于届满日）",
        denominator="本半年届满的期限",
        basis="各类法定期限（spec §5）",
    ),
    Figure(
        "review_score",
        "案卷评查平均分",
        AVERAGE,
        "分",
        True,
        10,
        (D(60), D(60)),
        "评查得分合计",
        "本半年提交的案卷评查",
        "spec §8：60分以下或触及否决项为不合格",
    ),
    Figure(
        "scheme_compliance",
        "检查方案抽查合格率",
        RATE,
        "%",
        True,
        5,
        numerator="审查符合要求的检查方案",
        denominator="本半年审查的检查方案",
        basis="spec §3.2、§8（江西2020：抽查不少于20%的检查方案）",
    ),
    Figure(
        "reconsideration_corrected",
        "复议纠错率",
        RATE,
        "%",
        False,
        5,
        numerator="被变更、撤销、确认违法或无效的复议",
        denominator="本半年审结的行政复议",
        basis="行政复议法第63–67条；统计口径同 cases.rules.remedies",
    ),
    Figure(
        "litigation_lost",
        "行政诉讼败诉率",
        RATE,
        "%",
        False,
        5,
        numerator="败诉（被变更、撤销、确认违法或无效）的诉讼",
        denominator="本半年审结的行政诉讼",
        basis="行政诉讼法第70、74、75、77条",
    ),
    Figure(
        "certificate_rate",
        "执法证持证率",
        RATE,
        "%",
        True,
        5,
        (D(100), D(100)),
        "持有效执法证的在岗执法人员",
        "在岗执法人员（半年末）",
        "行政处罚法第42条、安全生产法第67条：持证上岗",
    ),
    Figure(
        "training_compliance",
        "培训学时达标率",
        RATE,
        "%",
        True,
        5,
        (None, D(100)),
        "年度培训学时已达标的在岗执法人员",
        "在岗执法人员（半年末）",
        "spec §9.2 年度培训要求（学时为年度要求，上半年仅比较中位数）",
    ),
)
FIGURE_BY_KEY = {f.key: f for f in FIGURES}
FIGURE_KEYS = tuple(f.key for f in FIGURES)
assert sum(f.weight for f in FIGURES) == 100


def quantize(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def value_of(figure: Figure, num: int | None, den: int | None) -> Decimal | None:
    """The figure's value from its parts: a percentage, an average, or the count; ``None`` when the
    denominator is 0 (nothing to divide by)."""
    if figure.kind == COUNT:
        return Decimal(int(num or 0))
    if not den:
        return None
    ratio = Decimal(int(num or 0)) / Decimal(int(den))
    return quantize(ratio * 100 if figure.kind == RATE else ratio)


def median(values: Iterable[Decimal | None]) -> Decimal | None:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None
    mid = len(vals) // 2
    return vals[mid] if len(vals) % 2 else quantize((vals[mid - 1] + vals[mid]) / 2)


def lag_reasons(figure: Figure, value: Decimal | None, med: Decimal | None, half: int) -> list[str]:
    """Why ``value`` is behind (empty: it is not): the fixed threshold of the half, then the subtree median."""
    if value is None or figure.higher_is_better is None:
        return []
    out = []
    limit = figure.threshold(half)
    worse = (lambda a, b: a < b) if figure.higher_is_better else (lambda a, b: a > b)
    if limit is not None and worse(value, limit):
        out.append(f"{'低于' if figure.higher_is_better else '高于'}要求{limit}{figure.unit}")
    if med is not None and worse(value, med):
        out.append(f"{'低于' if figure.higher_is_better else '高于'}下辖机关中位数{med}{figure.unit}")
    return out


def sub_score(figure: Figure, value: Decimal) -> Decimal:
    """A figure's 0–100 contribution to the composite score."""
    if figure.kind == RATE:
        score = value if figure.higher_is_better else Decimal(100) - value
    elif figure.key == "days_to_decision":
        score = Decimal(100) * (Decimal(1) - value / DAYS_REFERENCE)
    else:  # the average spot-check score is already out of 100
        score = value
    return min(Decimal(100), max(Decimal(0), score))


def composite_score(values: Mapping[str, Decimal | None]) -> Decimal | None:
    """Weighted mean of the sub-scores of the figures present (weights renormalised); None when the figures
    present carry less than ``MIN_RANKED_WEIGHT`` of the weight."""
    total = weight = Decimal(0)
    for f in FIGURES:
        v = values.get(f.key)
        if f.weight and v is not None:
            total += sub_score(f, v) * f.weight
            weight += f.weight
    return quantize(total / weight) if weight >= MIN_RANKED_WEIGHT else None


def rank(scores: list[tuple[int, Decimal | None]]) -> dict[int, int | None]:
    """Rank (1 = best) of each ``(agency_id, score)`` in the given (tree) order; equal scores share the
    rank of the first (1, 2, 2, 4) and keep their order; agencies without a score are not ranked."""
    scored = sorted(((s, i) for i, (_, s) in enumerate(scores) if s is not None), key=lambda t: (-t[0], t[1]))
    out: dict[int, int | None] = {aid: None for aid, _ in scores}
    previous: Decimal | None = None
    current = 0
    for position, (score, index) in enumerate(scored, start=1):
        if score != previous:
            current, previous = position, score
        out[scores[index][0]] = current
    return out
