"""Django admin registrations of core (split per topic into admin_<topic>.py modules)."""

from . import (
    admin_calendar,  # noqa: F401  # registers CalendarDay/CalendarYear
    admin_coredata,  # noqa: F401  # registers agencies, powers, users, enterprises, catalog
)
