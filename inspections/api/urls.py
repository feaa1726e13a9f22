from rest_framework.routers import SimpleRouter

from .plans import PlanViewSet
from .views import HazardViewSet, InspectionViewSet

router = SimpleRouter()
router.register("inspection-plans", PlanViewSet, basename="inspection-plan")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("hazards", HazardViewSet, basename="hazard")

urlpatterns = router.urls
