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


def _refused(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["cityadmin", "supervisor", "officer1"])
def test_only_the_platform_superuser_reaches_the_admin(client, personas, events, who):
    """Agency admins work in the product's 系统管理 (/sysadmin/); /admin/ is the superuser's only, and a
    staff flag on any other account does not open it either."""
    user = getattr(personas, who)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    before = audit_state()
    for url in ("/admin/", "/admin/core/auditevent/", "/admin/core/agency/", "/admin/core/user/"):
        assert _refused(client.get(url)), url
    assert _refused(client.post("/admin/core/agency/add/", {"code": "320117", "name": "x"}))
    assert audit_state() == before
    client.force_login(personas.admin)
    assert client.get("/admin/").status_code == 200


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
    client.force_login(personas.cityadmin)  # not the superuser: refused
    assert _refused(client.get("/admin/core/deadline/"))


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
    assert _refused(client.get("/admin/core/notification/"))


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


# Agency admins (系统管理员) maintain their subtree in 系统管理: tests/core/test_sysadmin_agencies.py


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
