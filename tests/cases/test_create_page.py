"""The case creation page (预立案): the party from the register (searched), a natural person whose 身份证
number passes the GB 11643 check digit, another organisation with its credit code; the source link;
≥ 2 handlers who pass ``may_enforce`` (the first leads); Chinese errors and nothing saved on bad input."""

from __future__ import annotations

import pytest

from cases.models import Case
from enforcement.core.models import AuditEvent
from enforcement.core.validators import make_credit_code
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

URL = "/cases/new/"
GOOD_ID = "11010519491231002X"  # GB 11643's own example number


def body(cw, **overrides):
    p = cw.personas
    data = {
        "party_kind": "enterprise",
        "enterprise": str(cw.enterprise.pk),
        "source": "complaint",
        "source_link": "",
        "source_text": "12350举报",
        "cause": "未如实记录安全生产教育和培训情况",
        "item": cw.item.code,
        "violation_date": "2026-05-01",
        "lead": str(p.officer2.pk),
        "others": [str(p.officer1.pk)],
    }
    data.update(overrides)
    return data


def test_page_offers_the_agency_officers_and_says_who_cannot_handle(client, cw):
    client.force_login(cw.personas.officer1)
    html = client.get(URL).content.decode()
    assert 'id="case-create"' in html and 'data-draft-key="case-new-' in html
    assert cw.personas.officer2.display_name in html
    assert "周过期（不能承办：" in html  # the expired certificate is named with the reason
    assert cw.personas.officer_other.display_name not in html  # another agency's officer is not offered


def test_an_enterprise_case_is_created_with_the_first_handler_leading(client, cw):
    p = cw.personas
    client.force_login(p.officer1)
    response = client.post(URL, body(cw))
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert (case.status, case.party_name, case.enterprise_id) == (
        "draft",
        cw.enterprise.name,
        cw.enterprise.pk,
    )
    assert case.item_id == cw.item.pk and case.source_ref == {"text": "12350举报"}
    lead = case.handler_rows.get(is_lead=True)
    assert lead.user_id == p.officer2.pk and case.handler_rows.count() == 2
    assert AuditEvent.objects.filter(action="case.create", object_id=str(case.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert 'id="draft-saved"' in page  # the kept draft is forgotten once the case exists


def test_a_person_with_a_wrong_check_digit_is_refused_and_nothing_saved(client, cw):
    client.force_login(cw.personas.officer1)
    bad = GOOD_ID[:-1] + "1"
    response = client.post(
        URL, body(cw, party_kind="person", enterprise="", name="张三", id_number=bad, address="浦口区")
    )
    assert response.status_code == 200
    assert "身份证号码校验码错误（GB 11643）" in response.content.decode()
    assert Case.objects.count() == 0
    ok = client.post(URL, body(cw, party_kind="person", enterprise="", name="张三", id_number=GOOD_ID))
    assert ok.status_code == 302
    assert Case.objects.get().party_id_number == GOOD_ID


def test_an_organisation_needs_a_valid_credit_code(client, cw):
    client.force_login(cw.personas.officer1)
    data = body(cw, party_kind="organisation", enterprise="", name="某某协会", representative="李四")
    good = make_credit_code("51320111MJ5432101")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(URL, {**data, "credit_code": wrong})
    assert response.status_code == 200 and Case.objects.count() == 0
    assert 'id="form-errors"' in response.content.decode()
    assert client.post(URL, {**data, "credit_code": good}).status_code == 302
    assert Case.objects.get().party_credit_code == good


def test_one_handler_or_an_unqualified_one_is_refused(client, cw):
    p = cw.personas
    client.force_login(p.officer1)
    alone = client.post(URL, body(cw, lead=str(p.officer1.pk), others=[]))
    assert "须指定两名以上承办人（行政处罚法第四十二条）" in alone.content.decode()
    expired = client.post(URL, body(cw, lead=str(p.officer1.pk), others=[str(p.expired.pk)]))
    assert "以下人员不能承办案件：周过期（不能承办：" in expired.content.decode()
    assert Case.objects.count() == 0


def test_source_link_to_a_hazard_and_the_service_refusals_beside_the_field(client, cw):
    client.force_login(cw.personas.officer1)
    future = client.post(URL, body(cw, violation_date="2026-07-01"))
    assert "违法行为发生日期不能晚于今天" in future.content.decode()
    no_ref = client.post(URL, body(cw, source="inspection", source_text=""))
    assert "监督检查发现的案件须注明来源检查或隐患" in no_ref.content.decode()
    assert Case.objects.count() == 0


def test_enterprise_search_is_scoped_to_the_register_the_user_sees(client, cw):
    p = cw.personas
    EnterpriseFactory(name="南京六合化工有限公司", agency=p.agencies.district_b)
    client.force_login(p.officer1)
    html = client.get(URL + "enterprises/", {"q": "浦口"}).content.decode()
    assert cw.enterprise.name in html and "六合化工" not in html
    assert "六合化工" not in client.get(URL + "enterprises/", {"q": "六合"}).content.decode()
    client.force_login(p.officer_other)
    assert cw.enterprise.name not in client.get(URL + "enterprises/", {"q": "浦口"}).content.decode()


def test_who_may_not_register_a_case(client, cw):
    client.force_login(cw.personas.assistant)
    assert client.get(URL).status_code == 403
    assert client.post(URL, body(cw)).status_code == 403
    assert Case.objects.count() == 0


def test_links_from_the_case_list_and_the_dashboard(client, cw):
    client.force_login(cw.personas.officer1)
    assert 'href="/cases/new/"' in client.get("/cases/").content.decode()
    cw.draft()
    html = client.get("/").content.decode()
    assert 'id="dashboard-new-case"' in html and cw.enterprise.name in html
    client.force_login(cw.personas.assistant)
    assert 'href="/cases/new/"' not in client.get("/cases/").content.decode()
