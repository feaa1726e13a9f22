"""Services for the 执法事项目录 (EnforcementItem catalog): create, update, suspend/resume/cancel,
XLSX import (upsert by code) and export. Every change writes an EnforcementItemChange row with the
field diff, plus one audit event. Maintained by agency admins and the superuser."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..exceptions import DomainError, InvalidInput, InvalidTransition, NotAllowed
from ..models import EnforcementItem, EnforcementItemChange, ItemKind, ItemStatus
from ..models.catalog import ItemLevel
from ..permissions import may_edit_catalog
from ..rules.text import code_error, strip_control_characters, text_error
from ..tabular import ImportReport, RowError, read_rows, write_xlsx
from .audit import diff_value, record_event
from .imports import write_in_batches

ITEM_FIELDS = (
    "code",
    "name",
    "kind",
    "legal_basis",
    "level",
    "status",
    "effective_from",
    "effective_to",
    "note",
)
EDITABLE_FIELDS = ("name", "kind", "legal_basis", "level", "effective_from", "effective_to", "note")
COLUMNS = {
    "事项编码": "code",
    "事项名称": "name",
    "事项类别": "kind",
    "设定依据": "legal_basis",
    "行使层级": "level",
    "状态": "status",
    "生效日期": "effective_from",
    "失效日期": "effective_to",
    "备注": "note",
}
CHOICES = {"kind": ItemKind, "level": ItemLevel, "status": ItemStatus}
# (from, action) -> to. Cancelled is terminal.
TRANSITIONS = {
    (ItemStatus.ACTIVE, "suspend"): ItemStatus.SUSPENDED,
    (ItemStatus.SUSPENDED, "resume"): ItemStatus.ACTIVE,
    (ItemStatus.ACTIVE, "cancel"): ItemStatus.CANCELLED,
    (ItemStatus.SUSPENDED, "cancel"): ItemStatus.CANCELLED,
}
ACTION_LABELS = {"suspend": "暂停", "resume": "恢复", "cancel": "取消"}


@dataclass(frozen=True)
class ItemData:
    code: str
    name: str
    kind: str
    legal_basis: str
    effective_from: dt.date
    level: str = ItemLevel.ALL
    effective_to: dt.date | None = None
    note: str = ""


def _require_editor(actor: Any) -> None:
    if not may_edit_catalog(actor):
        raise NotAllowed("只有系统管理员可以维护执法事项目录")


def _parse_date(value: Any, field: str, errors: dict[str, list[str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip().replace("/", "-")[:10])
    except ValueError:
        errors.setdefault(field, []).append(f"日期“{value}”格式应为YYYY-MM-DD")
        return None


def _clean(values: dict[str, Any], *, instance: EnforcementItem | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for key in ("code", "name", "legal_basis", "note"):
        if key in cleaned:
            cleaned[key] = str(cleaned[key] or "").strip()
    for key in ("legal_basis", "note"):  # pasted from documents: invisible characters are dropped
        if key in cleaned:
            cleaned[key] = strip_control_characters(cleaned[key])
    name_problem = text_error(
        cleaned.get("name", ""), max_length=EnforcementItem._meta.get_field("name").max_length or 300
    )
    if name_problem:
        errors["name"] = [name_problem]
    code_problem = code_error(cleaned.get("code", ""), max_length=40) if instance is None else None
    if not cleaned.get("code"):
        errors["code"] = ["请填写事项编码"]
    elif code_problem:
        errors["code"] = [code_problem]
    elif instance is None and EnforcementItem.objects.filter(code=cleaned["code"]).exists():
        errors["code"] = [f"事项编码{cleaned['code']}已存在"]
    if not cleaned.get("name") and "name" not in errors:
        errors["name"] = ["请填写事项名称"]
    if not cleaned.get("legal_basis"):
        errors["legal_basis"] = ["请填写设定依据"]
    for key, choices in CHOICES.items():
        if key in cleaned:
            text = str(cleaned[key] or "").strip()
            match = next((v for v, label in choices.choices if text in (v, label)), None)
            if match is None:
                errors[key] = [f"“{text}”不是有效的选项，可选：{'、'.join(str(x) for x in choices.labels)}"]
            else:
                cleaned[key] = match
    cleaned["effective_from"] = _parse_date(cleaned.get("effective_from"), "effective_from", errors)
    cleaned["effective_to"] = _parse_date(cleaned.get("effective_to"), "effective_to", errors)
    if cleaned["effective_from"] is None and "effective_from" not in errors:
        errors["effective_from"] = ["请填写生效日期"]
    if (
        cleaned["effective_from"]
        and cleaned["effective_to"]
        and cleaned["effective_to"] < cleaned["effective_from"]
    ):
        errors["effective_to"] = ["失效日期不能早于生效日期"]
    if not errors:
        probe = EnforcementItem(**{k: v for k, v in cleaned.items() if k in ITEM_FIELDS})
        try:
            probe.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            errors.update({k: [str(m) for m in v] for k, v in exc.message_dict.items()})
    if errors:
        raise InvalidInput(
            "执法事项信息有误：" + "；".join(m for ms in errors.values() for m in ms), fields=errors
        )
    return cleaned


def _log(item: EnforcementItem, kind: str, diff: dict[str, list[Any]], actor: Any) -> None:
    EnforcementItemChange.objects.create(
        item=item, actor=actor if getattr(actor, "pk", None) else None, change_kind=kind, diff=diff
    )


def _create(values: dict[str, Any], actor: Any, change_kind: str) -> EnforcementItem:
    cleaned = _clean(values, instance=None)
    item = EnforcementItem(**{k: v for k, v in cleaned.items() if k in ITEM_FIELDS})
    item.save(force_insert=True)
    _log(item, change_kind, {f: [None, diff_value(getattr(item, f))] for f in ITEM_FIELDS}, actor)
    return item


def _update(
    item: EnforcementItem, changes: Mapping[str, Any], actor: Any, change_kind: str, allowed: Iterable[str]
) -> dict[str, list[Any]]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise InvalidInput(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    current = {f: getattr(item, f) for f in ITEM_FIELDS}
    cleaned = _clean({**current, **changes}, instance=item)
    diff = {
        f: [diff_value(current[f]), diff_value(cleaned[f])] for f in ITEM_FIELDS if current[f] != cleaned[f]
    }
    if diff:
        for f in diff:
            setattr(item, f, cleaned[f])
        item.save(update_fields=[*diff, "updated_at"])
        _log(item, change_kind, diff, actor)
    return diff


def create_item(data: ItemData, *, actor: Any) -> EnforcementItem:
    """Add an item to the catalog (status 有效). Raises NotAllowed or InvalidInput."""
    with transaction.atomic():
        _require_editor(actor)
        item = _create(asdict(data), actor, "created")
        record_event("item.create", actor=actor, obj=item, data={"code": item.code})
    return item


def update_item(item: EnforcementItem | int, changes: Mapping[str, Any], *, actor: Any) -> EnforcementItem:
    """Change descriptive fields (not the code, not the status — use the status services)."""
    pk = item.pk if isinstance(item, EnforcementItem) else item
    with transaction.atomic():
        _require_editor(actor)
        obj = EnforcementItem.objects.select_for_update().get(pk=pk)
        if obj.status == ItemStatus.CANCELLED:
            raise InvalidTransition("已取消的执法事项不能再修改")
        diff = _update(obj, changes, actor, "updated", EDITABLE_FIELDS)
        if diff:
            record_event("item.update", actor=actor, obj=obj, data={"diff": diff})
    return obj


def _apply_transition(
    obj: EnforcementItem, action: str, *, actor: Any, reason: str, on_date: dt.date | None
) -> dict[str, list[Any]]:
    """Change the status of a locked item per ``TRANSITIONS`` and log the change (no audit event)."""
    target = TRANSITIONS.get((ItemStatus(obj.status), action))
    if target is None:
        raise InvalidTransition(f"状态为“{obj.get_status_display()}”的执法事项不能{ACTION_LABELS[action]}")
    if not reason.strip():
        raise InvalidInput(f"请说明{ACTION_LABELS[action]}原因", fields={"reason": ["请填写原因"]})
    diff: dict[str, list[Any]] = {"status": [obj.status, str(target)]}
    obj.status = target
    fields = ["status", "updated_at"]
    if action == "cancel":
        last = max(on_date or timezone.localdate(), obj.effective_from)
        if obj.effective_to is None or obj.effective_to > last:
            diff["effective_to"] = [diff_value(obj.effective_to), diff_value(last)]
            obj.effective_to = last
            fields.append("effective_to")
    diff["reason"] = [None, reason.strip()]
    obj.save(update_fields=fields)
    _log(obj, "status", diff, actor)
    return diff


def _transition(
    item: EnforcementItem | int, action: str, *, actor: Any, reason: str, on_date: dt.date | None
) -> EnforcementItem:
    pk = item.pk if isinstance(item, EnforcementItem) else item
    with transaction.atomic():
        _require_editor(actor)
        obj = EnforcementItem.objects.select_for_update().get(pk=pk)
        diff = _apply_transition(obj, action, actor=actor, reason=reason, on_date=on_date)
        record_event(f"item.{action}", actor=actor, obj=obj, data={"diff": diff})
    return obj


def suspend_item(item: EnforcementItem | int, *, actor: Any, reason: str) -> EnforcementItem:
    """有效 → 暂停. Agencies may not act on a suspended item (``agency_may_act``)."""
    return _transition(item, "suspend", actor=actor, reason=reason, on_date=None)


def resume_item(item: EnforcementItem | int, *, actor: Any, reason: str) -> EnforcementItem:
    """暂停 → 有效."""
    return _transition(item, "resume", actor=actor, reason=reason, on_date=None)


def cancel_item(
    item: EnforcementItem | int, *, actor: Any, reason: str, last_day: dt.date | None = None
) -> EnforcementItem:
    """有效/暂停 → 取消 (terminal); the item stays in force up to ``last_day`` (default today)."""
    return _transition(item, "cancel", actor=actor, reason=reason, on_date=last_day)


def import_items(
    upload: IO[bytes],
    filename: str,
    *,
    actor: Any,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Upsert catalog items from an XLSX/CSV with the ``COLUMNS`` headings, in batches of savepoints.

    The whole file is read and checked first. A new code is created; an existing code has its
    descriptive fields and status updated (a status change follows ``TRANSITIONS``; a cancelled item is
    not reopened). One audit event with counts."""
    _require_editor(actor)
    report = ImportReport()
    rows = list(read_rows(upload, filename))
    if not rows:
        raise InvalidInput("文件中没有数据行", fields={"file": ["没有数据行"]})
    missing = [c for c in ("事项编码", "事项名称", "事项类别", "设定依据", "生效日期") if c not in rows[0][1]]
    if missing:
        raise InvalidInput(f"缺少必填列：{'、'.join(missing)}", fields={"file": ["缺少必填列"]})

    def write_row(number: int, row: dict[str, str]) -> None:
        values = {field: row[h] for h, field in COLUMNS.items() if h in row}
        code = values.get("code", "").strip()
        existing = EnforcementItem.objects.select_for_update().filter(code=code).first()
        status_text = values.pop("status", "")
        if existing is None:
            if status_text and status_text not in (ItemStatus.ACTIVE, ItemStatus.ACTIVE.label):
                raise InvalidInput("新增事项的状态只能为“有效”")
            _create(values, actor, "imported")
            report.created += 1
            return
        if existing.status == ItemStatus.CANCELLED:
            raise InvalidTransition("该事项已取消，不能通过导入修改")
        values.pop("code", None)
        diff = _update(existing, values, actor, "imported", EDITABLE_FIELDS)
        target = (
            next((v for v, lbl in ItemStatus.choices if status_text in (v, lbl)), None)
            if status_text
            else None
        )
        if status_text and target is None:
            raise InvalidInput(f"状态“{status_text}”无效，可选：有效、暂停、取消")
        if target is not None and target != existing.status:
            action = {"active": "resume", "suspended": "suspend", "cancelled": "cancel"}[target]
            if (ItemStatus(existing.status), action) not in TRANSITIONS:
                raise InvalidTransition(f"不能从“{existing.get_status_display()}”改为“{status_text}”")
            diff |= _apply_transition(
                existing, action, actor=actor, reason=f"导入文件{filename}第{number}行", on_date=None
            )
        if diff:
            report.updated += 1
        else:
            report.unchanged += 1

    def on_error(number: int, row: dict[str, str], exc: DomainError) -> None:
        report.errors.append(RowError(row=number, key=row.get("事项编码", "").strip(), message=exc.message))

    write_in_batches(rows, write_row, on_error, progress=progress)
    with transaction.atomic():
        record_event(
            "item.import",
            actor=actor,
            data={
                "filename": filename,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
                "rejected_rows": [e.row for e in report.errors][:200],
            },
        )
    return report


def export_items_xlsx(items: Iterable[EnforcementItem]) -> bytes:
    """The catalog as XLSX with the import headings (so an export can be edited and re-imported)."""
    rows = [
        [
            i.code,
            i.name,
            i.get_kind_display(),
            i.legal_basis,
            i.get_level_display(),
            i.get_status_display(),
            i.effective_from,
            i.effective_to,
            i.note,
        ]
        for i in items
    ]
    return write_xlsx("执法事项目录", list(COLUMNS), rows)
