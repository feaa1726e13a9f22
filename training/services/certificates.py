"""执法证 services: every lifecycle move goes through ``transition_certificate`` (read from
``training.workflow.TRANSITIONS``); the specific services validate input and call it.

Each move locks the row, checks who may act (403), the from-state (409 ``invalid_transition``) and the
guards (409, ``code`` names the guard), then writes the certificate, a ``CertificateEvent``, one audit
event and the deadlines — or nothing at all when refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import DeadlineStatus, User
from enforcement.core.services.audit import record_event
from enforcement.core.services.workflow import Context, Transition, Workflow

from .. import rules
from ..choices import CertificateAction, CertificateStatus, ReviewResult
from ..models import AnnualReview, Certificate, CertificateEvent
from ..permissions import can_manage_agency
from ..requirements import effective_requirement
from ..workflow import AGENCY_ADMIN, STATE_MESSAGES, TRANSITIONS
from . import reminders
from .certificate_guards import GUARDS

NOT_ADMIN = "只有本机构或上级机构的系统管理员可以办理执法证事项"


def get_certificate_for_user(user: Any, pk: Any) -> Certificate:
    """One certificate the user may see (404 otherwise)."""
    return get_object_for_user(Certificate.objects.select_related("holder", "agency"), user, pk)


# --- effects: change the locked certificate, return (to_status, changed fields, event data) ------

Effect = Callable[[Certificate, Context, Transition], tuple[str, list[str], dict[str, Any]]]


def _effect_issue(cert: Certificate, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    cert.number = p["number"]
    cert.issuing_authority = p["issuing_authority"]
    cert.issued_on = p["issued_on"]
    cert.expires_on = p["expires_on"]
    cert.exam = p["exam"]
    fields = ["number", "issuing_authority", "issued_on", "expires_on", "exam"]
    if p.get("areas"):
        cert.areas = p["areas"]
        fields.append("areas")
    data = {
        "number": cert.number,
        "issued_on": cert.issued_on,
        "expires_on": cert.expires_on,
        "exam": cert.exam_id,
    }
    return str(t.target), fields, data


def _effect_annual_review(
    cert: Certificate, ctx: Context, t: Transition
) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    review = AnnualReview.objects.create(
        certificate=cert,
        year=p["year"],
        result=p["result"],
        reviewed_on=ctx.on_date,
        remarks=ctx.reason,
        recorded_by=ctx.actor,
    )
    p["review"] = review
    data = {"year": review.year, "result": review.result}
    if review.result == ReviewResult.FAILED:
        cert.suspended_from = ctx.on_date
        cert.suspended_until = None
        cert.status_reason = f"{review.year}年度年审不合格"
        return t.alt_targets[0], ["suspended_from", "suspended_until", "status_reason"], data
    return str(t.target), [], data


def _effect_renew(cert: Certificate, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    cert.status_reason = ctx.reason or "换发"
    return str(t.target), ["status_reason"], {"number": ctx.params["number"]}


def _effect_suspend(cert: Certificate, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    cert.suspended_from = ctx.params["suspended_from"]
    cert.suspended_until = ctx.params.get("suspended_until")
    cert.status_reason = ctx.reason
    data = {"suspended_from": cert.suspended_from, "suspended_until": cert.suspended_until}
    return str(t.target), ["suspended_from", "suspended_until", "status_reason"], data


def _effect_lift(cert: Certificate, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    data = {"suspended_from": cert.suspended_from, "suspended_until": cert.suspended_until}
    cert.suspended_from = None
    cert.suspended_until = None
    cert.status_reason = ctx.reason
    return str(t.target), ["suspended_from", "suspended_until", "status_reason"], data


def _effect_reason(cert: Certificate, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    cert.status_reason = ctx.reason
    return str(t.target), ["status_reason"], {}


EFFECTS: dict[str, Effect] = {
    CertificateAction.ISSUE: _effect_issue,
    CertificateAction.ANNUAL_REVIEW: _effect_annual_review,
    CertificateAction.RENEW: _effect_renew,
    CertificateAction.SUSPEND: _effect_suspend,
    CertificateAction.LIFT_SUSPENSION: _effect_lift,
    CertificateAction.WITHDRAW: _effect_reason,
    CertificateAction.CANCEL: _effect_reason,
}


CERTIFICATE_WORKFLOW = Workflow(
    name="certificate",
    transitions=TRANSITIONS.values(),
    who={AGENCY_ADMIN: lambda user, cert: can_manage_agency(user, cert.agency)},
    guards=GUARDS,
    effects=EFFECTS,
    state_messages=STATE_MESSAGES,
    not_allowed=NOT_ADMIN,
)


def _after(cert: Certificate, action: str, from_status: str, ctx: Context) -> None:
    """Deadlines and follow-up rows of a move (inside the transaction)."""
    actor = ctx.actor
    if action == CertificateAction.ISSUE:
        reminders.open_expiry_deadline(cert, actor=actor)
        review_due = effective_requirement(cert.agency, (cert.issued_on or ctx.on_date).year + 1).review_due
        reminders.open_review_deadline(cert, set(), review_due, actor=actor)
    elif action == CertificateAction.ANNUAL_REVIEW:
        reminders.close_certificate_deadlines(
            cert, status=DeadlineStatus.MET, actor=actor, kinds=(reminders.KIND_ANNUAL_REVIEW,)
        )
        if cert.status == CertificateStatus.ISSUED:
            _open_next_review(cert, actor=actor)
    elif action == CertificateAction.LIFT_SUSPENSION:
        _open_next_review(cert, actor=actor)
    elif action == CertificateAction.RENEW:
        reminders.close_certificate_deadlines(cert, status=DeadlineStatus.MET, actor=actor)
        ctx.params["successor"] = _issue_successor(cert, ctx)
    elif action in (CertificateAction.WITHDRAW, CertificateAction.CANCEL):
        reminders.close_certificate_deadlines(cert, status=DeadlineStatus.WAIVED, actor=actor)


def _open_next_review(cert: Certificate, *, actor: Any) -> None:
    from enforcement.core.models import Deadline

    if Deadline.objects.filter(kind=reminders.KIND_ANNUAL_REVIEW, object_id=cert.pk).open().exists():
        return
    reviewed = set(cert.annual_reviews.values_list("year", flat=True))
    year = rules.next_review_year(cert.issued_on or timezone.localdate(), reviewed)
    reminders.open_review_deadline(
        cert, reviewed, effective_requirement(cert.agency, year).review_due, actor=actor
    )


def _issue_successor(old: Certificate, ctx: Context) -> Certificate:
    p = ctx.params
    new = Certificate.objects.create(
        holder=old.holder,
        agency=old.holder.agency or old.agency,
        number=p["number"],
        issuing_authority=p["issuing_authority"] or old.issuing_authority,
        areas=p.get("areas") or old.areas,
        categories=old.categories,
        status=CertificateStatus.ISSUED,
        applied_on=p["issued_on"],
        issued_on=p["issued_on"],
        expires_on=p["expires_on"],
        status_changed_on=p["issued_on"],
        replaces=old,
    )
    CertificateEvent.objects.create(
        certificate=new,
        action=CertificateAction.RENEW,
        from_status="",
        to_status=CertificateStatus.ISSUED,
        on_date=ctx.on_date,
        reason=f"换发（原证号{old.number}）",
        data={"replaces": old.pk},
        actor=ctx.actor,
    )
    reminders.open_expiry_deadline(new, actor=ctx.actor)
    review_due = effective_requirement(new.agency, (new.issued_on or ctx.on_date).year + 1).review_due
    reminders.open_review_deadline(new, set(), review_due, actor=ctx.actor)
    return new


def _json(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in data.items()}


def transition_certificate(
    certificate: Certificate,
    action: str,
    *,
    actor: Any,
    on_date: dt.date | None = None,
    reason: str = "",
    params: dict[str, Any] | None = None,
) -> Certificate:
    """Move ``certificate`` by ``action`` (one row of ``workflow.TRANSITIONS``).

    Raises NotAllowed (not an admin over the holder's agency), InvalidTransition (wrong state),
    GuardFailed (a guard refused; ``code`` = ``certificate.<guard>``). Nothing changes on refusal.
    Returns the locked, updated certificate (for 换发 the old one; the new one is in ``params["successor"]``).
    """
    if action not in TRANSITIONS or action == CertificateAction.APPLY:
        raise InvalidInput(f"未知的执法证操作：{action}")
    ctx = Context(on_date=on_date or timezone.localdate(), actor=actor, reason=reason, params=params or {})
    with transaction.atomic():
        cert = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("holder", "agency")
            .get(pk=certificate.pk)
        )
        label = cert.display_status(ctx.on_date)
        cert.status_changed_on = ctx.on_date
        from_state, to_status, data = CERTIFICATE_WORKFLOW.run(
            cert, action, ctx, state_label=label, extra_fields=["status_changed_on"]
        )
        from_status = from_state or ""
        CertificateEvent.objects.create(
            certificate=cert,
            action=action,
            from_status=from_status,
            to_status=to_status,
            on_date=ctx.on_date,
            reason=reason,
            data=_json(data),
            actor=actor,
        )
        _after(cert, action, from_status, ctx)
        successor = ctx.params.get("successor")
        if successor is not None:
            data["successor"] = successor.pk
        record_event(
            f"certificate.{action}",
            actor=actor,
            obj=cert,
            data={"from": from_status, "to": to_status, "on": ctx.on_date, "reason": reason, **data},
        )
    certificate.refresh_from_db()
    return cert


# --- the specific services -------------------------------------------------------------------------


def _require(value: Any, message: str, field_name: str) -> None:
    if value in (None, ""):
        raise InvalidInput(message, fields={field_name: [message]})


def apply_certificate(
    holder: User,
    *,
    actor: Any,
    applied_on: dt.date | None = None,
    areas: str = "",
    categories: str = "安全生产",
) -> Certificate:
    """申领: open an application for ``holder``. Refused when the holder already has a current certificate
    (InvalidTransition), is inactive or has no agency (GuardFailed), or the actor is not their admin (403)."""
    on = applied_on or timezone.localdate()
    transition = TRANSITIONS[CertificateAction.APPLY]
    with transaction.atomic():
        holder = User.objects.select_for_update(of=("self",)).select_related("agency").get(pk=holder.pk)
        if not can_manage_agency(actor, holder.agency):
            raise NotAllowed(NOT_ADMIN)
        current = Certificate.objects.filter(holder=holder).current().first()
        if current is not None and current.status not in transition.sources:
            raise InvalidTransition(
                f"{STATE_MESSAGES[CertificateAction.APPLY]}（现有证件状态：{current.display_status(on)}）"
            )
        draft = Certificate(holder=holder, agency=holder.agency, applied_on=on)
        ctx = Context(on_date=on, actor=actor)
        for name in transition.guards:
            message = GUARDS[name].check(draft, ctx)
            if message:
                raise GuardFailed(message, code=f"certificate.{name}")
        draft.areas = areas or (holder.agency.name if holder.agency else "")
        draft.categories = categories
        draft.status = str(transition.target)
        draft.status_changed_on = on
        draft.save()
        CertificateEvent.objects.create(
            certificate=draft, action=CertificateAction.APPLY, to_status=draft.status, on_date=on, actor=actor
        )
        record_event(
            "certificate.apply", actor=actor, obj=draft, data={"holder": holder.pk, "on": on.isoformat()}
        )
    return draft


def issue_certificate(
    certificate: Certificate,
    *,
    actor: Any,
    number: str,
    issuing_authority: str,
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    areas: str = "",
) -> Certificate:
    """核发: requires a passed 执法资格考试 within a year before ``issued_on``; expiry defaults to 5 years."""
    _require(number.strip(), "请填写证号", "number")
    _require(issuing_authority.strip(), "请填写发证机关", "issuing_authority")
    issued = issued_on or timezone.localdate()
    expires = expires_on or rules.default_expiry(issued)
    if expires <= issued:
        raise InvalidInput("有效期至须晚于发证日期", fields={"expires_on": ["有效期至须晚于发证日期"]})
    params = {
        "number": number.strip(),
        "issuing_authority": issuing_authority.strip(),
        "issued_on": issued,
        "expires_on": expires,
        "areas": areas,
    }
    return transition_certificate(
        certificate, CertificateAction.ISSUE, actor=actor, on_date=issued, params=params
    )


def record_annual_review(
    certificate: Certificate,
    *,
    actor: Any,
    year: int,
    result: str,
    reviewed_on: dt.date | None = None,
    remarks: str = "",
) -> AnnualReview:
    """年审 for ``year``: 合格 keeps the certificate issued; 不合格 suspends it (see ``training.workflow``)."""
    if result not in ReviewResult.values:
        raise InvalidInput("年审结论须为合格或不合格", fields={"result": ["无效的年审结论"]})
    params: dict[str, Any] = {"year": int(year), "result": result}
    transition_certificate(
        certificate,
        CertificateAction.ANNUAL_REVIEW,
        actor=actor,
        on_date=reviewed_on,
        reason=remarks,
        params=params,
    )
    review: AnnualReview = params["review"]
    return review


def renew_certificate(
    certificate: Certificate,
    *,
    actor: Any,
    number: str,
    issued_on: dt.date | None = None,
    expires_on: dt.date | None = None,
    issuing_authority: str = "",
    areas: str = "",
    reason: str = "换发",
) -> Certificate:
    """换发: cancel the old certificate and issue a new one linked by ``replaces``; returns the new one."""
    _require(number.strip(), "请填写新证号", "number")
    issued = issued_on or timezone.localdate()
    expires = expires_on or rules.default_expiry(issued)
    if expires <= issued:
        raise InvalidInput("有效期至须晚于发证日期", fields={"expires_on": ["有效期至须晚于发证日期"]})
    params: dict[str, Any] = {
        "number": number.strip(),
        "issued_on": issued,
        "expires_on": expires,
        "issuing_authority": issuing_authority.strip(),
        "areas": areas,
    }
    transition_certificate(
        certificate, CertificateAction.RENEW, actor=actor, on_date=issued, reason=reason, params=params
    )
    successor: Certificate = params["successor"]
    return successor


def suspend_certificate(
    certificate: Certificate,
    *,
    actor: Any,
    reason: str,
    suspended_from: dt.date | None = None,
    suspended_until: dt.date | None = None,
) -> Certificate:
    """暂扣 with a reason and period. The suspension lasts until ``lift_suspension`` even after the period."""
    _require(reason.strip(), "请填写暂扣原因", "reason")
    start = suspended_from or timezone.localdate()
    if suspended_until is not None and suspended_until < start:
        raise InvalidInput(
            "暂扣期限不能早于起始日期", fields={"suspended_until": ["暂扣期限不能早于起始日期"]}
        )
    params = {"suspended_from": start, "suspended_until": suspended_until}
    return transition_certificate(
        certificate,
        CertificateAction.SUSPEND,
        actor=actor,
        on_date=start,
        reason=reason.strip(),
        params=params,
    )


def lift_suspension(
    certificate: Certificate, *, actor: Any, on_date: dt.date | None = None, reason: str = ""
) -> Certificate:
    """解除暂扣 (after re-assessment): the certificate is issued again."""
    return transition_certificate(
        certificate, CertificateAction.LIFT_SUSPENSION, actor=actor, on_date=on_date, reason=reason
    )


def withdraw_certificate(
    certificate: Certificate, *, actor: Any, reason: str, on_date: dt.date | None = None
) -> Certificate:
    """收回 (retired, transferred, off an enforcement post, no enforcement for > 1 year … spec §9.1)."""
    _require(reason.strip(), "请填写收回原因", "reason")
    return transition_certificate(
        certificate, CertificateAction.WITHDRAW, actor=actor, on_date=on_date, reason=reason.strip()
    )


def cancel_certificate(
    certificate: Certificate, *, actor: Any, reason: str, on_date: dt.date | None = None
) -> Certificate:
    """注销 (final)."""
    _require(reason.strip(), "请填写注销原因", "reason")
    return transition_certificate(
        certificate, CertificateAction.CANCEL, actor=actor, on_date=on_date, reason=reason.strip()
    )
