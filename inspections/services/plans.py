"""年度监督检查计划 services (spec §3.2): create with the capacity inputs, edit while 编制中, 报批 → 批准 (the
government's approval recorded) → 公示, adjustments as new versions (the previous kept). Every move runs
on the core workflow engine with ``inspections.workflow.plans.TRANSITIONS``, in one transaction, with one
audit event; plan milestones are core deadlines (我的待办)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Agency, DeadlineStatus, Enterprise
from enforcement.core.services.audit import record_event
from enforcement.core.services.calendar import add as add_period
from enforcement.core.services.calendar import working_days_in_year
from enforcement.core.services.deadlines import close_deadlines, open_deadline
from enforcement.core.services.workflow import Context, Guard, Transition, Workflow

from ..choices import PlanAction as A
from ..choices import PlanStatus, QuotaKind
from ..models import AnnualPlan, AnnualPlanVersion, PlanQuota
from ..rules import plans as rules
from ..workflow.plans import HEAD, PREPARER, STATE_MESSAGES, TRANSITIONS
from .common import heads_of, is_head_of, is_officer_of
from .deadlines import KIND_PLAN_PUBLISH, KIND_PLAN_SUBMIT

NOT_ALLOWED = "只有本机构执法人员或负责人可以编制年度计划，报批后的办理由本机构负责人进行"
MILESTONE_DAYS = (
    20  # working days for 报批 after creation and for 公示 after approval (system setting, unverified)
)
INPUT_FIELDS = (
    "officers",
    "other_enforcement_days",
    "non_enforcement_days",
    "key_days",
    "days_per_inspection",
    "publish_draws_within_days",
)
ACTIVE = (PlanStatus.APPROVED, PlanStatus.PUBLISHED)


def plan_queryset() -> Any:
    return AnnualPlan.objects.select_related("agency", "current_version", "created_by")


def get_plan_for_user(user: Any, pk: Any) -> AnnualPlan:
    plan: AnnualPlan = get_object_for_user(plan_queryset(), user, pk)
    return plan


def active_plan(agency_id: int, year: int) -> AnnualPlan | None:
    """The agency's approved or published plan for ``year`` (every inspection belongs to it)."""
    return AnnualPlan.objects.filter(agency_id=agency_id, year=year, status__in=ACTIVE).first()


def capacity_of(version: AnnualPlanVersion) -> rules.Capacity:
    return rules.capacity(
        working_days=version.working_days,
        officers=version.officers,
        other_days=version.other_enforcement_days,
        non_days=version.non_enforcement_days,
        key_days=version.key_days,
        days_per_inspection=Decimal(version.days_per_inspection),
    )


def key_enterprises(agency_id: int) -> Any:
    return Enterprise.objects.filter(agency_id=agency_id, is_key=True, is_active=True)


def warnings_of(version: AnnualPlanVersion, key_count: int | None = None) -> list[str]:
    """Capacity warnings, and a warning when the key quota does not cover every key enterprise."""
    out = rules.capacity_warnings(
        capacity_of(version), planned_key=version.planned_key, planned_general=version.planned_general
    )
    if key_count is None:
        key_count = key_enterprises(version.plan.agency_id).count()
    if version.planned_key < key_count:
        out.append(f"重点检查企业{key_count}家，计划重点检查仅{version.planned_key}家次，未实现全覆盖")
    return out


# --- input -----------------------------------------------------------------------------------------


