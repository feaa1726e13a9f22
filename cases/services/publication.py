"""公示 of penalty decisions (spec §1.15, §5 PUBLISH_PENALTY / UNPUBLISH): the 7-working-day publication
deadline opened with each penalty decision; ``publish`` (case action, per decision) puts the masked text on
/public/ for the agency's publication period; ``withdraw_publication`` (case action) and the system's
withdrawals (period over, approved credit repair) take the page down and keep the record; a decision that a
remedy changed, revoked or voided must be withdrawn within 3 working days with the explanation
(``on_decision_changed``, and the daily sweep that finds such decisions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from enforcement.core.models import Deadline, DeadlineStatus
from enforcement.core.registry import DeadlineKind
from enforcement.core.rules.calendar import shift_months
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.audit import record_event
from enforcement.core.services.calendar import open_counted_deadline
from enforcement.core.services.deadlines import close_deadlines

from ..choices import CaseAction as A
from ..choices import PartyKind
from ..models import Case, CaseDecision, DecisionKind, DecisionParty, DisclosurePolicy, Publication
from ..models import WithdrawalKind as W
from ..rules import masking
from .common import handlers_of, heads_of

PUBLISH = "CASE_PUBLISH"
UNPUBLISH = "CASE_UNPUBLISH"
PUBLISH_BASIS = "《中华人民共和国安全生产法》第七十八条第二款（七个工作日内公示）"
UNPUBLISH_BASIS = "《中华人民共和国行政处罚法》第四十八条第二款、第八十五条（三日内撤回并说明理由）"
DEADLINE_KINDS = (
    DeadlineKind(PUBLISH, "公示行政处罚决定", PUBLISH_BASIS, (3, 1, 0)),
    DeadlineKind(UNPUBLISH, "撤回已公示的处罚决定", UNPUBLISH_BASIS, (1, 0)),
)
CATCH_UP_DAYS = 60  # the daily sweep looks this far back for decisions missing their deadline


def policy_for(agency_id: int) -> DisclosurePolicy:
    found = DisclosurePolicy.objects.filter(agency_id=agency_id).first()
    return found if found is not None else DisclosurePolicy(agency_id=agency_id)


def _subject_q(decision_ids: Any, kind: str) -> Any:
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(CaseDecision), object_id__in=decision_ids, kind=kind
    )


def open_publish_deadline(decision: CaseDecision, *, actor: Any) -> Any:
    """PUBLISH_PENALTY: 7 working days from the decision (the day after counts first). Penalty decisions
    only; called with the decision (``decisions.record_decisions``) and by the daily catch-up."""
    if decision.kind != DecisionKind.PENALTY:
        return None
    case = decision.case
    return open_counted_deadline(
        subject=decision,
        kind=PUBLISH,
        title=f"公示处罚决定：{decision.number or decision.party_name}（{case.title}）"[:200],
        agency_id=case.deciding_agency_id,
        length=7,
        day_type="working",
        start_date=decision.decided_on,
        basis=f"{decision.decided_on.isoformat()}作出决定起7个工作日（安全生产法第七十八条第二款）",
        responsible=handlers_of(case),
        actor=actor,
    )


# --- the public text -------------------------------------------------------------------------------


def _person_names(case: Case) -> list[str]:
    names = [case.party_name] if case.party_kind == PartyKind.PERSON else []
    if case.party_representative:
        names.append(case.party_representative)
    for v in case.violations.all():
        for f in v.decided_fines or v.fines:
            if f.get("person"):
                names.append(f["person"])
    return names


def public_text(decision: CaseDecision) -> dict[str, Any]:
    """The fields of the publication (spec §1.15: agency, party, facts, category, conclusion), masked."""
    case = decision.case
    names = _person_names(case)
    addresses = [case.party_address] if case.party_address else []

    def m(text: str) -> str:
        return masking.mask_text(text, names=names, addresses=addresses)

    natural = decision.party_role == DecisionParty.PERSON or case.party_kind == PartyKind.PERSON
    party = masking.mask_name(decision.party_name) if natural else decision.party_name
    basis = []
    for v in case.violations.all():
        basis += [str(b) for b in (v.snapshot.get("basis") or [])] or [v.violation_name]
    penalty = [f"罚款人民币{decision.amount}元"] if decision.amount else []
    penalty += [str(x) for x in decision.measures]
    return {
        "title": f"{party}{case.cause}行政处罚决定"[:300],
        "party": party,
        "number": decision.number,
        "facts": m(case.facts or case.cause),
        "basis": m("；".join(dict.fromkeys(basis))),
        "penalty": m("，".join(penalty) or "—"),
        "agency_name": case.deciding_agency.name,
        "decided_on": decision.decided_on,
    }


# --- guards and effects of the case actions -----------------------------------------------------------


def _decision_of(case: Case, ctx: Context) -> CaseDecision | None:
    given = ctx.params.get("decision")
    raw: Any = getattr(given, "pk", given)
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return CaseDecision.objects.filter(case_id=case.pk, pk=pk).first()


def _publishable(case: Case) -> Any:
    live = Publication.objects.live().filter(decision=OuterRef("pk"))
    return CaseDecision.objects.filter(
        case_id=case.pk, kind=DecisionKind.PENALTY, ended_on__isnull=True
    ).exclude(Exists(live))


def _g_something_to_publish(case: Case, ctx: Context) -> str | None:
    return None if _publishable(case).exists() else "本案没有待公示的行政处罚决定"


def _publish_day(ctx: Context) -> dt.date:
    given = ctx.params.get("date")
    return given if isinstance(given, dt.date) else ctx.on_date


def _g_publish_input(case: Case, ctx: Context) -> str | None:
    decision = _decision_of(case, ctx)
    if decision is not None and not decision.decided_on <= _publish_day(ctx) <= timezone.localdate():
        return "公示日期不能早于决定日，也不能晚于今天"
    if decision is None:
        return "请选择本案的一份处罚决定"
    if decision.kind != DecisionKind.PENALTY:
        return "不予行政处罚决定不予公示（安全生产法第七十八条公示的是行政处罚决定）"
    if decision.ended_on is not None:
        return "该决定已被撤销或确认无效，不能公示（行政处罚法第四十八条第二款）"
    if Publication.objects.live().filter(decision=decision).exists():
        return "该决定已在公示中"
    return None


def _g_something_published(case: Case, ctx: Context) -> str | None:
    live = Publication.objects.live().filter(decision__case_id=case.pk).exists()
    return None if live else "本案没有正在公示的处罚决定"


def _g_withdraw_input(case: Case, ctx: Context) -> str | None:
    decision = _decision_of(case, ctx)
    if decision is None:
        return "请选择本案的一份处罚决定"
    if not Publication.objects.live().filter(decision=decision).exists():
        return "该决定没有正在公示的信息"
    if not str(ctx.params.get("reason") or "").strip():
        return "请说明撤回公示的理由（行政处罚法第四十八条第二款）"
    return None


GUARDS: dict[str, Guard] = {
    g.name: g
    for g in (
        Guard("something_to_publish", _g_something_to_publish),
        Guard("publish_input", _g_publish_input, needs_input=True),
        Guard("something_published", _g_something_published),
        Guard("withdraw_input", _g_withdraw_input, needs_input=True),
    )
}


def publish(decision: CaseDecision, *, actor: Any, on: dt.date) -> Publication:
    """Inside the ``publish`` move (the case row locked): the publication row and the deadline met. (The
    credit push happened with the decision, ``credit.push_decision``; the daily job catches up any miss.)"""
    case = decision.case
    policy = policy_for(case.deciding_agency_id)
    natural = decision.party_role == DecisionParty.PERSON or case.party_kind == PartyKind.PERSON
    months = policy.person_months if natural else policy.unit_months
    pub = Publication.objects.create(
        decision=decision,
        agency_id=case.deciding_agency_id,
        year=decision.decided_on.year,
        amount=decision.amount,
        published_on=on,
        published_by=actor,
        ends_on=shift_months(on, months),
        **public_text(decision),
    )
    close_deadlines(subject=decision, kind=PUBLISH, actor=actor)
    return pub


def _e_publish(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    decision = _decision_of(case, ctx)
    assert decision is not None
    pub = publish(decision, actor=ctx.actor, on=_publish_day(ctx))
    data = {
        "decision": decision.pk,
        "publication": pub.pk,
        "number": decision.number,
        "ends_on": pub.ends_on.isoformat(),
    }
    return case.status, [], data


def withdraw(
    pub: Publication, *, actor: Any, kind: str, reason: str, on: dt.date | None = None
) -> Publication:
    """Take one publication down (the row stays: who, when, why); meets an open withdrawal deadline.
    Callers hold the transaction; the system withdrawals (``actor`` None) write their own audit event."""
    pub.withdrawn_on = on or timezone.localdate()
    pub.withdrawn_at = timezone.now()
    pub.withdrawn_by = actor if getattr(actor, "pk", None) else None
    pub.withdrawal_kind, pub.withdrawal_reason = kind, reason.strip()[:500]
    pub.save(
        update_fields=["withdrawn_on", "withdrawn_at", "withdrawn_by", "withdrawal_kind", "withdrawal_reason"]
    )
    close_deadlines(subject=pub.decision, kind=UNPUBLISH, actor=actor)
    return pub


def _e_withdraw(case: Case, ctx: Context, t: Transition) -> tuple[str, list[str], dict[str, Any]]:
    decision = _decision_of(case, ctx)
    assert decision is not None
    pub = Publication.objects.live().select_for_update().get(decision=decision)
    changed = decision.ended_on is not None or decision.amount != pub.amount
    kind = W.DECISION_CHANGED if changed else W.MANUAL
    withdraw(pub, actor=ctx.actor, kind=kind, reason=str(ctx.params["reason"]), on=ctx.on_date)
    data = {"decision": decision.pk, "publication": pub.pk, "reason": pub.withdrawal_reason, "kind": kind}
    return case.status, [], data


EFFECTS: dict[str, Any] = {A.PUBLISH: _e_publish, A.WITHDRAW_PUBLICATION: _e_withdraw}


# --- system withdrawals and the daily sweep ----------------------------------------------------------------


def withdraw_by_system(pub: Publication, *, kind: str, reason: str, actor: Any = None) -> Publication:
    with transaction.atomic():
        locked = Publication.objects.select_for_update().select_related("decision").get(pk=pub.pk)
        if locked.withdrawn_at is not None:
            return locked
        withdraw(locked, actor=actor, kind=kind, reason=reason)
        record_event(
            "publication.withdraw",
            actor=actor,
            obj=locked.decision.case,
            data={"decision": locked.decision_id, "publication": locked.pk, "kind": kind, "reason": reason},
        )
    return locked


def on_decision_changed(decision: CaseDecision, *, actor: Any, reason: str) -> Any:
    """A remedy outcome changed, revoked or voided ``decision``: when it is on /public/, the handlers must
    withdraw it with the explanation within 3 working days (行政处罚法 Art 48 ¶2, Art 85). Opens that
    deadline once (returns it, or None when nothing is published or it is already open)."""
    if not Publication.objects.live().filter(decision=decision).exists():
        return None
    if (
        _subject_q([decision.pk], UNPUBLISH)
        .filter(status__in=[DeadlineStatus.OPEN, DeadlineStatus.OVERDUE])
        .exists()
    ):
        return None
    case = decision.case
    today = timezone.localdate()
    with transaction.atomic():
        deadline = open_counted_deadline(
            subject=decision,
            kind=UNPUBLISH,
            title=f"撤回公示：{decision.number or decision.party_name}（{reason}）"[:200],
            agency_id=case.deciding_agency_id,
            length=3,
            day_type="working",
            start_date=today,
            basis=f"{today.isoformat()}决定变更/撤销/无效：{reason}；三个工作日内撤回并说明理由（行政处罚法第四十八条）",
            responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
            actor=actor,
        )
        record_event(
            "publication.withdrawal_due",
            actor=actor,
            obj=case,
            data={"decision": decision.pk, "reason": reason, "due_date": deadline.due_date.isoformat()},
        )
    return deadline


def run_daily(today: dt.date) -> dict[str, int]:
    """The daily publication job (idempotent): withdraw publications whose period is over; open the
    withdrawal deadline for published decisions since ended or varied; open missing 7-day deadlines."""
    ended = 0
    for pub in Publication.objects.live().filter(ends_on__lt=today).order_by("id")[:1000]:
        withdraw_by_system(pub, kind=W.PERIOD_END, reason=f"公示期于{pub.ends_on.isoformat()}届满")
        ended += 1
    changed = 0
    live = Publication.objects.live()
    stale = live.filter(decision__ended_on__isnull=False) | live.exclude(amount=F("decision__amount"))
    for pub in stale.select_related("decision", "decision__case").order_by("id")[:1000]:
        d = pub.decision
        why = d.ended_reason or (
            f"罚款金额由{pub.amount}元变更为{d.amount}元" if d.amount != pub.amount else "决定变更"
        )
        if on_decision_changed(d, actor=None, reason=why) is not None:
            changed += 1
    ct = ContentType.objects.get_for_model(CaseDecision)
    has_deadline = Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), kind=PUBLISH)
    missing = (
        CaseDecision.objects.filter(
            kind=DecisionKind.PENALTY,
            ended_on__isnull=True,
            decided_on__gte=today - dt.timedelta(days=CATCH_UP_DAYS),
        )
        .exclude(Exists(has_deadline))
        .exclude(Exists(Publication.objects.filter(decision=OuterRef("pk"))))
        .select_related("case", "case__deciding_agency")
    )
    opened = 0
    for decision in missing.order_by("id")[:1000]:
        with transaction.atomic():
            open_publish_deadline(decision, actor=None)
        opened += 1
    return {"period_ended": ended, "withdrawal_due": changed, "publish_deadlines": opened}
