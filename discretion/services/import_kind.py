"""Benchmark workbooks through core's import runner (``enforcement.core.services.imports``): a large
workbook is imported by a Celery task with a progress page; the import stays all or nothing."""

from __future__ import annotations

from typing import Any

from enforcement.core.exceptions import InvalidInput

from ..models import BenchmarkVersion
from .maintenance import is_benchmark_admin
from .xlsx import ImportReport, import_benchmark_xlsx


def report_dict(report: ImportReport) -> dict[str, Any]:
    """The runner's report shape (``registry.Importer``); the key names the sheet and the column."""
    return {
        "total": sum(report.rows.values()),
        "created": report.created,
        "updated": report.replaced,
        "unchanged": 0,
        "rejected": len({(e[0], e[1]) for e in report.errors}),
        "errors": [
            {"row": row, "key": "：".join(x for x in (sheet, column) if x), "message": message}
            for sheet, row, column, message in report.errors
        ],
    }


def _run_import(run: Any) -> dict[str, Any]:
    version = BenchmarkVersion.objects.filter(pk=run.params.get("version")).first()
    if version is None:
        raise InvalidInput("裁量基准版本不存在")
    return report_dict(import_benchmark_xlsx(version, run.file, actor=run.actor))


def register_importer() -> None:
    from django.urls import reverse

    from enforcement.core.registry import Importer
    from enforcement.core.registry import register_importer as register

    register(
        Importer(
            "discretion",
            "裁量基准",
            run=_run_import,
            may_start=lambda user, params: is_benchmark_admin(user),
            back_url=lambda params: reverse("discretion:version_detail", args=[params.get("version", 0)]),
        )
    )
