"""全过程记录 page, API and login events: scope per persona, filters, keyset pagination, query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from enforcement.core import roles
from enforcement.core.models import AuditEvent
from enforcement.core.services.audit import record_event
from tests.factories import EnterpriseFactory, UserFactory

URL = "/audit/"
API = "/api/v1/audit-events/"
BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass
class Events:
    district_a: AuditEvent
    street_a: AuditEvent
    district_b: AuditEvent
    city: AuditEvent
    province: AuditEvent
    system: AuditEvent


def _record(*args, **kwargs) -> AuditEvent:
    with transaction.atomic():
        return record_event(*args, **kwargs)


@pytest.fixture
def events(personas) -> Events:
    a = personas.agencies
    ent_a = EnterpriseFactory(agency=a.district_a, name="浦口化工有限公司")
    ent_street = EnterpriseFactory(agency=a.street_a)
    ent_b = EnterpriseFactory(agency=a.district_b)
    return Events(
        district_a=_record("enterprise.update", actor=personas.officer1, obj=ent_a, data={"name": "新名称"}),
        street_a=_record("enterprise.create", actor=personas.officer2, obj=ent_street),
        district_b=_record("enterprise.update", actor=personas.officer_other, obj=ent_b),
        city=_record("calendar.update", actor=personas.cityadmin, agency_id=a.city.id),
        province=_record("calendar.update", actor=personas.admin, obj=a.province),
        system=_record("deadline.close", actor=None),
    )


def _ids(response) -> list[int]:
    return [row["event"].id for row in response.context["rows"]]


def _newest_first(*events: AuditEvent) -> list[int]:
    return [e.id for e in sorted(events, key=lambda e: -e.seq)]


# --- access ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, events):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["officer1", "head", "head_b", "reviewer", "assistant", "officer_other"])
def test_other_roles_get_403(client, personas, events, name):
    client.force_login(getattr(personas, name))
    assert client.get(URL).status_code == 403
    assert client.post(reverse("core:audit_verify")).status_code == 403


@pytest.mark.django_db
def test_city_supervisor_sees_the_city_subtree(client, personas, events):
    client.force_login(personas.supervisor)
    response = client.get(URL)
    assert response.status_code == 200
    e = events
    assert _ids(response) == _newest_first(e.district_a, e.street_a, e.district_b, e.city)


@pytest.mark.django_db
def test_district_supervisor_sees_district_a_only(client, personas, events):
    district_supervisor = UserFactory(
        username="supervisor_a", agency=personas.agencies.district_a, roles=[roles.SUPERVISOR]
    )
    client.force_login(district_supervisor)
    assert _ids(client.get(URL)) == _newest_first(events.district_a, events.street_a)


@pytest.mark.django_db
def test_cityadmin_sees_its_subtree(client, personas, events):
    client.force_login(personas.cityadmin)
    e = events
    assert _ids(client.get(URL)) == _newest_first(e.district_a, e.street_a, e.district_b, e.city)


@pytest.mark.django_db
def test_superuser_sees_everything(client, personas, events):
    client.force_login(personas.admin)
    response = client.get(URL)
    e = events
    assert _ids(response) == _newest_first(
        e.district_a, e.street_a, e.district_b, e.city, e.province, e.system
    )
    assert response.context["can_verify"] is True


@pytest.mark.django_db
def test_row_shows_beijing_time_label_object_and_agency(client, personas):
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a, name="浦口化工有限公司")
    with time_machine.travel(dt.datetime(2026, 3, 1, 15, 30, 5, tzinfo=dt.UTC), tick=False):
        _record("enterprise.update", actor=personas.officer1, obj=enterprise, data={"name": "新名称"})
    client.force_login(personas.supervisor)
    html = client.get(URL).content.decode()
    assert '<span class="text-nowrap">2026-03-01</span> <span class="text-nowrap">23:30:05</span>' in html
    assert "修改生产经营单位" in html
    assert "王执法" in html
    assert f"生产经营单位 #{enterprise.id}" in html
    assert "浦口化工有限公司" in html
    assert "南京市浦口区应急管理局" in html
    assert "新名称" in html


@pytest.mark.django_db
def test_nav_link_only_for_audit_roles(client, personas):
    client.force_login(personas.supervisor)
    assert 'href="/audit/"' in client.get("/").content.decode()
    client.force_login(personas.officer1)
    assert 'href="/audit/"' not in client.get("/").content.decode()


# --- filters -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_filter_by_object(client, personas, events):
    client.force_login(personas.supervisor)
    ent = events.district_a
    response = client.get(URL, {"object_type": "core.enterprise", "object_id": ent.object_id})
    assert _ids(response) == [ent.id]
    response = client.get(URL, {"object_type": "core.enterprise"})
    assert _ids(response) == _newest_first(events.district_a, events.street_a, events.district_b)


@pytest.mark.django_db
def test_filter_by_user_and_action(client, personas, events):
    client.force_login(personas.supervisor)
    assert _ids(client.get(URL, {"actor": "officer2"})) == [events.street_a.id]
    assert _ids(client.get(URL, {"action": "enterprise.update"})) == _newest_first(
        events.district_a, events.district_b
    )
    assert _ids(client.get(URL, {"action": "enterprise.update", "actor": "officer1"})) == [
        events.district_a.id
    ]


@pytest.mark.django_db
def test_filter_by_local_dates(client, personas):
    agency = personas.agencies.district_a.id
    # 23:30 and 00:30 Beijing time: one UTC date, two local dates.
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=BEIJING), tick=False):
        late = _record("calendar.update", actor=personas.cityadmin, agency_id=agency)
    with time_machine.travel(dt.datetime(2026, 3, 2, 0, 30, tzinfo=BEIJING), tick=False):
        early = _record("calendar.update", actor=personas.cityadmin, agency_id=agency)
    client.force_login(personas.supervisor)
    day = {"date_from": "2026-03-02", "date_to": "2026-03-02"}
    assert _ids(client.get(URL, day)) == [early.id]
    assert _ids(client.get(URL, {"date_to": "2026-03-01"})) == [late.id]
    assert _ids(client.get(URL, {"date_from": "2026-03-01"})) == [early.id, late.id]


@pytest.mark.django_db
def test_invalid_filters_show_errors_and_no_rows(client, personas, events):
    client.force_login(personas.supervisor)
    response = client.get(URL, {"date_from": "2026-03-02", "date_to": "2026-03-01"})
    assert response.status_code == 200
    assert _ids(response) == []
    assert "截止日期不能早于起始日期" in response.content.decode()
    response = client.get(URL, {"object_type": "core.nothing"})
    assert "未知的对象类型" in response.content.decode()


# --- pagination and query counts ---------------------------------------------------------------------


@pytest.mark.django_db
def test_keyset_pages_without_offset(client, personas):
    city = personas.agencies.city.id
    made = [
        _record("calendar.update", actor=personas.cityadmin, agency_id=city, data={"i": i}) for i in range(55)
    ]
    client.force_login(personas.supervisor)
    first = client.get(URL)
    assert _ids(first) == [e.id for e in made[::-1][:50]]
    assert (first.context["newer_than"], first.context["older_than"]) == (None, made[5].seq)
    second = client.get(URL, {"before": made[5].seq})
    assert _ids(second) == [e.id for e in made[4::-1]]
    assert (second.context["newer_than"], second.context["older_than"]) == (made[4].seq, None)
    back = client.get(URL, {"after": made[4].seq})
    assert _ids(back) == _ids(first)
    assert "after=" in second.content.decode()


def _make(personas, n: int) -> None:
    agencies = [personas.agencies.district_a, personas.agencies.district_b, personas.agencies.street_a]
    actors = [personas.officer1, personas.officer2, personas.officer_other]
    for i in range(n):
        enterprise = EnterpriseFactory(agency=agencies[i % 3])
        _record("enterprise.update", actor=actors[i % 3], obj=enterprise, data={"i": i, "法条": "第九十九条"})


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_page_query_count_is_constant(client, personas, django_assert_num_queries, rows):
    _make(personas, rows)
    client.force_login(personas.supervisor)
    # session, user with its agency, roles, content types (filter choices), events, agencies of the
    # rows, unread badge
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["rows"]) == rows


# --- chain verification button -----------------------------------------------------------------------


@pytest.mark.django_db
def test_verification_is_a_post_only_background_run(client, personas, events):
    """The run itself is tested in test_audit_readable.py; here: POST only, and nothing but the run and
    its audit.verify event is written."""
    client.force_login(personas.admin)
    before = list(AuditEvent.objects.values_list("id", "hash"))
    response = client.post(reverse("core:audit_verify"))
    assert response.status_code == 302
    assert list(AuditEvent.objects.values_list("id", "hash"))[: len(before)] == before
    assert AuditEvent.objects.count() == len(before) + 1
    assert client.get(reverse("core:audit_verify")).status_code == 405


# --- API ---------------------------------------------------------------------------------------------


def _api_ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_api_anonymous_401(client, events):
    response = client.get(API)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["officer1", "head", "head_b", "reviewer"])
def test_api_other_roles_403(client, personas, events, name):
    client.force_login(getattr(personas, name))
    assert client.get(API).status_code == 403
    assert client.get(f"{API}{events.district_a.id}/").status_code == 403


@pytest.mark.django_db
def test_api_scope_and_detail(client, personas, events):
    e = events
    client.force_login(personas.supervisor)
    assert _api_ids(client.get(API)) == _newest_first(e.district_a, e.street_a, e.district_b, e.city)
    assert client.get(f"{API}{e.province.id}/").status_code == 404
    assert client.get(f"{API}{e.system.id}/").status_code == 404
    detail = client.get(f"{API}{e.district_a.id}/").json()
    assert detail["seq"] == e.district_a.seq
    assert detail["action"] == "enterprise.update"
    assert detail["action_label"] == "修改生产经营单位"
    assert detail["object_type"] == "core.enterprise"
    assert detail["actor_username"] == "officer1"
    assert detail["agency_id"] == personas.agencies.district_a.id
    assert detail["data"] == {"name": "新名称"}
    assert detail["hash"] == e.district_a.hash
    client.force_login(personas.admin)
    assert len(_api_ids(client.get(API))) == 6


@pytest.mark.django_db
def test_api_filters_and_errors(client, personas, events):
    client.force_login(personas.cityadmin)
    assert _api_ids(client.get(API, {"actor": "officer_other"})) == [events.district_b.id]
    ent = events.street_a
    assert _api_ids(client.get(API, {"object_type": "core.enterprise", "object_id": ent.object_id})) == [
        ent.id
    ]
    response = client.get(API, {"date_from": "not-a-date"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "date_from" in response.json()["fields"]


@pytest.mark.django_db
def test_api_is_read_only(client, personas, events):
    client.force_login(personas.admin)
    before = list(AuditEvent.objects.values_list("id", "hash"))
    assert client.post(API, {"action": "x"}, content_type="application/json").status_code == 405
    url = f"{API}{events.city.id}/"
    assert client.patch(url, {"action": "x"}, content_type="application/json").status_code == 405
    assert client.delete(url).status_code == 405
    assert list(AuditEvent.objects.values_list("id", "hash")) == before


# --- login / logout events ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_and_logout_over_http_are_recorded(client, personas):
    response = client.post("/accounts/login/", {"username": "officer1", "password": "pass-1234-demo"})
    assert response.status_code == 302
    client.post("/accounts/logout/")
    rows = list(
        AuditEvent.objects.order_by("seq").values_list("action", "actor_id", "object_id", "ip_address")
    )
    me = personas.officer1.id
    assert rows == [("auth.login", me, me, "127.0.0.1"), ("auth.logout", me, me, "127.0.0.1")]
    assert AuditEvent.objects.get(action="auth.login").agency_id_ref == personas.agencies.district_a.id


@pytest.mark.django_db
def test_test_client_force_login_records_nothing(client, personas):
    client.force_login(personas.officer1)
    client.logout()
    assert AuditEvent.objects.count() == 0
