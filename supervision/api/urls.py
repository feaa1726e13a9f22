from rest_framework.routers import SimpleRouter

from .efficacy import EfficacyEvaluationViewSet
from .report import AnnualReportViewSet
from .views import CaseFileReviewViewSet

router = SimpleRouter()
router.register("case-file-reviews", CaseFileReviewViewSet, basename="case-file-review")
router.register("annual-reports", AnnualReportViewSet, basename="annual-report")
router.register("efficacy-evaluations", EfficacyEvaluationViewSet, basename="efficacy-evaluation")

urlpatterns = router.urls
