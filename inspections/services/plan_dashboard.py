"""The plan dashboard: planned vs done by month, key-enterprise coverage, hazards found / rectified / overdue,
draws published and visits avoided (joint inspections), drill-down lists and the XLSX export. A fixed
number of queries whatever the number of inspections (aggregates in the database, never rows in Python).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractMonth

from enforcement.core.models import Agency, Enterprise
from enforcement.core.tabular import write_xlsx

from ..choices import DrawStatus, HazardStatus, InspectionStatus, JointStatus, QuotaKind
from ..models import AnnualPlan, Hazard, Inspection, JointParticipant, RandomDraw
from ..rules import plans as rules

OVERDUE = (HazardStatus.OVERDUE, HazardStatus.ESCALATED)
OPEN = (
    HazardStatus.FOUND,
    HazardStatus.RECTIFYING,
    HazardStatus.EXTENSION_REQUESTED,
    HazardStatus.OVERDUE,
    HazardStatus.ESCALATED,
)
DRILL_LIMIT = 200


def draw_joint_figures(plan: AnnualPlan) -> tuple[int, int]:
    """Draws of the plan's agency and year published, and the separate visits the joint inspections the
    agency led that year avoided (one per participant of a completed one) — one query."""
    draws = (
        RandomDraw.objects.filter(agency_id=OuterRef("pk"), year=plan.year, status=DrawStatus.PUBLISHED)
        .order_by()
        .values("agency_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    avoided = (
        JointParticipant.objects.filter(
            joint__lead_agency_id=OuterRef("pk"),
            joint__status=JointStatus.DONE,
            joint__scheduled_on__year=plan.year,
        )
        .order_by()
        .values("joint__lead_agency_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    row = (
        Agency.objects.filter(pk=plan.agency_id)
        .annotate(
            draws=Coalesce(Subquery(draws, output_field=IntegerField()), 0),
            avoided=Coalesce(Subquery(avoided, output_field=IntegerField()), 0),
        )
        .values("draws", "avoided")
        .first()
    )
    return (int(row["draws"]), int(row["avoided"])) if row else (0, 0)


@dataclass
class Dashboard:
    plan: AnnualPlan
    months: list[dict[str, int]]
    planned_total: int
    done_total: int
    key_total: int
    key_covered: int
    hazards: dict[str, int]
    draws_published: int
    visits_avoided: int
    warnings: list[str] = field(default_factory=list)

    @property
    def key_coverage_percent(self) -> int:
        return round(100 * self.key_covered / self.key_total) if self.key_total else 100

    def chart(self) -> dict[str, Any]:
        """Data for the ECharts bar/line chart (read from a JSON script tag, never inline JS)."""
        return {
            "months": [f"{m['month']}月" for m in self.months],
            "planned": [m["planned"] for m in self.months],
            "done": [m["done"] for m in self.months],
        }


def done_inspections(plan: AnnualPlan) -> QuerySet[Inspection]:
    return Inspection.objects.filter(scheme__plan=plan, status=InspectionStatus.COMPLETED)


def plan_hazards(plan: AnnualPlan) -> QuerySet[Hazard]:
    return Hazard.objects.filter(inspection__scheme__plan=plan)


def _inspected(plan: AnnualPlan) -> Exists:
    return Exists(done_inspections(plan).filter(enterprise_id=OuterRef("pk")))


def _key_enterprises(plan: AnnualPlan, covered: bool | None = None) -> QuerySet[Enterprise]:
    qs = Enterprise.objects.filter(agency_id=plan.agency_id, is_key=True, is_active=True)
    if covered is None:
        return qs
    return qs.filter(_inspected(plan) if covered else ~_inspected(plan))


def planned_by_month(plan: AnnualPlan) -> dict[int, int]:
    """Quotas naming a month count there; the others are spread evenly over the year."""
    out = dict.fromkeys(range(1, 13), 0)
    version = plan.current_version
    if version is None:
        return out
    spread = 0
    for kind, month, count in version.quotas.values_list("kind", "month", "count"):
        if month:
            out[month] += count
        elif kind in (QuotaKind.KEY, QuotaKind.RANDOM, QuotaKind.CAMPAIGN):
            spread += count
    for month, n in rules.month_spread(spread).items():
        out[month] += n
    return out


def build(plan: AnnualPlan) -> Dashboard:
    """Five queries: quotas, done by month, key coverage, hazards, draws and joint inspections."""
    planned = planned_by_month(plan)
    done = dict.fromkeys(range(1, 13), 0)
    rows = (
        done_inspections(plan)
        .filter(started_at__year=plan.year)
        .annotate(m=ExtractMonth("started_at"))
        .values("m")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in rows:
        done[row["m"]] = row["n"]
    key = _key_enterprises(plan).aggregate(total=Count("id"), covered=Count("id", filter=Q(_inspected(plan))))
    hz = plan_hazards(plan).aggregate(
        found=Count("id"),
        rectified=Count("id", filter=Q(status=HazardStatus.CLOSED)),
        overdue=Count("id", filter=Q(status__in=OVERDUE)),
        open=Count("id", filter=Q(status__in=OPEN)),
    )
    months = [{"month": m, "planned": planned[m], "done": done[m]} for m in range(1, 13)]
    figures = draw_joint_figures(plan)
    return Dashboard(
        plan=plan,
        months=months,
        planned_total=sum(planned.values()),
        done_total=sum(done.values()),
        key_total=key["total"],
        key_covered=key["covered"],
        hazards={k: int(v) for k, v in hz.items()},
        draws_published=figures[0],
        visits_avoided=figures[1],
    )


# --- drill-down lists ------------------------------------------------------------------------------

DRILLS = {
    "done": "已完成的检查",
    "key_uncovered": "尚未检查的重点企业",
    "key_covered": "已检查的重点企业",
    "hazards": "发现的隐患",
    "hazards_rectified": "已整改销号的隐患",
    "hazards_overdue": "逾期未改正的隐患",
}


@dataclass
class Drill:
    kind: str
    title: str
    header: list[str]
    rows: list[list[Any]]
    links: list[str]


def drill(plan: AnnualPlan, kind: str, *, month: int | None = None) -> Drill:
    """One drill-down list (at most ``DRILL_LIMIT`` rows, one query). Unknown kind → KeyError."""
    title = DRILLS[kind]
    if kind == "done":
        qs = done_inspections(plan).select_related("enterprise").order_by("started_at", "id")
        if month:
            qs = qs.filter(started_at__month=month, started_at__year=plan.year)
            title = f"{month}月{title}"
        items = list(qs[:DRILL_LIMIT])
        return Drill(
            kind,
            title,
            ["检查对象", "开始时间", "检查地点"],
            [[i.enterprise.name, _local(i.started_at), i.place] for i in items],
            [f"/inspections/records/{i.pk}/" for i in items],
        )
    if kind in ("key_uncovered", "key_covered"):
        ents = list(
            _key_enterprises(plan, covered=(kind == "key_covered")).order_by("name", "id")[:DRILL_LIMIT]
        )
        return Drill(
            kind,
            title,
            ["单位名称", "统一社会信用代码", "行业"],
            [[e.name, e.credit_code, e.get_sector_display()] for e in ents],
            ["" for _ in ents],
        )
    hazards = plan_hazards(plan).select_related("enterprise").order_by("deadline", "id")
    if kind == "hazards_rectified":
        hazards = hazards.filter(status=HazardStatus.CLOSED)
    elif kind == "hazards_overdue":
        hazards = hazards.filter(status__in=OVERDUE)
    items_h = list(hazards[:DRILL_LIMIT])
    return Drill(
        kind,
        title,
        ["单位名称", "隐患", "等级", "状态", "整改期限"],
        [
            [
                h.enterprise.name,
                h.description,
                h.get_level_display(),
                h.get_status_display(),
                h.deadline or "",
            ]
            for h in items_h
        ],
        [f"/inspections/hazards/{h.pk}/" for h in items_h],
    )


def _local(value: dt.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


# --- export ----------------------------------------------------------------------------------------


def export_xlsx(board: Dashboard) -> bytes:
    """One sheet: the month table, then the coverage and hazard figures."""
    rows: list[list[Any]] = [[f"{m['month']}月", m["planned"], m["done"]] for m in board.months]
    rows.append(["合计", board.planned_total, board.done_total])
    rows.append([])
    rows.extend(
        [
            ["重点企业", board.key_total, ""],
            ["已检查重点企业", board.key_covered, f"{board.key_coverage_percent}%"],
            ["发现隐患", board.hazards["found"], ""],
            ["已整改销号", board.hazards["rectified"], ""],
            ["逾期未改正", board.hazards["overdue"], ""],
            ["公示的双随机抽查", board.draws_published, ""],
            ["联合检查减少的入企次数", board.visits_avoided, ""],
        ]
    )
    return write_xlsx(
        f"{board.plan.year}年度计划执行情况", ["月份", "计划检查（家次）", "完成检查（家次）"], rows
    )
