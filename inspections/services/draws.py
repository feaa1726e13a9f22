"""双随机、一公开 services (spec §3.3): create a draw (parameters), run it (both pools snapshotted and
hashed, the pure algorithm of ``rules.draws`` applied), verify it (re-run from the record; a changed pool
is detected: ``draw_checks``) and publish it under /public/ within the period the annual plan sets. The
pools are built in ``draw_pools``, recusals declared in ``recusals``. Every change is one transaction with an
audit event."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import DeadlineStatus, EnforcementItem, Enterprise, User
from enforcement.core.models.enterprise import CreditStatus, RiskClass, Sector
from enforcement.core.services.audit import record_event
from enforcement.core.services.calendar import open_counted_deadline
from enforcement.core.services.deadlines import close_deadlines

from ..choices import DrawStatus, DrawStratifyField
from ..models import AnnualPlan, DrawSelection, RandomDraw, RandomDrawSnapshot
from ..rules import draws as rules
from .common import heads_of, is_head_of, is_officer_of
from .deadlines import KIND_DRAW_PUBLICATION
from .draw_pools import eligible_officers, live_pool, previous_teams, recusals_for

DEFAULT_PUBLISH_WORKING_DAYS = 20  # 国办发〔2019〕5号 practice: results public within 20 working days ❓
SEED_RE = re.compile(r"^[0-9A-Za-z_\-]{1,64}$")
STRATA_CHOICES: dict[str, dict[str, str]] = {
    DrawStratifyField.RISK_CLASS: dict(RiskClass.choices),
    DrawStratifyField.CREDIT_STATUS: dict(CreditStatus.choices),
    DrawStratifyField.STANDARDIZATION: dict(
        Enterprise._meta.get_field("standardization_level").choices or []  # type: ignore[arg-type]
    ),
    DrawStratifyField.SECTOR: dict(Sector.choices),
}


def draw_queryset() -> Any:
    return RandomDraw.objects.select_related("agency", "created_by", "drawn_by", "published_by")


def get_draw_for_user(user: Any, pk: Any) -> RandomDraw:
    draw: RandomDraw = get_object_for_user(draw_queryset(), user, pk)
    return draw


def officer_names(ids: Iterable[int]) -> dict[int, str]:
    """``{user id: 姓名}`` in one query."""
    rows = User.objects.filter(pk__in=set(ids)).values_list("pk", "real_name", "username")
    return {pk: real or username for pk, real, username in rows}


def stratum_label(field: str, value: str) -> str:
    return STRATA_CHOICES.get(field, {}).get(value, value)


# --- parameters ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawSpec:
    """What a draw asks for. ``ratios``/``counts`` are keyed by the values of ``stratify_by`` (``"*"`` =
    every other stratum); the exclusion dates default to 1 January of the previous year (penalised, as 余姚
    does) and of the plan year (already inspected this period)."""

    title: str
    year: int
    period_start: dt.date
    period_end: dt.date
    items: tuple[str, ...]
    ratios: Mapping[str, Any]
    counts: Mapping[str, int] = field(default_factory=dict)
    stratify_by: str = DrawStratifyField.RISK_CLASS
    sectors: tuple[str, ...] = ()
    risk_classes: tuple[str, ...] = ()
    credit_statuses: tuple[str, ...] = ()
    include_key: bool = False
    exclude_penalised_since: dt.date | None = None
    exclude_inspected_since: dt.date | None = None
    team_size: int = 2
    witnesses: str = ""


def _bad(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, fields={field: [message]})


def _check_choices(field: str, values: Iterable[str], allowed: Mapping[str, str], label: str) -> list[str]:
    values = list(dict.fromkeys(values))
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise _bad(field, f"未知的{label}：{'、'.join(wrong)}")
    return values


def _parameters(spec: DrawSpec) -> dict[str, Any]:
    if spec.stratify_by not in STRATA_CHOICES:
        raise _bad("stratify_by", f"未知的分类依据“{spec.stratify_by}”")
    strata = {**STRATA_CHOICES[spec.stratify_by], rules.DEFAULT_STRATUM: "其他"}
    try:
        ratios = {str(k): str(rules.parse_percent(v)) for k, v in spec.ratios.items()}
    except rules.DrawRefused as exc:
        raise _bad("ratios", exc.message)
    counts: dict[str, int] = {}
    for k, v in spec.counts.items():
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise _bad("counts", "抽取家数须为非负整数")
        counts[str(k)] = v
    _check_choices("ratios", [*ratios, *counts], strata, "企业类别")
    if not any(rules.Decimal(r) > 0 for r in ratios.values()) and not any(counts.values()):
        raise _bad("ratios", "请至少为一个类别设定大于0的抽查比例或家数")
    if not 2 <= spec.team_size <= rules.MAX_TEAM:
        raise _bad("team_size", f"检查组人数须为2至{rules.MAX_TEAM}人")
    penalised = spec.exclude_penalised_since or dt.date(spec.year - 1, 1, 1)
    inspected = spec.exclude_inspected_since or dt.date(spec.year, 1, 1)
    return {
        "items": list(spec.items),
        "sectors": _check_choices("sectors", spec.sectors, dict(Sector.choices), "行业"),
        "risk_classes": _check_choices(
            "risk_classes", spec.risk_classes, dict(RiskClass.choices), "风险等级"
        ),
        "credit_statuses": _check_choices(
            "credit_statuses", spec.credit_statuses, dict(CreditStatus.choices), "信用状况"
        ),
        "include_key": bool(spec.include_key),
        "stratify_by": spec.stratify_by,
        "ratios": ratios,
        "counts": counts,
        "team_size": spec.team_size,
        "exclude_penalised_since": penalised.isoformat(),
        "exclude_inspected_since": inspected.isoformat(),
        "algorithm": rules.ALGORITHM,
    }


def quotas_of(parameters: Mapping[str, Any]) -> rules.Quotas:
    return rules.Quotas(
        ratios={k: rules.Decimal(v) for k, v in (parameters.get("ratios") or {}).items()},
        counts={k: int(v) for k, v in (parameters.get("counts") or {}).items()},
    )


def create_draw(spec: DrawSpec, *, actor: Any) -> RandomDraw:
    """Create a draw (status 待抽取) for the actor's agency. Refused (nothing stored) unless the actor is an
    officer or head of an agency, the period lies in the plan year and is not inverted, the items exist and
    the ratios are percentages of known classes."""
    if (
        actor is None
        or getattr(actor, "agency_id", None) is None
        or not is_officer_of(actor, actor.agency_id)
    ):
        raise NotAllowed("只有本机构执法人员或负责人可以组织双随机抽查")
    if not spec.title.strip():
        raise _bad("title", "请填写抽查任务名称")
    if spec.period_end < spec.period_start:
        raise _bad("period_end", "检查期间止不能早于检查期间起")
    if spec.period_start.year != spec.year or spec.period_end.year != spec.year:
        raise _bad("period_start", f"检查期间须在{spec.year}年度内")
    codes = list(dict.fromkeys(spec.items))
    if not codes:
        raise _bad("items", "请至少选择一项检查事项")
    known = set(EnforcementItem.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [c for c in codes if c not in known]
    if missing:
        raise _bad("items", f"执法事项目录中无编码为{'、'.join(missing)}的事项")
    parameters = _parameters(DrawSpec(**{**spec.__dict__, "items": tuple(codes)}))
    with transaction.atomic():
        plan = AnnualPlan.objects.filter(agency_id=actor.agency_id, year=spec.year).first()
        draw = RandomDraw.objects.create(
            agency_id=actor.agency_id,
            year=spec.year,
            plan=plan,
            title=spec.title.strip(),
            period_start=spec.period_start,
            period_end=spec.period_end,
            parameters=parameters,
            witnesses=spec.witnesses.strip(),
            created_by=actor,
        )
        record_event("draw.create", actor=actor, obj=draw, data={"year": spec.year, **parameters})
    return draw


# --- run, publish ------------------------------------------------------------------------------------


def _lock(draw: RandomDraw) -> RandomDraw:
    locked: RandomDraw = draw_queryset().select_for_update(of=("self",)).get(pk=draw.pk)
    return locked


def _publish_days(draw: RandomDraw) -> int:
    version = draw.plan.current_version if draw.plan_id and draw.plan else None
    if version is not None and getattr(version, "publish_draws_within_days", None):
        return int(version.publish_draws_within_days)
    return int(getattr(settings, "INSPECTION_DRAW_PUBLISH_WORKING_DAYS", DEFAULT_PUBLISH_WORKING_DAYS))


def run_draw(draw: RandomDraw, *, actor: Any, seed: str = "") -> RandomDraw:
    """抽取: snapshot both pools, draw the enterprises and a team for each, store seed, hashes, parameters and
    result, and open the publication deadline (working days from the plan, 20 by default).

    Refused, nothing stored: not an officer/head of the draw's agency (NotAllowed); not 待抽取
    (InvalidTransition); a malformed seed (InvalidInput); an empty pool, an empty result or no possible team
    for an enterprise (GuardFailed naming it)."""
    seed = (seed or "").strip()
    if seed and not SEED_RE.match(seed):
        raise _bad("seed", "随机种子只能由1至64位字母、数字、下划线或连字符组成")
    with transaction.atomic():
        locked = _lock(draw)
        if not is_officer_of(actor, locked.agency_id):
            raise NotAllowed("只有本机构执法人员或负责人可以实施抽取")
        if locked.status != DrawStatus.DRAFT:
            raise InvalidTransition(
                f"该抽查任务{locked.get_status_display()}，不能再次抽取", code="draw.not_draft"
            )
        now = timezone.now()
        today = timezone.localdate()
        params = locked.parameters
        candidates = live_pool(locked, now)
        if not candidates:
            raise GuardFailed("名录库中没有符合条件的企业，无法抽取", code="draw.empty_pool")
        officers = eligible_officers(locked.agency_id, params.get("items", []), today)
        seed = seed or secrets.token_hex(16)
        quotas = quotas_of(params)
        drawn = rules.select_enterprises(seed, candidates, quotas)
        if not drawn:
            raise GuardFailed("按设定的抽查比例未抽中任何企业，请调整比例", code="draw.empty_result")
        ids = [c.enterprise for c in drawn]
        previous = previous_teams(locked.agency_id, ids, now, exclude_draw=locked.pk)
        recused = recusals_for(ids, officers)
        try:
            result = rules.assign_teams(
                seed,
                drawn,
                officers,
                team_size=int(params.get("team_size", 2)),
                previous=previous,
                recused=recused,
            )
        except rules.DrawRefused as exc:
            name = Enterprise.objects.filter(pk=exc.enterprise or 0).values_list("name", flat=True).first()
            prefix = f"{name}：" if name else ""
            raise GuardFailed(prefix + exc.message, code=f"draw.{exc.code}")
        officer_snapshot = rules.officer_snapshot(officers, previous, recused)
        locked.seed = seed
        locked.algorithm = rules.ALGORITHM
        locked.pool_hash = rules.pool_hash(candidates)
        locked.pool_size = len(candidates)
        locked.officer_pool_hash = rules.officer_hash(officer_snapshot)
        locked.result = [s.as_json() for s in result]
        locked.result_hash = rules.result_hash(result)
        locked.status = DrawStatus.DRAWN
        locked.drawn_at = now
        locked.drawn_by = actor
        RandomDrawSnapshot.objects.create(
            draw=locked, candidates=rules.canonical_candidates(candidates), officers=officer_snapshot
        )
        DrawSelection.objects.bulk_create(
            DrawSelection(
                draw_id=locked.pk,
                position=i,
                enterprise_id=s.enterprise,
                stratum=s.stratum,
                officers=list(s.officers),
            )
            for i, s in enumerate(result, start=1)
        )
        deadline = open_counted_deadline(
            subject=locked,
            kind=KIND_DRAW_PUBLICATION,
            title=f"公示抽查结果：{locked.title}",
            agency_id=locked.agency_id,
            length=_publish_days(locked),
            day_type="working",
            start_date=today,
            responsible=heads_of(locked.agency_id),
            actor=actor,
        )
        locked.publish_due = deadline.due_date
        locked.save(
            update_fields=[
                "seed",
                "algorithm",
                "pool_hash",
                "pool_size",
                "officer_pool_hash",
                "result",
                "result_hash",
                "status",
                "drawn_at",
                "drawn_by",
                "publish_due",
            ]
        )
        record_event(
            "draw.run",
            actor=actor,
            obj=locked,
            data={
                "seed": seed,
                "algorithm": rules.ALGORITHM,
                "pool_hash": locked.pool_hash,
                "pool_size": locked.pool_size,
                "officer_pool_hash": locked.officer_pool_hash,
                "result_hash": locked.result_hash,
                "selected": len(result),
                "publish_due": locked.publish_due.isoformat(),
            },
        )
    return locked


def publish_draw(draw: RandomDraw, *, actor: Any) -> RandomDraw:
    """公示: the head of the draw's agency makes the result public under /public/draws/. Refused unless
    已抽取; a late publication is allowed and recorded as late."""
    with transaction.atomic():
        locked = _lock(draw)
        if not is_head_of(actor, locked.agency_id):
            raise NotAllowed("只有本机构负责人可以公示抽查结果")
        if locked.status != DrawStatus.DRAWN:
            raise InvalidTransition(
                f"该抽查任务{locked.get_status_display()}，不能公示", code="draw.not_drawn"
            )
        now = timezone.now()
        late = locked.publish_due is not None and timezone.localdate() > locked.publish_due
        locked.status = DrawStatus.PUBLISHED
        locked.published_at = now
        locked.published_by = actor
        locked.save(update_fields=["status", "published_at", "published_by"])
        close_deadlines(
            subject=locked,
            kind=KIND_DRAW_PUBLICATION,
            status=DeadlineStatus.MET,
            actor=actor,
        )
        record_event(
            "draw.publish", actor=actor, obj=locked, data={"late": late, "result_hash": locked.result_hash}
        )
    return locked


# --- figures for the plan dashboard ----------------------------------------------------------------------


def draws_published(agency: Any, year: int) -> int:
    """How many draws of ``agency`` (an Agency or its id) for plan ``year`` are public."""
    agency_id = getattr(agency, "pk", agency)
    return RandomDraw.objects.filter(agency_id=agency_id, year=year, status=DrawStatus.PUBLISHED).count()


def draw_figures(agency: Any, year: int) -> dict[str, int]:
    """Draws of the year by status, enterprises drawn and publications late or overdue (one query)."""
    agency_id = getattr(agency, "pk", agency)
    today = timezone.localdate()
    qs = RandomDraw.objects.filter(agency_id=agency_id, year=year)
    figures = qs.aggregate(
        total=Count("id", distinct=True),
        drawn=Count("id", distinct=True, filter=Q(status=DrawStatus.DRAWN)),
        published=Count("id", distinct=True, filter=Q(status=DrawStatus.PUBLISHED)),
        overdue=Count("id", distinct=True, filter=Q(status=DrawStatus.DRAWN, publish_due__lt=today)),
        enterprises=Count("selections", distinct=True),
    )
    return {k: int(v or 0) for k, v in figures.items()}
