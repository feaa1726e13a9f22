"""执法证 lifecycle as data: from-state, action, to-state, who may, guards (spec §9.1).

Rows of the core workflow engine (``enforcement.core.services.workflow``); ``training.services.certificates``
binds them to the guards, the who-predicate and the effects (``CERTIFICATE_WORKFLOW``) and is the only runner. ``None`` as a source means
"no certificate yet" (申领 creates the row). "expired" is not a state: it is derived from the expiry date,
and guards that care about it say so.

unverified (spec §9.1 年度审验 procedure ❓) — decisions documented here:
- a failed 年审 (不合格) suspends the certificate (暂扣, reason "年审不合格", no end date): the holder must
  pass re-assessment and an admin records ``lift_suspension``; withdrawing or cancelling stays possible;
- a suspension never ends by itself when its period runs out: only ``lift_suspension`` ends it, so the
  register always shows who actually lifted it and when (``may_enforce`` says the period has ended);
- 换发 cancels the old certificate (reason "换发") and issues a new one linked through ``replaces``.
"""

from __future__ import annotations

from enforcement.core.rules.workflow import Transition

from .choices import CertificateAction as A
from .choices import CertificateStatus as S

AGENCY_ADMIN = "agency_admin"  # 系统管理员 of the holder's agency or an ancestor, or a superuser
WHO = (AGENCY_ADMIN,)


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        # the source is the holder's current certificate (None when there is none)
        Transition(A.APPLY, frozenset({None}), S.APPLIED, WHO, guards=("holder_active", "holder_has_agency")),
        Transition(A.ISSUE, frozenset({S.APPLIED}), S.ISSUED, WHO, guards=("passed_exam", "number_unused")),
        Transition(
            A.ANNUAL_REVIEW,
            frozenset({S.ISSUED}),
            S.ISSUED,
            WHO,
            guards=("not_expired", "review_year_owed"),
            alt_targets=(S.SUSPENDED,),  # 年审不合格
        ),
        Transition(A.RENEW, frozenset({S.ISSUED}), S.CANCELLED, WHO, guards=("number_unused",)),
        Transition(A.SUSPEND, frozenset({S.ISSUED}), S.SUSPENDED, WHO, guards=("not_expired",)),
        Transition(A.LIFT_SUSPENSION, frozenset({S.SUSPENDED}), S.ISSUED, WHO),
        Transition(A.WITHDRAW, frozenset({S.ISSUED, S.SUSPENDED}), S.WITHDRAWN, WHO),
        Transition(A.CANCEL, frozenset({S.APPLIED, S.ISSUED, S.SUSPENDED, S.WITHDRAWN}), S.CANCELLED, WHO),
    )
}

TERMINAL_STATES = frozenset({S.CANCELLED})

# Refusal messages for a wrong state, by action (the current state's label is appended).
STATE_MESSAGES: dict[str, str] = {
    A.APPLY: "该人员已有执法证，不能重复申领",
    A.ISSUE: "只有申领中的执法证可以核发",
    A.ANNUAL_REVIEW: "只有已核发的执法证可以年审",
    A.RENEW: "只有已核发的执法证可以换发",
    A.SUSPEND: "只有已核发的执法证可以暂扣",
    A.LIFT_SUSPENSION: "执法证未被暂扣，无需解除",
    A.WITHDRAW: "只有已核发或暂扣中的执法证可以收回",
    A.CANCEL: "执法证已注销",
}


def is_allowed(status: str | None, action: str) -> bool:
    transition = TRANSITIONS.get(action)
    return transition is not None and status in transition.sources


def available_actions(status: str | None) -> list[str]:
    """Actions the table allows from ``status`` (who-may and guards are checked by the service)."""
    return [action for action, t in TRANSITIONS.items() if status in t.sources]
