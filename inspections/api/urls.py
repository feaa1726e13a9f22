from rest_framework.routers import SimpleRouter

from .draws import JointInspectionViewSet, RandomDrawViewSet
from .views import HazardViewSet, InspectionViewSet

router = SimpleRouter()
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("hazards", HazardViewSet, basename="hazard")
router.register("random-draws", RandomDrawViewSet, basename="random-draw")
router.register("joint-inspections", JointInspectionViewSet, basename="joint-inspection")

urlpatterns = router.urls
