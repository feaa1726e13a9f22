"""年度监督检查计划: 编制 → 报批 → 批准 → 公示 → 调整 (each adjustment a new version; spec §3.2) as data.

Who: ``preparer`` = an officer or head of the plan's agency; ``head`` = 负责人 of the plan's agency (the
government's approval is recorded by the head with its date and reference).
"""

from __future__ import annotations

from enforcement.core.rules.workflow import Transition

from ..choices import PlanAction as A
from ..choices import PlanStatus as S

PREPARER = "preparer"
HEAD = "head"

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(A.SUBMIT, frozenset({S.DRAFT}), S.SUBMITTED, (PREPARER, HEAD), guards=("has_version",)),
        Transition(A.RETURN, frozenset({S.SUBMITTED}), S.DRAFT, (HEAD,)),
        Transition(A.APPROVE, frozenset({S.SUBMITTED}), S.APPROVED, (HEAD,), guards=("approval_recorded",)),
        Transition(A.PUBLISH, frozenset({S.APPROVED}), S.PUBLISHED, (HEAD,)),
        # an adjustment keeps the state and adds a version (the reason is required)
        Transition(
            A.ADJUST, frozenset({S.APPROVED, S.PUBLISHED}), S.PUBLISHED, (HEAD,), guards=("reason_given",)
        ),
    )
}

STATE_MESSAGES: dict[str, str] = {
    A.SUBMIT: "只有编制中的计划可以报批",
    A.RETURN: "只有报批中的计划可以退回",
    A.APPROVE: "只有报批中的计划可以批准",
    A.PUBLISH: "只有已批准的计划可以公示",
    A.ADJUST: "只有已批准或已公示的计划可以调整",
}
