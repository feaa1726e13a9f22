"""Preview before issue (样稿): the 文书 an action would issue, rendered by running the action for real
inside a transaction that is then rolled back. So the preview shows exactly what the action would
produce (its guards, effects and input included), while nothing stays: no number is consumed (the
counter increment rolls back), no file is stored (documents are rendered as drafts, never through
the issuing service), no event or audit row is kept.

A preview is only for someone who may perform the action now; the case must be visible to them (404)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from enforcement.core.exceptions import InvalidInput

from ..choices import CaseAction as A
from ..models import Case
from . import documents as d
from .documents.base import Draft

# the action that issues each kind (the API's ?kind=)
KIND_ACTIONS: dict[str, str] = {
    d.DOC_FILING: A.APPROVE_FILING,
    d.DOC_REPORT: A.CONCLUDE_INVESTIGATION,
    d.DOC_NOTICE: A.NOTIFY,
    d.DOC_HEARING_RIGHT: A.NOTIFY,
    d.DOC_HEARING_NOTICE: A.SCHEDULE_HEARING,
    d.DOC_HEARING_RECORD: A.HOLD_HEARING,
    d.DOC_REVIEW_OPINION: A.COMPLETE_LEGAL_REVIEW,
    d.DOC_COLLECTIVE: A.RECORD_COLLECTIVE_DISCUSSION,
    d.DOC_DECISION: A.DECIDE,
    d.DOC_NO_PENALTY: A.DECIDE,
}
ISSUING_ACTIONS = frozenset(KIND_ACTIONS.values())


class _Rollback(Exception):
    pass


def preview_action(
    case: Case, action: str, *, actor: Any, params: dict[str, Any] | None = None
) -> list[Draft]:
    """The 样稿 ``action`` would issue for ``actor`` with ``params``; raises as the action would
    (NotAllowed 403, state/guard 409, InvalidInput 400). Leaves the database as it was."""
    from .workflow import transition_case

    drafts: list[Draft] = []
    with d.previewing() as captured:
        try:
            with transaction.atomic():
                transition_case(case, action, actor=actor, params=params)
                drafts = list(captured)
                raise _Rollback
        except _Rollback:
            pass
    return drafts


def preview_kind(
    case: Case, kind: str, *, actor: Any, params: dict[str, Any] | None = None, index: int = 0
) -> Draft:
    """The 样稿 of ``kind`` (the ``index``-th when the action issues several, e.g. one decision per
    party punished)."""
    action = KIND_ACTIONS.get(kind)
    if action is None:
        raise InvalidInput(f"该文书种类不能预览：{kind}", fields={"kind": ["文书种类无效"]})
    drafts = [x for x in preview_action(case, action, actor=actor, params=params) if x.kind == kind]
    if not drafts:
        raise InvalidInput(
            f"按当前情况，{A(action).label}不会出具{d.TITLES[kind]}",
            code="no_document",
            fields={"kind": ["本次办理不出具该文书"]},
        )
    if not 0 <= index < len(drafts):
        raise InvalidInput(f"第{index + 1}份文书不存在（共{len(drafts)}份）", fields={"index": ["序号无效"]})
    return drafts[index]
