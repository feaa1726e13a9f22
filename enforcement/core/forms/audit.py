"""Filtering and keyset pagination of the audit trail, shared by the audit page and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ..models import AuditEvent
from ..models.audit import AuditEventQuerySet
from ..registry import REGISTRY

PAGE_SIZE = 50


def object_type_choices() -> list[tuple[str, str]]:
    """``app_label.model`` → "中文名（app_label.model）" for every installed model (one query)."""
    choices = []
    for ct in ContentType.objects.order_by("app_label", "model"):
        model = ct.model_class()
        if model is None:
            continue
        key = f"{ct.app_label}.{ct.model}"
        choices.append((key, f"{model._meta.verbose_name}（{key}）"))
    return choices


def action_choices() -> list[tuple[str, str]]:
    return sorted(REGISTRY.audit_actions.items(), key=lambda kv: kv[0])


def action_label(code: str) -> str:
    return REGISTRY.audit_actions.get(code, code)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AuditFilterForm(forms.Form):
    """Query parameters: object (type + id), user, action, local date range, cursor."""

    object_type = forms.CharField(label="对象类型", required=False, help_text="app_label.model")
    object_id = forms.IntegerField(label="对象编号", required=False, min_value=1)
    actor = forms.CharField(label="操作人（用户名）", required=False, max_length=150)
    action = forms.CharField(label="操作", required=False, max_length=60)
    date_from = forms.DateField(label="起始日期", required=False)
    date_to = forms.DateField(label="截止日期", required=False)
    before = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_object_type(self) -> int | None:
        value = (self.cleaned_data.get("object_type") or "").strip()
        if not value:
            return None
        app_label, _, model = value.partition(".")
        try:
            return int(ContentType.objects.get_by_natural_key(app_label, model.lower()).pk)
        except ContentType.DoesNotExist:
            raise forms.ValidationError("未知的对象类型") from None

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
            self.add_error("date_to", "截止日期不能早于起始日期")
        if data.get("object_id") and not data.get("object_type"):
            self.add_error("object_type", "按对象编号筛选时请选择对象类型")
        return data

    def apply(self, queryset: AuditEventQuerySet) -> AuditEventQuerySet:
        """The filtered queryset (call after ``is_valid()``); no ordering or cursor applied."""
        data = self.cleaned_data
        if data.get("object_type"):
            queryset = queryset.filter(content_type_id=data["object_type"])
        if data.get("object_id"):
            queryset = queryset.filter(object_id=data["object_id"])
        if data.get("actor"):
            queryset = queryset.filter(actor__username=data["actor"].strip())
        if data.get("action"):
            queryset = queryset.filter(action=data["action"].strip())
        if data.get("date_from"):
            queryset = queryset.filter(created_at__gte=_local_midnight(data["date_from"]))
        if data.get("date_to"):
            queryset = queryset.filter(created_at__lt=_local_midnight(data["date_to"] + dt.timedelta(days=1)))
        return queryset


@dataclass(frozen=True)
class KeysetPage:
    """One page, newest first. ``newer_than``/``older_than`` are the cursors for the neighbour pages."""

    events: list[AuditEvent]
    newer_than: int | None
    older_than: int | None


def keyset_page(
    queryset: AuditEventQuerySet, *, before: int | None, after: int | None, size: int = PAGE_SIZE
) -> KeysetPage:
    """Newest-first page by ``seq`` without OFFSET or COUNT: one query of ``size + 1`` rows.

    ``before``: rows older than that seq (next page); ``after``: rows newer than that seq (previous page).
    """
    if after is not None:
        rows = list(queryset.filter(seq__gt=after).order_by("seq")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        more_older = True  # we came from the row ``after``, which is older than these
    else:
        if before is not None:
            queryset = queryset.filter(seq__lt=before)
        rows = list(queryset.order_by("-seq")[: size + 1])
        more_older = len(rows) > size
        rows = rows[:size]
        more_newer = before is not None
    return KeysetPage(
        events=rows,
        newer_than=rows[0].seq if rows and more_newer else None,
        older_than=rows[-1].seq if rows and more_older else None,
    )
