"""Pages of the discretion app, one module per concept: violations (lookup, calculator) and benchmark versions."""

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
