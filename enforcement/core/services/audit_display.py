"""Reading the audit trail (全过程记录) in Chinese: action and object-type labels, and an event's ``data``
as rows a supervisor can read — a change as 字段 · 原值 · 新值 with the fields' Chinese names.

Services write ``data`` in a few shapes: ``{"diff": {field: [old, new]}}``; pairs of keys such as
``from``/``to`` or ``old_due_date``/``due_date``; and plain facts (``reason``, ``year`` …). Field names
come from the event object's model (``verbose_name``, choices shown by their labels), else from the
labels apps register with ``register_audit_field_labels``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from ..registry import REGISTRY

LIST_SHOWN = 12
TEXT_SHOWN = 300
EMPTY = "—"

# Keys that together state one change: (old key, new key, row label when the model does not name it).
PAIRS = (
    ("from", "to", "状态"),
    ("before", "after", "内容"),
    ("previous", "pattern", "编号格式"),
    ("old_due_date", "due_date", "届满日"),
    ("old_provisional", "provisional", "临时期限"),
)


@dataclass(frozen=True)
class ChangeRow:
    """One line of the change table. ``old`` is None for a plain fact (shown in the 新值 column)."""

    field: str
    label: str
    old: str | None
    new: str
    is_change: bool


def action_label(code: str) -> str:
    """Chinese label of an action code; an unlabelled code reads 其他操作 (tests keep that from happening)."""
    return REGISTRY.audit_actions.get(code, f"其他操作（{code}）")


def object_type_label(model: type[models.Model] | None) -> str:
    return str(model._meta.verbose_name) if model is not None else ""


def _field(model: type[models.Model] | None, name: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The Chinese name of ``name``: the model field's verbose_name, else a registered label, else the key."""
    registered = REGISTRY.audit_field_labels.get(name)
    field = _field(model, name)
    if field is not None:
        verbose = str(getattr(field, "verbose_name", "") or "")
        if verbose and (not verbose.isascii() or registered is None):
            return verbose
    return registered or name


def format_value(value: Any, field: Any = None) -> str:
    """A JSON value as short Chinese text: choices by their label, booleans 是/否, lists joined by 、."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    choices = getattr(field, "flatchoices", None) if field is not None else None
    if choices and not isinstance(value, list | dict):
        for key, label in choices:
            if str(key) == str(value):
                return str(label)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        shown = [format_value(v) for v in value[:LIST_SHOWN]]
        more = f" 等{len(value)}项" if len(value) > LIST_SHOWN else ""
        return "、".join(shown) + more
    if isinstance(value, dict):
        return "；".join(
            f"{REGISTRY.audit_field_labels.get(k, k)}：{format_value(v)}" for k, v in value.items()
        )
    if field is not None and isinstance(field, models.ForeignKey):
        return f"{field.related_model._meta.verbose_name} #{value}"  # type: ignore[union-attr]
    text = str(value)
    return text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN] + "…"


def _is_pair(value: Any) -> bool:
    return isinstance(value, list | tuple) and len(value) == 2


def change_rows(data: dict[str, Any] | None, model: type[models.Model] | None) -> list[ChangeRow]:
    """The rows of the 字段 · 原值 · 新值 table for an event's ``data`` (changes first, then facts)."""
    if not data:
        return []
    rows: list[ChangeRow] = []
    rest = dict(data)
    diff = rest.pop("diff", None)
    if isinstance(diff, dict):
        for name, pair in diff.items():
            field = _field(model, name)
            label = field_label(model, name)
            if _is_pair(pair):
                rows.append(
                    ChangeRow(name, label, format_value(pair[0], field), format_value(pair[1], field), True)
                )
            else:
                rows.append(ChangeRow(name, label, None, format_value(pair, field), False))
    for old_key, new_key, default in PAIRS:
        if old_key in rest and new_key in rest:
            old, new = rest.pop(old_key), rest.pop(new_key)
            field = _field(model, "status" if old_key == "from" else new_key)
            label = field_label(model, new_key) if _field(model, new_key) is not None else default
            rows.append(ChangeRow(new_key, label, format_value(old, field), format_value(new, field), True))
    for name, value in rest.items():
        field = _field(model, name)
        rows.append(ChangeRow(name, field_label(model, name), None, format_value(value, field), False))
    return rows
