"""Case pages: the list and the case page are scoped like the API (404 outside), show deadlines with
their basis, the discretion chain, the timeline and the next actions; the action forms call the services."""

from __future__ import annotations

import pytest

from cases.choices import CaseStatus as S
from tests.cases.test_api import READERS
from tests.support.matrix import assert_matrix

PAGE_READERS = {**READERS, "anonymous": 302}


@pytest.fixture
def case(cw):
    return cw.reach(S.NOTIFIED)


def test_case_page_matrix_and_content(client, cw, case):
    p = cw.personas
    readers = {**PAGE_READERS, "officer2": 200}  # officer2 handles this one
    responses = assert_matrix(client, "get", f"/cases/{case.pk}/", readers, personas=p)
    html = responses["officer1"].content.decode()
    assert case.number in html and "陈述申辩期限" in html and "第四十四条" in html
    assert "AQ-099-I1" in html and "推荐" in html
    assert 'data-action="record_defence"' in html and 'data-action="waive_rights"' in html
    head = responses["head"].content.decode()
    assert 'data-blocked="decide"' in head and "第六十二条" in head


def test_list_is_scoped(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    assert case.number in client.get("/cases/").content.decode()
    client.force_login(p.officer_other)
    assert case.number not in client.get("/cases/").content.decode()
    client.force_login(p.head)
    assert case.number in client.get("/cases/", {"status": "notified"}).content.decode()
    assert case.number not in client.get("/cases/", {"status": "filed"}).content.decode()


def test_action_forms_run_the_services(client, cw):
    p = cw.personas
    c = cw.draft()
    client.force_login(p.officer1)
    r = client.post(f"/cases/{c.pk}/actions/submit_filing/", {"submit_filing-date": "2026-06-01"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == S.SUBMITTED
    r = client.post(f"/cases/{c.pk}/actions/approve_filing/", {"approve_filing-opinion": "同意"})
    assert r.status_code == 403  # a handler may not approve
    client.force_login(p.head)
    client.post(f"/cases/{c.pk}/actions/approve_filing/", {"approve_filing-opinion": "同意立案"})
    c.refresh_from_db()
    assert c.status == S.FILED
    client.force_login(p.officer1)
    r = client.post(
        f"/cases/{c.pk}/actions/conclude_investigation/",
        {
            "conclude_investigation-facts": "经查属实",
            "conclude_investigation-proposal": "penalty",
            "conclude_investigation-v0_violation": "AQ-099-I1",
            "conclude_investigation-v0_amount": "60000",
        },
        follow=True,
    )
    assert "法定最高额" in r.content.decode()
    c.refresh_from_db()
    assert c.status == S.FILED
    client.force_login(p.officer_other)
    assert client.post(f"/cases/{c.pk}/actions/notify/", {}).status_code == 404
