"""The case lifecycle up to the decision (spec §2.1, CONTRACT "Case actions", ERRATA additions) as data.

Who (relational, judged by ``cases.services.workflow``): ``handler`` an active handler of this case;
``head`` 负责人 of the deciding agency (ancestors' heads read only, ERRATA); ``higher_head`` 负责人 of the
deciding agency's parent (the 15号令 second extension); ``reviewer_pool`` a 法制审核人员 of the deciding
agency who is not a handler; ``assigned_reviewer`` the reviewer holding the current review; ``chair`` the
hearing chair designated by ``schedule_hearing``.

States without a move of their own (``legal_review`` after approval, ``collective_discussion``) are
waiting rooms: the guards decide what may follow, so the legal order is enforced however the agency
orders 告知 and 法制审核.
"""

from __future__ import annotations

from enforcement.core.rules.workflow import Transition

from .choices import CaseAction as A
from .choices import CaseStatus as S

HANDLER, HEAD, HIGHER_HEAD = "handler", "head", "higher_head"
REVIEWER_POOL, ASSIGNED_REVIEWER, CHAIR = "reviewer_pool", "assigned_reviewer", "chair"

BEFORE_FILING = frozenset({S.DRAFT, S.SUBMITTED})
INVESTIGATING = frozenset({S.FILED, S.INVESTIGATING})
AFTER_NOTICE = frozenset({S.NOTIFIED, S.DEFENCE})
PRE_DECISION = frozenset(
    {
        S.INVESTIGATION_CLOSED,
        S.NOTIFIED,
        S.DEFENCE,
        S.WAIVED,
        S.HEARING_REQUESTED,
        S.HEARING_SCHEDULED,
        S.HEARING_HELD,
        S.LEGAL_REVIEW,
        S.COLLECTIVE_DISCUSSION,
    }
)
OPEN = INVESTIGATING | PRE_DECISION
AFTER_DECISION = frozenset({S.DECIDED, S.EXECUTING})
DECIDABLE = frozenset(
    {
        S.INVESTIGATION_CLOSED,
        S.NOTIFIED,
        S.DEFENCE,
        S.WAIVED,
        S.HEARING_HELD,
        S.LEGAL_REVIEW,
        S.COLLECTIVE_DISCUSSION,
    }
)


# after the decision (cases part 2): 送达 of the 告知书 while the party's windows run, of the decisions after
NOTICE_STATES = AFTER_NOTICE | frozenset(
    {
        S.WAIVED,
        S.HEARING_REQUESTED,
        S.HEARING_SCHEDULED,
        S.HEARING_HELD,
        S.LEGAL_REVIEW,
        S.COLLECTIVE_DISCUSSION,
    }
)
SERVE_FROM = NOTICE_STATES | frozenset({S.DECIDED, S.NO_PENALTY, S.EXECUTING})
REMEDY_FROM = frozenset({S.DECIDED, S.EXECUTING, S.CLOSED})
# a withdrawal is a later fact: also after closing and archiving (appended as a supplement, ERRATA)
WITHDRAWABLE = AFTER_DECISION | {S.CLOSED, S.ARCHIVED}