def _clean_inputs(raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in INPUT_FIELDS:
        if name not in raw or raw[name] in (None, ""):
            continue
        value = raw[name]
        try:
            out[name] = Decimal(str(value)) if name == "days_per_inspection" else int(value)
        except (ValueError, TypeError, InvalidOperation):
            raise InvalidInput("请输入数字", fields={name: ["请输入数字"]}) from None
        if out[name] < 0:
            raise InvalidInput("不能为负数", fields={name: ["不能为负数"]})
    return out


def _apply_inputs(version: AnnualPlanVersion, inputs: dict[str, Any]) -> None:
    for name, value in inputs.items():
        setattr(version, name, value)
    try:
        capacity_of(version)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


def _sync_planned(version: AnnualPlanVersion) -> None:
    sums = {
        row["kind"]: row["n"] or 0
        for row in version.quotas.values("kind").annotate(n=Sum("count")).order_by()
    }
    version.planned_key = sums.get(QuotaKind.KEY, 0)
    version.planned_general = sums.get(QuotaKind.RANDOM, 0) + sums.get(QuotaKind.CAMPAIGN, 0)
    version.save(update_fields=["planned_key", "planned_general"])


def _check_preparer(actor: Any, agency_id: int) -> None:
    if not is_officer_of(actor, agency_id):
        raise NotAllowed(NOT_ALLOWED)


def _milestone(plan: AnnualPlan, kind: str, title: str, actor: Any, on: dt.date) -> None:
    due = add_period(on, MILESTONE_DAYS, "working")
    open_deadline(
        subject=plan,
        kind=kind,
        title=title,
        agency_id=plan.agency_id,
        due_date=due.due,
        start_date=on,
        day_type="working",
        length=MILESTONE_DAYS,
        provisional=due.provisional,
        responsible=heads_of(plan.agency_id),
        actor=actor,
    )


# --- create and edit -------------------------------------------------------------------------------


def create_plan(
    *, actor: Any, agency: Agency, year: int, inputs: dict[str, Any], title: str = ""
) -> AnnualPlan:
    """编制 the agency's plan for ``year`` (version 1): the year's working days from the core calendar, the
    capacity inputs, and a key-enterprise quota covering every key enterprise of the agency."""
    _check_preparer(actor, agency.pk)
    today = timezone.localdate()
    if not today.year - 1 <= year <= today.year + 1:
        raise InvalidInput(
            f"只能编制{today.year - 1}至{today.year + 1}年度的计划", fields={"year": ["年度超出范围"]}
        )
    if AnnualPlan.objects.filter(agency=agency, year=year).exists():
        raise InvalidInput(f"本机构{year}年度计划已存在，请在原计划上调整", fields={"year": ["计划已存在"]})
    clean = _clean_inputs(inputs)
    if "officers" not in clean:
        raise InvalidInput("请填写执法人员数", fields={"officers": ["必填"]})
    working_days, _known = working_days_in_year(year)
    with transaction.atomic():
        plan = AnnualPlan.objects.create(
            agency=agency,
            year=year,
            title=title.strip() or f"{agency.name}{year}年度安全生产监督检查计划",
            created_by=actor,
        )
        version = AnnualPlanVersion(
            plan=plan, number=1, working_days=working_days, officers=0, created_by=actor
        )
        _apply_inputs(version, clean)
        version.save()
        key_count = key_enterprises(agency.pk).count()
        PlanQuota.objects.create(
            version=version, kind=QuotaKind.KEY, count=key_count, note="重点检查企业全覆盖（每年至少1次）"
        )
        _sync_planned(version)
        plan.current_version = version
        plan.save(update_fields=["current_version"])
        _milestone(plan, KIND_PLAN_SUBMIT, f"{plan.title}报批", actor, today)
        record_event(
            "plan.create",
            actor=actor,
            obj=plan,
            data={
                "year": year,
                "working_days": working_days,
                "key_enterprises": key_count,
                **_jsonable(clean),
            },
        )
    return plan


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def _locked(plan: AnnualPlan) -> AnnualPlan:
    locked: AnnualPlan = plan_queryset().select_for_update(of=("self",)).get(pk=plan.pk)
    return locked


def _draft_version(plan: AnnualPlan, actor: Any) -> AnnualPlanVersion:
    _check_preparer(actor, plan.agency_id)
    if plan.status != PlanStatus.DRAFT:
        raise InvalidInput(f"计划{plan.get_status_display()}，只能通过调整（新版本）修改")
    assert plan.current_version is not None
    return plan.current_version


def update_plan(plan: AnnualPlan, *, actor: Any, inputs: dict[str, Any]) -> AnnualPlan:
    """Change the capacity inputs of a plan still 编制中."""
    clean = _clean_inputs(inputs)
    with transaction.atomic():
        locked = _locked(plan)
        version = _draft_version(locked, actor)
        _apply_inputs(version, clean)
        version.save()
        record_event("plan.update", actor=actor, obj=locked, data=_jsonable(clean))
    return locked


def _clean_quota(raw: dict[str, Any]) -> dict[str, Any]:
    kind = raw.get("kind") or ""
    if kind not in (QuotaKind.RANDOM, QuotaKind.CAMPAIGN, QuotaKind.KEY):
        raise InvalidInput("请选择指标类型", fields={"kind": ["请选择指标类型"]})
    try:
        count = int(raw.get("count") or 0)
        month = int(raw["month"]) if raw.get("month") not in (None, "") else None
        ratio = Decimal(str(raw["ratio_percent"])) if raw.get("ratio_percent") not in (None, "") else None
    except (ValueError, TypeError, InvalidOperation):
        raise InvalidInput("请输入数字") from None
    if count <= 0:
        raise InvalidInput("计划家次须大于0", fields={"count": ["计划家次须大于0"]})
    if month is not None and not 1 <= month <= 12:
        raise InvalidInput("计划月份须为1至12", fields={"month": ["计划月份须为1至12"]})
    if ratio is not None and not 0 <= ratio <= 100:
        raise InvalidInput("抽查比例须在0至100之间", fields={"ratio_percent": ["抽查比例须在0至100之间"]})
    if kind == QuotaKind.RANDOM and not raw.get("sector"):
        raise InvalidInput("双随机指标须注明行业", fields={"sector": ["请选择行业"]})
    if kind == QuotaKind.CAMPAIGN and not (raw.get("note") or "").strip():
        raise InvalidInput("专项检查须写明名称", fields={"note": ["请填写专项检查名称"]})
    return {
        "kind": kind,
        "sector": raw.get("sector") or "",
        "class_label": (raw.get("class_label") or "").strip(),
        "ratio_percent": ratio,
        "count": count,
        "month": month,
        "note": (raw.get("note") or "").strip(),
    }


def add_quota(plan: AnnualPlan, *, actor: Any, quota: dict[str, Any]) -> PlanQuota:
    """Add a 双随机 quota (by sector and class), a special campaign or a key-enterprise line to a draft plan."""
    clean = _clean_quota(quota)
    with transaction.atomic():
        locked = _locked(plan)
        version = _draft_version(locked, actor)
        row = PlanQuota.objects.create(version=version, **clean)
        _sync_planned(version)
        record_event("plan.quota", actor=actor, obj=locked, data=_jsonable({**clean, "quota": row.pk}))
    return row


def remove_quota(plan: AnnualPlan, quota_id: int, *, actor: Any) -> None:
    with transaction.atomic():
        locked = _locked(plan)
        version = _draft_version(locked, actor)
        row = version.quotas.filter(pk=quota_id).first()
        if row is None:
            raise InvalidInput("该指标不存在")
        row.delete()
        _sync_planned(version)
        record_event("plan.quota_remove", actor=actor, obj=locked, data={"quota": quota_id})


# --- the lifecycle on the engine -------------------------------------------------------------------


def _g_has_version(plan: AnnualPlan, ctx: Context) -> str | None:
    version = plan.current_version
    if version is None or version.planned_key + version.planned_general == 0:
        return "计划检查家次为0，请先添加检查指标再报批"
    return None


def _g_approval(plan: AnnualPlan, ctx: Context) -> str | None:
    p = ctx.params
    if not (p.get("approved_by") or "").strip() or not p.get("approved_on"):
        return "请登记批准机关和批准日期（年度计划须经本级人民政府批准）"
    if p["approved_on"] > ctx.on_date:
        return "批准日期不能晚于今天"
    return None


def _g_reason(plan: AnnualPlan, ctx: Context) -> str | None:
    return None if ctx.reason.strip() else "调整计划须写明理由"


def _e_move(plan: AnnualPlan, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    fields: list[str] = []
    data: dict[str, Any] = {}
    if t.action == A.SUBMIT:
        close_deadlines(subject=plan, kind=KIND_PLAN_SUBMIT, status=DeadlineStatus.MET, actor=ctx.actor)
    elif t.action == A.RETURN:
        data["reason"] = ctx.reason
    elif t.action == A.APPROVE:
        plan.approved_by = p["approved_by"].strip()
        plan.approved_on = p["approved_on"]
        plan.approval_ref = (p.get("approval_ref") or "").strip()
        plan.filed_with = (p.get("filed_with") or "").strip()
        fields = ["approved_by", "approved_on", "approval_ref", "filed_with"]
        data = {"approved_by": plan.approved_by, "approved_on": plan.approved_on.isoformat()}
        _milestone(plan, KIND_PLAN_PUBLISH, f"{plan.title}公示", ctx.actor, ctx.on_date)
    elif t.action == A.PUBLISH:
        plan.published_at = timezone.now()
        fields = ["published_at"]
        close_deadlines(subject=plan, kind=KIND_PLAN_PUBLISH, status=DeadlineStatus.MET, actor=ctx.actor)
    elif t.action == A.ADJUST:
        version = _new_version(plan, ctx)
        plan.current_version = version
        fields = ["current_version"]
        data = {"version": version.number, "reason": ctx.reason}
    return Workflow.resolve_target(t, plan, ctx), fields, data


def _new_version(plan: AnnualPlan, ctx: Context) -> AnnualPlanVersion:
    """Copy the current version (inputs and quotas) into a new one, apply the changes, keep the old one."""
    old = plan.current_version
    assert old is not None
    version = AnnualPlanVersion.objects.get(pk=old.pk)
    version.pk = None
    version.number = old.number + 1
    version.reason = ctx.reason.strip()
    version.created_by = ctx.actor
    _apply_inputs(version, ctx.params.get("inputs") or {})
    version.save()
    quotas = ctx.params.get("quotas")
    if quotas is None:
        rows = [
            PlanQuota(
                version=version,
                kind=q.kind,
                sector=q.sector,
                class_label=q.class_label,
                ratio_percent=q.ratio_percent,
                count=q.count,
                month=q.month,
                note=q.note,
            )
            for q in old.quotas.all()
        ]
    else:
        rows = [PlanQuota(version=version, **q) for q in quotas]
    PlanQuota.objects.bulk_create(rows)
    _sync_planned(version)
    return version


PLAN_WORKFLOW = Workflow(
    name="plan",
    transitions=TRANSITIONS.values(),
    who={
        PREPARER: lambda user, plan: is_officer_of(user, plan.agency_id),
        HEAD: lambda user, plan: is_head_of(user, plan.agency_id),
    },
    guards={
        g.name: g
        for g in (
            Guard("has_version", _g_has_version),
            Guard("approval_recorded", _g_approval, needs_input=True),
            Guard("reason_given", _g_reason, needs_input=True),
        )
    },
    effects=dict.fromkeys(TRANSITIONS, _e_move),
    state_messages=STATE_MESSAGES,
    not_allowed=NOT_ALLOWED,
)


def transition_plan(
    plan: AnnualPlan, action: str, *, actor: Any, params: dict[str, Any] | None = None, reason: str = ""
) -> AnnualPlan:
    """报批 / 退回 / 批准 (params: approved_by, approved_on, approval_ref, filed_with) / 公示 /
    调整 (reason; params: ``inputs`` changed, ``quotas`` replacing the list — cleaned here)."""
    params = dict(params or {})
    if action == A.ADJUST:
        params["inputs"] = _clean_inputs(params.get("inputs") or {})
        if params.get("quotas") is not None:
            params["quotas"] = [_clean_quota(q) for q in params["quotas"]]
    ctx = Context(actor=actor, params=params, reason=reason)
    with transaction.atomic():
        locked = _locked(plan)
        from_status, to_status, data = PLAN_WORKFLOW.run(
            locked, action, ctx, state_label=locked.get_status_display()
        )
        record_event(
            f"plan.{action}", actor=actor, obj=locked, data={"from": from_status, "to": to_status, **data}
        )
    return locked


def actions_for(user: Any, plan: AnnualPlan) -> dict[str, Any]:
    return {
        "available": PLAN_WORKFLOW.available_actions(user, plan),
        "blocked": [b.as_dict() for b in PLAN_WORKFLOW.blocked_actions(user, plan)],
    }
