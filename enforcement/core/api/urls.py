from rest_framework.routers import DefaultRouter

from .audit import AuditEventViewSet

router = DefaultRouter()
# viewsets are registered here by the core API module
router.register("audit-events", AuditEventViewSet, basename="audit-event")

urlpatterns = router.urls
