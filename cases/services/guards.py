"""The named guards of the case workflow: each reads the case (and the action's input) and answers a
Chinese refusal citing the article, or None. The legal arithmetic lives in ``cases.rules``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.exceptions import GuardFailed
from enforcement.core.rules.workflow import Context, Guard
from training.guards import may_review, require_enforcing_officers

from ..choices import ExtensionStatus, Proposal, ReviewStatus
from ..models import Case
from ..rules import limitation, periods, procedure
from .common import handler_ids, handler_rows, handlers_of, settings_for
from .deadlines import latest_notice_day
from .remedies import GUARDS as REMEDY_GUARDS
from .service import GUARDS as SERVICE_GUARDS

Message = str | None


def case_item(case: Case) -> Any:
    """The enforcement item the officers must be qualified for: the first violation's, else the case's."""
    codes = [v.enforcement_item_code for v in case.violations.all() if v.enforcement_item_code]
    return codes[0] if codes else case.item


def _g_date_valid(case: Case, ctx: Context) -> Message:
    on = ctx.on_date
    if on > timezone.localdate():
        return "日期不能晚于今天"
    if case.last_step_on and on < case.last_step_on:
        return f"日期不能早于上一步骤的日期（{case.last_step_on.isoformat()}）"
    return None


def _g_limitation(case: Case, ctx: Context) -> Message:
    return limitation.limitation_refusal(case.violation_end_date, case.discovered_on, case.life_health_harm)


def _officers(case: Case, ctx: Context) -> list[Any]:
    return list(ctx.params.get("handlers") or handlers_of(case))


def _g_two_handlers(case: Case, ctx: Context) -> Message:
    """行政处罚法 Art 42 (ERRATA): at least two officers qualified on the day, for the case's item."""
    try:
        require_enforcing_officers(_officers(case, ctx), ctx.on_date, item=case_item(case))
    except GuardFailed as exc:
        return f"{exc.message}（行政处罚法第四十二条）"
    return None


def _g_designated(case: Case, ctx: Context) -> Message:
    given = ctx.params.get("handlers")
    if given is None:
        return None
    if len({u.pk for u in given}) < 2:
        return "立案审批应指定两名以上执法人员办理（15号令第二十四条）"
    if any(u.agency_id != case.deciding_agency_id for u in given):
        return "承办人须为本机关执法人员"
    return None


def _g_no_pending_recusal(case: Case, ctx: Context) -> Message:
    pending = [row.user.display_name for row in handler_rows(case) if row.recusal_requested]
    if pending:
        return f"承办人{'、'.join(pending)}的回避申请尚未决定（行政处罚法第四十三条，由负责人决定）"
    return None


def _g_opinion_given(case: Case, ctx: Context) -> Message:
    return None if (ctx.params.get("opinion") or "").strip() else "请填写审批意见"


def _g_reassign_input(case: Case, ctx: Context) -> Message:
    users = ctx.params.get("handlers") or []
    if not (ctx.params.get("reason") or "").strip():
        return "变更承办人须写明理由"
    if len({u.pk for u in users}) < 2:
        return "须指定两名以上承办人（行政处罚法第四十二条）"
    if any(u.agency_id != case.deciding_agency_id for u in users):
        return "承办人须为本机关执法人员"
    return _g_two_handlers(case, ctx)


def _g_recusal_request_input(case: Case, ctx: Context) -> Message:
    user = ctx.params.get("user")
    if user is None or user.pk not in handler_ids(case):
        return "申请回避的人员须为本案承办人"
    if not (ctx.params.get("reason") or "").strip():
        return "请写明回避理由（行政处罚法第四十三条）"
    return None


def _g_recusal_decision_input(case: Case, ctx: Context) -> Message:
    user = ctx.params.get("user")
    if user is None or user.pk not in handler_ids(case):
        return "决定回避的人员须为本案承办人"
    if not isinstance(ctx.params.get("recused"), bool):
        return "请选择是否回避"
    if not (ctx.params.get("reason") or "").strip():
        return "请写明决定理由"
    if ctx.params["recused"]:
        rest = [u for u in handlers_of(case) if u.pk != user.pk]
        if len(rest) < 2 and not ctx.params.get("replacement"):
            return "回避后承办人不足两名，请同时指定替换的承办人（行政处罚法第四十二条）"
    return None


