"""Django admin registrations of core (split per topic into admin_<topic>.py modules)."""

from . import (
    admin_calendar,  # noqa: F401  # registers CalendarDay/CalendarYear
    admin_coredata,  # noqa: F401  # registers agencies, powers, users, enterprises, catalog
    admin_numbering,  # noqa: F401  # registers document-number patterns (through the service)
    admin_records,  # noqa: F401  # registers deadlines, notifications, audit events (read-only)
)
