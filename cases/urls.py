from django.urls import path

from . import (
    archive_views,
    credit_views,
    evidence_views,
    views,
    views_conclude,
    views_create,
    views_documents,
)

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views_create.create, name="create"),
    path("new/enterprises/", views_create.enterprise_search, name="enterprise_search"),
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
    path("<int:pk>/credit/", credit_views.credit_page, name="credit"),
    path("<int:pk>/credit/listing/", credit_views.listing_notice, name="credit_listing"),
    path(
        "<int:pk>/credit/listing/<int:lid>/<str:action>/",
        credit_views.listing_step,
        name="credit_listing_step",
    ),
    path("<int:pk>/credit/repair/", credit_views.repair_request, name="credit_repair"),
    path("<int:pk>/credit/repair/<int:rid>/decide/", credit_views.repair_decide, name="credit_repair_decide"),
    path("<int:pk>/actions/<str:name>/preview/", views_documents.preview, name="preview"),
    path("<int:pk>/documents/check/", views_documents.check, name="documents_check"),
    path("<int:pk>/recommend/<int:row>/", views_conclude.recommend, name="recommend"),
]