def _same(case, ctx):  # type: ignore[no-untyped-def]
    return case.status


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        A.SUBMIT_FILING,
        frozenset({S.DRAFT}),
        S.SUBMITTED,
        (HANDLER,),
        guards=("date_valid", "limitation", "two_handlers", "no_pending_recusal"),
        label="提交立案审批",
    ),
    Transition(
        A.APPROVE_FILING,
        frozenset({S.SUBMITTED}),
        S.FILED,
        (HEAD,),
        guards=("date_valid", "limitation", "designated_handlers", "two_handlers", "no_pending_recusal"),
        label="批准立案",
    ),
    Transition(
        A.REJECT_FILING,
        frozenset({S.SUBMITTED}),
        S.REJECTED,
        (HEAD,),
        guards=("opinion_given",),
        label="不予立案",
    ),
    Transition(
        A.REASSIGN_HANDLERS,
        BEFORE_FILING | OPEN,
        _same,
        (HEAD,),
        guards=("reassign_input",),
        alt_targets=tuple(BEFORE_FILING | OPEN),
        label="变更承办人",
    ),
    Transition(
        A.REQUEST_RECUSAL,
        BEFORE_FILING | OPEN,
        _same,
        (HANDLER,),
        guards=("recusal_request_input",),
        alt_targets=tuple(BEFORE_FILING | OPEN),
        label="申请回避",
    ),
    Transition(
        A.DECIDE_RECUSAL,
        BEFORE_FILING | OPEN,
        _same,
        (HEAD,),
        guards=("recusal_decision_input",),
        alt_targets=tuple(BEFORE_FILING | OPEN),
        label="决定回避",
    ),
    Transition(
        A.CONCLUDE_INVESTIGATION,
        INVESTIGATING,
        S.INVESTIGATION_CLOSED,
        (HANDLER,),
        guards=("date_valid", "two_handlers", "no_pending_recusal", "conclusion_input"),
        label="调查终结",
    ),
    Transition(
        A.NOTIFY,
        frozenset({S.INVESTIGATION_CLOSED, S.LEGAL_REVIEW}),
        S.NOTIFIED,
        (HANDLER,),
        guards=(
            "date_valid",
            "penalty_proposed",
            "not_notified",
            "notice_order",
            "two_handlers",
            "no_pending_recusal",
        ),
        label="告知",
    ),
    Transition(
        A.RECORD_DEFENCE,
        AFTER_NOTICE,
        S.DEFENCE,
        (HANDLER,),
        guards=("date_valid", "defence_input"),
        label="记录陈述申辩",
    ),
    Transition(
        A.REQUEST_HEARING,
        AFTER_NOTICE,
        S.HEARING_REQUESTED,
        (HANDLER,),
        guards=("date_valid", "hearing_request_allowed"),
        label="申请听证",
    ),
    Transition(
        A.WAIVE_RIGHTS, AFTER_NOTICE, S.WAIVED, (HANDLER,), guards=("date_valid",), label="放弃陈述申辩和听证"
    ),
    Transition(
        A.SCHEDULE_HEARING,
        frozenset({S.HEARING_REQUESTED}),
        S.HEARING_SCHEDULED,
        (HEAD,),
        guards=("schedule_input",),
        label="通知听证",
    ),
    Transition(
        A.HOLD_HEARING,
        frozenset({S.HEARING_SCHEDULED}),
        S.HEARING_HELD,
        (CHAIR,),
        guards=("date_valid", "hearing_day_reached", "hearing_record_given"),
        label="举行听证",
    ),
    Transition(
        A.SUBMIT_LEGAL_REVIEW,
        frozenset(
            {S.INVESTIGATION_CLOSED, S.NOTIFIED, S.DEFENCE, S.WAIVED, S.HEARING_HELD, S.COLLECTIVE_DISCUSSION}
        ),
        S.LEGAL_REVIEW,
        (HANDLER,),
        guards=("date_valid", "review_order", "review_not_open", "reviewer_input"),
        label="送法制审核",
    ),
    Transition(
        A.TAKE_LEGAL_REVIEW,
        frozenset({S.LEGAL_REVIEW}),
        S.LEGAL_REVIEW,
        (REVIEWER_POOL,),
        guards=("review_waiting", "reviewer_qualified"),
        label="领取法制审核",
    ),
    Transition(
        A.COMPLETE_LEGAL_REVIEW,
        frozenset({S.LEGAL_REVIEW}),
        S.LEGAL_REVIEW,
        (ASSIGNED_REVIEWER,),
        guards=("review_in_hand", "reviewer_qualified", "reviewer_not_handler", "review_input"),
        alt_targets=(S.INVESTIGATION_CLOSED,),
        label="完成法制审核",
    ),
    Transition(
        A.RECORD_COLLECTIVE_DISCUSSION,
        DECIDABLE - {S.COLLECTIVE_DISCUSSION},
        S.COLLECTIVE_DISCUSSION,
        (HEAD,),
        guards=("date_valid", "review_passed", "collective_input"),
        label="记录集体讨论",
    ),
    Transition(
        A.REQUEST_EXTENSION,
        OPEN,
        _same,
        (HANDLER,),
        guards=("no_pending_extension", "extension_input"),
        alt_targets=tuple(OPEN),
        label="申请延长办案期限",
    ),
    Transition(
        A.APPROVE_EXTENSION,
        OPEN,
        _same,
        (HEAD, HIGHER_HEAD),
        guards=("extension_pending", "extension_approver"),
        alt_targets=tuple(OPEN),
        label="批准延长办案期限",
    ),
    Transition(
        A.DECIDE,
        DECIDABLE,
        S.DECIDED,
        (HEAD,),
        guards=(
            "date_valid",
            "concluded",
            "no_pending_recusal",
            "notice_given",
            "windows_passed",
            "review_passed",
            "collective_done",
            "agency_power",
            "two_handlers",
            "no_aggravation",
            "decision_deadline",
        ),
        alt_targets=(S.NO_PENALTY,),
        label="作出决定",
    ),
    # --- summary procedure (简易程序, 行政处罚法 Art 51–52, 68–71): only for ``procedure = summary`` ---
    Transition(
        A.DECIDE_ON_SPOT,
        frozenset({S.DRAFT}),
        S.DECIDED,
        (HANDLER,),
        guards=("date_valid", "summary_input", "two_handlers", "no_pending_recusal"),
        label="当场作出处罚决定",
    ),
    Transition(
        A.RECORD_FILING_BACK,
        frozenset({S.DECIDED}),
        _same,
        (HANDLER, HEAD),
        guards=("summary_date", "summary_not_filed_back"),
        alt_targets=(S.DECIDED,),
        label="当场处罚备案",
    ),
    Transition(
        A.RECORD_CASH_HANDOVER,
        frozenset({S.DECIDED}),
        _same,
        (HANDLER,),
        guards=("summary_date", "summary_cash_pending"),
        alt_targets=(S.DECIDED,),
        label="当场收缴罚款交纳",
    ),
    # --- transfer (移送, spec §11, ERRATA): from investigation or after concluding it, not after a decision ---
    Transition(
        A.TRANSFER,
        OPEN,
        S.TRANSFERRED,
        (HEAD,),
        guards=("date_valid", "transfer_input", "two_handlers", "no_pending_recusal"),
        label="移送",
    ),
    Transition(
        A.RECORD_TRANSFER_RECEIPT,
        frozenset({S.TRANSFERRED}),
        _same,
        (HANDLER, HEAD),
        guards=("transfer_receipt_input",),
        alt_targets=(S.TRANSFERRED,),
        label="记录移送回执和受理情况",
    ),
    Transition(
        A.RESUME_AFTER_TRANSFER,
        frozenset({S.TRANSFERRED}),
        S.INVESTIGATING,
        (HEAD,),
        guards=("date_valid", "transfer_declined", "transfer_follow_up_input"),
        label="移送未受理后继续办理",
    ),
)

