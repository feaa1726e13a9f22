"""Journey on a portrait tablet (768×1024): approved scheme → on-site record (draft survives a reload, a
photo from the camera input) → hazard → 责改 PDF → re-check."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from inspections.models import Hazard, InspectionAttachment
from tests.inspections.conftest import make_world
from tests.support.images import JPEG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"


@pytest.fixture
def live_world(personas: Any, work_calendar: Any) -> Any:
    """Today's date, not a frozen clock (a frozen server clock would expire the browser's session cookie)."""
    return make_world(personas)


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_scheme_record_photo_hazard_order_recheck(
    live_server: Any, live_world: Any, tablet_page: Any
) -> None:
    page = tablet_page
    page.set_viewport_size({"width": 768, "height": 1024})
    base = live_server.url
    scheme = live_world.scheme()
    login(page, base, "officer1")

    page.goto(f"{base}/inspections/schemes/{scheme.pk}/")
    assert "王执法（组长）" in page.locator("#scheme-team").inner_text()
    page.fill("#start-place", "抛光车间")
    page.click("#start-inspection")
    page.wait_for_url(f"{base}/inspections/records/*/")
    record_url = page.url

    # touch targets: every button and result choice on the record is at least 44 px tall
    heights = page.eval_on_selector_all(
        ".touch .btn, .touch .form-control", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44, heights

    # what was typed survives a reload (lost connection) through the localStorage draft
    page.fill("#f-main", "刘厂长")
    page.click("label[for=r3-nonconform]")
    page.fill("input[name=note_3]", "除尘器无泄爆片")
    page.reload()
    assert page.locator("#draft-notice").is_visible()
    assert page.input_value("#f-main") == "刘厂长"
    assert page.is_checked("#r3-nonconform")
    assert page.input_value("input[name=note_3]") == "除尘器无泄爆片"

    for n in range(1, 10):
        if n != 3:
            page.click(f"label[for=r{n}-conform]")
    page.fill("#f-safety", "陈安全")
    page.click("#save-record")
    page.wait_for_load_state()
    assert "现场检查记录已保存" in page.content()
    page.reload()
    assert not page.locator("#draft-notice").is_visible()  # saved: the draft was dropped

    # a photo through the camera input
    assert page.get_attribute("#f-photo", "capture") == "environment"
    page.set_input_files("#f-photo", {"name": "除尘器.jpg", "mimeType": "image/jpeg", "buffer": JPEG})
    page.fill("#f-caption", "除尘器无泄爆片")
    page.click("#upload-photo")
    page.wait_for_load_state()
    assert "除尘器.jpg（image/jpeg" in page.locator("#photo-list").inner_text()
    assert InspectionAttachment.objects.count() == 1

    # the hazard found, then the unit signs
    page.select_option("#id_level", "general")
    page.fill("#id_description", "除尘器未设置泄爆装置")
    page.click("#add-hazard")
    page.wait_for_load_state()
    page.fill("#f-signed", "刘厂长")
    page.click("#complete-record")
    page.wait_for_load_state()
    assert "（浦）应急现记" in page.locator("#record-pdf").inner_text()

    # hazard → 责令限期整改 with a deadline → the PDF
    page.click("#hazards-found a")
    page.wait_for_url(f"{base}/inspections/hazards/*/")
    deadline = timezone.localdate() + dt.timedelta(days=20)
    page.fill("#id_order_rectification-deadline", deadline.isoformat())
    page.click("button[data-action=order_rectification]")
    page.wait_for_load_state()
    assert page.locator("#hazard-status").inner_text() == "限期整改中"
    href = page.get_attribute("#order-pdf", "href")
    pdf = page.request.get(f"{base}{href}")
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"

    # 复查: rectified → closed, with the 整改复查意见书
    page.select_option("#id_recheck-result", "rectified")
    page.click("button[data-action=recheck]")
    page.wait_for_load_state()
    assert page.locator("#hazard-status").inner_text() == "整改完成（销号）"
    assert "整改复查意见书" in page.locator("#hazard-documents").inner_text()
    assert Hazard.objects.get().status == "closed"
    assert page.url.startswith(base) and record_url.startswith(base)
    assert page.console_errors == []
