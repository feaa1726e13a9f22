"""系统管理 › 机构与执法权限: agency admins add and change agencies and grant/revoke powers in their
subtree through services.agencies; others get 403, agencies outside the subtree 404."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.core import roles
from enforcement.core.models import Agency, AgencyPower, AuditEvent
from tests.factories import EnforcementItemFactory, UserFactory
from tests.support.matrix import audit_state

pytestmark = pytest.mark.django_db

NON_ADMINS = ["supervisor", "head", "officer1", "reviewer", "assistant", "expired", "officer_other", "head_b"]


def state():
    return (
        list(Agency.objects.order_by("id").values()),
        list(AgencyPower.objects.order_by("id").values()),
        audit_state(),
    )


def _street_form(parent, code="320111005", name="南京市浦口区顶山街道办事处"):
    return {
        "code": code,
        "name": name,
        "short_name": "顶山",
        "level": "street",
        "parent": parent.pk,
        "credit_code": "",
        "reconsideration_body": "南京市浦口区人民政府",
        "address": "",
        "phone": "",
        "is_active": "on",
    }


@pytest.fixture
def item():
    return EnforcementItemFactory(code="YJ-JC-001")


@pytest.fixture
def district_admin(personas):
    return UserFactory(username="puadmin", agency=personas.agencies.district_a, roles=[roles.AGENCY_ADMIN])


def test_non_administrators_are_refused_everywhere(client, personas, item):
    a = personas.agencies
    power = AgencyPower.objects.create(
        agency=a.district_a, item=item, source="statutory", valid_from=dt.date(2025, 1, 1)
    )
    before = state()
    gets = ["/sysadmin/agencies/", "/sysadmin/agencies/new/", f"/sysadmin/agencies/{a.district_a.pk}/edit/"]
    gets.append(f"/sysadmin/agencies/{a.district_a.pk}/powers/")
    posts = [
        ("/sysadmin/agencies/new/", _street_form(a.district_a)),
        (f"/sysadmin/agencies/{a.district_a.pk}/powers/", {"item": item.pk, "source": "statutory"}),
        (f"/sysadmin/powers/{power.pk}/revoke/", {}),
    ]
    for who in NON_ADMINS:
        client.force_login(getattr(personas, who))
        for url in gets:
            assert client.get(url).status_code == 403, (who, url)
        for url, data in posts:
            assert client.post(url, data).status_code == 403, (who, url)
    assert state() == before


def test_agencies_outside_the_subtree_are_404(client, personas, item, district_admin):
    a = personas.agencies
    power_b = AgencyPower.objects.create(
        agency=a.district_b, item=item, source="statutory", valid_from=dt.date(2025, 1, 1)
    )
    before = state()
    client.force_login(district_admin)
    for agency in (a.district_b, a.city, a.province):
        assert client.get(f"/sysadmin/agencies/{agency.pk}/powers/").status_code == 404
        assert client.get(f"/sysadmin/agencies/{agency.pk}/edit/").status_code == 404
    assert client.post(f"/sysadmin/powers/{power_b.pk}/revoke/", {}).status_code == 404
    listed = [r["agency"].pk for r in client.get("/sysadmin/agencies/").context["rows"]]
    assert listed == [a.district_a.pk, a.street_a.pk]
    assert state() == before


def test_city_admin_adds_a_street_in_its_subtree_only(client, personas):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    response = client.post("/sysadmin/agencies/new/", _street_form(a.district_a))
    assert response.status_code == 302
    street = Agency.objects.get(code="320111005")
    assert street.parent_id == a.district_a.pk
    assert list(AuditEvent.objects.values_list("action", "actor__username")) == [
        ("agency.create", "cityadmin")
    ]
    before = state()
    form = {**_street_form(a.district_a), "code": "320200", "level": "city", "parent": a.province.pk}
    response = client.post("/sysadmin/agencies/new/", form)
    assert response.status_code == 400  # the province is not among the parent choices
    assert list(response.context["form"].errors) == ["parent"]
    response = client.post("/sysadmin/agencies/new/", {**_street_form(a.district_a), "code": "3201110"})
    assert response.status_code == 400
    assert "乡镇街道应填写9位统计用区划代码" in response.context["form"].errors["code"]
    assert state() == before


def test_city_admin_changes_an_agency_of_its_subtree_but_not_its_parent(client, personas):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    page = client.get(f"/sysadmin/agencies/{a.district_a.pk}/edit/")
    assert page.context["form"].fields["parent"].disabled is True
    form = {
        "code": a.district_a.code,
        "name": a.district_a.name,
        "short_name": a.district_a.short_name,
        "level": "district",
        "parent": a.province.pk,  # ignored: the field is fixed
        "credit_code": a.district_a.credit_code,
        "reconsideration_body": "南京市浦口区人民政府",
        "address": "南京市浦口区文德路1号",
        "phone": a.district_a.phone,
        "is_active": "on",
    }
    response = client.post(f"/sysadmin/agencies/{a.district_a.pk}/edit/", form)
    assert response.status_code == 302
    a.district_a.refresh_from_db()
    assert (a.district_a.address, a.district_a.parent_id) == ("南京市浦口区文德路1号", a.city.pk)
    event = AuditEvent.objects.get()
    assert event.action == "agency.update"
    assert set(event.data["diff"]) >= {"address"} and "parent" not in event.data["diff"]


def test_city_admin_grants_and_revokes_a_power(client, personas, item):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    url = f"/sysadmin/agencies/{a.district_a.pk}/powers/"
    form = {
        "item": item.pk,
        "source": "statutory",
        "valid_from": "2025-01-01",
        "valid_to": "",
        "entrusting_agency": "",
        "basis_document": "苏应急〔2025〕1号",
    }
    assert client.post(url, form, REMOTE_ADDR="10.3.3.3").status_code == 302
    power = AgencyPower.objects.get()
    assert (power.agency_id, power.source, power.basis_document, power.valid_to) == (
        a.district_a.pk,
        "statutory",
        "苏应急〔2025〕1号",
        None,
    )
    before = state()
    response = client.post(url, form)  # overlapping: refused by the service
    assert response.status_code == 400
    assert "该机构对此事项在重叠期间已有执法权限，请先终止原权限" in response.content.decode()
    street = f"/sysadmin/agencies/{a.street_a.pk}/powers/"
    response = client.post(street, form)  # a street holds no statutory power
    assert response.status_code == 400
    assert state() == before
    response = client.post(
        f"/sysadmin/powers/{power.pk}/revoke/", {"last_day": "2025-12-31", "reason": "职能调整"}
    )
    assert response.status_code == 302
    power.refresh_from_db()
    assert power.valid_to == dt.date(2025, 12, 31)
    assert list(AuditEvent.objects.order_by("seq").values_list("action", "ip_address")) == [
        ("agency.grant_power", "10.3.3.3"),
        ("agency.revoke_power", "127.0.0.1"),
    ]
    page = client.get(url)
    assert "已终止" in page.content.decode()


def test_the_area_links_the_numbering_patterns_and_the_nav_shows_it(client, personas):
    client.force_login(personas.cityadmin)
    html = client.get("/sysadmin/agencies/").content.decode()
    assert f'href="/agencies/{personas.agencies.district_a.pk}/numbering/"' in html
    home = client.get("/sysadmin/").content.decode()
    assert 'href="/sysadmin/">系统管理</a>' in home
    assert 'href="/admin/"' not in home  # the platform admin is the superuser's only
    client.force_login(personas.admin)
    assert 'href="/admin/">平台管理后台</a>' in client.get("/sysadmin/").content.decode()