def _g_conclusion_input(case: Case, ctx: Context) -> Message:
    p = ctx.params
    if p.get("proposal") not in Proposal.values:
        return "请选择处理意见"
    if not (p.get("facts") or "").strip():
        return "请填写查明的违法事实"
    if p["proposal"] == Proposal.PENALTY and not p.get("violations"):
        return "拟给予行政处罚的，至少须认定一项违法行为"
    return None


def _g_penalty_proposed(case: Case, ctx: Context) -> Message:
    if case.proposal == Proposal.PENALTY:
        return None
    return "处理意见不是给予行政处罚，无需告知（不予处罚可直接决定，移送另行办理）"


def _g_not_notified(case: Case, ctx: Context) -> Message:
    return "本案已告知" if case.notice_date else None


def _g_notice_order(case: Case, ctx: Context) -> Message:
    if not settings_for(case.deciding_agency_id).review_before_notice:
        return None
    if case.review_required and case.review_status != ReviewStatus.APPROVED:
        return "本机关规定先法制审核、后告知：法制审核通过后方可告知"
    return None


def _deadline_due(case: Case, kind: str) -> dt.date | None:
    from django.contrib.contenttypes.models import ContentType

    from enforcement.core.models import Deadline

    row = (
        Deadline.objects.filter(
            object_id=case.pk, content_type=ContentType.objects.get_for_model(Case), kind=kind
        )
        .order_by("-id")
        .values_list("due_date", flat=True)
        .first()
    )
    return row


def _g_defence_input(case: Case, ctx: Context) -> Message:
    if not (ctx.params.get("text") or "").strip():
        return "请记录当事人陈述申辩的内容"
    if not isinstance(ctx.params.get("adopted"), bool):
        return "请写明是否采纳（行政处罚法第四十五条）"
    return None


def _g_hearing_request(case: Case, ctx: Context) -> Message:
    from .deadlines import HEARING_REQUEST

    return procedure.hearing_request_refusal(
        ctx.on_date, case.hearing_right, _deadline_due(case, HEARING_REQUEST)
    )


def _g_schedule_input(case: Case, ctx: Context) -> Message:
    p = ctx.params
    at = p.get("hearing_at")
    if at is None:
        return "请填写听证时间"
    if not (p.get("place") or "").strip():
        return "请填写听证地点"
    chair = p.get("chair")
    refusal = procedure.chair_refusal(getattr(chair, "pk", None), handler_ids(case))
    if refusal:
        return refusal
    if chair is None or chair.agency_id != case.deciding_agency_id:
        return "听证主持人须由本机关指定"
    day = timezone.localtime(at).date()
    return procedure.hearing_notice_refusal(timezone.localdate(), latest_notice_day(day))


def _g_hearing_day(case: Case, ctx: Context) -> Message:
    if case.hearing_at and ctx.on_date < timezone.localtime(case.hearing_at).date():
        return f"听证定于{timezone.localtime(case.hearing_at):%Y-%m-%d %H:%M}举行，尚未到期"
    return None


def _g_hearing_record(case: Case, ctx: Context) -> Message:
    return (
        None
        if (ctx.params.get("record") or "").strip()
        else "请填写听证笔录要点（行政处罚法第六十四条第八项）"
    )


def _g_review_order(case: Case, ctx: Context) -> Message:
    if case.proposal != Proposal.PENALTY:
        return None
    return procedure.review_order_refusal(
        review_before_notice=settings_for(case.deciding_agency_id).review_before_notice,
        notified=case.notice_date is not None,
        hearing_requested=case.hearing_requested_on is not None,
        hearing_held=case.hearing_held_on is not None,
    )


def _g_review_not_open(case: Case, ctx: Context) -> Message:
    if case.review_status in (ReviewStatus.PENDING, ReviewStatus.TAKEN):
        return "本案已在法制审核中"
    if case.review_status == ReviewStatus.APPROVED and not (
        case.hearing_held_on and case.review_approved_on and case.review_approved_on < case.hearing_held_on
    ):
        return "本案法制审核已通过"
    return None