TRANSITIONS += (
    Transition(
        A.CLOSE,
        AFTER_DECISION | {S.NO_PENALTY, S.TRANSFERRED},
        S.CLOSED,
        (HEAD,),
        guards=("date_valid", "close_input"),
        label="结案",
    ),
    Transition(
        A.ARCHIVE,
        frozenset({S.CLOSED}),
        S.ARCHIVED,
        (HANDLER, HEAD),
        guards=("closed_properly",),
        label="归档",
    ),
    Transition(
        A.SERVE,
        SERVE_FROM,
        _same,
        (HANDLER,),
        guards=("something_to_serve", "service_target", "service_method"),
        alt_targets=(S.EXECUTING,),
        label="送达",
    ),
    Transition(
        A.RECORD_REMEDY,
        REMEDY_FROM,
        _same,
        (HANDLER,),
        guards=("decision_in_force", "remedy_input"),
        alt_targets=(S.EXECUTING, S.INVESTIGATING),
        label="登记行政复议/诉讼",
    ),
    Transition(
        A.RECORD_REMEDY_OUTCOME,
        REMEDY_FROM,
        _same,
        (HANDLER,),
        guards=("remedy_pending", "remedy_outcome_input"),
        alt_targets=(S.EXECUTING, S.INVESTIGATING),
        label="登记复议/诉讼答复或结果",
    ),
    # --- payment and execution per decision (spec §1.14); the case stays ``executing`` (ERRATA) ---
    Transition(
        A.RECORD_PAYMENT,
        AFTER_DECISION,
        S.EXECUTING,
        (HANDLER,),
        guards=("payment_decision", "payment_date", "payment_input"),
        label="登记缴款",
    ),
    Transition(
        A.REQUEST_DEFERRAL,
        AFTER_DECISION,
        S.EXECUTING,
        (HANDLER,),
        guards=(
            "fine_unpaid",
            "payment_decision",
            "payment_date",
            "fine_outstanding",
            "deferral_request_input",
        ),
        label="登记延期（分期）缴纳申请",
    ),
    Transition(
        A.APPROVE_DEFERRAL,
        AFTER_DECISION,
        S.EXECUTING,
        (HEAD,),
        guards=(
            "fine_unpaid",
            "payment_decision",
            "payment_date",
            "deferral_pending",
            "fine_outstanding",
            "deferral_decision_input",
        ),
        label="审批延期（分期）缴纳",
    ),
    Transition(
        A.SERVE_DEMAND,
        AFTER_DECISION,
        S.EXECUTING,
        (HANDLER,),
        guards=(
            "fine_unpaid",
            "payment_decision",
            "payment_date",
            "decision_served",
            "fine_outstanding",
            "demand_allowed",
        ),
        label="送达催告书",
    ),
    Transition(
        A.APPLY_COURT_ENFORCEMENT,
        AFTER_DECISION,
        S.EXECUTING,
        (HANDLER,),
        guards=(
            "fine_unpaid",
            "payment_decision",
            "payment_date",
            "decision_served",
            "fine_outstanding",
            "court_window",
        ),
        label="申请人民法院强制执行",
    ),
    # 公示 per decision (spec §1.15); the case status stays coarse
    Transition(
        A.PUBLISH,
        AFTER_DECISION,
        _same,
        (HANDLER,),
        guards=("something_to_publish", "publish_input"),
        alt_targets=tuple(AFTER_DECISION),
        label="公示处罚决定",
    ),
    Transition(
        A.WITHDRAW_PUBLICATION,
        WITHDRAWABLE,
        _same,
        (HANDLER,),
        guards=("something_published", "withdraw_input"),
        alt_targets=tuple(WITHDRAWABLE),
        label="撤回公示",
    ),
)

