from rest_framework.routers import SimpleRouter

from .views import CaseFileReviewViewSet

router = SimpleRouter()
router.register("case-file-reviews", CaseFileReviewViewSet, basename="case-file-review")

urlpatterns = router.urls
