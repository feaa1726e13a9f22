"""Journey: a supervisor on a landscape tablet (1024×768) reads the audit trail — each change as a
字段 · 原值 · 新值 table with Chinese field names, nothing pushing the page sideways — and verifies the
chain, watching the background run finish without reloading."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from enforcement.core.models import AuditVerification
from enforcement.core.services.audit import record_event
from enforcement.core.tasks import verify_audit_chain_task
from tests.factories import EnterpriseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-1234-demo"  # tests.factories.UserFactory
LONG = "南京市浦口区江浦街道" * 12 + "https://example.invalid/" + "x" * 180  # no natural break in the tail


def _no_sideways_scroll(page: Any) -> None:
    widths = page.evaluate(
        """() => {
          const doc = document.documentElement;
          const wrap = document.querySelector('#audit-events').closest('.table-responsive');
          return [doc.scrollWidth, doc.clientWidth, wrap.scrollWidth, wrap.clientWidth];
        }"""
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths


def test_supervisor_reads_changes_and_verifies_the_chain(
    live_server: Any, personas: Any, tablet_page: Any
) -> None:
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a, name="浦口化工有限公司")
    with transaction.atomic():
        record_event(
            "enterprise.update",
            actor=personas.officer1,
            obj=enterprise,
            data={
                "diff": {
                    "name": ["浦口化工有限公司", "浦口新材料化工有限公司"],
                    "address": ["旧址", LONG],
                    "contact_name": ["", "张三"],
                }
            },
        )
        record_event(
            "calendar.update",
            actor=personas.cityadmin,
            agency_id=personas.agencies.city.id,
            data={"reason": LONG, "holidays": [f"2026-10-0{i}" for i in range(1, 9)]},
        )
    page = tablet_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/audit/")
    table = page.locator("#audit-events tr[data-event-id] .change-table").first
    table.wait_for(state="visible")
    assert table.locator("thead th").all_inner_texts() == ["字段", "原值", "新值"]
    for label in ("单位名称", "地址", "联系人"):
        cell = page.locator(".change-table th[scope=row]", has_text=label).first
        assert cell.is_visible(), label
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1024, label
    assert page.locator(".change-table tr[data-field=name] td").all_inner_texts() == [
        "浦口化工有限公司",
        "浦口新材料化工有限公司",
    ]
    assert page.locator(".change-table th[scope=row]", has_text="原因").first.is_visible()
    assert "修改生产经营单位" in page.locator("#audit-events").inner_text()
    _no_sideways_scroll(page)

    # 校验审计链: a background run; the page polls it (htmx) and shows the result in Chinese.
    page.click("#verify-chain button")
    page.locator("#verify-panel").wait_for(state="visible")
    assert "等待后台开始校验" in page.locator("#verify-result").inner_text()
    run = AuditVerification.objects.get()
    verify_audit_chain_task(run.pk)  # what the worker does
    page.locator("#verify-result", has_text="审计链完整").wait_for(state="visible", timeout=10_000)
    assert (
        page.locator("#verify-result").inner_text().startswith("审计链完整：已校验全部 4 条记录")
    )  # login, two changes, audit.verify
    assert page.console_errors == []
