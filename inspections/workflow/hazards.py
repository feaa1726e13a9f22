"""The hazard loop (spec §3.5, 三部曲 认定 → 责令整改 → 复查) as data.

Who (relational, judged by ``inspections.services.hazards``):
- ``handler``: the hazard's responsible officer or an officer of the inspection's team;
- ``head``: 负责人 of the hazard's agency (ERRATA: ancestors' heads read only).

A major hazard at discovery is first instance: ``file_case`` is offered on it (立案 at stage ``first``);
``overdue`` (逾期未改正) is reached only through a failed re-check (ERRATA). ``escalate`` reports to the head
a hazard whose re-check failed or whose deadline passed without a re-check. ``file_case`` is only
available when an app has registered the action in the core registry (guard ``case_action_registered``).
"""

from __future__ import annotations

from enforcement.core.rules.workflow import Transition

from ..choices import HazardAction as A
from ..choices import HazardStatus as S

HANDLER = "handler"
HEAD = "head"

OPEN = frozenset({S.RECTIFYING, S.EXTENSION_REQUESTED, S.OVERDUE, S.ESCALATED})

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            A.ORDER_RECTIFICATION,
            frozenset({S.FOUND}),
            S.RECTIFYING,
            (HANDLER,),
            guards=("officers_qualified", "deadline_valid"),
            label="责令限期整改",
        ),
        Transition(
            A.REQUEST_EXTENSION,
            frozenset({S.RECTIFYING}),
            S.EXTENSION_REQUESTED,
            (HANDLER,),
            guards=("extension_in_time", "extension_date_valid"),
            label="登记延期申请",
        ),
        Transition(
            A.DECIDE_EXTENSION,
            frozenset({S.EXTENSION_REQUESTED}),
            S.RECTIFYING,
            (HEAD,),
            guards=("decision_given",),
            label="审查延期申请",
        ),
        Transition(
            A.RECHECK,
            frozenset({S.RECTIFYING, S.EXTENSION_REQUESTED, S.OVERDUE, S.ESCALATED}),
            S.CLOSED,
            (HANDLER,),
            guards=("officers_qualified", "recheck_input"),
            alt_targets=(S.OVERDUE,),  # 未整改 → 逾期未改正 (or stays escalated)
            label="复查",
        ),
        Transition(
            A.ESCALATE,
            frozenset({S.RECTIFYING, S.OVERDUE}),
            S.ESCALATED,
            (HANDLER,),
            guards=("overdue_or_failed",),
            label="报告负责人",
        ),
        Transition(
            A.FILE_CASE,
            frozenset({S.FOUND, S.RECTIFYING, S.OVERDUE, S.ESCALATED}),
            S.CASE_FILED,
            (HANDLER, HEAD),
            guards=("case_action_registered", "major_or_failed_recheck"),
            label="立案",
        ),
    )
}

STATE_MESSAGES: dict[str, str] = {
    A.ORDER_RECTIFICATION: "只有已认定、尚未责令整改的隐患可以下达责令限期整改指令书",
    A.REQUEST_EXTENSION: "只有限期整改中的隐患可以登记延期申请",
    A.DECIDE_EXTENSION: "该隐患没有待审查的延期申请",
    A.RECHECK: "只有已责令整改、尚未销号的隐患可以复查",
    A.ESCALATE: "只有限期整改中或逾期未改正的隐患可以报告负责人",
    A.FILE_CASE: "该隐患当前状态不能立案",
}
