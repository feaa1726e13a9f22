"""Journey: a supervisor starts the 2025 行政执法统计年报 on a tablet, watches the progress bar move while
the background task builds it (htmx polling, no reload), then sees the figures and the download links."""

from __future__ import annotations

from typing import Any

import pytest

from supervision.models_report import AnnualReport
from supervision.tasks import build_annual_report_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory


def test_supervisor_builds_a_report_and_watches_its_progress(
    live_server: Any, personas: Any, tablet_page: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = tablet_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/supervision/reports/")
    page.fill("#id_year", "2025")
    page.fill("#id_as_of", "2026-01-31")
    page.click("#report-start button[type=submit]")
    page.locator("#report-progress").wait_for(state="visible")
    assert page.locator("#report-progress").get_attribute("value") == "0"
    report = AnnualReport.objects.get()
    build_annual_report_task(report.pk)  # what the worker does
    page.locator("#download-pdf").wait_for(state="visible", timeout=10_000)
    assert page.locator("#report-status").inner_text() == "已完成"
    page.reload()
    assert "行政处罚决定数" in page.locator("#report-figures").inner_text()
    assert page.locator("#id_narrative").input_value().startswith("2025年，南京市应急管理局")
    assert page.console_errors == []
