"""The evaluation page draws its ECharts (vendored, no CDN, no inline script) without console errors."""

from __future__ import annotations

from typing import Any

import pytest

from supervision.rules.efficacy import Period
from supervision.services.efficacy import build_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"


def test_evaluation_charts_render(
    live_server: Any, personas: Any, work_calendar: Any, tablet_page: Any
) -> None:
    ev = build_evaluation(agency=personas.agencies.city, period=Period(2026, 1), actor=personas.supervisor)
    page, base = tablet_page, live_server.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/supervision/efficacy/{ev.pk}/")
    page.wait_for_selector("#efficacy-ranking[data-ready='1']")
    page.wait_for_selector("#efficacy-trend-plan_completion[data-ready='1'] canvas")
    assert page.locator("[data-trend][data-ready='1']").count() == 4
    assert page.console_errors == []
