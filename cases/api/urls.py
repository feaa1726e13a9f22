from django.urls import path
from rest_framework.routers import SimpleRouter

from . import archive, records
from .views import CaseViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    *router.urls,
    path("cases/<int:pk>/dossier/", archive.dossier, name="cases-api-dossier"),
    path("cases/<int:pk>/dossier/pdf/", archive.dossier_pdf, name="cases-api-dossier-pdf"),
    path("cases/<int:pk>/borrowings/", archive.borrow, name="cases-api-borrow"),
    path(
        "cases/<int:pk>/borrowings/<int:bid>/decide/",
        archive.decide_borrowing,
        name="cases-api-borrow-decide",
    ),
    path(
        "cases/<int:pk>/borrowings/<int:bid>/return/",
        archive.return_borrowing,
        name="cases-api-borrow-return",
    ),
    path("cases/<int:pk>/supplements/", archive.supplement, name="cases-api-supplement"),
    path("cases/<int:pk>/records/", records.case_records, name="case-records"),
    path(
        "cases/<int:pk>/evidence/<int:eid>/custody/", records.evidence_custody, name="case-evidence-custody"
    ),
    path("cases/<int:pk>/records/<str:kind>/", records.create_record, name="case-record-create"),
    path(
        "cases/<int:pk>/records/<str:kind>/<int:rid>/<str:step>/",
        records.record_step,
        name="case-record-step",
    ),
]
