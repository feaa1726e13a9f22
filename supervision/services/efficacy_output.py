"""What the evaluation page and its PDF show: the table (one row per agency, the subtree total, every
figure with its parts and lag flags), the ranking, the trend data (ECharts on the page, pygal SVG in the
PDF). Reads only the stored rows — two queries whatever the number of agencies."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from enforcement.core.pdf import render_pdf

from ..models import EfficacyEvaluation
from ..rules import efficacy as rules
from .charts import bar_chart, line_chart

# The figures drawn as trend lines (the supervisor's dashboard in JOURNEYS: plan completion, rectification
# on time, days to decision, spot-check scores) and the one drawn as the ranking bar chart.
TREND_KEYS = ("plan_completion", "hazards_on_time", "days_to_decision", "review_score")


@dataclass
class Cell:
    key: str
    num: int | None
    den: int | None
    value: Decimal | None
    lagging: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "—" if self.value is None else str(self.value)


@dataclass
class Row:
    agency_id: int
    name: str
    depth: int
    cells: list[Cell]
    score: Decimal | None
    rank: int | None
    total: bool = False

    @property
    def lagging_count(self) -> int:
        return sum(1 for c in self.cells if c.lagging)


def _cells(parts: dict[str, list[int | None]], lagging: dict[str, list[str]]) -> list[Cell]:
    out = []
    for f in rules.FIGURES:
        num, den = (parts.get(f.key) or [0, None])[:2]
        out.append(Cell(f.key, num, den, rules.value_of(f, num, den), list(lagging.get(f.key, []))))
    return out


def table(evaluation: EfficacyEvaluation) -> list[Row]:
    """Agencies in tree order, then the subtree total (the sum of every part)."""
    rows = []
    totals: dict[str, list[int | None]] = {}
    for r in evaluation.rows.select_related("agency").order_by("agency__path"):
        rows.append(Row(r.agency_id, r.agency.name, r.depth, _cells(r.parts, r.lagging), r.score, r.rank))
        for key, (num, den) in r.parts.items():
            acc = totals.setdefault(key, [0, None if den is None else 0])
            acc[0] = (acc[0] or 0) + (num or 0)
            if den is not None:
                acc[1] = (acc[1] or 0) + den
    rows.append(Row(evaluation.agency_id, "合计（含下级）", 0, _cells(totals, {}), None, None, total=True))
    return rows


def ranking(rows: list[Row]) -> list[Row]:
    ranked = [r for r in rows if not r.total and r.rank is not None]
    return sorted(ranked, key=lambda r: r.rank or 0)


def _num(v: str | None) -> float | None:
    return None if v is None else float(v)


def chart_data(evaluation: EfficacyEvaluation, rows: list[Row]) -> dict[str, Any]:
    """For the page's ECharts (passed with json_script): the ranking bars and one trend chart per figure
    with a line per agency."""
    trend = evaluation.trend or {}
    names = {str(r.agency_id): r.name for r in rows if not r.total}
    series = trend.get("series", {})
    return {
        "ranking": {
            "names": [r.name for r in ranking(rows)][::-1],
            "scores": [float(r.score) for r in ranking(rows) if r.score is not None][::-1],
        },
        "trends": [
            {
                "key": key,
                "title": rules.FIGURE_BY_KEY[key].label,
                "unit": rules.FIGURE_BY_KEY[key].unit,
                "labels": trend.get("labels", []),
                "lines": [
                    {"name": names.get(aid, aid), "data": [_num(v) for v in s.get(key, [])]}
                    for aid, s in series.items()
                ],
            }
            for key in TREND_KEYS
        ],
    }


def svg_charts(evaluation: EfficacyEvaluation, rows: list[Row]) -> list[str]:
    """The same charts as SVG for the PDF."""
    data = chart_data(evaluation, rows)
    out = []
    if data["ranking"]["scores"]:
        out.append(bar_chart("综合得分排名", data["ranking"]["names"], data["ranking"]["scores"]))
    for t in data["trends"]:
        if t["labels"]:
            title = f"{t['title']}（{t['unit']}）趋势"
            out.append(line_chart(title, t["labels"], {ln["name"]: ln["data"] for ln in t["lines"]}))
    return out


def render_evaluation_pdf(evaluation: EfficacyEvaluation) -> bytes:
    rows = table(evaluation)
    context = {
        "evaluation": evaluation,
        "title": f"{evaluation.agency.name}{evaluation.period.label}执法效能评估",
        "figures": rules.FIGURES,
        "rows": rows,
        "ranking": ranking(rows),
        "charts": svg_charts(evaluation, rows),
    }
    return render_pdf("supervision/efficacy_pdf.html", context)
