from django.urls import path

from . import views, views_report

app_name = "supervision"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/", views_report.report_list, name="report_list"),
    path("reports/start/", views_report.report_start, name="report_start"),
    path("reports/<int:pk>/", views_report.report_detail, name="report_detail"),
    path("reports/<int:pk>/narrative/", views_report.report_narrative, name="report_narrative"),
    path("reports/<int:pk>/<str:kind>/", views_report.report_file, name="report_file"),
]
