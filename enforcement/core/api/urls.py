from rest_framework.routers import DefaultRouter

from .agencies import AgencyViewSet
from .audit import AuditEventViewSet
from .calendar import CalendarAddViewSet, CalendarDayViewSet
from .catalog import EnforcementItemViewSet
from .deadlines import DeadlineViewSet
from .enterprises import EnterpriseViewSet
from .imports import ImportJobViewSet

router = DefaultRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("enterprises", EnterpriseViewSet, basename="enterprise")
router.register("enforcement-items", EnforcementItemViewSet, basename="enforcement-item")
router.register("calendar/add", CalendarAddViewSet, basename="calendar-add")
router.register("calendar/days", CalendarDayViewSet, basename="calendar-day")
router.register("deadlines", DeadlineViewSet, basename="deadline")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("import-jobs", ImportJobViewSet, basename="import-job")

urlpatterns = router.urls
