"""送达 (spec §1.12) as a case action: ``serve`` records the service of an issued document — by default
every decision not served yet, else the 行政处罚告知书 — with the method the law allows, and:

- sets the decision's ``served_on`` (the day service counts: the receipt date for post, the arrival for
  electronic service, 30 days after publication for 公告送达) and closes its 7-working-day service
  deadline (行政处罚法 Art 61, 85), opened at the decision by ``open_service_deadlines``;
- for the 告知书 served later than issued, restarts the party's defence and hearing-request windows from
  its service (ERRATA: notice windows count from service);
- moves the case 已决定 → 执行中 once every decision in force is served (coarse statuses, ERRATA).

The moves run inside ``transition_case`` (one transaction, the case row locked, one audit event).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput
from enforcement.core.models import Deadline, DeadlineStatus, Document
from enforcement.core.registry import DeadlineKind
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.calendar import add as add_period
from enforcement.core.services.calendar import open_counted_deadline
from enforcement.core.services.deadlines import close_deadlines, restart_deadline

from ..choices import CaseStatus as S
from ..models import Case, CaseDecision, CaseEvidence, CaseService, ServedKind
from ..rules import service as rules
from ..workflow import NOTICE_STATES
from . import deadlines as dl
from . import documents
from .common import handlers_of

SERVE_DECISION = "CASE_SERVE_DECISION"
DEADLINE_KINDS = (
    DeadlineKind(
        SERVE_DECISION,
        "送达处罚决定书",
        "《中华人民共和国行政处罚法》第六十一条、第八十五条：当事人不在场的，七个工作日内送达",
        (3, 1, 0),
    ),
)
NOT_SERVED = frozenset({documents.DOC_FILING})  # internal forms: nothing to serve
NOTICE_WINDOWS = (dl.DEFENCE, dl.HEARING_REQUEST)
Message = str | None


def open_service_deadlines(case: Case, decisions: list[CaseDecision], actor: Any) -> None:
    """At ``decide``: one 7-working-day service deadline per decision (行政处罚法 Art 61 ¶1, Art 85)."""
    team = handlers_of(case)
    for d in decisions:
        open_counted_deadline(
            subject=d,
            kind=SERVE_DECISION,
            title=f"送达{d.get_kind_display()}书：{d.party_name}"[:200],
            agency_id=case.deciding_agency_id,
            length=rules.SERVE_DECISION_WORKING_DAYS,
            day_type=dl.WORKING,
            start_date=d.decided_on,
            basis=(
                f"行政处罚法第六十一条：当事人不在场的，自{d.decided_on.isoformat()}作出决定起"
                f"{rules.SERVE_DECISION_WORKING_DAYS}个工作日内依照民事诉讼法送达（第八十五条：工作日）"
            ),
            responsible=team,
            actor=actor,
        )


# --- what may be served ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    kind: str
    issued_on: dt.date
    label: str
    decision: CaseDecision | None = None
    document: Document | None = None


def _decision_target(d: CaseDecision) -> Target:
    return Target(
        ServedKind.DECISION,
        d.decided_on,
        d.number or f"{d.get_kind_display()}书（{d.party_name}）",
        d,
        d.document,
    )


def _notice_served(case: Case) -> bool:
    if case.notice_date is None:
        return True
    return CaseService.objects.filter(
        case=case, served_kind=ServedKind.NOTICE, served_date__gte=case.notice_date
    ).exists()


def _notice_document(case: Case) -> Document | None:
    return (
        Document.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk, kind=documents.DOC_NOTICE
        )
        .order_by("-issued_at", "-id")
        .first()
    )


def unserved_targets(case: Case) -> list[Target]:
    """The default of ``serve``: every decision in force not served yet; before the decision, the 告知书."""
    if case.status in NOTICE_STATES:
        if case.notice_date is None or _notice_served(case):
            return []
        return [
            Target(ServedKind.NOTICE, case.notice_date, "行政处罚告知书", document=_notice_document(case))
        ]
    decisions = list(case.decisions.filter(ended_on__isnull=True).select_related("document"))
    served = set(CaseService.objects.filter(decision__in=decisions).values_list("decision_id", flat=True))
    return [_decision_target(d) for d in decisions if d.pk not in served]


def _by_id(value: Any, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise InvalidInput(f"{label}编号无效", fields={label: ["编号无效"]})
    return int(value)


def resolve_targets(case: Case, params: dict[str, Any]) -> tuple[list[Target], Message]:
    """(targets, refusal). Unknown ids are bad input (400); a document served already is a refusal."""
    if params.get("decision") not in (None, ""):
        pk = _by_id(params["decision"], "decision")
        d = case.decisions.filter(pk=pk).select_related("document").first()
        if d is None:
            raise InvalidInput("本案没有该处罚决定", fields={"decision": ["本案没有该处罚决定"]})
        return [_decision_target(d)], _decision_refusal(d)
    if params.get("document") not in (None, ""):
        pk = _by_id(params["document"], "document")
        doc = Document.objects.filter(
            pk=pk, content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        ).first()
        if doc is None:
            raise InvalidInput("本案没有该文书", fields={"document": ["本案没有该文书"]})
        d = CaseDecision.objects.filter(document=doc).first()
        if d is not None:
            return [_decision_target(d)], _decision_refusal(d)
        if doc.kind in NOT_SERVED:
            return [], f"{doc.title}为内部审批文书，无需送达"
        issued = timezone.localtime(doc.issued_at).date()
        if doc.kind == documents.DOC_NOTICE:
            target = Target(ServedKind.NOTICE, case.notice_date or issued, doc.title, document=doc)
            return [target], ("该告知书已送达" if _notice_served(case) else None)
        served = CaseService.objects.filter(document=doc).exists()
        return [Target(ServedKind.OTHER, issued, doc.title, document=doc)], (
            "该文书已送达" if served else None
        )
    targets = unserved_targets(case)
    return targets, (None if targets else "本案没有待送达的文书")


def _decision_refusal(d: CaseDecision) -> Message:
    if d.ended_on is not None:
        return "该处罚决定已被撤销或确认无效，无需送达"
    if CaseService.objects.filter(decision=d).exists():
        return "该处罚决定书已送达"
    return None


# --- guards --------------------------------------------------------------------------------------------


def _g_something_to_serve(case: Case, ctx: Context) -> Message:
    if ctx.params.get("document") or ctx.params.get("decision"):
        return None  # a named document is judged by ``service_target``
    return None if unserved_targets(case) else "本案没有待送达的文书"


def _g_service_target(case: Case, ctx: Context) -> Message:
    targets, refusal = resolve_targets(case, ctx.params)
    ctx.params["_targets"] = targets
    return refusal


def _facts(ctx: Context, receipt: CaseEvidence | None) -> rules.ServiceFacts:
    p = ctx.params
    witnesses = p.get("witnesses") or []
    if isinstance(witnesses, str):
        witnesses = witnesses.replace("，", "、").replace(",", "、").split("、")
    return rules.ServiceFacts(
        method=str(p.get("method") or ""),
        served_date=p.get("date") or timezone.localdate(),
        recipient=str(p.get("recipient") or ""),
        witnesses=tuple(str(w).strip() for w in witnesses if str(w).strip()),
        has_record=receipt is not None or bool(p.get("receipt_file")),
        receipt_date=p.get("receipt_date"),
        consent_ref=str(p.get("consent_ref") or ""),
        consent_on=p.get("consent_on"),
        arrived_on=p.get("arrived_on"),
        entrusted_to=str(p.get("entrusted_to") or ""),
        published_on=p.get("published_on"),
        public_notice_reason=str(p.get("public_notice_reason") or ""),
    )


def _receipt(case: Case, params: dict[str, Any]) -> CaseEvidence | None:
    value = params.get("receipt")
    if value in (None, ""):
        return None
    item = CaseEvidence.objects.filter(
        case=case, pk=_by_id(value, "receipt"), superseded_at__isnull=True
    ).first()
    if item is None:
        raise InvalidInput("送达回执须为本案有效的证据", fields={"receipt": ["送达回执须为本案有效的证据"]})
    return item


def _g_service_method(case: Case, ctx: Context) -> Message:
    targets = ctx.params.get("_targets") or resolve_targets(case, ctx.params)[0]
    receipt = _receipt(case, ctx.params)
    issued = max((t.issued_on for t in targets), default=timezone.localdate())
    return rules.refusal(_facts(ctx, receipt), issued_on=issued, today=timezone.localdate())


GUARDS = (
    Guard("something_to_serve", _g_something_to_serve),
    Guard("service_target", _g_service_target, needs_input=True),
    Guard("service_method", _g_service_method, needs_input=True),
)


# --- the effect ----------------------------------------------------------------------------------------


def status_after_service(case: Case) -> str:
    """已决定 → 执行中 once every decision in force is served; otherwise the status stays."""
    if case.status != S.DECIDED:
        return case.status
    in_force = case.decisions.filter(ended_on__isnull=True)
    if in_force.exists() and not in_force.filter(served_on__isnull=True).exists():
        return S.EXECUTING
    return case.status


def _restart_notice_windows(case: Case, served_on: dt.date, actor: Any) -> list[str]:
    rows = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Case),
        object_id=case.pk,
        kind__in=NOTICE_WINDOWS,
        status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE, DeadlineStatus.SUSPENDED],
        start_date__lt=served_on,
    ).order_by("id")
    moved = []
    for d in rows:
        assert d.length is not None
        due = add_period(served_on, d.length, d.day_type)
        basis = d.basis.replace(d.start_date.isoformat(), served_on.isoformat())
        restart_deadline(d, start_date=served_on, due_date=due.due, basis=basis, actor=actor)
        moved.append(d.kind)
    return moved


def _store_receipt(case: Case, ctx: Context) -> CaseEvidence | None:
    upload = ctx.params.get("receipt_file")
    if not upload:
        return _receipt(case, ctx.params)
    from .evidence import add_evidence

    return add_evidence(
        case,
        actor=ctx.actor,
        file=upload,
        kind="documentary",
        description="送达回执",
        place=str(ctx.params.get("place") or ""),
    )


def e_serve(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    p = ctx.params
    targets: list[Target] = p.get("_targets") or resolve_targets(case, p)[0]
    receipt = _store_receipt(case, ctx)
    facts = _facts(ctx, receipt)
    effective = rules.effective_date(facts)
    served, moved = [], []
    for target in targets:
        CaseService.objects.create(
            case=case,
            served_kind=target.kind,
            document=target.document,
            decision=target.decision,
            method=facts.method,
            served_date=facts.served_date,
            recipient=facts.recipient.strip()[:100],
            recipient_relation=str(p.get("recipient_relation") or "")[:50],
            place=str(p.get("place") or "")[:200],
            witnesses=list(facts.witnesses),
            refusal_note=str(p.get("refusal_note") or "")[:300],
            receipt_date=facts.receipt_date,
            tracking_number=str(p.get("tracking_number") or "")[:50],
            consent_ref=facts.consent_ref[:200],
            consent_on=facts.consent_on,
            electronic_address=str(p.get("electronic_address") or "")[:200],
            arrived_on=facts.arrived_on or (facts.served_date if facts.method == rules.ELECTRONIC else None),
            entrusted_to=facts.entrusted_to[:200],
            published_on=(facts.published_on or facts.served_date)
            if facts.method == rules.PUBLIC_NOTICE
            else None,
            publication_medium=str(p.get("publication_medium") or "")[:200],
            public_notice_reason=facts.public_notice_reason[:300],
            receipt=receipt,
            effective_on=effective.day,
            basis=effective.basis[:300],
            recorded_by=ctx.actor,
        )
        if target.decision is not None:
            target.decision.served_on = effective.day
            target.decision.save(update_fields=["served_on"])
            close_deadlines(subject=target.decision, kind=SERVE_DECISION, actor=ctx.actor)
        if target.kind == ServedKind.NOTICE:
            moved += _restart_notice_windows(case, effective.day, ctx.actor)
        served.append(target.label)
    data: dict[str, Any] = {
        "method": facts.method,
        "served": served,
        "effective_on": effective.day.isoformat(),
        "decisions": [t.decision.pk for t in targets if t.decision is not None],
    }
    if receipt is not None:
        data["evidence"] = receipt.pk
    if moved:
        data["restarted"] = moved
    return status_after_service(case), [], data
