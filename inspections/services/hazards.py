"""The hazard loop: 认定 (``record_hazard``) → 责令整改 → (延期) → 复查 → 销号 / 逾期 → 报告负责人 / 立案.

Every move goes through ``transition_hazard`` (``HAZARD_WORKFLOW`` = ``workflow.hazards.TRANSITIONS`` bound
to the who-predicates, guards and effects here): the row is locked, the move checked (403 who, 409 state,
409 guard named ``hazard.<guard>``), then the hazard, its ``HazardEvent``, documents, deadlines and one
audit event are written — or nothing at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import GuardFailed, InvalidInput, NotAllowed
from enforcement.core.models import DeadlineStatus
from enforcement.core.registry import HAZARD_FILE_CASE, get_provider
from enforcement.core.services.audit import record_event
from enforcement.core.services.calendar import add as add_period
from enforcement.core.services.deadlines import close_deadlines, open_deadline
from enforcement.core.services.notifications import notify
from enforcement.core.services.workflow import Context, Guard, Transition, Workflow
from training.guards import require_enforcing_officers

from ..choices import ExtensionDecision, HazardLevel, HazardStatus, InspectionStatus, RecheckResult
from ..choices import HazardAction as A
from ..models import Hazard, HazardEvent, HazardExtension, HazardRecheck, HazardStandardItem, Inspection
from ..rules import hazards as rules
from ..workflow.hazards import HANDLER, HEAD, STATE_MESSAGES, TRANSITIONS
from . import documents
from .common import hazard_periods, heads_of, is_head_of
from .deadlines import KIND_EXTENSION_DECISION, KIND_RECHECK, KIND_RECTIFICATION

NOT_ALLOWED = "只有本次检查的执法人员或本机构负责人可以办理该隐患事项"


def hazard_queryset() -> Any:
    return Hazard.objects.select_related(
        "agency", "enterprise", "standard_item", "responsible", "inspection__scheme__item"
    )


def get_hazard_for_user(user: Any, pk: Any) -> Hazard:
    hazard: Hazard = get_object_for_user(hazard_queryset(), user, pk)
    return hazard


# --- who ------------------------------------------------------------------------------------------


def _team_ids(hazard: Hazard) -> set[int]:
    cached = getattr(hazard, "_team_ids", None)
    if cached is None:
        cached = set(hazard.inspection.officers.values_list("pk", flat=True)) | {hazard.responsible_id}
        hazard._team_ids = cached  # type: ignore[attr-defined]
    return cached


def _is_handler(user: Any, hazard: Hazard) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.agency_id == hazard.agency_id
        and user.pk in _team_ids(hazard)
    )


def _is_head(user: Any, hazard: Hazard) -> bool:
    return is_head_of(user, hazard.agency_id)


# --- guards ---------------------------------------------------------------------------------------


def _officers(hazard: Hazard, ctx: Context) -> list[Any]:
    given = ctx.params.get("officers")
    if given:
        return list(given)
    return list(hazard.inspection.officers.all())


def _g_officers_qualified(hazard: Hazard, ctx: Context) -> str | None:
    try:
        require_enforcing_officers(_officers(hazard, ctx), ctx.on_date, item=hazard.inspection.scheme.item)
    except GuardFailed as exc:
        return exc.message
    return None


def _g_deadline_valid(hazard: Hazard, ctx: Context) -> str | None:
    return rules.deadline_refusal(ctx.on_date, ctx.params.get("deadline"), hazard_periods())


def _g_extension_in_time(hazard: Hazard, ctx: Context) -> str | None:
    assert hazard.deadline is not None
    return rules.extension_request_refusal(
        ctx.params.get("requested_on") or ctx.on_date, hazard.deadline, hazard_periods()
    )


def _g_extension_date_valid(hazard: Hazard, ctx: Context) -> str | None:
    wanted = ctx.params.get("requested_deadline")
    if wanted is None:
        return "请填写申请延期至的日期"
    assert hazard.deadline is not None
    if wanted <= hazard.deadline:
        return f"申请延期至的日期须晚于现整改期限（{hazard.deadline.isoformat()}）"
    if not (ctx.params.get("reason") or "").strip():
        return "请填写延期申请理由（不可抗力等）"
    return None


def _g_decision_given(hazard: Hazard, ctx: Context) -> str | None:
    if not isinstance(ctx.params.get("approved"), bool):
        return "请选择同意或不同意延期"
    if not ctx.params["approved"] and not (ctx.params.get("opinion") or "").strip():
        return "不同意延期须写明理由"
    return None


def _g_recheck_input(hazard: Hazard, ctx: Context) -> str | None:
    result = ctx.params.get("result")
    if result not in RecheckResult.values:
        return "复查结论须为“已整改”或“未整改”"
    on = ctx.params.get("date") or ctx.on_date
    if on > timezone.localdate():
        return "复查日期不能晚于今天"
    if hazard.ordered_on and on < hazard.ordered_on:
        return "复查日期不能早于责令整改日期"
    return None


def _g_overdue_or_failed(hazard: Hazard, ctx: Context) -> str | None:
    if hazard.status == HazardStatus.OVERDUE:
        return None
    if hazard.deadline and hazard.deadline < ctx.on_date:
        return None
    return "整改期限尚未届满且未经复查认定逾期，无需报告负责人"


def _g_case_action_registered(hazard: Hazard, ctx: Context) -> str | None:
    return None if get_provider(HAZARD_FILE_CASE) else "案件办理功能尚未启用，不能从隐患立案"


def _g_major_or_failed(hazard: Hazard, ctx: Context) -> str | None:
    if hazard.level == HazardLevel.MAJOR or hazard.recheck_result == RecheckResult.NOT_RECTIFIED:
        return None
    return "一般事故隐患仅在复查未整改（逾期未改正）后可以立案"


GUARDS = {
    g.name: g
    for g in (
        Guard("officers_qualified", _g_officers_qualified),
        Guard("deadline_valid", _g_deadline_valid, needs_input=True),
        Guard("extension_in_time", _g_extension_in_time),
        Guard("extension_date_valid", _g_extension_date_valid, needs_input=True),
        Guard("decision_given", _g_decision_given, needs_input=True),
        Guard("recheck_input", _g_recheck_input, needs_input=True),
        Guard("overdue_or_failed", _g_overdue_or_failed),
        Guard("case_action_registered", _g_case_action_registered),
        Guard("major_or_failed_recheck", _g_major_or_failed),
    )
}

Result = tuple[str, list[str], dict[str, Any]]


# --- effects ----------------------------------------------------------------------------------------


def _doc_context(hazard: Hazard, **extra: Any) -> dict[str, Any]:
    return {"hazard": hazard, "enterprise": hazard.enterprise, "inspection": hazard.inspection, **extra}


def _open_recheck(hazard: Hazard, ctx: Context) -> None:
    assert hazard.deadline is not None
    periods = hazard_periods()
    due = add_period(hazard.deadline, periods.recheck_days, rules.DAY_TYPE).due
    hazard.recheck_due = due
    team = _officers(hazard, ctx)
    open_deadline(
        subject=hazard,
        kind=KIND_RECTIFICATION,
        title=f"隐患整改期限：{hazard.enterprise.name}",
        agency_id=hazard.agency_id,
        due_date=hazard.deadline,
        start_date=ctx.on_date,
        responsible=team,
        actor=ctx.actor,
    )
    open_deadline(
        subject=hazard,
        kind=KIND_RECHECK,
        title=f"整改复查：{hazard.enterprise.name}",
        agency_id=hazard.agency_id,
        due_date=due,
        start_date=hazard.deadline,
        responsible=team,
        actor=ctx.actor,
    )


def _e_order(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    hazard.ordered_on = ctx.on_date
    hazard.deadline = hazard.original_deadline = p["deadline"]
    measures = (p.get("onsite_measures") or "").strip()
    fields = ["ordered_on", "deadline", "original_deadline", "recheck_due", "order_document"]
    _open_recheck(hazard, ctx)
    hazard.order_document = documents.issue(
        documents.DOC_ORDER,
        agency=hazard.agency,
        subject=hazard,
        actor=ctx.actor,
        context=_doc_context(hazard),
    )
    data: dict[str, Any] = {"deadline": hazard.deadline.isoformat(), "order": hazard.order_document.number}
    if measures:
        hazard.onsite_measures = measures
        hazard.measures_document = documents.issue(
            documents.DOC_MEASURES,
            agency=hazard.agency,
            subject=hazard,
            actor=ctx.actor,
            context=_doc_context(hazard),
        )
        fields += ["onsite_measures", "measures_document"]
        data["measures"] = hazard.measures_document.number
    return str(t.target), fields, data


def _e_request_extension(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    requested_on = p.get("requested_on") or ctx.on_date
    decide_by = add_period(requested_on, hazard_periods().extension_decision_days, rules.DAY_TYPE).due
    ext = HazardExtension.objects.create(
        hazard=hazard,
        requested_on=requested_on,
        reason=p["reason"].strip(),
        requested_deadline=p["requested_deadline"],
        decide_by=decide_by,
        recorded_by=ctx.actor,
    )
    open_deadline(
        subject=hazard,
        kind=KIND_EXTENSION_DECISION,
        title=f"延期申请答复：{hazard.enterprise.name}",
        agency_id=hazard.agency_id,
        due_date=decide_by,
        start_date=requested_on,
        responsible=heads_of(hazard.agency_id),
        actor=ctx.actor,
    )
    data = {"extension": ext.pk, "requested_deadline": ext.requested_deadline.isoformat()}
    return str(t.target), [], data


def _e_decide_extension(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    ext = HazardExtension.objects.select_for_update().get(hazard=hazard, decision=ExtensionDecision.PENDING)
    ext.decision = ExtensionDecision.APPROVED if p["approved"] else ExtensionDecision.REFUSED
    ext.decided_on, ext.decided_by, ext.opinion = ctx.on_date, ctx.actor, (p.get("opinion") or "").strip()
    ext.save(update_fields=["decision", "decided_on", "decided_by", "opinion"])
    close_deadlines(subject=hazard, kind=KIND_EXTENSION_DECISION, actor=ctx.actor)
    fields: list[str] = []
    if p["approved"]:
        close_deadlines(
            subject=hazard, kind=KIND_RECTIFICATION, status=DeadlineStatus.WAIVED, actor=ctx.actor
        )
        close_deadlines(subject=hazard, kind=KIND_RECHECK, status=DeadlineStatus.WAIVED, actor=ctx.actor)
        hazard.deadline = ext.requested_deadline
        _open_recheck(hazard, ctx)
        fields = ["deadline", "recheck_due"]
    return str(t.target), fields, {"decision": ext.decision, "deadline": str(hazard.deadline)}


def _e_recheck(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    p = ctx.params
    on = p.get("date") or ctx.on_date
    rectified = p["result"] == RecheckResult.RECTIFIED
    recheck = HazardRecheck.objects.create(
        hazard=hazard,
        on_date=on,
        result=p["result"],
        opinion=(p.get("opinion") or "").strip(),
        recorded_by=ctx.actor,
    )
    recheck.officers.set(_officers(hazard, ctx))
    recheck.document = documents.issue(
        documents.DOC_RECHECK,
        agency=hazard.agency,
        subject=hazard,
        actor=ctx.actor,
        context=_doc_context(hazard, recheck=recheck),
    )
    recheck.save(update_fields=["document"])
    hazard.recheck_result, hazard.rechecked_on = p["result"], on
    fields = ["recheck_result", "rechecked_on"]
    close_deadlines(subject=hazard, kind=KIND_RECHECK, actor=ctx.actor)
    close_deadlines(
        subject=hazard,
        kind=KIND_RECTIFICATION,
        status=DeadlineStatus.MET if rectified else DeadlineStatus.WAIVED,
        actor=ctx.actor,
    )
    if rectified:
        hazard.closed_at = timezone.now()
        fields.append("closed_at")
        to = str(t.target)
    else:
        to = HazardStatus.ESCALATED if hazard.status == HazardStatus.ESCALATED else t.alt_targets[0]
    return to, fields, {"result": p["result"], "date": on.isoformat(), "document": recheck.document.number}


def _e_escalate(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    hazard.escalated_at = timezone.now()
    notify(
        heads_of(hazard.agency_id),
        f"隐患逾期未整改：{hazard.enterprise.name}",
        body=hazard.description[:200],
        url=f"/inspections/hazards/{hazard.pk}/",
        subject=hazard,
    )
    return str(t.target), ["escalated_at"], {"reason": ctx.reason}


def _e_file_case(hazard: Hazard, ctx: Context, t: Transition) -> Result:
    provider = get_provider(HAZARD_FILE_CASE)
    assert provider is not None  # guarded by case_action_registered
    case = provider(hazard, actor=ctx.actor, reason=ctx.reason)
    hazard.case_content_type = ContentType.objects.get_for_model(case)
    hazard.case_object_id = case.pk
    close_deadlines(subject=hazard, kind=None, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    ctx.params["case"] = case
    return str(t.target), ["case_content_type", "case_object_id"], {"case": case.pk}


HAZARD_WORKFLOW = Workflow(
    name="hazard",
    transitions=TRANSITIONS.values(),
    who={HANDLER: _is_handler, HEAD: _is_head},
    guards=GUARDS,
    effects={
        A.ORDER_RECTIFICATION: _e_order,
        A.REQUEST_EXTENSION: _e_request_extension,
        A.DECIDE_EXTENSION: _e_decide_extension,
        A.RECHECK: _e_recheck,
        A.ESCALATE: _e_escalate,
        A.FILE_CASE: _e_file_case,
    },
    state_messages=STATE_MESSAGES,
    not_allowed=NOT_ALLOWED,
)


def transition_hazard(
    hazard: Hazard, action: str, *, actor: Any, params: dict[str, Any] | None = None, reason: str = ""
) -> Hazard:
    """Run one move of the hazard loop (see the module docstring). Returns the updated hazard."""
    ctx = Context(actor=actor, on_date=timezone.localdate(), reason=reason, params=dict(params or {}))
    with transaction.atomic():
        locked = hazard_queryset().select_for_update(of=("self",)).get(pk=hazard.pk)
        from_status, to_status, data = HAZARD_WORKFLOW.run(
            locked, action, ctx, state_label=locked.get_status_display()
        )
        HazardEvent.objects.create(
            hazard=locked,
            action=action,
            from_status=from_status or "",
            to_status=to_status,
            on_date=ctx.on_date,
            data=data,
            actor=actor,
        )
        record_event(
            f"hazard.{action}", actor=actor, obj=locked, data={"from": from_status, "to": to_status, **data}
        )
    return locked


def actions_for(user: Any, hazard: Hazard) -> tuple[list[str], list[dict[str, Any]]]:
    """(available_actions, blocked_actions) for pages and the API, from the same table. 立案 is absent (not
    even blocked) while no app has registered the action."""
    ctx = Context(actor=user)
    blocked = [b.as_dict() for b in HAZARD_WORKFLOW.blocked_actions(user, hazard, ctx)]
    if get_provider(HAZARD_FILE_CASE) is None:
        blocked = [b for b in blocked if b["name"] != A.FILE_CASE]
    return HAZARD_WORKFLOW.available_actions(user, hazard, ctx), blocked


def record_hazard(
    inspection: Inspection,
    *,
    actor: Any,
    level: str,
    description: str,
    location: str = "",
    standard_item: HazardStandardItem | None = None,
    violation_code: str = "",
    check_id: int | None = None,
) -> Hazard:
    """认定: a hazard found in ``inspection`` (by one of its officers). A major hazard cites the judging
    standard's item (安全生产法 Art 118 ¶2); it is first instance (ERRATA), not yet overdue."""
    if level not in HazardLevel.values:
        raise InvalidInput("请选择隐患级别", fields={"level": ["请选择隐患级别"]})
    if not description.strip():
        raise InvalidInput("请填写隐患描述", fields={"description": ["请填写隐患描述"]})
    if level == HazardLevel.MAJOR and standard_item is None:
        message = "重大事故隐患须引用判定标准条款"
        raise InvalidInput(message, fields={"standard_item": [message]})
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
        if (
            actor.pk not in set(locked.officers.values_list("pk", flat=True))
            or actor.agency_id != locked.agency_id
        ):
            raise NotAllowed("只有本次检查的执法人员可以认定隐患")
        if (
            locked.status != InspectionStatus.DRAFT
            and locked.ended_at
            and (timezone.now() - locked.ended_at > dt.timedelta(days=1))
        ):
            raise InvalidInput("检查已结束超过1日，不能补录隐患")
        hazard = Hazard.objects.create(
            inspection=locked,
            agency_id=locked.agency_id,
            enterprise_id=locked.enterprise_id,
            level=level,
            description=description.strip(),
            location=location.strip(),
            standard_item=standard_item,
            violation_code=violation_code.strip(),
            responsible=actor,
            found_at_check_id=check_id,
        )
        HazardEvent.objects.create(
            hazard=hazard,
            action="record",
            to_status=hazard.status,
            on_date=timezone.localdate(),
            data={"level": level},
            actor=actor,
        )
        record_event(
            "hazard.record",
            actor=actor,
            obj=hazard,
            data={
                "level": level,
                "inspection": locked.pk,
                "standard_item": standard_item.code if standard_item else "",
            },
        )
    return hazard
