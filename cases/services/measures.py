"""先行登记保存 (行政处罚法 Art 56) and 查封/扣押 (行政强制法 Art 18, 24–28) as two-step measures: the handlers
ask (items, place, reason, the two officers), the head of the deciding agency approves before anything takes
effect; the approval issues the 通知书/决定书 and opens the legal clock through the core deadline service
with its "why" (start event, article, days counted, holidays skipped). The handling decision (保存) or the
release (解除, 扣押) closes it; a 查封/扣押 may be extended once, by ≤ 30 days, by the head.

Each function runs in one transaction with a timeline row and an audit event; refusals change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import DayType, Deadline, DeadlineStatus
from enforcement.core.registry import DeadlineKind
from enforcement.core.services.calendar import load_calendar, skipped_holidays
from enforcement.core.services.deadlines import (
    close_deadline,
    open_deadline,
    resume_deadline,
    suspend_deadline,
)

from ..models import Case, MeasureStatus, Preservation, PreservationHandling, Seizure, SeizureMeasure
from ..rules import measures as rules
from . import record_common as rc
from .common import handlers_of, heads_of, is_head
from .record_documents import (
    DOC_PRESERVATION,
    DOC_PRESERVATION_HANDLING,
    DOC_SEIZURE,
    DOC_SEIZURE_EXTENSION,
    DOC_SEIZURE_RELEASE,
    DOC_SEIZURE_TESTING,
    issue_record_document,
)

PRESERVE_DECIDE = "CASE_PRESERVE_DECIDE"
SEIZE_LIMIT = "CASE_SEIZE_LIMIT"
MEASURE_DEADLINE_KINDS = (
    DeadlineKind(PRESERVE_DECIDE, "先行登记保存处理决定", rules.PRESERVATION.basis, (3, 1, 0)),
    DeadlineKind(SEIZE_LIMIT, "查封扣押期限", rules.SEIZURE.basis, (7, 3, 1, 0)),
)


def _holidays_note(start: dt.date, due: dt.date) -> str:
    names = sorted({h["name"] for h in skipped_holidays(start, due) if h["name"]})
    return f"，期间跳过法定节假日（{'、'.join(names)}）" if names else ""


def _open(
    case: Case,
    *,
    kind: str,
    title: str,
    start: dt.date,
    due: Any,
    length: int,
    day_type: str,
    basis: str,
    actor: Any,
) -> Deadline:
    return open_deadline(
        subject=case,
        kind=kind,
        title=title[:200],
        agency_id=case.deciding_agency_id,
        due_date=due.due,
        start_date=start,
        day_type=day_type,
        length=length,
        basis=basis[:200],
        provisional=due.provisional,
        responsible=[*handlers_of(case), *heads_of(case.deciding_agency_id)],
        actor=actor,
    )


def _request(
    model: Any, case: Case, *, actor: Any, params: dict[str, Any], what: str, extra: dict[str, Any]
) -> Any:
    rc.require_handler(actor, case, what)
    items = rc.items_list(params)
    place = rc.text(params, "place", "地点", limit=200)
    reason = rc.text(params, "reason", "理由", limit=300)
    locked = rc.lock_case(case)
    rc.require_investigating(locked, what)
    officers = rc.officers_present(locked, params.get("officers"), timezone.localdate())
    return model.objects.create(
        case=locked, officers=officers, created_by=actor, items=items, place=place, reason=reason, **extra
    )


def _approve_guards(item: Any, actor: Any, approved: Any, opinion: str, what: str) -> Case:
    case = rc.lock_case(item.case)
    if not is_head(actor, case):
        raise NotAllowed(f"只有办案机关负责人可以批准{what}")
    rc.require_investigating(case, f"批准{what}")
    if item.status != MeasureStatus.REQUESTED:
        raise InvalidTransition(
            f"该{what}当前为“{item.get_status_display()}”，不能再审批", code="measure_state"
        )
    if not isinstance(approved, bool):
        raise InvalidInput("请选择是否批准", fields={"approved": ["请选择是否批准"]})
    if not approved and not opinion:
        raise InvalidInput("不予批准的，请写明意见", fields={"opinion": ["请写明意见"]})
    return case


def _lock(model: Any, item: Any) -> Any:
    return model.objects.select_for_update().select_related("case").get(pk=item.pk)


# --- 先行登记保存 -----------------------------------------------------------------------------------------


def request_preservation(case: Case, *, actor: Any, params: dict[str, Any]) -> Preservation:
    """Handlers ask to register and preserve evidence (先行登记保存证据审批表)."""
    with transaction.atomic():
        item: Preservation = _request(
            Preservation, case, actor=actor, params=params, what="申请先行登记保存", extra={}
        )
        rc.note(
            item.case,
            actor=actor,
            action="request_preservation",
            summary=f"申请先行登记保存：{item.place}，{len(item.items)}项物品",
            data={"preservation": item.pk, "items": len(item.items)},
        )
    return item


def approve_preservation(item: Preservation, *, actor: Any, approved: Any, opinion: str = "") -> Preservation:
    """The head approves (行政处罚法 Art 56): the 先行登记保存证据通知书 is issued and the handling decision is due
    within 7 working days (PRESERVE_DECIDE, Art 56 + 85); or refuses, with an opinion."""
    opinion = (opinion or "").strip()[:300]
    with transaction.atomic():
        locked = _lock(Preservation, item)
        case = _approve_guards(locked, actor, approved, opinion, "先行登记保存")
        today = timezone.localdate()
        locked.approved_by, locked.approval_opinion, locked.approved_on = actor, opinion or "同意", today
        if approved:
            due = rules.preservation_due(today, load_calendar())
            locked.deadline = _open(
                case,
                kind=PRESERVE_DECIDE,
                title=f"先行登记保存处理决定：{case.title}",
                start=today,
                due=due,
                length=rules.PRESERVATION.days,
                day_type=rules.PRESERVATION.kind,
                actor=actor,
                basis=f"{today.isoformat()}经负责人批准先行登记保存起{rules.PRESERVATION.days}个工作日"
                f"{_holidays_note(today, due.due)}（行政处罚法第五十六条、第八十五条）",
            )
            locked.status = MeasureStatus.IN_FORCE
            locked.document = issue_record_document(DOC_PRESERVATION, case, actor, record=locked, due=due.due)
        else:
            locked.status = MeasureStatus.REFUSED
        locked.save(
            update_fields=["approved_by", "approval_opinion", "approved_on", "deadline", "status", "document"]
        )
        rc.note(
            case,
            actor=actor,
            action="approve_preservation",
            summary=f"{'批准' if approved else '不批准'}先行登记保存：{locked.approval_opinion}",
            data={
                "preservation": locked.pk,
                "approved": approved,
                "due_date": locked.deadline.due_date.isoformat() if locked.deadline else None,
            },
        )
    return locked


def decide_preservation(item: Preservation, *, actor: Any, handling: str, note: str = "") -> Preservation:
    """The handling decision (先行登记保存证据处理决定书): returned, seized, transferred, confiscated or sent for
    testing; closes the 7-working-day deadline (late decisions are recorded too, the deadline shows overdue)."""
    what = "作出先行登记保存处理决定"
    if handling not in PreservationHandling.values:
        raise InvalidInput("请选择处理决定", fields={"handling": ["请选择处理决定"]})
    with transaction.atomic():
        locked = _lock(Preservation, item)
        case = rc.lock_case(locked.case)
        rc.require_handler(actor, case, what)
        rc.require_not_frozen(case, what)
        if locked.status != MeasureStatus.IN_FORCE:
            raise InvalidTransition(
                f"该先行登记保存当前为“{locked.get_status_display()}”，不能作出处理决定", code="measure_state"
            )
        locked.status, locked.ended_on = MeasureStatus.ENDED, timezone.localdate()
        locked.handling, locked.handling_note = handling, (note or "").strip()[:300]
        if locked.deadline_id:
            close_deadline(locked.deadline_id, actor=actor)
        locked.end_document = issue_record_document(DOC_PRESERVATION_HANDLING, case, actor, record=locked)
        locked.save(update_fields=["status", "ended_on", "handling", "handling_note", "end_document"])
        rc.note(
            case,
            actor=actor,
            action="decide_preservation",
            summary=f"先行登记保存处理决定：{locked.get_handling_display()}",
            data={"preservation": locked.pk, "handling": handling},
        )
    return locked


# --- 查封、扣押 ------------------------------------------------------------------------------------------


def request_seizure(case: Case, *, actor: Any, params: dict[str, Any]) -> Seizure:
    """Handlers ask to seal up or seize (行政强制法 Art 18: reported to and approved by the head first)."""
    measure = str(params.get("measure") or "")
    if measure not in SeizureMeasure.values:
        raise InvalidInput("请选择查封或扣押", fields={"measure": ["请选择查封或扣押"]})
    with transaction.atomic():
        item: Seizure = _request(
            Seizure, case, actor=actor, params=params, what="申请查封扣押", extra={"measure": measure}
        )
        rc.note(
            item.case,
            actor=actor,
            action="request_seizure",
            summary=f"申请{item.get_measure_display()}：{item.place}，{len(item.items)}项物品",
            data={"seizure": item.pk, "items": len(item.items)},
        )
    return item


def _seizure_basis(decided_on: dt.date, due: Any, extension: str = "") -> str:
    return (
        f"{decided_on.isoformat()}作出查封扣押决定起{rules.SEIZURE.days}日{extension}"
        f"{_holidays_note(decided_on, due.due)}（行政强制法第二十五条）"
    )


def approve_seizure(item: Seizure, *, actor: Any, approved: Any, opinion: str = "") -> Seizure:
    """The head approves: the 查封（扣押）决定书 is issued and the 30-day limit opens (SEIZE_MAX, calendar days,
    行政强制法 Art 25 ¶1 with Art 69); or refuses with an opinion."""
    opinion = (opinion or "").strip()[:300]
    with transaction.atomic():
        locked = _lock(Seizure, item)
        case = _approve_guards(locked, actor, approved, opinion, "查封扣押")
        today = timezone.localdate()
        locked.approved_by, locked.approval_opinion, locked.approved_on = actor, opinion or "同意", today
        if approved:
            due = rules.seizure_due(today, 0, load_calendar())
            locked.deadline = _open(
                case,
                kind=SEIZE_LIMIT,
                title=f"{locked.get_measure_display()}期限：{case.title}",
                start=today,
                due=due,
                length=rules.SEIZURE.days,
                day_type=DayType.CALENDAR,
                actor=actor,
                basis=_seizure_basis(today, due),
            )
            locked.status = MeasureStatus.IN_FORCE
            locked.document = issue_record_document(DOC_SEIZURE, case, actor, record=locked, due=due.due)
        else:
            locked.status = MeasureStatus.REFUSED
        locked.save(
            update_fields=["approved_by", "approval_opinion", "approved_on", "deadline", "status", "document"]
        )
        rc.note(
            case,
            actor=actor,
            action="approve_seizure",
            summary=f"{'批准' if approved else '不批准'}{locked.get_measure_display()}：{locked.approval_opinion}",
            data={
                "seizure": locked.pk,
                "approved": approved,
                "due_date": locked.deadline.due_date.isoformat() if locked.deadline else None,
            },
        )
    return locked


def extend_seizure(item: Seizure, *, actor: Any, days: Any, reason: str) -> Seizure:
    """情况复杂的 (行政强制法 Art 25 ¶1): the head extends once by ≤ 30 days, with a reason; the running limit is
    replaced by one due 30 + ``days`` days after the decision (the old one waived), the party is told in
    writing (延长查封（扣押）期限决定书)."""
    reason = (reason or "").strip()
    try:
        n = int(days)
    except (TypeError, ValueError):
        raise InvalidInput("请填写延长日数", fields={"days": ["请填写1至30的整数"]}) from None
    if not reason:
        raise InvalidInput("请写明延长理由", fields={"reason": ["请写明延长理由"]})
    with transaction.atomic():
        locked = _lock(Seizure, item)
        case = rc.lock_case(locked.case)
        if not is_head(actor, case):
            raise NotAllowed("只有办案机关负责人可以批准延长查封扣押期限")
        rc.require_not_frozen(case, "延长查封扣押期限")
        if locked.status != MeasureStatus.IN_FORCE:
            raise InvalidTransition(
                f"该措施当前为“{locked.get_status_display()}”，不能延长", code="measure_state"
            )
        refusal = rules.seizure_extension_refusal(n, 1 if locked.extension_days else 0)
        if refusal:
            raise GuardFailed(refusal, code="G-SEIZE-EXTENSION")
        assert locked.approved_on is not None
        old = locked.deadline
        if old is not None and old.status == DeadlineStatus.SUSPENDED:
            raise InvalidTransition(
                "检测期间查封扣押期限中止计算，检测结束后再决定是否延长", code="measure_state"
            )
        carried = old.suspended_days if old is not None else 0  # testing time stays excluded (Art 25 ¶3)
        due = rules.seizure_due(locked.approved_on, n + carried, load_calendar())
        if locked.deadline_id:
            close_deadline(locked.deadline_id, status=DeadlineStatus.WAIVED, actor=actor)
        locked.deadline = _open(
            case,
            kind=SEIZE_LIMIT,
            title=f"{locked.get_measure_display()}期限（延长）：{case.title}",
            start=locked.approved_on,
            due=due,
            length=rules.SEIZURE.days + n,
            day_type=DayType.CALENDAR,
            actor=actor,
            basis=_seizure_basis(
                locked.approved_on,
                due,
                f"，{timezone.localdate().isoformat()}经负责人批准延长{n}日（理由：{reason[:40]}）",
            ),
        )
        locked.extension_days, locked.extension_reason, locked.extended_by = n, reason[:300], actor
        locked.extension_document = issue_record_document(
            DOC_SEIZURE_EXTENSION, case, actor, record=locked, due=due.due
        )
        locked.save(
            update_fields=[
                "deadline",
                "extension_days",
                "extension_reason",
                "extended_by",
                "extension_document",
            ]
        )
        rc.note(
            case,
            actor=actor,
            action="extend_seizure",
            summary=f"延长{locked.get_measure_display()}期限{n}日至{due.due.isoformat()}：{reason}",
            data={"seizure": locked.pk, "days": n, "due_date": due.due.isoformat(), "reason": reason},
        )
    return locked


def release_seizure(item: Seizure, *, actor: Any, reason: str) -> Seizure:
    """解除查封、扣押 (行政强制法 Art 28) with the reason and the 解除决定书; closes the limit."""
    what = "解除查封扣押"
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("请写明解除理由", fields={"reason": ["请写明解除理由"]})
    with transaction.atomic():
        locked = _lock(Seizure, item)
        case = rc.lock_case(locked.case)
        rc.require_handler(actor, case, what)
        rc.require_not_frozen(case, what)
        if locked.status != MeasureStatus.IN_FORCE:
            raise InvalidTransition(
                f"该措施当前为“{locked.get_status_display()}”，不能解除", code="measure_state"
            )
        locked.status, locked.ended_on, locked.release_reason = (
            MeasureStatus.ENDED,
            timezone.localdate(),
            reason[:300],
        )
        if locked.deadline_id:
            close_deadline(locked.deadline_id, actor=actor)
        locked.end_document = issue_record_document(DOC_SEIZURE_RELEASE, case, actor, record=locked)
        locked.save(update_fields=["status", "ended_on", "release_reason", "end_document"])
        rc.note(
            case,
            actor=actor,
            action="release_seizure",
            summary=f"解除{locked.get_measure_display()}：{reason}",
            data={"seizure": locked.pk, "reason": reason},
        )
    return locked


def start_seizure_testing(item: Seizure, *, actor: Any, until: Any, reason: str) -> Seizure:
    """检测、检验、检疫或者技术鉴定 of seized items (行政强制法 Art 25 ¶3): the period is stated (``until``), the
    party is told in writing (检测期间告知书), and the seizure limit is suspended until the testing ends."""
    what = "登记检测期间"
    reason = (reason or "").strip()
    if isinstance(until, str):
        try:
            until = dt.date.fromisoformat(until)
        except ValueError:
            until = None
    if not isinstance(until, dt.date) or until < timezone.localdate():
        raise InvalidInput("请填写检测期间的预计截止日期（不早于今天）", fields={"until": ["请填写日期"]})
    if not reason:
        raise InvalidInput("请写明检测事项和机构", fields={"reason": ["请写明检测事项和机构"]})
    with transaction.atomic():
        locked = _lock(Seizure, item)
        case = rc.lock_case(locked.case)
        rc.require_handler(actor, case, what)
        rc.require_not_frozen(case, what)
        deadline = locked.deadline
        if (
            locked.status != MeasureStatus.IN_FORCE
            or deadline is None
            or deadline.status
            not in (
                DeadlineStatus.OPEN,
                DeadlineStatus.OVERDUE,
            )
        ):
            raise InvalidTransition("该措施不在执行中或已在检测期间", code="measure_state")
        suspend_deadline(
            deadline, basis=rules.TESTING_BASIS[:200], reason=f"{reason}（预计至{until}）", actor=actor
        )
        issue_record_document(DOC_SEIZURE_TESTING, case, actor, record=locked, until=until, testing=reason)
        rc.note(
            case,
            actor=actor,
            action="start_seizure_testing",
            summary=f"{locked.get_measure_display()}物品送检：{reason}，预计至{until.isoformat()}",
            data={"seizure": locked.pk, "until": until.isoformat(), "reason": reason},
        )
    return locked


def end_seizure_testing(item: Seizure, *, actor: Any) -> Seizure:
    """Testing over: the seizure limit runs again, its due date later by the days of testing."""
    what = "登记检测结束"
    with transaction.atomic():
        locked = _lock(Seizure, item)
        case = rc.lock_case(locked.case)
        rc.require_handler(actor, case, what)
        rc.require_not_frozen(case, what)
        deadline = locked.deadline
        if deadline is None or deadline.status != DeadlineStatus.SUSPENDED:
            raise InvalidTransition("该措施不在检测期间", code="measure_state")
        moved = resume_deadline(deadline, actor=actor)
        rc.note(
            case,
            actor=actor,
            action="end_seizure_testing",
            summary=f"检测结束，{locked.get_measure_display()}期限恢复计算，届满日{moved.due_date.isoformat()}",
            data={"seizure": locked.pk, "due_date": moved.due_date.isoformat()},
        )
    return locked
