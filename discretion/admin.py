"""Django admin for benchmark maintenance. Every save and delete goes through the services (audit
event, draft-only edits); publishing and copying are admin actions calling the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from enforcement.core.exceptions import DomainError

from . import services
from .choices import VersionStatus
from .models import (
    BenchmarkVersion,
    Circumstance,
    FirstOffenceEntry,
    FirstOffenceList,
    OtherMeasure,
    ReviewCriterion,
    StatutoryRange,
    Synonym,
    Tier,
    TierRange,
    Violation,
    is_benchmark_admin,
)


class ServiceAdminMixin:
    """Route admin writes through services.save_catalog_object / delete_catalog_object."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_benchmark_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_benchmark_admin(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_benchmark_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_benchmark_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_benchmark_admin(request.user)

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        services.save_catalog_object(obj, actor=request.user, changed=list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        services.delete_catalog_object(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            services.delete_catalog_object(obj, actor=request.user)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.delete_catalog_object(obj, actor=request.user)
        for obj in instances:
            services.save_catalog_object(obj, actor=request.user)
        formset.save_m2m()

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().changeform_view(request, *args, **kwargs)  # type: ignore[misc]  # mixin over ModelAdmin
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)  # type: ignore[attr-defined]  # ModelAdmin API
            from django.shortcuts import redirect

            return redirect(request.path)


class StatutoryRangeInline(admin.TabularInline):
    model = StatutoryRange
    extra = 0


class OtherMeasureInline(admin.TabularInline):
    model = OtherMeasure
    extra = 0


class TierInline(admin.StackedInline):
    model = Tier
    extra = 0
    show_change_link = True


class TierRangeInline(admin.TabularInline):
    model = TierRange
    extra = 0


@admin.action(description="发布所选草稿版本")
def publish_versions(modeladmin: Any, request: HttpRequest, queryset: QuerySet[BenchmarkVersion]) -> None:
    for version in queryset:
        try:
            services.publish_version(version, actor=request.user)
        except DomainError as exc:
            modeladmin.message_user(request, f"{version.code}：{exc.message}", level=messages.ERROR)


@admin.register(BenchmarkVersion)
class BenchmarkVersionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "document_number",
        "jurisdiction",
        "region",
        "effective_from",
        "effective_to",
        "status",
    ]
    list_filter = ["status", "jurisdiction"]
    search_fields = ["code", "name", "document_number"]
    actions = [publish_versions]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # status changes only through publish_version; published versions are frozen
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return [f.name for f in BenchmarkVersion._meta.fields]
        return ["status", "copied_from"]


class TierPublishedFilter(admin.SimpleListFilter):
    """Which violations still lack tiers (the calculator then uses the statutory range)."""

    title = "裁量档次"
    parameter_name = "tiers"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("none", "未公布裁量档次"), ("some", "已有裁量档次")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "none":
            return queryset.filter(tiers__isnull=True)
        if self.value() == "some":
            return queryset.filter(tiers__isnull=False).distinct()
        return queryset


@admin.register(Synonym)
class SynonymAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """检索同义词: officer words → law words. Writes go through services.save_synonym (audited)."""

    list_display = ["group", "officer_terms", "law_terms", "updated_at"]
    list_filter = ["group"]
    search_fields = ["group", "officer_terms", "law_terms"]

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        assert isinstance(obj, Synonym)
        services.save_synonym(obj, actor=request.user, changed=list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        assert isinstance(obj, Synonym)
        services.delete_synonym(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            services.delete_synonym(obj, actor=request.user)


@admin.register(Violation)
class ViolationAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "law", "article", "paragraph", "item", "version", "verification"]
    list_filter = ["version", "law", "verification", TierPublishedFilter]
    search_fields = ["code", "name", "keywords"]
    raw_id_fields = ["enforcement_item"]
    inlines = [StatutoryRangeInline, OtherMeasureInline, TierInline]
    list_select_related = ["version"]


@admin.register(Tier)
class TierAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "violation"]
    list_select_related = ["violation"]
    inlines = [TierRangeInline]
    raw_id_fields = ["violation"]


@admin.register(Circumstance)
class CircumstanceAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "statutory", "mandatory", "version"]
    list_select_related = ["version"]
    list_filter = ["kind", "statutory"]


class FirstOffenceEntryInline(admin.TabularInline):
    model = FirstOffenceEntry
    extra = 0


@admin.register(FirstOffenceList)
class FirstOffenceListAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "region", "effective_from", "effective_to", "verification"]
    inlines = [FirstOffenceEntryInline]


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "kind", "threshold", "legal_review", "collective_discussion", "hearing"]
