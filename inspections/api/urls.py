from rest_framework.routers import SimpleRouter

from .views import HazardViewSet, InspectionViewSet

router = SimpleRouter()
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("hazards", HazardViewSet, basename="hazard")

urlpatterns = router.urls
