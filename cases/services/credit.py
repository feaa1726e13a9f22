"""信用 services (spec §12; ERRATA): pushing a penalty decision to the credit records is automatic (with
the decision and again, idempotently, at publication); listing an enterprise as 严重失信主体 is its own
procedure on the core workflow engine — 告知 (handler) → 列入决定 (head) → 送达 (handler) → 异议 (handler
records it) → 异议处理 (head) — and 信用修复 is applied for by the party (recorded by a handler) and
decided by the head; an approved repair ends the record's display and withdraws the decision's publication.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from enforcement.core.exceptions import GuardFailed, InvalidInput, NotAllowed
from enforcement.core.models import Enterprise
from enforcement.core.models.enterprise import CreditStatus
from enforcement.core.rules.calendar import shift_months
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.audit import record_event
from enforcement.core.services.workflow import Workflow

from ..models import (
    CaseDecision,
    CreditKind,
    CreditRecord,
    CreditRepair,
    DecisionKind,
    DecisionParty,
    DishonestyListing,
    ListingStatus,
    Publication,
    RepairStatus,
    WithdrawalKind,
)
from .common import is_handler, is_head

PENALTY_BASIS = "《中华人民共和国安全生产法》第七十八条；行政处罚信息推送信用信息共享平台"
LISTING_BASIS = "《安全生产严重失信主体名单管理办法》（应急管理部令第11号）"
LISTING_MONTHS = 36  # management period 3 years (spec §5 CREDIT_EARLY_EXIT)
EARLY_EXIT_MONTHS = 12  # early removal may be applied for after 12 months
JOINT_PUNISHMENTS = "加大执法检查频次；限制新增项目审批核准；限制参与评先评优；通报有关部门和金融机构（安全生产法第七十八条第一款）"


def _enterprise_of(decision: CaseDecision) -> Any:
    case = decision.case
    if decision.kind != DecisionKind.PENALTY or decision.party_role != DecisionParty.PARTY:
        return None
    return case.enterprise_id


def push_decision(decision: CaseDecision, *, actor: Any) -> CreditRecord | None:
    """行政处罚信息 of a penalty decision against an enterprise (once per decision; natural persons and
    decisions without a registered enterprise are not enterprise credit records)."""
    from .publication import policy_for

    enterprise_id = _enterprise_of(decision)
    if enterprise_id is None:
        return None
    found = CreditRecord.objects.filter(decision=decision, kind=CreditKind.PENALTY_INFO).first()
    if found is not None:
        return found
    case = decision.case
    months = policy_for(case.deciding_agency_id).credit_display_months
    record = CreditRecord.objects.create(
        enterprise_id=enterprise_id,
        agency_id=case.deciding_agency_id,
        decision=decision,
        kind=CreditKind.PENALTY_INFO,
        title=f"{decision.number or '行政处罚决定'}：{case.cause}"[:300],
        legal_basis=PENALTY_BASIS,
        starts_on=decision.decided_on,
        ends_on=shift_months(decision.decided_on, months),
    )
    record_event(
        "credit.push",
        actor=actor,
        obj=case,
        data={
            "decision": decision.pk,
            "record": record.pk,
            "kind": record.kind,
            "end_date": str(record.ends_on),
        },
    )
    return record


def push_missing(today: dt.date, *, days: int = 60) -> int:
    """The daily catch-up: penalty decisions against enterprises of the last ``days`` without their record."""
    pushed = CreditRecord.objects.filter(decision=OuterRef("pk"), kind=CreditKind.PENALTY_INFO)
    rows = (
        CaseDecision.objects.filter(
            kind=DecisionKind.PENALTY,
            party_role=DecisionParty.PARTY,
            case__enterprise__isnull=False,
            decided_on__gte=today - dt.timedelta(days=days),
        )
        .exclude(Exists(pushed))
        .select_related("case")
        .order_by("id")[:1000]
    )
    n = 0
    for decision in rows:
        with transaction.atomic():
            n += push_decision(decision, actor=None) is not None
    return n


# --- the serious-dishonesty listing --------------------------------------------------------------------


def _case(listing: DishonestyListing) -> Any:
    return listing.decision.case


def _who_handler(user: Any, listing: DishonestyListing) -> bool:
    return is_handler(user, _case(listing))


def _who_head(user: Any, listing: DishonestyListing) -> bool:
    return is_head(user, _case(listing))


def _text(key: str, label: str) -> Guard:
    def check(listing: DishonestyListing, ctx: Context) -> str | None:
        return None if str(ctx.params.get(key) or "").strip() else f"请填写{label}"

    return Guard(f"{key}_given", check, needs_input=True)


def _g_date(listing: DishonestyListing, ctx: Context) -> str | None:
    if ctx.on_date > timezone.localdate():
        return "日期不能晚于今天"
    last = max(
        d for d in (listing.notice_on, listing.decided_on, listing.served_on, listing.objection_on) if d
    )
    return f"日期不能早于上一步骤的日期（{last.isoformat()}）" if ctx.on_date < last else None


def _g_outcome(listing: DishonestyListing, ctx: Context) -> str | None:
    return None if ctx.params.get("upheld") in (True, False) else "请选择异议是否成立"


def _e_decide(
    listing: DishonestyListing, ctx: Context, t: Transition
) -> tuple[str, list[str], dict[str, Any]]:
    listing.decided_on, listing.decision_text = ctx.on_date, str(ctx.params["decision_text"]).strip()
    listing.ends_on = shift_months(ctx.on_date, LISTING_MONTHS)
    return (
        ListingStatus.DECIDED,
        ["decided_on", "decision_text", "ends_on"],
        {"end_date": listing.ends_on.isoformat()},
    )


def _set_credit_status(enterprise_id: int, *, listing: DishonestyListing | None = None) -> None:
    """严重失信 while a served listing stands; ``listing`` is the one being moved (its new status not saved
    yet), judged by its in-memory status."""
    live = [ListingStatus.SERVED, ListingStatus.OBJECTED]
    others = DishonestyListing.objects.filter(enterprise_id=enterprise_id, status__in=live)
    if listing is not None:
        others = others.exclude(pk=listing.pk)
    listed = others.exists() or (listing is not None and listing.status in live)
    Enterprise.objects.filter(pk=enterprise_id).update(
        credit_status=CreditStatus.DISHONEST if listed else CreditStatus.NORMAL
    )


def _e_serve(
    listing: DishonestyListing, ctx: Context, t: Transition
) -> tuple[str, list[str], dict[str, Any]]:
    """The listing takes effect on service: the 名单 entry and the 联合惩戒 entry, counted from the decision."""
    listing.served_on = ctx.on_date
    assert listing.decided_on is not None
    made = []
    for kind, title, basis in (
        (CreditKind.DISHONEST_LIST, f"列入安全生产严重失信主体名单：{listing.situation}", LISTING_BASIS),
        (
            CreditKind.JOINT_PUNISHMENT,
            JOINT_PUNISHMENTS,
            "《中华人民共和国安全生产法》第七十八条第一款；" + LISTING_BASIS,
        ),
    ):
        made.append(
            CreditRecord.objects.create(
                enterprise_id=listing.enterprise_id,
                agency_id=_case(listing).deciding_agency_id,
                decision=listing.decision,
                listing=listing,
                kind=kind,
                title=title[:300],
                legal_basis=basis[:300],
                starts_on=listing.decided_on,
                ends_on=listing.ends_on,
            ).pk
        )
    listing.status = ListingStatus.SERVED
    _set_credit_status(listing.enterprise_id, listing=listing)
    return ListingStatus.SERVED, ["served_on"], {"records": made}


def _e_objection(
    listing: DishonestyListing, ctx: Context, t: Transition
) -> tuple[str, list[str], dict[str, Any]]:
    listing.objection_on, listing.objection_text = ctx.on_date, str(ctx.params["objection_text"]).strip()
    return ListingStatus.OBJECTED, ["objection_on", "objection_text"], {}


def _e_decide_objection(
    listing: DishonestyListing, ctx: Context, t: Transition
) -> tuple[str, list[str], dict[str, Any]]:
    upheld = bool(ctx.params["upheld"])  # the objection is well founded
    listing.objection_result = str(ctx.params["objection_result"]).strip()
    to = ListingStatus.REVOKED if upheld else ListingStatus.SERVED
    if upheld:
        listing.records.filter(ended_on__isnull=True).update(
            ended_on=ctx.on_date, ended_reason="异议成立，撤销列入"
        )
    listing.status = to
    _set_credit_status(listing.enterprise_id, listing=listing)
    return to, ["objection_result"], {"upheld": upheld}


LISTING_WORKFLOW = Workflow(
    name="credit_listing",
    transitions=(
        Transition(
            "decide",
            frozenset({ListingStatus.NOTICED}),
            ListingStatus.DECIDED,
            ("head",),
            guards=("date", "decision_text_given"),
            label="作出列入决定",
        ),
        Transition(
            "serve",
            frozenset({ListingStatus.DECIDED}),
            ListingStatus.SERVED,
            ("handler",),
            guards=("date",),
            label="送达列入决定",
        ),
        Transition(
            "record_objection",
            frozenset({ListingStatus.SERVED}),
            ListingStatus.OBJECTED,
            ("handler",),
            guards=("date", "objection_text_given"),
            label="记录异议",
        ),
        Transition(
            "decide_objection",
            frozenset({ListingStatus.OBJECTED}),
            ListingStatus.SERVED,
            ("head",),
            guards=("date", "outcome", "objection_result_given"),
            alt_targets=(ListingStatus.REVOKED,),
            label="异议处理",
        ),
    ),
    who={"handler": _who_handler, "head": _who_head},
    guards={
        "date": Guard("date", _g_date, needs_input=True),
        "outcome": Guard("outcome", _g_outcome, needs_input=True),
        **{
            g.name: g
            for g in (
                _text("decision_text", "列入决定书内容"),
                _text("objection_text", "异议内容"),
                _text("objection_result", "异议处理结果"),
            )
        },
    },
    effects={
        "decide": _e_decide,
        "serve": _e_serve,
        "record_objection": _e_objection,
        "decide_objection": _e_decide_objection,
    },
    not_allowed="您不是该案承办人或本机关负责人，无权办理此事项",
)
LISTING_LABELS = {t.action: t.label for t in LISTING_WORKFLOW.transitions}


def notify_listing(
    decision: CaseDecision, *, actor: Any, situation: str, notice_text: str, on: dt.date | None = None
) -> DishonestyListing:
    """告知 the enterprise that it is to be listed (the first step; a handler of the decision's case)."""
    on = on or timezone.localdate()
    case = decision.case
    if not is_handler(actor, case):
        raise NotAllowed("只有本案承办人可以告知拟列入严重失信主体名单")
    if decision.kind != DecisionKind.PENALTY or decision.ended_on is not None:
        raise GuardFailed(
            "只有有效的行政处罚决定可以作为列入严重失信主体名单的依据", code="credit_listing.decision"
        )
    if _enterprise_of(decision) is None:
        raise GuardFailed("该决定的当事人不是登记的生产经营单位", code="credit_listing.enterprise")
    if not situation.strip() or not notice_text.strip():
        raise InvalidInput("请填写列入情形和告知内容")
    if on > timezone.localdate() or on < decision.decided_on:
        raise InvalidInput("告知日期不能晚于今天或早于处罚决定日")
    open_ = DishonestyListing.objects.filter(decision=decision).exclude(
        status__in=[ListingStatus.REVOKED, ListingStatus.ENDED]
    )
    if open_.exists():
        raise GuardFailed("该决定已在列入程序中", code="credit_listing.open")
    with transaction.atomic():
        listing = DishonestyListing.objects.create(
            decision=decision,
            enterprise_id=_enterprise_of(decision),
            situation=situation.strip()[:300],
            notice_on=on,
            notice_text=notice_text.strip(),
            created_by=actor,
        )
        record_event(
            "credit.listing_notice",
            actor=actor,
            obj=case,
            data={"listing": listing.pk, "decision": decision.pk},
        )
    return listing


def move_listing(
    listing: DishonestyListing, action: str, *, actor: Any, params: dict[str, Any] | None = None
) -> DishonestyListing:
    p = dict(params or {})
    given = p.get("date")
    on = given if isinstance(given, dt.date) else timezone.localdate()
    ctx = Context(actor=actor, on_date=on, params=p)
    with transaction.atomic():
        locked = (
            DishonestyListing.objects.select_for_update()
            .select_related("decision__case__deciding_agency")
            .get(pk=listing.pk)
        )
        before, after, data = LISTING_WORKFLOW.run(locked, action, ctx)
        record_event(
            f"credit.listing_{action}",
            actor=actor,
            obj=locked.decision.case,
            data={"listing": locked.pk, "from": before, "to": after, **data},
        )
    return locked


# --- credit repair ----------------------------------------------------------------------------------------


def request_repair(
    record: CreditRecord, *, actor: Any, applicant: str, reason: str, evidence: str, on: dt.date | None = None
) -> CreditRepair:
    """Record the party's 信用修复 application (a handler of the source case)."""
    from .publication import policy_for

    on = on or timezone.localdate()
    case = record.decision.case
    if not is_handler(actor, case):
        raise NotAllowed("只有本案承办人可以登记信用修复申请")
    if not (applicant.strip() and reason.strip() and evidence.strip()):
        raise InvalidInput("请填写申请人、申请理由和证明材料")
    if record.ended_on is not None or (record.ends_on is not None and record.ends_on < on):
        raise GuardFailed("该信用记录已不再公示，无需修复", code="credit_repair.ended")
    months = (
        EARLY_EXIT_MONTHS
        if record.kind != CreditKind.PENALTY_INFO
        else policy_for(record.agency_id).repair_after_months
    )
    earliest = shift_months(record.starts_on, months)
    if on < earliest:
        raise GuardFailed(
            f"最短公示期{months}个月未满，{earliest.isoformat()}起方可申请信用修复",
            code="credit_repair.too_early",
        )
    if record.repairs.filter(status=RepairStatus.PENDING).exists():
        raise GuardFailed("该记录已有待审核的信用修复申请", code="credit_repair.pending")
    with transaction.atomic():
        repair = CreditRepair.objects.create(
            record=record,
            applied_on=on,
            applicant=applicant.strip()[:200],
            reason=reason.strip(),
            evidence=evidence.strip(),
            recorded_by=actor,
        )
        record_event(
            "credit.repair_request", actor=actor, obj=case, data={"record": record.pk, "repair": repair.pk}
        )
    return repair


def decide_repair(
    repair: CreditRepair, *, actor: Any, approved: bool, opinion: str, on: dt.date | None = None
) -> CreditRepair:
    """The head's outcome. Approved: the record (and, for a listing, its sibling entries and the listing)
    ends today and the decision's live publication is withdrawn."""
    from .publication import withdraw

    on = on or timezone.localdate()
    with transaction.atomic():
        locked = (
            CreditRepair.objects.select_for_update()
            .select_related("record__decision__case")
            .get(pk=repair.pk)
        )
        record = locked.record
        case = record.decision.case
        if not is_head(actor, case):
            raise NotAllowed("只有本机关负责人可以审核信用修复申请")
        if locked.status != RepairStatus.PENDING:
            raise GuardFailed("该申请已审核", code="credit_repair.decided")
        if not opinion.strip():
            raise InvalidInput("请填写审核意见")
        if on > timezone.localdate() or on < locked.applied_on:
            raise InvalidInput("审核日期不能晚于今天或早于申请日")
        locked.status = RepairStatus.APPROVED if approved else RepairStatus.REJECTED
        locked.decided_on, locked.decided_by, locked.opinion = on, actor, opinion.strip()
        locked.save(update_fields=["status", "decided_on", "decided_by", "opinion"])
        data: dict[str, Any] = {"record": record.pk, "repair": locked.pk, "approved": approved}
        if approved:
            ended = CreditRecord.objects.filter(pk=record.pk, ended_on__isnull=True)
            if record.listing_id:
                ended = CreditRecord.objects.filter(listing_id=record.listing_id, ended_on__isnull=True)
                DishonestyListing.objects.filter(pk=record.listing_id).update(status=ListingStatus.ENDED)
                _set_credit_status(record.enterprise_id)
            ended.update(ended_on=on, ended_reason="信用修复")
            # the decision's publication goes with its penalty information (a listing's early removal
            # leaves the penalty decision's own publication alone)
            pub = None
            if record.kind == CreditKind.PENALTY_INFO:
                pub = Publication.objects.live().select_for_update().filter(decision=record.decision).first()
            if pub is not None:
                withdraw(
                    pub,
                    actor=actor,
                    kind=WithdrawalKind.CREDIT_REPAIR,
                    reason=f"信用修复：{opinion.strip()}",
                    on=on,
                )
                data["publication"] = pub.pk
        record_event("credit.repair_decide", actor=actor, obj=case, data=data)
    return locked


def end_listings(today: dt.date) -> int:
    """Daily: listings whose 3-year management period is over leave the list."""
    n = 0
    for listing in DishonestyListing.objects.filter(status=ListingStatus.SERVED, ends_on__lt=today).order_by(
        "id"
    )[:1000]:
        with transaction.atomic():
            DishonestyListing.objects.filter(pk=listing.pk).update(status=ListingStatus.ENDED)
            _set_credit_status(listing.enterprise_id)
            record_event("credit.listing_end", obj=listing.decision.case, data={"listing": listing.pk})
        n += 1
    return n


def enterprise_panel(request: Any, enterprise: Any) -> dict[str, Any]:
    """The enterprise page's credit history: only records of decisions whose case the viewer may see."""
    today = timezone.localdate()
    rows = list(
        CreditRecord.objects.visible_to(request.user)
        .filter(enterprise=enterprise)
        .select_related("decision")
        .order_by("-starts_on", "-id")[:50]
    )
    for r in rows:
        shown = r.ended_on is None and (r.ends_on is None or r.ends_on >= today) and r.starts_on <= today
        r.shown = shown  # type: ignore[attr-defined]  # a display flag for the panel
    return {"credit_records": rows}
