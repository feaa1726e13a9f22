"""Journey on a landscape tablet (1024×768): the supervisor draws a campaign's sample and assigns a reviewer of
another district; the reviewer scores the case beside its dossier, confirms the system's pre-mark, submits,
and the grade is locked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from enforcement.core import roles
from supervision.models import Campaign, CaseFileReview
from tests.cases.conftest import make_case_world
from tests.factories import UserFactory
from tests.supervision.conftest import decide
from tests.supervision.helpers import make_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_review_from_assignment_to_the_locked_grade(
    live_server: Any, personas: Any, work_calendar: Any, tablet_page: Any, settings: Any
) -> None:
    settings.CASES_RENDER_DOCUMENTS = False
    cw = make_case_world(personas)
    case = decide(cw)
    UserFactory(
        username="reviewer_b",
        real_name="钱评查",
        agency=personas.agencies.district_b,
        roles=[roles.SUPERVISOR],
    )
    campaign: Campaign = make_campaign(
        personas.supervisor, [personas.agencies.district_a], ratio=100, period_end=dt.date(2099, 12, 31)
    )
    review = CaseFileReview.objects.get(campaign=campaign, case=case)
    page, base = tablet_page, live_server.url

    login(page, base, "supervisor")
    page.goto(f"{base}/supervision/campaigns/{campaign.pk}/")
    assert "符合抽取比例" in page.locator("#progress").inner_text()
    row = page.locator(f"[data-review='{review.pk}']")
    row.locator("select").select_option(label="钱评查")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"[data-review='{review.pk}']:has-text('评查人员 钱评查')")
    page.click("form[action='/accounts/logout/'] button")

    login(page, base, "reviewer_b")
    page.goto(f"{base}/supervision/")
    page.click(f"#my-reviews a[href='/supervision/reviews/{review.pk}/']")
    # the dossier and the rubric side by side on the tablet
    dossier, rubric = page.locator("#dossier").bounding_box(), page.locator("#rubric").bounding_box()
    assert dossier and rubric and rubric["x"] > dossier["x"] and abs(rubric["y"] - dossier["y"]) < 5
    assert "作出决定" in page.locator("#review-timeline").inner_text()
    assert "无送达记录" in page.locator("[data-premark='C11']").inner_text()
    assert "未公示" in page.locator("[data-premark='C12']").inner_text()
    heights = page.eval_on_selector_all(
        "#score-form input.form-control, #score-form button",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 44, heights
    for box in page.locator("#score-form input[type=number]").all():
        box.fill(box.get_attribute("max") or "0")
    page.fill("[data-item='C1'] input[type=number]", "6")
    page.fill("[data-item='C1'] input[name$='_finding']", "立案审批表未载明立案依据")
    page.check("[data-item='C11'] input[name$='_confirmed']")
    page.check("[data-item='C12'] input[name$='_confirmed']")
    page.fill("#summary", "案卷基本规范")
    page.click("#submit-review")
    page.wait_for_selector("#review-grade")
    assert "得分 98" in page.locator("#review-grade").inner_text()
    assert "优秀" in page.locator("#review-grade").inner_text()
    assert page.locator("#score-form input").count() == 1  # only the CSRF token: locked
    review.refresh_from_db()
    assert (review.status, review.total, review.grade) == ("submitted", 98, "excellent")
    assert not page.console_errors
