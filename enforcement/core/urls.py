from django.urls import path

from .views import (
    account,
    agencies,
    audit,
    calendar,
    catalog,
    dashboard,
    deadlines,
    documents,
    enterprises,
    imports,
    numbering,
    sysadmin,
    sysadmin_users,
)

app_name = "core"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    # Before any generic catalog include, so /catalog/print/ is not taken for an item page.
    path("catalog/print/", documents.catalog_print, name="catalog-print"),
    path("documents/<int:pk>/pdf/", documents.document_pdf, name="document-pdf"),
    path("calendar/", calendar.calculator, name="calendar"),
    path("calendar/days/", calendar.days, name="calendar-days"),
    path("calendar/days/enter-year/", calendar.enter_year, name="calendar-enter-year"),
    path("calendar/days/set/", calendar.set_day, name="calendar-set-day"),
    path("calendar/days/remove/", calendar.remove_day, name="calendar-remove-day"),
    path("deadlines/", deadlines.deadline_list, name="deadlines"),
    path("inbox/", deadlines.inbox, name="inbox"),
    path("inbox/read-all/", deadlines.inbox_mark_all_read, name="inbox-read-all"),
    path("inbox/<int:pk>/read/", deadlines.inbox_mark_read, name="inbox-read"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("audit/verify/", audit.audit_verify, name="audit_verify"),
    path("audit/verify/<int:pk>/", audit.audit_verification, name="audit_verification"),
    path("enterprises/", enterprises.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", enterprises.enterprise_create, name="enterprise_create"),
    path("enterprises/import/", enterprises.enterprise_import, name="enterprise_import"),
    path("imports/<int:pk>/", imports.import_job, name="import_job"),
    path(
        "enterprises/import/template.xlsx",
        enterprises.enterprise_import_template,
        name="enterprise_import_template",
    ),
    path("enterprises/<int:pk>/", enterprises.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", enterprises.enterprise_edit, name="enterprise_edit"),
    path("catalog/", catalog.catalog_list, name="catalog_list"),
    path("catalog/new/", catalog.catalog_create, name="catalog_create"),
    path("catalog/import/", catalog.catalog_import, name="catalog_import"),
    path("catalog/export.xlsx", catalog.catalog_export, name="catalog_export"),
    path("catalog/<int:pk>/", catalog.catalog_detail, name="catalog_detail"),
    path("catalog/<int:pk>/edit/", catalog.catalog_edit, name="catalog_edit"),
    path("catalog/<int:pk>/<str:action>/", catalog.catalog_status, name="catalog_status"),
    path("agencies/", agencies.agency_tree, name="agency_tree"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/numbering/", numbering.agency_numbering, name="agency_numbering"),
    path("account/password/", account.password_change, name="password_change"),
    path("sysadmin/", sysadmin.home, name="sysadmin"),
    path("sysadmin/users/", sysadmin_users.user_list, name="sysadmin_users"),
    path("sysadmin/users/new/", sysadmin_users.user_create, name="sysadmin_user_create"),
    path("sysadmin/users/<int:pk>/", sysadmin_users.user_detail, name="sysadmin_user"),
    path(
        "sysadmin/users/<int:pk>/reset-password/",
        sysadmin_users.user_reset_password,
        name="sysadmin_user_reset_password",
    ),
    path(
        "sysadmin/users/<int:pk>/deactivate/", sysadmin_users.user_deactivate, name="sysadmin_user_deactivate"
    ),
    path(
        "sysadmin/users/<int:pk>/reactivate/", sysadmin_users.user_reactivate, name="sysadmin_user_reactivate"
    ),
    path("sysadmin/users/<int:pk>/unlock/", sysadmin_users.user_unlock, name="sysadmin_user_unlock"),
    path("sysadmin/agencies/", sysadmin.agency_list, name="sysadmin_agencies"),
    path("sysadmin/agencies/new/", sysadmin.agency_create, name="sysadmin_agency_create"),
    path("sysadmin/agencies/<int:pk>/edit/", sysadmin.agency_edit, name="sysadmin_agency_edit"),
    path("sysadmin/agencies/<int:pk>/powers/", sysadmin.agency_powers, name="sysadmin_agency_powers"),
    path("sysadmin/powers/<int:pk>/revoke/", sysadmin.power_revoke, name="sysadmin_power_revoke"),
    path("public/", catalog.public_index, name="public_index"),
    path("public/catalog/", catalog.public_catalog, name="public_catalog"),
    path("public/catalog/<str:code>/", catalog.public_catalog_detail, name="public_catalog_detail"),
]
