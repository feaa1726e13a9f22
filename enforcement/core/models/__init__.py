"""Core models: agencies and powers, users, enterprises, catalog, calendar, deadlines, documents, audit events, import jobs."""

from .agency import Agency, AgencyLevel, AgencyPower, PowerSource
from .audit import AuditChainHead, AuditEvent, AuditVerification, VerificationStatus
from .calendar import CalendarDay, CalendarDayKind, CalendarYear
from .catalog import EnforcementItem, EnforcementItemChange, ItemKind, ItemStatus
from .deadlines import DayType, Deadline, DeadlineStatus, DeadlineSuspension, Notification, ReminderSent
from .documents import Document, DocumentCounter, NumberingPattern, SequenceSource
from .enterprise import Enterprise
from .imports import ImportJob, ImportStatus
from .users import PasswordHistory, User

__all__ = [
    "Agency",
    "AgencyLevel",
    "AgencyPower",
    "AuditChainHead",
    "AuditEvent",
    "AuditVerification",
    "CalendarDay",
    "CalendarDayKind",
    "CalendarYear",
    "DayType",
    "Deadline",
    "DeadlineStatus",
    "DeadlineSuspension",
    "Document",
    "DocumentCounter",
    "EnforcementItem",
    "EnforcementItemChange",
    "Enterprise",
    "ImportJob",
    "ImportStatus",
    "ItemKind",
    "ItemStatus",
    "Notification",
    "NumberingPattern",
    "PasswordHistory",
    "PowerSource",
    "ReminderSent",
    "SequenceSource",
    "User",
    "VerificationStatus",
]
