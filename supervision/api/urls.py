from rest_framework.routers import SimpleRouter

from .report import AnnualReportViewSet

router = SimpleRouter()
router.register("annual-reports", AnnualReportViewSet, basename="annual-report")

urlpatterns = router.urls
