from django.urls import path

from . import views, views_audit, views_calendar, views_deadlines, views_documents

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
]
