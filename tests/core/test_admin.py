"""Django admin of core: read-only deadlines, notifications and audit trail; agencies through services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from enforcement.core.models import Agency, AuditEvent, Deadline, Notification
from enforcement.core.services.audit import record_event
from enforcement.core.services.notifications import notify
from tests.factories import EnterpriseFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401
from tests.support.matrix import audit_state

pytestmark = pytest.mark.django_db


def _record(*args, **kwargs) -> AuditEvent:
    with transaction.atomic():
        return record_event(*args, **kwargs)


@pytest.fixture
def events(personas):
    a = personas.agencies
    ent_a = EnterpriseFactory(agency=a.district_a, name="浦口化工有限公司")
    ent_b = EnterpriseFactory(agency=a.district_b, name="江宁化工有限公司")
    return {
        "a": _record("enterprise.update", actor=personas.officer1, obj=ent_a),
        "b": _record("enterprise.update", actor=personas.officer_other, obj=ent_b),
        "province": _record("calendar.update", actor=personas.admin, obj=a.province),
    }


def _changelist_ids(response) -> list[int]:
    return sorted(obj.pk for obj in response.context["cl"].result_list)


# --- audit trail: strictly read-only ---------------------------------------------------------------


def test_audit_admin_lists_in_scope_and_offers_no_add_change_or_delete(client, personas, events):
    client.force_login(personas.admin)
    response = client.get("/admin/core/auditevent/")
    assert response.status_code == 200
    assert _changelist_ids(response) == sorted(e.pk for e in events.values())
    assert response.context["cl"].model_admin.get_actions(response.wsgi_request) == {}
    html = response.content.decode()
    assert "/admin/core/auditevent/add/" not in html
    before = audit_state()
    event = events["a"]
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    assert client.post("/admin/core/auditevent/add/", {"action": "x"}).status_code == 403
    view = client.get(f"/admin/core/auditevent/{event.pk}/change/")
    assert view.status_code == 200
    assert view.context["has_change_permission"] is False and 'name="_save"' not in view.content.decode()
    assert client.post(f"/admin/core/auditevent/{event.pk}/change/", {"action": "forged"}).status_code == 403
    assert client.get(f"/admin/core/auditevent/{event.pk}/delete/").status_code == 403
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/core/auditevent/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert audit_state() == before
    event.refresh_from_db()
    assert event.action == "enterprise.update"


def test_city_admin_sees_only_the_audit_events_of_its_subtree(client, personas, events):
    client.force_login(personas.cityadmin)  # staff, 系统管理员 of the city (view_auditevent)
    response = client.get("/admin/core/auditevent/")
    assert response.status_code == 200
    assert _changelist_ids(response) == sorted([events["a"].pk, events["b"].pk])
    assert (
        client.get(f"/admin/core/auditevent/{events['province'].pk}/change/").status_code == 302
    )  # not found
    assert client.get("/admin/core/auditevent/add/").status_code == 403


def test_non_staff_never_reach_the_admin(client, personas, events):
    client.force_login(personas.supervisor)
    response = client.get("/admin/core/auditevent/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


# --- deadlines and notifications -------------------------------------------------------------------


@pytest.mark.usefixtures("deadline_kinds")
def test_deadline_admin_is_read_only(client, personas):
    ent = EnterpriseFactory(agency=personas.agencies.district_a)
    deadline = make_deadline(ent, dt.date(2026, 6, 30), [personas.officer1], title="整改期限")
    client.force_login(personas.admin)
    response = client.get("/admin/core/deadline/")
    assert response.status_code == 200
    assert _changelist_ids(response) == [deadline.pk]
    assert client.get("/admin/core/deadline/add/").status_code == 403
    assert client.post(f"/admin/core/deadline/{deadline.pk}/change/", {"title": "改"}).status_code == 403
    assert client.post(f"/admin/core/deadline/{deadline.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Deadline.objects.get().title == "整改期限"
    client.force_login(personas.cityadmin)  # no view_deadline permission
    assert client.get("/admin/core/deadline/").status_code == 403


def test_notification_admin_is_for_the_superuser_only_and_read_only(client, personas):
    with transaction.atomic():
        (note,) = notify([personas.officer1], "整改期限将至", email=False)
    client.force_login(personas.admin)
    response = client.get("/admin/core/notification/")
    assert response.status_code == 200
    assert _changelist_ids(response) == [note.pk]
    assert client.get(f"/admin/core/notification/{note.pk}/change/").status_code == 200
    assert client.post(f"/admin/core/notification/{note.pk}/change/", {"title": "x"}).status_code == 403
    assert client.post(f"/admin/core/notification/{note.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Notification.objects.get().title == "整改期限将至"
    client.force_login(personas.cityadmin)
    assert client.get("/admin/core/notification/").status_code == 403


# --- agencies through the services -----------------------------------------------------------------


def test_admin_adds_an_agency_through_the_service_with_an_audit_event(client, personas):
    a = personas.agencies
    client.force_login(personas.admin)
    form = {
        "code": "320116",
        "name": "南京市六合区应急管理局",
        "short_name": "六",
        "level": "district",
        "parent": a.city.pk,
        "credit_code": "",
        "reconsideration_body": "南京市六合区人民政府",
        "address": "",
        "phone": "",
        "is_active": "on",
    }
    response = client.post("/admin/core/agency/add/", form)
    assert response.status_code == 302
    agency = Agency.objects.get(code="320116")
    assert agency.path == f"{a.city.path}{agency.pk}/"
    assert list(AuditEvent.objects.values_list("action", "object_id")) == [("agency.create", agency.pk)]
    before = (list(Agency.objects.order_by("id").values()), audit_state())
    response = client.post(
        "/admin/core/agency/add/", {**form, "code": "3201170", "name": "错误代码"}, follow=True
    )
    assert "应填写6位行政区划代码（GB/T 2260）" in response.content.decode()
    assert (list(Agency.objects.order_by("id").values()), audit_state()) == before


# --- agency admins (系统管理员) maintain their subtree -------------------------------------------------


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


def agency_state():
    return list(Agency.objects.order_by("id").values()), audit_state()


def test_city_admin_adds_a_street_in_its_subtree(client, personas):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    assert client.get("/admin/core/agency/").status_code == 200
    response = client.post("/admin/core/agency/add/", _street_form(a.district_a))
    assert response.status_code == 302
    street = Agency.objects.get(code="320111005")
    assert street.parent_id == a.district_a.pk
    assert list(AuditEvent.objects.values_list("action", "actor__username")) == [
        ("agency.create", "cityadmin")
    ]


def test_city_admin_cannot_hang_an_agency_outside_its_subtree(client, personas):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    before = agency_state()
    form = {**_street_form(a.district_a), "code": "320200", "level": "city", "parent": a.province.pk}
    response = client.post("/admin/core/agency/add/", form)
    assert response.status_code == 200  # the province is not among the parent choices
    assert list(response.context["adminform"].form.errors) == ["parent"]
    assert agency_state() == before


def test_city_admin_changes_its_subtree_but_only_views_the_province(client, personas):
    a = personas.agencies
    client.force_login(personas.cityadmin)
    form = {
        "code": a.district_a.code,
        "name": a.district_a.name,
        "short_name": "浦",
        "level": "district",
        "credit_code": "",
        "reconsideration_body": "南京市浦口区人民政府",
        "address": "南京市浦口区文德路1号",
        "phone": "",
        "is_active": "on",
    }
    response = client.post(f"/admin/core/agency/{a.district_a.pk}/change/", form)
    assert response.status_code == 302
    a.district_a.refresh_from_db()
    assert (a.district_a.address, a.district_a.parent_id) == ("南京市浦口区文德路1号", a.city.pk)
    assert AuditEvent.objects.get().data == {"diff": {"address": ["", "南京市浦口区文德路1号"]}}
    before = agency_state()
    view = client.get(f"/admin/core/agency/{a.province.pk}/change/")
    assert view.status_code == 200 and view.context["has_change_permission"] is False
    form_p = {**form, "code": a.province.code, "name": "改名", "level": "province"}
    assert client.post(f"/admin/core/agency/{a.province.pk}/change/", form_p).status_code == 403
    assert agency_state() == before


def test_officers_have_no_admin(client, personas):
    client.force_login(personas.officer1)
    assert client.get("/admin/core/agency/").status_code == 302  # not staff: the admin login page


def test_city_admin_grants_a_power_in_its_subtree_only(client, personas):
    from enforcement.core.models import AgencyPower
    from tests.factories import EnforcementItemFactory

    a = personas.agencies
    item = EnforcementItemFactory(code="YJ-JC-001")
    client.force_login(personas.cityadmin)
    form = {"agency": a.district_a.pk, "item": item.pk, "source": "statutory", "valid_from": "2025-01-01"}
    form |= {"valid_to": "", "entrusting_agency": "", "basis_document": "苏应急〔2025〕1号"}
    assert client.post("/admin/core/agencypower/add/", form).status_code == 302
    power = AgencyPower.objects.get()
    assert (power.agency_id, power.source, power.basis_document) == (
        a.district_a.pk,
        "statutory",
        "苏应急〔2025〕1号",
    )
    before = (list(AgencyPower.objects.values()), audit_state())
    response = client.post("/admin/core/agencypower/add/", {**form, "agency": a.province.pk})
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["agency"]
    assert (list(AgencyPower.objects.values()), audit_state()) == before


def test_password_reset_in_the_admin_is_audited_without_the_password(client, personas):
    client.force_login(personas.admin)
    url = f"/admin/core/user/{personas.officer2.pk}/password/"
    before = AuditEvent.objects.count()
    response = client.post(
        url, {"password1": "Neu-Pass-2026!x", "password2": "Neu-Pass-2026!x", "usable_password": "true"}
    )
    assert response.status_code == 302
    personas.officer2.refresh_from_db()
    assert personas.officer2.check_password("Neu-Pass-2026!x")
    events = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq"))
    assert [(e.action, e.object_id, e.actor_id, e.data) for e in events] == [
        ("user.password", personas.officer2.pk, personas.admin.pk, {})
    ]


def test_a_refused_password_reset_writes_no_audit_event(client, personas):
    client.force_login(personas.admin)
    url = f"/admin/core/user/{personas.officer2.pk}/password/"
    before = AuditEvent.objects.count()
    response = client.post(
        url, {"password1": "Neu-Pass-2026!x", "password2": "different", "usable_password": "true"}
    )
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before
