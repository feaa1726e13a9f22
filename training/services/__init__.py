"""Every state change of the training app (views, API, commands and tasks call these)."""

from .certificates import (
    apply_certificate,
    cancel_certificate,
    get_certificate_for_user,
    issue_certificate,
    lift_suspension,
    record_annual_review,
    renew_certificate,
    suspend_certificate,
    transition_certificate,
    withdraw_certificate,
)
from .courses import create_course, record_attendance
from .officers import add_qualification, record_first_review, set_training_requirement, update_officer_profile
from .training import (
    ImportReport,
    import_training_records,
    open_training_hours_deadlines,
    record_training,
)

__all__ = [
    "ImportReport",
    "add_qualification",
    "apply_certificate",
    "cancel_certificate",
    "create_course",
    "get_certificate_for_user",
    "import_training_records",
    "issue_certificate",
    "lift_suspension",
    "open_training_hours_deadlines",
    "record_annual_review",
    "record_attendance",
    "record_first_review",
    "record_training",
    "renew_certificate",
    "set_training_requirement",
    "suspend_certificate",
    "transition_certificate",
    "update_officer_profile",
    "withdraw_certificate",
]
