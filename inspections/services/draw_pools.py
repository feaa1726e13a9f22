"""The two 双随机 pools as of a moment (spec §3.3): the 检查对象名录库 (enterprises matching a draw's
filters, minus exclusions) and the 执法检查人员名录库 (officers who pass ``may_enforce`` on every item of
the draw), with each drawn enterprise's previous team and the recusals (回避) that bar an officer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.models import Enterprise, User
from enforcement.core.registry import RECENTLY_PENALISED, get_provider
from training.guards import may_enforce_many

from ..choices import DrawStatus, DrawStratifyField
from ..models import DrawSelection, Inspection, OfficerRecusal, RandomDraw
from ..rules import draws as rules

ACTIVE_DRAW_STATUSES = (DrawStatus.DRAWN, DrawStatus.PUBLISHED)


def live_pool(draw: RandomDraw, as_of: dt.datetime) -> list[rules.Candidate]:
    """The 检查对象名录库 for ``draw`` as of ``as_of``: active enterprises of the agency registered by then,
    matching the filters, key enterprises left out (they are inspected in full) unless asked, minus those
    inspected (by any level) since the period start before ``as_of`` and those a registered provider reports
    as penalised since the configured date."""
    p = draw.parameters
    field = p.get("stratify_by") or DrawStratifyField.RISK_CLASS
    qs = Enterprise.objects.filter(agency_id=draw.agency_id, is_active=True, created_at__lte=as_of)
    if p.get("sectors"):
        qs = qs.filter(sector__in=p["sectors"])
    if p.get("risk_classes"):
        qs = qs.filter(risk_class__in=p["risk_classes"])
    if p.get("credit_statuses"):
        qs = qs.filter(credit_status__in=p["credit_statuses"])
    if not p.get("include_key"):
        qs = qs.filter(is_key=False)
    since = p.get("exclude_inspected_since")
    if since:
        start = dt.datetime.combine(
            dt.date.fromisoformat(since), dt.time.min, tzinfo=timezone.get_current_timezone()
        )
        qs = qs.exclude(
            Exists(
                Inspection.objects.filter(
                    enterprise_id=OuterRef("pk"), started_at__gte=start, started_at__lte=as_of
                )
            )
        )
    rows = list(qs.order_by("id").values_list("id", field))
    penalised: set[int] = set()
    provider = get_provider(RECENTLY_PENALISED)
    if provider is not None and p.get("exclude_penalised_since") and rows:
        penalised = set(provider([r[0] for r in rows], dt.date.fromisoformat(p["exclude_penalised_since"])))
    return [rules.Candidate(int(i), str(s)) for i, s in rows if i not in penalised]


def eligible_officers(agency_id: int, items: Iterable[str], on: dt.date) -> list[int]:
    """Officers and heads of the agency who pass ``may_enforce`` on every item on ``on`` (assistants,
    uncertified, expired, suspended officers and agencies without the power are left out)."""
    ids = list(
        User.objects.filter(agency_id=agency_id, is_active=True, groups__name__in=[roles.OFFICER, roles.HEAD])
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for code in items:
        if not ids:
            break
        verdicts = may_enforce_many(ids, on, item=code)
        ids = [i for i in ids if verdicts.get(i) is not None and verdicts[i].allowed]
    return ids


def previous_teams(
    agency_id: int, enterprise_ids: Iterable[int], before: dt.datetime, *, exclude_draw: int | None = None
) -> dict[int, list[int]]:
    """Each enterprise's team in the last earlier draw of the agency that selected it (by draw time, then
    by id for draws made in the same instant)."""
    ids = list(enterprise_ids)
    teams: dict[int, list[int]] = {}
    rows = (
        DrawSelection.objects.filter(
            draw__agency_id=agency_id,
            draw__status__in=ACTIVE_DRAW_STATUSES,
            draw__drawn_at__lte=before,
            enterprise_id__in=ids,
        )
        .exclude(draw_id=exclude_draw)
        .order_by("enterprise_id", "-draw__drawn_at", "-draw_id")
        .values_list("enterprise_id", "officers")
    )
    for enterprise_id, officers in rows:
        teams.setdefault(enterprise_id, [int(o) for o in officers])
    return teams


def recusals_for(enterprise_ids: Iterable[int], officer_ids: Iterable[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    rows = OfficerRecusal.objects.active().filter(
        enterprise_id__in=list(enterprise_ids), officer_id__in=list(officer_ids)
    )
    for enterprise_id, officer_id in rows.values_list("enterprise_id", "officer_id"):
        out.setdefault(enterprise_id, []).append(officer_id)
    return out
