from rest_framework.routers import DefaultRouter

from .audit import AuditEventViewSet
from .calendar import CalendarAddViewSet, CalendarDayViewSet
from .deadlines import DeadlineViewSet

router = DefaultRouter()
router.register("calendar/add", CalendarAddViewSet, basename="calendar-add")
router.register("calendar/days", CalendarDayViewSet, basename="calendar-day")
router.register("deadlines", DeadlineViewSet, basename="deadline")
router.register("audit-events", AuditEventViewSet, basename="audit-event")

urlpatterns = router.urls
