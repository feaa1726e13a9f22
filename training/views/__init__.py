"""Pages of the training app: compliance dashboard, officer register, certificate actions, training."""

from .certificates import apply_view, certificate_action
from .courses import course_create, course_detail, course_list
from .dashboard import dashboard_export, dashboard_figure, index
from .officers import (
    officer_detail,
    officer_list,
    profile_edit,
    qualification_add,
    qualification_evidence,
    requirement_edit,
    training_add,
    training_import,
    training_import_template,
)

__all__ = [
    "apply_view",
    "certificate_action",
    "course_create",
    "course_detail",
    "course_list",
    "dashboard_export",
    "dashboard_figure",
    "index",
    "officer_detail",
    "officer_list",
    "profile_edit",
    "qualification_add",
    "qualification_evidence",
    "requirement_edit",
    "training_add",
    "training_import",
    "training_import_template",
]
