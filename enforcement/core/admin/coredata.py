"""Django admin for agencies, powers, users, enterprises and the catalog.

Choice (documented): admin writes go through the services. ``save_model`` calls the service instead
of ``obj.save()``; a service refusal (DomainError) rolls the admin transaction back and comes back
as an error message. Deleting is switched off (rows are referenced by cases and the audit trail);
powers are ended with the "终止" action, catalog items change status with actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from ..exceptions import DomainError
from ..models import Agency, AgencyPower, EnforcementItem, EnforcementItemChange, Enterprise, User
from ..permissions import managed_agencies, may_manage_agency
from ..services.agencies import (
    AGENCY_FIELDS,
    AgencyData,
    create_agency,
    grant_power,
    revoke_power,
    update_agency,
)
from ..services.audit import record_event
from ..services.catalog import EDITABLE_FIELDS as ITEM_EDITABLE
from ..services.catalog import ItemData, cancel_item, create_item, resume_item, suspend_item, update_item
from ..services.enterprises import EDITABLE_FIELDS as ENTERPRISE_EDITABLE
from ..services.enterprises import EnterpriseData, create_enterprise, update_enterprise


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic per registered model
    """Turn a service refusal raised from save_model into a message instead of a server error."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            messages.error(request, exc.message)
            return HttpResponseRedirect(request.get_full_path())

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @staticmethod
    def _adopt(obj: Any, saved: Any) -> None:
        obj.pk = saved.pk
        obj._state.adding = False


class ManagedAgencyFields:
    """Agency choices limited to what the user manages (agency admins: their subtree)."""

    managed_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name in self.managed_fields:
            kwargs["queryset"] = managed_agencies(request.user).order_by("path")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]  # mixin before ModelAdmin


@admin.register(Agency)
class AgencyAdmin(ManagedAgencyFields, ServiceAdmin):
    """Agency admins (系统管理员) see every agency (reference data) and change those of their subtree."""

    list_display = ["name", "code", "short_name", "level", "reconsideration_body", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    managed_fields = ("parent",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_manage_agency(request.user, obj))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Moving an agency to another branch is the platform superuser's act (an agency admin's own
        # agency hangs under a parent outside their subtree, which their parent choices lack).
        return ["parent"] if obj is not None and not request.user.is_superuser else []

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in AGENCY_FIELDS}
            update_agency(obj.pk, changes, actor=request.user)
        else:
            data = AgencyData(
                **{f: form.cleaned_data[f] for f in AgencyData.__dataclass_fields__ if f in form.cleaned_data}
            )
            self._adopt(obj, create_agency(data, actor=request.user))


