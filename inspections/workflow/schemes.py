"""检查方案: 编制 → 报批 → 批准 (head) → 实施, or 退回 → 修改 (spec §3.4) as data.

Who: ``preparer`` = the scheme's preparer or a member of its team; ``head`` = 负责人 of its agency.
Team guards re-run ``require_enforcing_officers(item=…)`` at submission and approval (a certificate may
have expired meanwhile); experts never count.
"""

from __future__ import annotations

from enforcement.core.rules.workflow import Transition

from ..choices import SchemeAction as A
from ..choices import SchemeStatus as S

PREPARER = "preparer"
HEAD = "head"

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            A.SUBMIT, frozenset({S.DRAFT}), S.SUBMITTED, (PREPARER,), guards=("has_lines", "team_qualified")
        ),
        Transition(A.APPROVE, frozenset({S.SUBMITTED}), S.APPROVED, (HEAD,), guards=("team_qualified",)),
        Transition(A.RETURN, frozenset({S.SUBMITTED}), S.RETURNED, (HEAD,), guards=("opinion_given",)),
        Transition(A.REVISE, frozenset({S.RETURNED}), S.DRAFT, (PREPARER,)),
        Transition(
            A.CANCEL, frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.APPROVED}), S.CANCELLED, (PREPARER, HEAD)
        ),
    )
}

STATE_MESSAGES: dict[str, str] = {
    A.SUBMIT: "只有编制中的检查方案可以报批",
    A.APPROVE: "只有报批中的检查方案可以批准",
    A.RETURN: "只有报批中的检查方案可以退回",
    A.REVISE: "只有已退回的检查方案可以修改",
    A.CANCEL: "已实施或已取消的检查方案不能取消",
}
