"""The case workflow on the core engine: ``CASE_WORKFLOW`` (the table of ``cases.workflow`` bound to the
who-predicates, guards and effects) and ``transition_case``, the one service that moves a case.

A move locks the case row (``select_for_update``), so the same action submitted twice at once happens
once: the second waits, then finds the state moved on and gets 409. Refusals write nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidTransition
from enforcement.core.rules.workflow import Context
from enforcement.core.services.audit import record_event
from enforcement.core.services.workflow import Workflow

from ..choices import CaseAction, CaseStatus
from ..models import Case, CaseEvent
from ..workflow import (
    ASSIGNED_REVIEWER,
    CHAIR,
    HANDLER,
    HEAD,
    HIGHER_HEAD,
    REVIEWER_POOL,
    STATE_MESSAGES,
    TRANSITIONS,
)
from . import closing, summary, transfer
from .common import (
    case_queryset,
    is_assigned_reviewer,
    is_chair,
    is_handler,
    is_head,
    is_higher_head,
    is_reviewer_pool,
)
from .documents import issue_for_action
from .effects import EFFECTS
from .guards import GUARDS
from .payment import PAYMENT_DATED, PAYMENT_GUARDS
from .publication import EFFECTS as PUBLICATION_EFFECTS
from .publication import GUARDS as PUBLICATION_GUARDS

NOT_ALLOWED = "您不是本案承办人、本机关负责人或指定的审核/主持人员，无权办理此事项"

CASE_WORKFLOW = Workflow(
    name="case",
    transitions=TRANSITIONS,
    who={
        HANDLER: is_handler,
        HEAD: is_head,
        HIGHER_HEAD: is_higher_head,
        REVIEWER_POOL: is_reviewer_pool,
        ASSIGNED_REVIEWER: is_assigned_reviewer,
        CHAIR: is_chair,
    },
    guards={
        **GUARDS,
        **summary.GUARDS,
        **transfer.GUARDS,
        **closing.GUARDS,
        **PAYMENT_GUARDS,
        **PUBLICATION_GUARDS,
    },
    effects={**EFFECTS, **summary.EFFECTS, **transfer.EFFECTS, **closing.EFFECTS, **PUBLICATION_EFFECTS},
    state_messages=STATE_MESSAGES,
    not_allowed=NOT_ALLOWED,
)

# actions whose input carries the act's date (default today; may lie in the past, never in the future)
DATED = {
    CaseAction.SUBMIT_FILING,
    CaseAction.APPROVE_FILING,
    CaseAction.CONCLUDE_INVESTIGATION,
    CaseAction.NOTIFY,
    CaseAction.RECORD_DEFENCE,
    CaseAction.REQUEST_HEARING,
    CaseAction.WAIVE_RIGHTS,
    CaseAction.HOLD_HEARING,
    CaseAction.SUBMIT_LEGAL_REVIEW,
    CaseAction.RECORD_COLLECTIVE_DISCUSSION,
    CaseAction.DECIDE,
    CaseAction.DECIDE_ON_SPOT,
    CaseAction.RECORD_FILING_BACK,
    CaseAction.RECORD_CASH_HANDOVER,
    CaseAction.TRANSFER,
    CaseAction.RESUME_AFTER_TRANSFER,
    CaseAction.CLOSE,
}


def _summary(action: str, data: dict[str, Any]) -> str:
    label = CaseAction(action).label if action in CaseAction.values else action
    extra = data.get("number") or data.get("outcome") or data.get("reason") or ""
    return f"{label}{'：' + str(extra) if extra else ''}"[:300]


def transition_case(case: Case, action: str, *, actor: Any, params: dict[str, Any] | None = None) -> Case:
    """Run one move (403 who, 409 state, 409 guard ``case.<guard>``, 400 input); returns the fresh case."""
    p = dict(params or {})
    # per-decision acts (payment, 催告 …) carry their own date but do not move the case's step watermark
    given = p.get("date") if action in DATED or action in PAYMENT_DATED else None
    on: dt.date = given if isinstance(given, dt.date) else timezone.localdate()
    ctx = Context(actor=actor, on_date=on, reason=str(p.get("reason") or ""), params=p)
    with transaction.atomic():
        locked = case_queryset().select_for_update(of=("self",)).get(pk=case.pk)
        from_status, to_status, data = _run(locked, action, ctx)
        CaseEvent.objects.create(
            case=locked,
            action=action,
            from_status=from_status or "",
            to_status=to_status,
            on_date=on,
            actor=actor,
            summary=_summary(action, data),
            data=data,
        )
        record_event(
            f"case.{action}", actor=actor, obj=locked, data={"from": from_status, "to": to_status, **data}
        )
    return locked


def _run(case: Case, action: str, ctx: Context) -> tuple[str | None, str, dict[str, Any]]:
    refusal = summary.procedure_refusal(case, action)
    if refusal:
        raise InvalidTransition(refusal, code="case.procedure")
    # An archived case's row is sealed (the services and the PostgreSQL trigger refuse changes): the one
    # move allowed on it, withdrawing a publication, leaves the row alone and is recorded by its events.
    sealed = case.status == CaseStatus.ARCHIVED
    if action in DATED and not sealed:
        case.last_step_on = max(case.last_step_on or ctx.on_date, ctx.on_date)
    from_status, to_status, data = CASE_WORKFLOW.run(
        case,
        action,
        ctx,
        state_label=case.get_status_display(),
        extra_fields=["last_step_on", "updated_at"],
        sealed=sealed,
    )
    return from_status, to_status, {**data, **issue_for_action(case, action, ctx)}


def actions_for(user: Any, case: Case) -> tuple[list[str], list[dict[str, Any]]]:
    """(available_actions, blocked_actions) for pages and the API, from the same table."""
    ctx = Context(actor=user)
    available = [
        str(a)
        for a in CASE_WORKFLOW.available_actions(user, case, ctx)
        if not summary.procedure_refusal(case, a)
    ]
    blocked = [
        {**b.as_dict(), "name": str(b.name)}
        for b in CASE_WORKFLOW.blocked_actions(user, case, ctx)
        if not summary.procedure_refusal(case, b.name)
    ]
    return available, blocked
