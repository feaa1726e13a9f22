"""结案 and 归档 as moves of the case workflow (guards and effects, merged into the case table by
``cases.services.workflow``), and what may still happen to an archived file: supplements (a later fact
appended, the dossier re-issued with a new hash — ERRATA) and borrowing with the head's approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Deadline, DeadlineStatus
from enforcement.core.rules.workflow import Context, Guard, Transition
from enforcement.core.services.audit import record_event
from enforcement.core.services.deadlines import close_deadline

from ..choices import CaseStatus as S
from ..models import (
    BorrowingStatus,
    Case,
    CaseBorrowing,
    CaseClosure,
    CaseSupplement,
    CloseGround,
    DecisionKind,
)
from ..rules.closing import DecisionState, close_refusal
from . import documents, dossier
from .common import is_handler, is_head
from .payment_ledger import ledgers_for

DOC_CLOSING = "case_closing"
Message = str | None
Result = tuple[str, list[str], dict[str, Any]]


def decision_states(case: Case) -> list[DecisionState]:
    """What the closing rule needs of each decision, from its payment ledger (fine and 加处罚款 still owed,
    court enforcement applied)."""
    ledgers = {led.decision.pk: led for led in ledgers_for(case)}
    out = []
    for d in case.decisions.all():
        led = ledgers.get(d.pk)
        owed = 0 if led is None else led.outstanding + (led.surcharge_due_fen + 99) // 100
        out.append(
            DecisionState(
                number=d.number or d.party_name,
                penalty=d.kind == DecisionKind.PENALTY,
                in_force=d.in_force,
                served=d.served_on is not None,
                outstanding=owed,
                court_applied=led is not None and led.court is not None,
            )
        )
    return out


def _g_close_input(case: Case, ctx: Context) -> Message:
    ground = str(ctx.params.get("ground") or "")
    if ground not in CloseGround.values:
        return "请选择结案理由"
    return close_refusal(ground, case.status, decision_states(case), str(ctx.params.get("note") or ""))


def _g_closed_properly(case: Case, ctx: Context) -> Message:
    if not CaseClosure.objects.filter(case=case).exists():
        return "案件尚未经负责人批准结案，不能归档"
    return None


GUARDS: dict[str, Guard] = {
    g.name: g
    for g in (
        Guard("close_input", _g_close_input, needs_input=True),
        Guard("closed_properly", _g_closed_properly),
    )
}


def _e_close(case: Case, ctx: Context, t: Transition) -> Result:
    ground = str(ctx.params["ground"])
    note = str(ctx.params.get("note") or "").strip()
    closure = CaseClosure.objects.create(
        case=case, ground=ground, note=note, closed_on=ctx.on_date, approved_by=ctx.actor
    )
    closure.document = documents.issue_for_case(
        DOC_CLOSING,
        case,
        ctx.actor,
        title="结案审批表",
        closure=closure,
        decisions=list(case.decisions.all()),
    )
    if closure.document is not None:
        closure.save(update_fields=["document"])
    # whatever still runs on the case (reminders of windows that no longer matter) ends with it
    ct = ContentType.objects.get_for_model(Case)
    for d in Deadline.objects.filter(content_type=ct, object_id=case.pk, status=DeadlineStatus.OPEN):
        close_deadline(d, status=DeadlineStatus.WAIVED, actor=ctx.actor)
    return S.CLOSED, [], {"ground": ground, "note": note}


def _e_archive(case: Case, ctx: Context, t: Transition) -> Result:
    if not documents.enabled():  # state-machine tests skip every PDF
        return S.ARCHIVED, [], {}
    made = dossier.issue_dossier(case, actor=ctx.actor, reason="归档")
    return S.ARCHIVED, [], {"dossier": made.version, "sha256": made.sha256, "pages": made.pages}


EFFECTS: dict[str, Any] = {"close": _e_close, "archive": _e_archive}


# --- after archiving -------------------------------------------------------------------------------


def add_supplement(case: Case, *, actor: Any, title: str, text: str, on_date: dt.date) -> CaseSupplement:
    """Append a later fact to an archived file and re-issue the dossier (its 备考表 lists the supplement)."""
    if not is_handler_or_head(actor, case):
        raise NotAllowed("只有本案承办人或本机关负责人可以补充归档材料")
    if case.status != S.ARCHIVED:
        raise InvalidInput("只有已归档的案件需要补充归档材料；未归档的案件请在办理中登记")
    if not (title or "").strip() or not (text or "").strip():
        raise InvalidInput("请填写补充事项和说明", fields={"title": ["必填"], "text": ["必填"]})
    with transaction.atomic():
        row = CaseSupplement.objects.create(
            case=case, title=title.strip()[:200], text=text.strip(), on_date=on_date, recorded_by=actor
        )
        made = dossier.issue_dossier(case, actor=actor, reason=f"补充：{row.title}")
        record_event(
            "case.add_supplement",
            actor=actor,
            obj=case,
            data={"supplement": row.pk, "title": row.title, "dossier": made.version, "sha256": made.sha256},
        )
    return row


def request_borrowing(case: Case, *, actor: Any, purpose: str, until: dt.date) -> CaseBorrowing:
    if case.status != S.ARCHIVED:
        raise InvalidInput("案件尚未归档，无需借阅")
    if not (purpose or "").strip():
        raise InvalidInput("请填写借阅事由", fields={"purpose": ["请填写借阅事由"]})
    if until < timezone.localdate():
        raise InvalidInput("借阅期限不能早于今天", fields={"until": ["借阅期限不能早于今天"]})
    with transaction.atomic():
        row = CaseBorrowing.objects.create(
            case=case, borrower=actor, purpose=purpose.strip()[:300], until=until
        )
        record_event(
            "case.request_borrowing",
            actor=actor,
            obj=case,
            data={"borrowing": row.pk, "until": until.isoformat()},
        )
    return row


def decide_borrowing(row: CaseBorrowing, *, actor: Any, approved: bool, opinion: str = "") -> CaseBorrowing:
    """Only the head of the deciding agency approves borrowing (15号令 Art 65 ◐)."""
    if not is_head(actor, row.case):
        raise NotAllowed("只有本机关负责人可以批准借阅案卷")
    with transaction.atomic():
        locked = CaseBorrowing.objects.select_for_update().get(pk=row.pk)
        if locked.status != BorrowingStatus.PENDING:
            raise InvalidInput("该借阅申请已处理")
        locked.status = BorrowingStatus.APPROVED if approved else BorrowingStatus.REFUSED
        locked.decided_by, locked.decided_at, locked.opinion = (
            actor,
            timezone.now(),
            (opinion or "").strip()[:300],
        )
        locked.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
        record_event(
            "case.decide_borrowing",
            actor=actor,
            obj=locked.case,
            data={"borrowing": locked.pk, "approved": approved, "opinion": locked.opinion},
        )
    return locked


def return_borrowing(row: CaseBorrowing, *, actor: Any) -> CaseBorrowing:
    if actor.pk != row.borrower_id and not is_head(actor, row.case):
        raise NotAllowed("只有借阅人或本机关负责人可以登记归还")
    with transaction.atomic():
        locked = CaseBorrowing.objects.select_for_update().get(pk=row.pk)
        if locked.status != BorrowingStatus.APPROVED:
            raise InvalidInput("只有已批准的借阅可以归还")
        locked.status, locked.returned_at = BorrowingStatus.RETURNED, timezone.now()
        locked.save(update_fields=["status", "returned_at"])
        record_event("case.return_borrowing", actor=actor, obj=locked.case, data={"borrowing": locked.pk})
    return locked


def is_handler_or_head(user: Any, case: Case) -> bool:
    return is_handler(user, case) or is_head(user, case)


def may_read_dossier(user: Any, case: Case) -> bool:
    """The head of the deciding agency reads the archived file; anyone else who may see the case needs an
    approved borrowing that has not been returned and whose period has not ended."""
    if is_head(user, case):
        return True
    return CaseBorrowing.objects.filter(
        case=case, borrower=user, status=BorrowingStatus.APPROVED, until__gte=timezone.localdate()
    ).exists()
