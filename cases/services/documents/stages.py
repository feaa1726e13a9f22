"""文书 issued by the steps between the investigation and the decision (spec §4.1 rows 18–23, §2.2):
案件处理呈批表 at 调查终结, 听证告知书 with the notice when the hearing right applies, 听证会通知书 at
scheduling, 听证笔录 when the hearing is held, 法制审核意见书 when a review is completed and 行政处罚集体讨论记录.

``issue_for_action`` is called by the workflow service after an action's effect ran (the case saved in
its new state); it answers the numbers issued for the event's data."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from enforcement.core.models import Document
from enforcement.core.rules.workflow import Context

from ...choices import CaseAction as A
from ...choices import Proposal
from ...models import Case
from ...rules import procedure
from ..common import current_review, heads_of, thresholds_for
from ..deadlines import latest_notice_day
from .base import issue
from .chain import discretion_chain
from .issue import record_of
from .kinds import (
    DOC_COLLECTIVE,
    DOC_HEARING_NOTICE,
    DOC_HEARING_RECORD,
    DOC_HEARING_RIGHT,
    DOC_REPORT,
    DOC_REVIEW_OPINION,
)


def issue_report(case: Case, ctx: Context) -> Document | None:
    """案件处理呈批表: facts, evidence, provisions, the whole discretion chain, the proposal, approvals."""
    return issue(
        DOC_REPORT,
        case,
        ctx.actor,
        chain=discretion_chain(case),
        proposal_label=Proposal(case.proposal).label if case.proposal in Proposal.values else case.proposal,
        proposer=ctx.actor,
        concluded_on=case.concluded_on,
        heads=[u.display_name for u in heads_of(case.deciding_agency_id)],
        **record_of(case),
    )


def issue_hearing_right(case: Case, ctx: Context, reasons: list[str]) -> Document | None:
    return issue(DOC_HEARING_RIGHT, case, ctx.actor, hearing_reasons=reasons, notice_date=case.notice_date)


def issue_hearing_notice(case: Case, ctx: Context) -> Document | None:
    assert case.hearing_at is not None
    day = timezone.localtime(case.hearing_at).date()
    return issue(
        DOC_HEARING_NOTICE,
        case,
        ctx.actor,
        hearing_at=timezone.localtime(case.hearing_at),
        hearing_day=day,
        latest_notice=latest_notice_day(day),
        chair=case.hearing_chair,
    )


def issue_hearing_record(case: Case, ctx: Context) -> Document | None:
    return issue(
        DOC_HEARING_RECORD,
        case,
        ctx.actor,
        number=False,
        chair=case.hearing_chair,
        hearing_at=timezone.localtime(case.hearing_at) if case.hearing_at else None,
        chain=discretion_chain(case),
    )


def issue_review_opinion(case: Case, ctx: Context) -> Document | None:
    review = current_review(case)
    if review is None:
        return None
    return issue(
        DOC_REVIEW_OPINION,
        case,
        ctx.actor,
        review=review,
        reviewer=review.reviewer,
        outcome_label="同意（审核通过）" if review.outcome == "approved" else "退回补充调查或修改",
        chain=discretion_chain(case),
    )


def issue_collective(case: Case, ctx: Context) -> Document | None:
    return issue(
        DOC_COLLECTIVE,
        case,
        ctx.actor,
        chair=ctx.actor,
        chain=discretion_chain(case),
        review=current_review(case),
    )


def issue_for_action(case: Case, action: str, ctx: Context) -> dict[str, Any]:
    """Issue the 文书 ``action`` produces now (besides 立案审批表, 告知书 and the decisions, which the
    effects issue); answers ``{"documents": [numbers]}`` or ``{}``."""
    docs: list[Document | None] = []
    if action == A.CONCLUDE_INVESTIGATION:
        docs.append(issue_report(case, ctx))
    elif action == A.NOTIFY and case.hearing_right:
        total = sum(int(f["amount"]) for v in case.violations.all() for f in v.notified_fines)
        measures = [m for v in case.violations.all() for m in v.other_measures]
        reasons = procedure.hearing_reasons(
            case.party_type, total, measures, thresholds_for(case.deciding_agency_id)
        )
        docs.append(issue_hearing_right(case, ctx, reasons))
    elif action == A.SCHEDULE_HEARING:
        docs.append(issue_hearing_notice(case, ctx))
    elif action == A.HOLD_HEARING:
        docs.append(issue_hearing_record(case, ctx))
    elif action == A.COMPLETE_LEGAL_REVIEW:
        docs.append(issue_review_opinion(case, ctx))
    elif action == A.RECORD_COLLECTIVE_DISCUSSION:
        docs.append(issue_collective(case, ctx))
    issued = [d.number or d.title for d in docs if d is not None]
    return {"documents": issued} if issued else {}
