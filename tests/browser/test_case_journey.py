"""Journey through the pages (tablet, headless Chromium): officer1 registers a case from the 工作台 (the
draft survives a reload), submits it; the head approves the filing; officer1 concludes with a violation
after looking at the calculator's recommendation, notifies, records the party's waiver and sends it to
法制审核; the reviewer takes and approves it; the head decides — and the issued 行政处罚决定书 is downloaded
and its text checked (pdftotext)."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case
from tests.cases.conftest import make_case_world

pytestmark = [pytest.mark.browser, pytest.mark.documents, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"


@pytest.fixture
def live_case_world(personas: Any, work_calendar: Any) -> Any:
    """Today's date, not a frozen clock (a frozen server clock would expire the browser's session cookie)."""
    return make_case_world(personas)


@contextmanager
def signed_in(chromium: Any, base: str, username: str) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    try:
        yield page
        assert page.console_errors == []
    finally:
        context.close()


def act(page: Any, name: str, fields: dict[str, str] | None = None) -> None:
    """Fill one action form on the case page and submit it; the page says it was done."""
    for selector, value in (fields or {}).items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click(f"button[data-action={name}]")
    page.wait_for_load_state()
    alerts = page.locator(".alert").all_inner_texts()
    assert any(text.startswith("已办理") for text in alerts), (name, alerts)


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "decision.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode()


def test_case_from_creation_to_the_issued_decision(
    live_server: Any, live_case_world: Any, chromium: Any
) -> None:
    base = live_server.url
    w = live_case_world
    p = w.personas
    today = timezone.localdate()

    with signed_in(chromium, base, "officer1") as page:
        page.click("#dashboard-new-case")  # from the 工作台
        page.wait_for_url(f"{base}/cases/new/")
        page.fill("#enterprise-q", "浦口金属")
        page.locator("#id_enterprise option", has_text=w.enterprise.name).wait_for(state="attached")
        page.select_option("#id_enterprise", str(w.enterprise.pk))
        page.select_option("#id_source", "complaint")
        page.fill("#id_source_text", "12350举报：安全出口被堵")
        page.fill("#id_cause", "未在有较大危险因素的场所设置明显的安全警示标志")
        # a lost connection: the draft is kept in this browser and restored
        page.reload()
        assert page.locator("#draft-notice").is_visible()
        assert page.input_value("#id_cause") == "未在有较大危险因素的场所设置明显的安全警示标志"
        page.select_option("#id_item", w.item.code)
        page.fill("#id_violation_date", (today - dt.timedelta(days=20)).isoformat())
        # a natural person's field is hidden while the party is an enterprise
        assert not page.locator("#id_id_number").is_visible()
        page.check(f"#case-create input[name=others][value='{p.officer2.pk}']")
        page.click("#create-case")
        page.wait_for_url(f"{base}/cases/*/")
        case = Case.objects.get()
        assert case.party_name == w.enterprise.name and case.status == "draft"
        act(page, "submit_filing")

    with signed_in(chromium, base, "head") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "approve_filing", {"#id_approve_filing-opinion": "同意立案，由王执法、李执法承办"})
        assert page.locator("#case-status").inner_text() == "已立案"

    with signed_in(chromium, base, "officer1") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        page.fill("#id_conclude_investigation-facts", "经查，该公司喷漆车间入口未设置安全警示标志。")
        page.select_option("#id_conclude_investigation-proposal", "penalty")
        page.fill("#id_conclude_investigation-v0_violation", "AQ-099-I1")
        page.click("#recommend-0")
        page.locator("#recommendation-0 #recommendation").wait_for(state="visible")
        assert "推荐罚款" in page.locator("#recommendation-0").inner_text()
        page.fill("#id_conclude_investigation-v0_amount", "20000")
        act(page, "conclude_investigation")
        assert "人民币贰万元整（￥20,000.00）" in page.locator("#case-violations").inner_text()
        act(page, "notify")
        act(page, "waive_rights")
        act(page, "submit_legal_review")

    with signed_in(chromium, base, "reviewer") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "take_legal_review")
        act(
            page,
            "complete_legal_review",
            {
                "#id_complete_legal_review-outcome": "approved",
                "#id_complete_legal_review-opinion": "事实清楚，证据确实充分，裁量适当。",
            },
        )

    with signed_in(chromium, base, "head") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "decide")
        assert page.locator("#case-status").inner_text() == "已决定"
        link = page.locator("#case-documents a", has_text="行政处罚决定书").first
        response = page.request.get(base + link.get_attribute("href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"
        text = pdf_text(response.body())

    case.refresh_from_db()
    flat = "".join(text.split())
    assert flat.startswith(f"{case.deciding_agency.name}行政处罚决定书"), flat[:80]
    assert "应急罚〔" in flat
    for needed in (
        w.enterprise.name,
        w.enterprise.credit_code,
        "罚款人民币贰万元整（￥20,000.00）",
        "经查，该公司喷漆车间入口未设置安全警示标志。",
        "行政复议",
        "行政诉讼",
    ):
        assert needed in flat, needed
