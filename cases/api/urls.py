from django.urls import path
from rest_framework.routers import SimpleRouter

from . import records
from .views import CaseViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    *router.urls,
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
