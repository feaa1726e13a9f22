from django.urls import path

from . import archive_views, evidence_views, views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<str:name>/", views.action, name="action"),
    path("<int:pk>/dossier/", archive_views.dossier_pdf, name="dossier"),
    path("<int:pk>/borrowings/", archive_views.borrow, name="borrow"),
    path("<int:pk>/borrowings/<int:bid>/decide/", archive_views.decide_borrowing, name="borrow-decide"),
    path("<int:pk>/borrowings/<int:bid>/return/", archive_views.return_borrowing, name="borrow-return"),
    path("<int:pk>/supplements/", archive_views.supplement, name="supplement"),
    path("<int:pk>/evidence/", evidence_views.evidence_page, name="evidence"),
    path("<int:pk>/evidence/upload/", evidence_views.upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:eid>/supersede/", evidence_views.supersede, name="evidence_supersede"),
    path("<int:pk>/records/<str:kind>/", evidence_views.create_record, name="record_create"),
    path("<int:pk>/records/<str:kind>/<int:rid>/<str:step>/", evidence_views.record_step, name="record_step"),
]
