"""检查方案 services: prepare (team ≥ 2 officers passing ``require_enforcing_officers(item=…)``, experts
never counted, lines from checklist templates), then 报批 → 批准 by the head through the workflow engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import GuardFailed, InvalidInput, NotAllowed
from enforcement.core.models import DeadlineStatus, EnforcementItem, Enterprise, User
from enforcement.core.services.audit import record_event
from enforcement.core.services.deadlines import close_deadlines, open_deadline
from enforcement.core.services.workflow import Context, Guard, Transition, Workflow
from training.guards import require_enforcing_officers

from ..choices import MemberRole
from ..choices import SchemeAction as A
from ..models import ChecklistTemplate, InspectionScheme, SchemeExpert, SchemeMember
from ..workflow.schemes import HEAD, PREPARER, STATE_MESSAGES, TRANSITIONS
from .common import is_head_of, is_officer_of
from .deadlines import KIND_INSPECTION_DUE

NOT_ALLOWED = "只有方案编制人、检查组成员或本机构负责人可以办理该检查方案"


def scheme_queryset() -> Any:
    return InspectionScheme.objects.select_related(
        "agency", "enterprise", "item", "prepared_by", "approved_by"
    )


def get_scheme_for_user(user: Any, pk: Any) -> InspectionScheme:
    scheme: InspectionScheme = get_object_for_user(scheme_queryset(), user, pk)
    return scheme


def _member_ids(scheme: InspectionScheme) -> set[int]:
    return set(scheme.members.values_list("user_id", flat=True))


def _is_preparer(user: Any, scheme: InspectionScheme) -> bool:
    return is_officer_of(user, scheme.agency_id) and (
        user.pk == scheme.prepared_by_id or user.pk in _member_ids(scheme)
    )


def _check_team(users: list[Any], item: EnforcementItem, on: dt.date) -> str | None:
    try:
        require_enforcing_officers(users, on, item=item)
    except GuardFailed as exc:
        return exc.message
    return None


def _g_team(scheme: InspectionScheme, ctx: Context) -> str | None:
    users = [m.user for m in scheme.members.select_related("user")]
    return _check_team(users, scheme.item, max(ctx.on_date, scheme.window_start))


def _g_has_lines(scheme: InspectionScheme, ctx: Context) -> str | None:
    return None if scheme.templates.exists() else "检查方案至少选择一份检查表"


def _g_opinion(scheme: InspectionScheme, ctx: Context) -> str | None:
    return None if (ctx.params.get("opinion") or "").strip() else "退回须写明理由"


def _e_move(scheme: InspectionScheme, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    now = timezone.now()
    fields: list[str] = []
    if t.action == A.SUBMIT:
        scheme.submitted_at = now
        fields = ["submitted_at"]
    elif t.action in (A.APPROVE, A.RETURN):
        scheme.approved_by = ctx.actor if t.action == A.APPROVE else None
        scheme.approved_at = now if t.action == A.APPROVE else None
        scheme.approval_opinion = (ctx.params.get("opinion") or "").strip()
        fields = ["approved_by", "approved_at", "approval_opinion"]
        if t.action == A.APPROVE:
            open_deadline(
                subject=scheme,
                kind=KIND_INSPECTION_DUE,
                title=f"实施检查：{scheme.enterprise.name}",
                agency_id=scheme.agency_id,
                due_date=scheme.window_end,
                start_date=ctx.on_date,
                responsible=[m.user for m in scheme.members.select_related("user")],
                actor=ctx.actor,
            )
    elif t.action == A.CANCEL:
        close_deadlines(
            subject=scheme, kind=KIND_INSPECTION_DUE, status=DeadlineStatus.WAIVED, actor=ctx.actor
        )
    return str(t.target), fields, {"opinion": ctx.params.get("opinion", "")}


SCHEME_WORKFLOW = Workflow(
    name="scheme",
    transitions=TRANSITIONS.values(),
    who={PREPARER: _is_preparer, HEAD: lambda user, scheme: is_head_of(user, scheme.agency_id)},
    guards={
        g.name: g
        for g in (
            Guard("team_qualified", _g_team),
            Guard("has_lines", _g_has_lines),
            Guard("opinion_given", _g_opinion, needs_input=True),
        )
    },
    effects=dict.fromkeys(TRANSITIONS, _e_move),
    state_messages=STATE_MESSAGES,
    not_allowed=NOT_ALLOWED,
)


def create_scheme(
    *,
    actor: Any,
    enterprise: Enterprise,
    item: EnforcementItem,
    window_start: dt.date,
    window_end: dt.date,
    officers: Iterable[User],
    templates: Iterable[ChecklistTemplate],
    experts: Iterable[dict[str, str]] = (),
    title: str = "",
    content: str = "",
    method: str = "",
) -> InspectionScheme:
    """编制 a scheme for ``enterprise`` on ``item``. The first officer leads. Refused (nothing stored) when the
    actor is not an officer of the enterprise's agency, the window is inverted, no checklist is chosen, or
    fewer than 2 officers pass ``require_enforcing_officers(item=…)`` (experts never count)."""
    officers = list(dict.fromkeys(officers))
    templates = list(templates)
    if window_end < window_start:
        raise InvalidInput(
            "检查时间止不能早于检查时间起", fields={"window_end": ["检查时间止不能早于检查时间起"]}
        )
    if not templates:
        raise InvalidInput("请至少选择一份检查表", fields={"templates": ["请至少选择一份检查表"]})
    if not is_officer_of(actor, enterprise.agency_id):
        raise NotAllowed("只有检查对象所属机构的执法人员可以编制检查方案")
    if any(u.agency_id != enterprise.agency_id for u in officers):
        raise InvalidInput(
            "检查组成员须为本机构执法人员", fields={"officers": ["检查组成员须为本机构执法人员"]}
        )
    refusal = _check_team(officers, item, max(timezone.localdate(), window_start))
    if refusal:
        raise GuardFailed(refusal, code="scheme.team_qualified", fields={"officers": [refusal]})
    with transaction.atomic():
        scheme = InspectionScheme.objects.create(
            agency_id=enterprise.agency_id,
            enterprise=enterprise,
            item=item,
            title=title.strip() or f"{enterprise.name}监督检查方案",
            window_start=window_start,
            window_end=window_end,
            content=content.strip(),
            method=method.strip() or "启动会＋现场检查＋总结会",
            prepared_by=actor,
        )
        scheme.templates.set(templates)
        SchemeMember.objects.bulk_create(
            SchemeMember(scheme=scheme, user=u, role=MemberRole.LEADER if i == 0 else MemberRole.MEMBER)
            for i, u in enumerate(officers)
        )
        SchemeExpert.objects.bulk_create(
            SchemeExpert(
                scheme=scheme,
                name=e["name"].strip(),
                organisation=e.get("organisation", ""),
                speciality=e.get("speciality", ""),
            )
            for e in experts
            if e.get("name", "").strip()
        )
        record_event(
            "scheme.create",
            actor=actor,
            obj=scheme,
            data={
                "enterprise": enterprise.pk,
                "item": item.code,
                "officers": [u.pk for u in officers],
                "templates": [t.code for t in templates],
            },
        )
    return scheme


def transition_scheme(
    scheme: InspectionScheme, action: str, *, actor: Any, opinion: str = ""
) -> InspectionScheme:
    ctx = Context(actor=actor, params={"opinion": opinion})
    with transaction.atomic():
        locked = scheme_queryset().select_for_update(of=("self",)).get(pk=scheme.pk)
        from_status, to_status, data = SCHEME_WORKFLOW.run(
            locked, action, ctx, state_label=locked.get_status_display()
        )
        record_event(
            f"scheme.{action}", actor=actor, obj=locked, data={"from": from_status, "to": to_status, **data}
        )
    return locked
