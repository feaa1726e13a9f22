"""行政许可 figures of the 年报: entered by hand per agency and year (licensing runs on the 政务服务 platform),
kept as a dated history, and read into a report as of a date (the latest entry made by then).

Who enters: the agency's own 负责人 or 执法监督人员 (they report its figures), superusers. Who reads: as the 年报
(supervisors and heads of the subtree)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Agency
from enforcement.core.services.audit import record_event

from ..models_licensing import LICENSING_FIELDS, LicensingFigures
from ..rules import licensing as rules
from .report_figures import cutoff_of

FIRST_YEAR = 2000


def may_enter(user: Any, agency: Agency) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.agency_id == agency.pk and user.has_role(roles.HEAD, roles.SUPERVISOR)


def current(agency: Agency, year: int) -> LicensingFigures | None:
    return LicensingFigures.objects.filter(agency=agency, year=year).select_related("entered_by").first()


def enter_figures(
    agency: Agency,
    year: int | str,
    values: dict[str, Any],
    *,
    actor: Any,
    source_note: str = "",
    entered_at: dt.datetime | None = None,
) -> LicensingFigures:
    """填报: a new entry of ``agency``'s counts for ``year`` (it supersedes the previous one, which stays).
    Guards: ``may_enter`` (``NotAllowed``); a past or current year and consistent counts (``InvalidInput``
    with the field errors). Effects: the row and a ``supervision.licensing_enter`` event. ``entered_at``
    (default now; never in the future) dates an entry made earlier on paper — seed_demo's January figures;
    the page never passes it."""
    if not may_enter(actor, agency):
        raise NotAllowed("仅本机关的负责人、执法监督人员可以填报行政许可统计数据")
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InvalidInput("统计年度无效", fields={"year": ["统计年度无效"]}) from None
    if not (FIRST_YEAR <= year <= timezone.localdate().year):
        raise InvalidInput("统计年度无效", fields={"year": ["统计年度无效"]})
    errors = rules.validate(values)
    if errors:
        first = next(iter(errors.values()))[0]
        raise InvalidInput(f"行政许可统计数据有误：{first}", fields=errors)
    counts = {f: int(str(values[f]).strip()) for f in rules.FIELDS}
    now = timezone.now()
    when = min(entered_at, now) if entered_at is not None else now
    with transaction.atomic():
        row = LicensingFigures.objects.create(
            agency=agency,
            year=year,
            source_note=(source_note or "").strip()[:200],
            entered_by=actor,
            entered_at=when,
            **counts,
        )
        record_event(
            "supervision.licensing_enter",
            actor=actor,
            obj=row,
            agency_id=agency.pk,
            data={
                "year": year,
                **{f"licence_{k}": v for k, v in counts.items()},
                "source_note": row.source_note,
            },
        )
    return row


def figures_as_of(root: Agency, year: int, as_of: dt.date) -> dict[str, dict[str, int] | None]:
    """Agency id (str) → the counts in force on ``as_of`` (the latest entry made by the end of that day)
    for every agency of ``root``'s subtree; None where nothing was entered by then. One query."""
    cutoff = cutoff_of(as_of)
    latest = LicensingFigures.objects.filter(
        agency_id=OuterRef("agency_id"), year=year, entered_at__lt=cutoff
    ).order_by("-entered_at", "-id")
    rows = LicensingFigures.objects.filter(
        agency__path__startswith=root.path, year=year, pk=Subquery(latest.values("pk")[:1])
    )
    found = {str(r.agency_id): r.counts() for r in rows}
    paths = dict(Agency.objects.subtree_of(root).values_list("pk", "path"))
    return {str(pk): found.get(str(pk)) for pk in paths}


def attach(figures: dict[str, Any], root: Agency, year: int, as_of: dt.date) -> dict[str, Any]:
    """Add to each agency row of the report's figures ``licensing``: ``{"own": …, "total": …}`` (see
    ``rules.roll_up``); the rows keep their order."""
    own = figures_as_of(root, year, as_of)
    paths = {str(pk): path for pk, path in Agency.objects.subtree_of(root).values_list("pk", "path")}
    rolled = rules.roll_up(own, paths)
    for row in figures.get("agencies") or []:
        aid = str(row["id"])
        row["licensing"] = {
            "own": {"counts": own.get(aid), "missing": 0 if own.get(aid) else 1},
            "total": rolled[aid],
        }
    return figures


def licensing_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's 行政许可 rows (one per count, a column per agency with its subtree); none for a report
    built before the figures existed."""
    agencies = figures.get("agencies") or []
    if not agencies or "licensing" not in agencies[0]:
        return []
    return [
        {
            "label": label,
            "indent": False,
            "unit": "件",
            "values": [rules.cell(a["licensing"]["total"], field) for a in agencies],
        }
        for field, label in LICENSING_FIELDS
    ]


def missing_names(figures: dict[str, Any]) -> list[str]:
    """The agencies of the report without their own 行政许可 figures (for the footnote)."""
    return [
        a["name"]
        for a in figures.get("agencies") or []
        if "licensing" in a and a["licensing"]["own"]["counts"] is None
    ]


def narrative_line(figures: dict[str, Any]) -> str:
    """The 行政许可 sentence of the drafted 情况说明 (the report's headline column); '' for old figures."""
    agencies = figures.get("agencies") or []
    if not agencies or "licensing" not in agencies[0]:
        return ""
    return rules.narrative_line(agencies[0]["licensing"]["total"])