def _reviewer_refusal(case: Case, user: Any, on: dt.date) -> Message:
    if user.pk in handler_ids(case):
        return "法制审核人员不得为本案承办人（行政处罚法第五十八条）"
    if user.agency_id != case.deciding_agency_id:
        return "法制审核人员须为本机关的法制审核人员"
    verdict = may_review(user, on)
    if not verdict.allowed:
        return "；".join(verdict.reasons) + "（行政处罚法第五十八条第二款）"
    return None


def _g_reviewer_input(case: Case, ctx: Context) -> Message:
    user = ctx.params.get("reviewer")
    return None if user is None else _reviewer_refusal(case, user, ctx.on_date)


def _g_review_waiting(case: Case, ctx: Context) -> Message:
    return None if case.review_status == ReviewStatus.PENDING else "没有待领取的法制审核"


def _g_review_in_hand(case: Case, ctx: Context) -> Message:
    return None if case.review_status == ReviewStatus.TAKEN else "法制审核尚未由审核人员领取"


def _g_reviewer_qualified(case: Case, ctx: Context) -> Message:
    return _reviewer_refusal(case, ctx.actor, ctx.on_date) if ctx.actor is not None else None


def _g_reviewer_not_handler(case: Case, ctx: Context) -> Message:
    if ctx.actor is not None and ctx.actor.pk in handler_ids(case):
        return "法制审核人员不得为本案承办人（行政处罚法第五十八条）"
    return None


def _g_review_input(case: Case, ctx: Context) -> Message:
    if ctx.params.get("outcome") not in ("approved", "returned"):
        return "审核结论须为“通过”或“退回”"
    if not (ctx.params.get("opinion") or "").strip():
        return "请填写法制审核意见"
    return None


def _g_review_passed(case: Case, ctx: Context) -> Message:
    return procedure.review_passed_refusal(
        case.review_required, case.review_approved_on, case.hearing_held_on
    )


def _g_collective_input(case: Case, ctx: Context) -> Message:
    if not (ctx.params.get("conclusion") or "").strip():
        return "请填写集体讨论结论"
    if len(ctx.params.get("participants") or []) < 3:
        return "集体讨论应有三名以上负责人参加"
    return None


def _g_no_pending_extension(case: Case, ctx: Context) -> Message:
    return "已有待批准的延期申请" if case.extension_status == ExtensionStatus.PENDING else None


def _g_extension_input(case: Case, ctx: Context) -> Message:
    if not (ctx.params.get("reason") or "").strip():
        return "请写明延期理由（情况复杂、客观上不能在期限内作出决定）"
    assert case.filed_on is not None and case.decision_due is not None
    return periods.extension_refusal(
        case.filed_on, case.extensions, ctx.params.get("until"), case.decision_due
    )


def _g_extension_pending(case: Case, ctx: Context) -> Message:
    return None if case.extension_status == ExtensionStatus.PENDING else "没有待批准的延期申请"


def _g_extension_approver(case: Case, ctx: Context) -> Message:
    from .common import is_head, is_higher_head

    assert case.filed_on is not None
    step = periods.next_extension(case.filed_on, case.extensions)
    if step is None:
        return "延期次数已用尽"
    if step[1] == periods.HEAD and not is_head(ctx.actor, case):
        return "本次延期由本机关负责人批准（15号令第三十一条）"
    if step[1] == periods.HIGHER and not is_higher_head(ctx.actor, case):
        return "第二次延期须经上一级应急管理部门批准（15号令第三十一条）"
    return None


def _g_concluded(case: Case, ctx: Context) -> Message:
    if case.proposal == Proposal.TRANSFER:
        return "处理意见为移送，不作出处罚决定"
    return None if case.concluded_on else "尚未调查终结"


def _g_notice_given(case: Case, ctx: Context) -> Message:
    return procedure.notice_refusal(case.proposal, case.notice_date)


