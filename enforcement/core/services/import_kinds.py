"""Core's own imports registered with the import runner (``services.imports``): enterprises, catalog."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..permissions import may_edit_catalog, may_write_enterprises_at_all
from ..registry import Importer, register_importer
from .catalog import import_items
from .enterprises import import_enterprises
from .imports import ImportRun


def _enterprises(run: ImportRun) -> dict[str, Any]:
    return import_enterprises(run.file, run.filename, actor=run.actor, progress=run.progress).as_dict()


def _catalog(run: ImportRun) -> dict[str, Any]:
    return import_items(run.file, run.filename, actor=run.actor, progress=run.progress).as_dict()


def register() -> None:
    register_importer(
        Importer(
            "enterprises",
            "生产经营单位",
            run=_enterprises,
            may_start=lambda user, params: may_write_enterprises_at_all(user),
            back_url=lambda params: reverse("core:enterprise_import"),
        )
    )
    register_importer(
        Importer(
            "catalog",
            "执法事项",
            run=_catalog,
            may_start=lambda user, params: may_edit_catalog(user),
            back_url=lambda params: reverse("core:catalog_import"),
        )
    )
