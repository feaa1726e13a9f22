from django.urls import path

from . import views, views_audit

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("audit/", views_audit.audit_list, name="audit_list"),
    path("audit/verify/", views_audit.audit_verify, name="audit_verify"),
]
