from django.urls import path

from . import (
    views,
    views_agencies,
    views_audit,
    views_calendar,
    views_catalog,
    views_deadlines,
    views_documents,
    views_enterprises,
    views_numbering,
)

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Before any generic catalog include, so /catalog/print/ is not taken for an item page.
    path("catalog/print/", views_documents.catalog_print, name="catalog-print"),
    path("documents/<int:pk>/pdf/", views_documents.document_pdf, name="document-pdf"),
    path("calendar/", views_calendar.calculator, name="calendar"),
    path("calendar/days/", views_calendar.days, name="calendar-days"),
    path("calendar/days/enter-year/", views_calendar.enter_year, name="calendar-enter-year"),
    path("calendar/days/set/", views_calendar.set_day, name="calendar-set-day"),
    path("calendar/days/remove/", views_calendar.remove_day, name="calendar-remove-day"),
    path("deadlines/", views_deadlines.deadline_list, name="deadlines"),
    path("inbox/", views_deadlines.inbox, name="inbox"),
    path("inbox/read-all/", views_deadlines.inbox_mark_all_read, name="inbox-read-all"),
    path("inbox/<int:pk>/read/", views_deadlines.inbox_mark_read, name="inbox-read"),
    path("audit/", views_audit.audit_list, name="audit_list"),
    path("audit/verify/", views_audit.audit_verify, name="audit_verify"),
    path("enterprises/", views_enterprises.enterprise_list, name="enterprise_list"),
    path("enterprises/new/", views_enterprises.enterprise_create, name="enterprise_create"),
    path("enterprises/import/", views_enterprises.enterprise_import, name="enterprise_import"),
    path(
        "enterprises/import/template.xlsx",
        views_enterprises.enterprise_import_template,
        name="enterprise_import_template",
    ),
    path("enterprises/<int:pk>/", views_enterprises.enterprise_detail, name="enterprise_detail"),
    path("enterprises/<int:pk>/edit/", views_enterprises.enterprise_edit, name="enterprise_edit"),
    path("catalog/", views_catalog.catalog_list, name="catalog_list"),
    path("catalog/new/", views_catalog.catalog_create, name="catalog_create"),
    path("catalog/import/", views_catalog.catalog_import, name="catalog_import"),
    path("catalog/export.xlsx", views_catalog.catalog_export, name="catalog_export"),
    path("catalog/<int:pk>/", views_catalog.catalog_detail, name="catalog_detail"),
    path("catalog/<int:pk>/edit/", views_catalog.catalog_edit, name="catalog_edit"),
    path("catalog/<int:pk>/<str:action>/", views_catalog.catalog_status, name="catalog_status"),
    path("agencies/", views_agencies.agency_tree, name="agency_tree"),
    path("agencies/<int:pk>/", views_agencies.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/numbering/", views_numbering.agency_numbering, name="agency_numbering"),
    path("public/", views_catalog.public_index, name="public_index"),
    path("public/catalog/", views_catalog.public_catalog, name="public_catalog"),
    path("public/catalog/<str:code>/", views_catalog.public_catalog_detail, name="public_catalog_detail"),
]
