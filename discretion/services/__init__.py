"""Services of the discretion app: reading (calculator, lookup) and admin maintenance."""

from .catalog import load_catalog, recommend, search_violations, violation_spec
from .lookup import delete_synonym, lookup_violations, record_case_facts, save_synonym
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
    "delete_synonym",
    "load_catalog",
    "load_seed_benchmark",
    "lookup_violations",
    "publish_version",
    "recommend",
    "record_case_facts",
    "save_catalog_object",
    "save_synonym",
    "search_violations",
    "violation_spec",
]