def _g_windows_passed(case: Case, ctx: Context) -> Message:
    from .deadlines import DEFENCE, HEARING_REQUEST

    return procedure.window_refusal(
        ctx.on_date,
        proposal=case.proposal,
        defence_due=_deadline_due(case, DEFENCE) if case.notice_date else None,
        hearing_request_due=_deadline_due(case, HEARING_REQUEST) if case.hearing_right else None,
        defence_on=case.defence_on,
        waived_on=case.waived_on,
        hearing_requested=case.hearing_requested_on is not None,
        hearing_held=case.hearing_held_on is not None,
    )


def _g_collective_done(case: Case, ctx: Context) -> Message:
    if case.proposal != Proposal.PENALTY:
        return None
    return procedure.collective_refusal(case.collective_required, case.collective_on)


def _fine_key(v: Any, f: dict[str, Any]) -> tuple[int, str, str]:
    return (v.pk, f["subject"], f.get("person", ""))


def _g_no_aggravation(case: Case, ctx: Context) -> Message:
    if case.proposal != Proposal.PENALTY:
        return None
    notified: dict[tuple[int, str, str], int] = {}
    decided: dict[tuple[int, str, str], int] = {}
    wanted = {
        (f["violation"], f["subject"], f.get("person", "")): f["amount"]
        for f in ctx.params.get("fines") or []
    }
    for v in case.violations.all():
        for f in v.notified_fines:
            notified[_fine_key(v, f)] = int(f["amount"])
            decided[_fine_key(v, f)] = int(f["amount"])
    for key, amount in wanted.items():
        decided[key] = int(amount)
    return procedure.aggravation_refusal(notified, decided)


def _g_decision_deadline(case: Case, ctx: Context) -> Message:
    return periods.decision_deadline_refusal(
        ctx.on_date, case.decision_due, ctx.params.get("overdue_reason") or ""
    )


GUARDS: dict[str, Guard] = {
    g.name: g
    for g in (
        Guard("date_valid", _g_date_valid, needs_input=True),
        Guard("limitation", _g_limitation),
        Guard("two_handlers", _g_two_handlers),
        Guard("designated_handlers", _g_designated, needs_input=True),
        Guard("no_pending_recusal", _g_no_pending_recusal),
        Guard("opinion_given", _g_opinion_given, needs_input=True),
        Guard("reassign_input", _g_reassign_input, needs_input=True),
        Guard("recusal_request_input", _g_recusal_request_input, needs_input=True),
        Guard("recusal_decision_input", _g_recusal_decision_input, needs_input=True),
        Guard("conclusion_input", _g_conclusion_input, needs_input=True),
        Guard("penalty_proposed", _g_penalty_proposed),
        Guard("not_notified", _g_not_notified),
        Guard("notice_order", _g_notice_order),
        Guard("defence_input", _g_defence_input, needs_input=True),
        Guard("hearing_request_allowed", _g_hearing_request),
        Guard("schedule_input", _g_schedule_input, needs_input=True),
        Guard("hearing_day_reached", _g_hearing_day),
        Guard("hearing_record_given", _g_hearing_record, needs_input=True),
        Guard("review_order", _g_review_order),
        Guard("review_not_open", _g_review_not_open),
        Guard("reviewer_input", _g_reviewer_input, needs_input=True),
        Guard("review_waiting", _g_review_waiting),
        Guard("review_in_hand", _g_review_in_hand),
        Guard("reviewer_qualified", _g_reviewer_qualified),
        Guard("reviewer_not_handler", _g_reviewer_not_handler),
        Guard("review_input", _g_review_input, needs_input=True),
        Guard("review_passed", _g_review_passed),
        Guard("collective_input", _g_collective_input, needs_input=True),
        Guard("no_pending_extension", _g_no_pending_extension),
        Guard("extension_input", _g_extension_input, needs_input=True),
        Guard("extension_pending", _g_extension_pending),
        Guard("extension_approver", _g_extension_approver),
        Guard("concluded", _g_concluded),
        Guard("notice_given", _g_notice_given),
        Guard("windows_passed", _g_windows_passed),
        Guard("collective_done", _g_collective_done),
        Guard("no_aggravation", _g_no_aggravation, needs_input=True),
        Guard("decision_deadline", _g_decision_deadline, needs_input=True),
        *SERVICE_GUARDS,
        *REMEDY_GUARDS,
    )
}
