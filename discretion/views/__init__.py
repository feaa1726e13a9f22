"""Pages of the discretion app, one module per concept: violations (lookup, calculator), the calculation sheet PDF and benchmark versions."""

from .sheet import calculation_sheet
from .versions import (
    get_version_for_user,
    version_compare,
    version_copy,
    version_detail,
    version_export,
    version_import,
    version_list,
    version_publish,
)
from .violations import calculate, get_violation_for_user, index, search, violation_detail

__all__ = [
    "calculate",
    "calculation_sheet",
    "get_version_for_user",
    "get_violation_for_user",
    "index",
    "search",
    "version_compare",
    "version_copy",
    "version_detail",
    "version_export",
    "version_import",
    "version_list",
    "version_publish",
    "violation_detail",
]