STATE_MESSAGES: dict[str, str] = {
    A.SUBMIT_FILING: "只有预立案的案件可以提交立案审批",
    A.APPROVE_FILING: "只有已提交立案审批的案件可以批准立案",
    A.REJECT_FILING: "只有已提交立案审批的案件可以不予立案",
    A.CONCLUDE_INVESTIGATION: "只有已立案、调查中的案件可以调查终结",
    A.NOTIFY: "只有调查终结（或法制审核通过）的案件可以告知",
    A.RECORD_DEFENCE: "只有已告知的案件可以记录陈述申辩",
    A.REQUEST_HEARING: "只有已告知的案件可以申请听证",
    A.WAIVE_RIGHTS: "只有已告知的案件可以放弃陈述申辩",
    A.SCHEDULE_HEARING: "只有已申请听证的案件可以通知听证",
    A.HOLD_HEARING: "只有已通知听证的案件可以举行听证",
    A.SUBMIT_LEGAL_REVIEW: "当前状态不能送法制审核",
    A.TAKE_LEGAL_REVIEW: "该案件不在法制审核中",
    A.COMPLETE_LEGAL_REVIEW: "该案件不在法制审核中",
    A.RECORD_COLLECTIVE_DISCUSSION: "当前状态不能记录集体讨论",
    A.DECIDE: "当前状态不能作出决定",
    A.DECIDE_ON_SPOT: "只有尚未处理的简易程序案件可以当场作出处罚决定",
    A.RECORD_FILING_BACK: "只有已当场作出处罚决定的案件可以备案",
    A.RECORD_CASH_HANDOVER: "只有已当场作出处罚决定的案件可以记录罚款交纳",
    A.TRANSFER: "只有调查中或调查终结后、作出决定前的案件可以移送",
    A.RECORD_TRANSFER_RECEIPT: "只有已移送的案件可以记录移送回执",
    A.RESUME_AFTER_TRANSFER: "只有已移送的案件可以恢复办理",
    A.CLOSE: "只有已作出决定、不予处罚或已移送的案件可以结案",
    A.ARCHIVE: "只有已结案的案件可以归档",
    A.SERVE: "只有已告知或已作出决定的案件可以送达",
    A.RECORD_REMEDY: "只有已作出处罚决定的案件可以登记行政复议或行政诉讼",
    A.RECORD_REMEDY_OUTCOME: "只有已作出处罚决定的案件可以登记复议/诉讼答复或结果",
    A.RECORD_PAYMENT: "只有已作出处罚决定、执行中的案件可以登记缴款",
    A.REQUEST_DEFERRAL: "只有已作出处罚决定、执行中的案件可以申请延期（分期）缴纳",
    A.APPROVE_DEFERRAL: "只有已作出处罚决定、执行中的案件可以审批延期（分期）缴纳",
    A.SERVE_DEMAND: "只有已作出处罚决定、执行中的案件可以催告",
    A.APPLY_COURT_ENFORCEMENT: "只有已作出处罚决定、执行中的案件可以申请强制执行",
    A.PUBLISH: "只有已作出处罚决定的案件可以公示",
    A.WITHDRAW_PUBLICATION: "该案件没有可撤回的公示",
}
