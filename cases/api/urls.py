from django.urls import path
from rest_framework.routers import SimpleRouter

from . import documents
from .views import CaseViewSet

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    path("cases/<int:pk>/documents/preview/", documents.preview, name="case-document-preview"),
    path("cases/<int:pk>/documents/check/", documents.check, name="case-document-check"),
    *router.urls,
]
