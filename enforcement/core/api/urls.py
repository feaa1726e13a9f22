from rest_framework.routers import DefaultRouter

from .deadlines import DeadlineViewSet

router = DefaultRouter()
# viewsets are registered here by the core API module
router.register("deadlines", DeadlineViewSet, basename="deadline")

urlpatterns = router.urls
