"""``manage.py annual_report`` (CONTRACT) and the January beat entry."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command

from supervision.models_report import AnnualReport
from supervision.tasks import schedule_annual_reports_task

pytestmark = pytest.mark.django_db


def test_command_writes_pdf_and_xlsx_and_prints_both_paths(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.StringIO()
    call_command(
        "annual_report", "--year", "2025", "--agency", "320111", "--out", str(tmp_path / "out"), stdout=out
    )
    paths = [Path(line) for line in out.getvalue().split()]
    assert [p.suffix for p in paths] == [".pdf", ".xlsx"]
    assert all(p.parent == (tmp_path / "out").resolve() and p.stat().st_size > 0 for p in paths)
    assert paths[0].read_bytes()[:5] == b"%PDF-" and paths[1].read_bytes()[:2] == b"PK"
    report = AnnualReport.objects.get()
    assert (
        report.agency.code == "320111"
        and report.requested_by is None
        and report.as_of.isoformat() == "2026-01-31"
    )
    with pytest.raises(CommandError, match="机关代码不存在"):
        call_command("annual_report", "--year", "2025", "--agency", "999999", stdout=io.StringIO())


def test_january_beat_entry_starts_one_report_per_top_agency(world, django_capture_on_commit_callbacks):
    entry = django_settings.CELERY_BEAT_SCHEDULE["annual-statistics-report-january"]
    assert entry["task"] == "supervision.tasks.schedule_annual_reports_task"
    assert entry["schedule"].month_of_year == {1}
    with django_capture_on_commit_callbacks() as callbacks:
        schedule_annual_reports_task()
        schedule_annual_reports_task()  # idempotent
    assert [(r.year, r.agency.code) for r in AnnualReport.objects.all()] == [(2025, "320000")]
    assert len(callbacks) == 1
