"""Journey through the pages after the decision (tablet, headless Chromium): a case decided through the
services (the pages up to the decision are walked in test_case_journey) — officer1 serves the 行政处罚决定书
directly (送达 form) and records the fine paid in full (缴款 form); the head closes the case (结案, 当事人已履行);
officer1 archives it (归档); the head downloads the sealed dossier from the case page (调阅案卷 PDF) and its text
(pdftotext) has the 案卷首页 (行政处罚案卷, the case number), the 卷内目录 and the 备考表."""

from __future__ import annotations

from typing import Any

import pytest

from cases.choices import CaseStatus as S
from cases.models import Case, CaseDossier
from tests.browser.test_case_journey import act, live_case_world, pdf_text, signed_in
from tests.cases.payment_helpers import decided

pytestmark = [pytest.mark.browser, pytest.mark.documents, pytest.mark.django_db(transaction=True)]

__all__ = ["live_case_world"]  # the fixture, shared with the creation journey


def test_case_from_the_decision_to_the_archived_dossier(
    live_server: Any, live_case_world: Any, chromium: Any
) -> None:
    base = live_server.url
    case = decided(live_case_world, amount=20000)
    assert case.status == S.DECIDED
    decision = case.decisions.get()

    with signed_in(chromium, base, "officer1") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "serve", {"#id_serve-method": "direct", "#id_serve-recipient": "钱法代"})
        assert page.locator("#case-status").inner_text() == "执行中"
        act(
            page,
            "record_payment",
            {"#id_record_payment-amount": "20000", "#id_record_payment-note": "票据001"},
        )

    decision.refresh_from_db()
    assert decision.served_on is not None
    with signed_in(chromium, base, "head") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "close", {"#id_close-ground": "performed", "#id_close-note": "罚款已全额缴纳"})
        assert page.locator("#case-status").inner_text() == "已结案"

    with signed_in(chromium, base, "officer1") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        act(page, "archive", {"#id_archive-note": "材料齐全"})
        assert page.locator("#case-status").inner_text() == "已归档"
        assert page.locator("#case-archive").is_visible()

    case = Case.objects.get(pk=case.pk)
    assert case.status == S.ARCHIVED and case.closure.ground == "performed"
    assert CaseDossier.objects.filter(case=case).exists()

    with signed_in(chromium, base, "head") as page:
        page.goto(f"{base}/cases/{case.pk}/")
        link = page.locator("#case-archive a", has_text="调阅案卷")
        response = page.request.get(base + link.get_attribute("href"))
        assert response.ok and response.headers["content-type"] == "application/pdf"
        text = pdf_text(response.body())

    flat = "".join(text.split())
    for needed in (
        "行政处罚案卷",
        case.number,
        case.party_name,
        "卷内目录",
        "备考表",
        "行政处罚决定书",
        "结案审批表",
    ):
        assert needed in flat, needed
