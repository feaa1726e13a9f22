"""Guards and bookkeeping shared by the structured-evidence services (笔录, 抽样, 先行登记保存, 查封扣押):
only the case's active handlers act, only while the case is under investigation, with two qualified officers
present (行政处罚法 Art 42, 55); each act is one timeline row and one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event
from training.guards import require_enforcing_officers
from training.models import Certificate

from ..choices import CaseStatus
from ..models import Case, CaseEvent
from .common import handler_rows, is_handler
from .guards import case_item

UNDER_INVESTIGATION = (CaseStatus.FILED, CaseStatus.INVESTIGATING)
# Later acts on a measure already in force (handling decision, extension, release) stay possible until the
# file is closed: the items must be dealt with even after the decision. Archived files are frozen (ERRATA).
FROZEN = (CaseStatus.CLOSED, CaseStatus.ARCHIVED, CaseStatus.REJECTED)


def require_handler(actor: Any, case: Case, what: str) -> None:
    if not is_handler(actor, case):
        raise NotAllowed(f"只有本案在办承办人可以{what}")


def require_investigating(case: Case, what: str) -> None:
    if case.status not in UNDER_INVESTIGATION:
        raise InvalidTransition(
            f"案件当前状态为“{case.get_status_display()}”，只有在立案后、调查终结前可以{what}",
            code="case_not_investigating",
        )


def require_not_frozen(case: Case, what: str) -> None:
    if case.status in FROZEN:
        raise InvalidTransition(
            f"案件当前状态为“{case.get_status_display()}”，不能再{what}", code="case_frozen"
        )


def lock_case(case: Case) -> Case:
    locked: Case = (
        Case.objects.select_related("deciding_agency").select_for_update(of=("self",)).get(pk=case.pk)
    )
    return locked


def text(params: dict[str, Any], key: str, label: str, *, limit: int = 300, required: bool = True) -> str:
    value = str(params.get(key) or "").strip()
    if required and not value:
        raise InvalidInput(f"请填写{label}", fields={key: [f"请填写{label}"]})
    if len(value) > limit:
        raise InvalidInput(f"{label}不能超过{limit}字", fields={key: [f"不能超过{limit}字"]})
    return value


def moment(params: dict[str, Any], key: str, label: str, *, required: bool = True) -> dt.datetime | None:
    value = params.get(key)
    if value in (None, ""):
        if required:
            raise InvalidInput(f"请填写{label}", fields={key: [f"请填写{label}"]})
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{label}格式不正确", fields={key: ["格式应为 YYYY-MM-DDTHH:MM"]}) from None
    if not isinstance(value, dt.datetime):
        raise InvalidInput(f"{label}格式不正确", fields={key: ["格式应为 YYYY-MM-DDTHH:MM"]})
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now():
        raise InvalidInput(f"{label}不能晚于现在", fields={key: [f"{label}不能晚于现在"]})
    return value


def items_list(params: dict[str, Any], key: str = "items") -> list[dict[str, str]]:
    """Listed items (name, specification, quantity, batch): at least one, each with a name and a quantity."""
    raw = params.get(key) or []
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("请至少登记一项物品", fields={key: ["请至少登记一项物品"]})
    out = []
    for n, row in enumerate(raw, start=1):
        if not isinstance(row, dict):
            raise InvalidInput(f"第{n}项物品格式不正确", fields={key: [f"第{n}项格式不正确"]})
        item = {f: str(row.get(f) or "").strip()[:100] for f in ("name", "spec", "quantity", "batch")}
        if not item["name"] or not item["quantity"]:
            raise InvalidInput(f"第{n}项物品须写明名称和数量", fields={key: [f"第{n}项须写明名称和数量"]})
        out.append(item)
    return out


def certificate_numbers(user_ids: Iterable[int], on: dt.date) -> dict[int, str]:
    rows = (
        Certificate.objects.filter(Certificate.valid_q(on), holder_id__in=list(user_ids))
        .order_by("holder_id", "-issued_on", "-id")
        .values_list("holder_id", "number")
    )
    found: dict[int, str] = {}
    for holder, number in rows:
        found.setdefault(holder, number or "")
    return found


def officers_present(case: Case, ids: Any, on: dt.date, *, key: str = "officers") -> list[dict[str, Any]]:
    """The officers who did it: ≥ 2 distinct active handlers of the case, each qualified for the case's item
    on the day (行政处罚法 Art 42; Art 55 they show their certificates). Answers the snapshot kept on the
    record (name and certificate number)."""
    try:
        wanted = list(dict.fromkeys(int(i) for i in (ids or [])))
    except (TypeError, ValueError):
        raise InvalidInput("执法人员填写不正确", fields={key: ["请选择本案承办人"]}) from None
    if len(wanted) < 2:
        raise InvalidInput(
            "须有两名以上执法人员（行政处罚法第四十二条）", fields={key: ["请选择两名以上本案承办人"]}
        )
    rows = {row.user_id: row.user for row in handler_rows(case)}
    strangers = [i for i in wanted if i not in rows]
    if strangers:
        raise InvalidInput("执法人员须为本案在办承办人", fields={key: ["须为本案在办承办人"]})
    users = [rows[i] for i in wanted]
    try:
        require_enforcing_officers(users, on, item=case_item(case))
    except GuardFailed as exc:
        raise GuardFailed(f"{exc.message}（行政处罚法第四十二条）", code=exc.code) from None
    numbers = certificate_numbers(wanted, on)
    return [{"id": u.pk, "name": u.display_name, "certificate": numbers.get(u.pk, "")} for u in users]


def note(case: Case, *, actor: Any, action: str, summary: str, data: dict[str, Any]) -> None:
    """One timeline row and one audit event for a structured-evidence act (inside the caller's transaction)."""
    CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=case.status,
        to_status=case.status,
        on_date=timezone.localdate(),
        actor=actor,
        summary=summary[:300],
        data=data,
    )
    record_event(f"case.{action}", actor=actor, obj=case, data=data)
