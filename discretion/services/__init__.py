"""Services of the discretion app: reading (calculator, lookup) and admin maintenance."""

from .catalog import load_catalog, recommend, search_violations, violation_spec
from .maintenance import (
    compare_versions,
    create_version_copy,
    delete_catalog_object,
    publish_version,
    save_catalog_object,
)
from .seed import load_seed_benchmark

__all__ = [
    "compare_versions",
    "create_version_copy",
    "delete_catalog_object",
    "load_catalog",
    "load_seed_benchmark",
    "publish_version",
    "recommend",
    "save_catalog_object",
    "search_violations",
    "violation_spec",
]