@admin.register(AgencyPower)
class AgencyPowerAdmin(ManagedAgencyFields, ServiceAdmin):
    list_display = ["agency", "item", "source", "entrusting_agency", "valid_from", "valid_to"]
    list_filter = ["source", "agency__level"]
    search_fields = ["agency__name", "item__code", "item__name"]
    autocomplete_fields = ["agency", "item", "entrusting_agency"]
    actions = ["end_powers"]
    managed_fields = ("agency",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # a granted power is changed only by ending it (the action), so history stays truthful
        return [f.name for f in AgencyPower._meta.fields] if obj else []

    def save_model(self, request: HttpRequest, obj: AgencyPower, form: Any, change: bool) -> None:
        if change:
            return
        data = form.cleaned_data
        power = grant_power(
            data["agency"],
            data["item"],
            source=data["source"],
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            entrusting_agency=data.get("entrusting_agency"),
            basis_document=data.get("basis_document", ""),
            actor=request.user,
        )
        self._adopt(obj, power)

    @admin.action(description="终止所选权限（至昨日）")
    def end_powers(self, request: HttpRequest, queryset: Any) -> None:
        done = 0
        for power in queryset:
            try:
                revoke_power(power, actor=request.user, reason="管理后台终止")
                done += 1
            except DomainError as exc:
                messages.error(request, f"{power}：{exc.message}")
        messages.success(request, f"已终止{done}项权限")


@admin.register(User)
class CoreUserAdmin(UserAdmin):  # type: ignore[type-arg]  # generic per registered model
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("机构与联系方式", {"fields": ("real_name", "agency", "phone")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("机构与角色", {"fields": ("real_name", "agency", "groups")}),
    )
    list_display = ["username", "real_name", "agency", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff", "agency__level"]
    search_fields = ["username", "real_name"]

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """Django's password form, plus the audit record of the reset (never the password itself)."""
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                record_event("user.password", actor=request.user, obj=User.objects.get(pk=id), data={})
        return response

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Account administration is Django's own; we add the audit record (全过程记录) of who changed what.
        super().save_related(request, form, formsets, change)
        user = form.instance
        record_event(
            "user.update" if change else "user.create",
            actor=request.user,
            obj=user,
            data={
                "changed": sorted(
                    f for f in form.changed_data if f not in ("password", "password1", "password2")
                )
            },
        )


@admin.register(Enterprise)
class EnterpriseAdmin(ServiceAdmin):
    list_display = ["name", "credit_code", "sector", "risk_class", "is_key", "agency"]
    list_filter = ["sector", "risk_class", "is_key", "agency"]
    search_fields = ["name", "=credit_code"]
    list_select_related = ["agency"]
    show_full_result_count = False  # no COUNT(*) over 100k+ rows

    def get_queryset(self, request: HttpRequest) -> Any:
        return Enterprise.objects.visible_to(request.user)

    def save_model(self, request: HttpRequest, obj: Enterprise, form: Any, change: bool) -> None:
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in ENTERPRISE_EDITABLE}
            update_enterprise(obj.pk, changes, actor=request.user)
        else:
            fields = {
                f: form.cleaned_data[f] for f in EnterpriseData.__dataclass_fields__ if f in form.cleaned_data
            }
            self._adopt(obj, create_enterprise(EnterpriseData(**fields), actor=request.user))


class ItemChangeInline(admin.TabularInline):  # type: ignore[type-arg]  # generic per model
    model = EnforcementItemChange
    extra = 0
    can_delete = False
    readonly_fields = ["changed_at", "actor", "change_kind", "diff"]
    fields = ["changed_at", "actor", "change_kind", "diff"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(EnforcementItem)
class EnforcementItemAdmin(ServiceAdmin):
    list_display = ["code", "name", "kind", "level", "status", "effective_from", "effective_to"]
    list_filter = ["kind", "status", "level"]
    search_fields = ["code", "name"]
    inlines = [ItemChangeInline]
    actions = ["suspend", "resume", "cancel"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["code", "status"] if obj else ["status"]

    def save_model(self, request: HttpRequest, obj: EnforcementItem, form: Any, change: bool) -> None:
        if change:
            changes = {f: form.cleaned_data[f] for f in form.changed_data if f in ITEM_EDITABLE}
            update_item(obj.pk, changes, actor=request.user)
        else:
            fields = {
                f: form.cleaned_data[f] for f in ItemData.__dataclass_fields__ if f in form.cleaned_data
            }
            self._adopt(obj, create_item(ItemData(**fields), actor=request.user))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """The change-history inline is read-only."""

    def _apply(self, request: HttpRequest, queryset: Any, func: Any, label: str) -> None:
        done = 0
        for item in queryset:
            try:
                func(item, actor=request.user, reason=f"管理后台{label}")
                done += 1
            except DomainError as exc:
                messages.error(request, f"{item.code}：{exc.message}")
        messages.success(request, f"已{label}{done}项")

    @admin.action(description="暂停所选事项")
    def suspend(self, request: HttpRequest, queryset: Any) -> None:
        self._apply(request, queryset, suspend_item, "暂停")

    @admin.action(description="恢复所选事项")
    def resume(self, request: HttpRequest, queryset: Any) -> None:
        self._apply(request, queryset, resume_item, "恢复")

    @admin.action(description="取消所选事项")
    def cancel(self, request: HttpRequest, queryset: Any) -> None:
        self._apply(request, queryset, cancel_item, "取消")
