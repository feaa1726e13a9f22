"""评查标准 maintenance in the platform admin (superusers, as the discretion benchmarks): every save and
delete goes through ``services.rubrics`` (draft-only edits, audit event); publish and copy are actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect

from enforcement.core.exceptions import DomainError
from enforcement.core.services.audit import record_event

from .choices import RubricStatus
from .models import AnnualQuota, Rubric, RubricItem, RubricSection
from .services import rubrics


class RubricServiceMixin:
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        rubrics.save_rubric_object(obj, actor=request.user, changed=list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        rubrics.delete_rubric_object(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            rubrics.delete_rubric_object(obj, actor=request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            rubrics.delete_rubric_object(obj, actor=request.user)
        for obj in instances:
            rubrics.save_rubric_object(obj, actor=request.user)
        formset.save_m2m()

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().changeform_view(request, *args, **kwargs)  # type: ignore[misc]  # mixin over ModelAdmin
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)  # type: ignore[attr-defined]  # ModelAdmin API
            return redirect(request.path)


class RubricSectionInline(admin.TabularInline):
    model = RubricSection
    extra = 0
    show_change_link = True


class RubricItemInline(admin.TabularInline):
    model = RubricItem
    extra = 0


@admin.action(description="发布所选草稿版本")
def publish(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Rubric]) -> None:
    for rubric in queryset:
        try:
            rubrics.publish_rubric(rubric, actor=request.user)
        except DomainError as exc:
            modeladmin.message_user(request, f"{rubric}：{exc.message}", level=messages.ERROR)


@admin.action(description="复制为新版本（草稿）")
def copy(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Rubric]) -> None:
    for rubric in queryset:
        new = rubrics.copy_rubric(rubric, actor=request.user)
        modeladmin.message_user(request, f"已复制为 {new}")


@admin.register(Rubric)
class RubricAdmin(RubricServiceMixin, admin.ModelAdmin):
    list_display = ["code", "version", "name", "status", "excellent_min", "pass_min", "published_at"]
    list_filter = ["status"]
    inlines = [RubricSectionInline]
    actions = [publish, copy]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.status != RubricStatus.DRAFT:
            return [f.name for f in Rubric._meta.fields]
        return ["status", "published_at", "copied_from"]


@admin.register(RubricSection)
class RubricSectionAdmin(RubricServiceMixin, admin.ModelAdmin):
    list_display = ["rubric", "code", "name", "is_veto", "order"]
    inlines = [RubricItemInline]


@admin.register(AnnualQuota)
class AnnualQuotaAdmin(admin.ModelAdmin):
    list_display = ["level", "files_per_year", "basis"]

    def save_model(self, request: HttpRequest, obj: AnnualQuota, form: Any, change: bool) -> None:
        with transaction.atomic():
            obj.save()
            record_event(
                "supervision.quota_edit",
                actor=request.user,
                obj=obj,
                data={"level": obj.level, "files_per_year": obj.files_per_year},
            )
