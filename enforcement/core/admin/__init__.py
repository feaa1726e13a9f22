"""Django admin registrations of core, one module per topic (calendar, core data, numbering, records)."""

from . import (
    calendar,  # noqa: F401  # registers CalendarDay/CalendarYear
    coredata,  # noqa: F401  # registers agencies, powers, users, enterprises, catalog
    numbering,  # noqa: F401  # registers document-number patterns (through the service)
    records,  # noqa: F401  # registers deadlines, notifications, audit events (read-only)
)
