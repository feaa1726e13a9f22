from .hazards import hazard_action, hazard_detail, hazard_list
from .records import record_attach, record_complete, record_hazard, record_page
from .schemes import index, inspection_start, scheme_action, scheme_detail, scheme_new

__all__ = [
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
