from .hazards import hazard_action, hazard_detail, hazard_list
from .plans import (
    plan_action,
    plan_dashboard_page,
    plan_detail,
    plan_drill,
    plan_edit,
    plan_export,
    plan_list,
    plan_new,
    plan_quota,
)
from .records import record_attach, record_complete, record_hazard, record_page
from .schemes import index, inspection_start, scheme_action, scheme_detail, scheme_new

__all__ = [
    "plan_action",
    "plan_dashboard_page",
    "plan_detail",
    "plan_drill",
    "plan_edit",
    "plan_export",
    "plan_list",
    "plan_new",
    "plan_quota",
    "hazard_action",
    "hazard_detail",
    "hazard_list",
    "index",
    "inspection_start",
    "record_attach",
    "record_complete",
    "record_hazard",
    "record_page",
    "scheme_action",
    "scheme_detail",
    "scheme_new",
]
