"""Django admin for 文书编号格式 (NumberingPattern), for the platform superuser.

Writes go through ``services.numbering_patterns`` (lock, pattern check, audit event); deleting a pattern is
``reset_numbering_pattern`` (the kind's registered default applies again). Agency admins use the page
``/agencies/<id>/numbering/``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Field, QuerySet
from django.http import HttpRequest

from ..models import NumberingPattern
from ..registry import REGISTRY
from ..services.numbering_patterns import reset_numbering_pattern, set_numbering_pattern
from .coredata import ServiceAdmin


@admin.register(NumberingPattern)
class NumberingPatternAdmin(ServiceAdmin):
    list_display = ["agency", "kind", "pattern", "sequence_source"]
    list_filter = ["sequence_source", "kind"]
    search_fields = ["agency__name", "kind", "pattern"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    ordering = ["agency__path", "kind"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["agency", "kind"] if obj else []

    def formfield_for_dbfield(self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "kind":
            kinds = sorted(REGISTRY.document_kinds.values(), key=lambda k: k.code)
            return forms.ChoiceField(
                label=db_field.verbose_name, choices=[(k.code, f"{k.label}（{k.code}）") for k in kinds]
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def save_model(self, request: HttpRequest, obj: NumberingPattern, form: Any, change: bool) -> None:
        saved = set_numbering_pattern(
            obj.agency_id,
            obj.kind,
            pattern=form.cleaned_data["pattern"],
            sequence_source=form.cleaned_data["sequence_source"],
            actor=request.user,
        )
        self._adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: NumberingPattern) -> None:
        reset_numbering_pattern(obj.agency_id, obj.kind, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[NumberingPattern]) -> None:
        for obj in queryset:
            reset_numbering_pattern(obj.agency_id, obj.kind, actor=request.user)
