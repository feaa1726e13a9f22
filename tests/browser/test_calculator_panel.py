"""Journey: on a landscape tablet (1024×768) an officer ticks a circumstance far down the violation page
and the recommendation is beside it, in view, without scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from discretion.models import Violation
from discretion.services import load_seed_benchmark

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory


def _in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_recommendation_is_in_view_after_ticking_a_circumstance(
    live_server: Any, personas: Any, tablet_page: Any
) -> None:
    load_seed_benchmark()
    v = Violation.objects.get(version__code="YJ-2024-90", code="AQ-097-I7")
    page = tablet_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "officer1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/discretion/violations/{v.pk}/")
    page.fill("#id_fact_uncertified_persons", "1")
    page.fill("#id_violation_date", "2025-03-01")
    page.fill("#id_decision_date", "2025-04-01")
    # a 从重 circumstance far down the list: the page has to scroll to reach it
    box = page.locator("#circ-H-REPEAT")
    box.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 0
    box.check()
    page.locator("#calculation-result").wait_for(state="visible")
    page.locator("#recommendation", has_text="21,000元").wait_for(state="visible")
    # the recommendation and the ticked box are on screen together
    assert _in_view(page, "#recommendation")
    assert _in_view(page, "#circ-H-REPEAT")
    assert page.locator("#recommendation tbody tr").first.inner_text().split("\t") == [
        "单位",
        "15,000元 – 30,000元",
        "21,000元",
    ]
    assert page.locator("#sheet-form button").is_visible()
    # a second circumstance: the answer beside it changes (and flashes, class calc-result)
    page.locator("#circ-H-EVIDENCE").check()
    page.locator("#recommendation", has_text="27,000元").wait_for(state="visible")
    assert _in_view(page, "#recommendation")
    assert page.locator("#calculation-result.calc-result").count() == 1
    # dates never wrap
    assert page.evaluate("getComputedStyle(document.querySelector('.text-date')).whiteSpace") == "nowrap"
    assert page.console_errors == []
