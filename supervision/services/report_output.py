"""The 年报's files: an XLSX in the layout of the published templates (rows per indicator, columns per
agency) and an A4 PDF (WeasyPrint, CJK fonts) with charts drawn server-side as SVG by pygal."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from enforcement.core.pdf import render_pdf

from ..rules import statistics as rules
from .charts import bar_chart
from .licensing import licensing_rows, missing_names


def _title(year: int, agency_name: str) -> str:
    return f"{agency_name}{year}年度行政执法统计年报"


def indicator_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per indicator with its value per agency column (rolled-up totals), then the hand-entered
    行政许可 counts (未填报 where none were entered)."""
    agencies = figures.get("agencies") or []
    computed = [
        {
            "label": i.label.strip(),
            "indent": i.label.startswith(" "),
            "unit": i.unit,
            "values": [a["total"][i.key] for a in agencies],
        }
        for i in rules.INDICATORS
    ]
    return computed + licensing_rows(figures)


def _cell(value: Any) -> Any:
    """Amounts and rates are decimal strings in the figures; the sheet holds numbers ("—" stays text)."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def render_xlsx(report: Any) -> bytes:
    """Sheet 1 行政执法统计年报: title, 填报单位 and 截止日, then 指标 | 单位 | one column per agency."""
    figures = report.figures
    agencies = figures.get("agencies") or []
    wb = Workbook()
    ws = wb.active
    ws.title = "行政执法统计年报"
    ws.append([_title(report.year, report.agency.name)])
    ws.append(
        [
            f"填报单位：{report.agency.name}",
            None,
            f"统计期间：{report.year}年1月1日至12月31日",
            None,
            f"数据截止日：{report.as_of.isoformat()}",
        ]
    )
    ws.append(["指标", "单位", *[a["name"] for a in agencies]])
    for row in indicator_rows(figures):
        ws.append([row["label"], row["unit"], *[_cell(v) for v in row["values"]]])
    missing = missing_names(figures)
    if missing:
        ws.append([f"注：未填报行政许可统计数据的机关：{'、'.join(missing)}"])
    ws.append([])
    ws.append(["行政执法情况说明"])
    for line in (report.narrative or "").splitlines():
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    ws.column_dimensions["A"].width = 36
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def charts(figures: dict[str, Any]) -> list[str]:
    """Inline SVG charts: penalties by heaviest type (headline column) and 立案/结案 per agency."""
    agencies = figures.get("agencies") or []
    if not agencies:
        return []
    top = agencies[0]["total"]
    types = [*rules.PENALTY_TYPES[1:], rules.PENALTY_TYPES[0]]
    by_type = bar_chart(
        "行政处罚决定按最重处罚种类", [t.label for t in types], [top[f"type_{t.code}"] for t in types]
    )
    per_agency = bar_chart(
        "各机关立案数（含下级）", [a["name"] for a in agencies], [a["total"]["filed"] for a in agencies]
    )
    return [by_type, per_agency]


def render_report_pdf(report: Any) -> bytes:
    figures = report.figures
    context = {
        "report": report,
        "title": _title(report.year, report.agency.name),
        "agencies": figures.get("agencies") or [],
        "rows": indicator_rows(figures),
        "charts": charts(figures),
        "licensing_missing": missing_names(figures),
        "narrative_lines": [ln for ln in (report.narrative or "").splitlines() if ln.strip()],
    }
    return render_pdf("supervision/report_pdf.html", context)
