from django.urls import path

from . import evidence_views, views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/evidence/", evidence_views.evidence_page, name="evidence"),
    path("<int:pk>/evidence/upload/", evidence_views.upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:eid>/supersede/", evidence_views.supersede, name="evidence_supersede"),
    path("<int:pk>/records/<str:kind>/", evidence_views.create_record, name="record_create"),
    path("<int:pk>/records/<str:kind>/<int:rid>/<str:step>/", evidence_views.record_step, name="record_step"),
]
