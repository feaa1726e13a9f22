from rest_framework.routers import DefaultRouter

from .agencies import AgencyViewSet
from .catalog import EnforcementItemViewSet
from .enterprises import EnterpriseViewSet

router = DefaultRouter()
# viewsets are registered here by the core API module
router.register("agencies", AgencyViewSet, basename="agency")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("enforcement-items", EnforcementItemViewSet, basename="enforcement-item")

urlpatterns = router.urls
