from rest_framework.routers import DefaultRouter

from .calendar import CalendarAddViewSet, CalendarDayViewSet

router = DefaultRouter()
# viewsets are registered here by the core API module
router.register("calendar/add", CalendarAddViewSet, basename="calendar-add")
router.register("calendar/days", CalendarDayViewSet, basename="calendar-day")

urlpatterns = router.urls
