from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.index, name="index"),
    path("figures/<slug:figure>/", views.dashboard_figure, name="figure"),
    path("export.xlsx", views.dashboard_export, name="export"),
    path("requirements/", views.requirement_edit, name="requirements"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("officers/<int:pk>/qualifications/add/", views.qualification_add, name="qualification_add"),
    path("qualifications/<int:pk>/evidence/", views.qualification_evidence, name="qualification_evidence"),
    path("officers/<int:pk>/training/add/", views.training_add, name="training_add"),
    path("officers/<int:pk>/certificates/apply/", views.apply_view, name="certificate_apply"),
    path("certificates/<int:pk>/<slug:action>/", views.certificate_action, name="certificate_action"),
    path("courses/", views.course_list, name="course_list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("records/import/", views.training_import, name="import"),
    path("records/import/template.xlsx", views.training_import_template, name="import_template"),
]
