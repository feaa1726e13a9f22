"""Permission matrix for EVERY core API route under /api/v1/ and every HTTP method it answers.

Columns (STYLE.md): anonymous (401), outsider (404 and absent from lists), in scope without the role
(403 on writes), in scope with the role, superuser. On every denial ``assert_matrix`` also checks that
the data and the audit trail are unchanged and that the body is the JSON error shape.
``test_every_core_route_is_in_the_matrix`` fails when a route is added without a row here.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.db import transaction

from enforcement.core import roles
from enforcement.core.api.urls import router
from enforcement.core.models import (
    Agency,
    AgencyPower,
    CalendarDay,
    Deadline,
    EnforcementItem,
    Enterprise,
    ImportJob,
)
from enforcement.core.services.audit import record_event
from enforcement.core.services.catalog import suspend_item
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, EnterpriseFactory, UserFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401
from tests.support.matrix import assert_matrix

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

# Every core route name; each has its rows in the tests below.
COVERED = {
    "api-root",
    "agency-list",
    "agency-detail",
    "agency-powers",
    "agency-may-act",
    "enterprise-list",
    "enterprise-detail",
    "enforcement-item-list",
    "enforcement-item-detail",
    "enforcement-item-changes",
    "enforcement-item-suspend",
    "enforcement-item-resume",
    "enforcement-item-cancel",
    "calendar-add-list",
    "calendar-day-list",
    "deadline-list",
    "deadline-detail",
    "audit-event-list",
    "audit-event-detail",
    "import-job-list",
    "import-job-detail",
}

EVERYONE = ["officer1", "assistant", "officer_other", "head", "supervisor", "cityadmin", "admin"]


def read_all(status: int = 200) -> dict[str, int]:
    return {"anonymous": 401, **dict.fromkeys(EVERYONE, status)}


def refused_writes(status: int = 405) -> dict[str, int]:
    """A route without this method: 401 for the anonymous, ``status`` for every logged-in persona."""
    return {"anonymous": 401, **dict.fromkeys(EVERYONE, status)}


def state():
    return (
        list(Agency.objects.order_by("id").values()),
        list(AgencyPower.objects.order_by("id").values()),
        list(Enterprise.objects.order_by("id").values()),
        list(EnforcementItem.objects.order_by("id").values()),
        list(EnforcementItem.objects.values_list("changes__id", flat=True).order_by("changes__id")),
        list(Deadline.objects.order_by("id").values()),
        list(CalendarDay.objects.order_by("id").values()),
    )


@pytest.fixture
def cast(personas):
    """The conftest personas plus a district B supervisor (outsider to district A's audit events)."""
    sup_b = UserFactory(
        username="supervisor_b", agency=personas.agencies.district_b, roles=[roles.SUPERVISOR]
    )
    return SimpleNamespace(
        **{k: getattr(personas, k) for k in personas.__dataclass_fields__}, supervisor_b=sup_b
    )


@pytest.fixture
def world(cast):
    a = cast.agencies
    with time_machine.travel(NOW, tick=False):
        ent_a = EnterpriseFactory(agency=a.district_a, name="浦口甲化工有限公司")
        ent_b = EnterpriseFactory(agency=a.district_b, name="江宁乙化工有限公司")
        item = EnforcementItemFactory(code="YJ-JC-001", name="监督检查", kind="inspection")
        paused = EnforcementItemFactory(code="YJ-CF-002", name="暂停事项")
        suspend_item(paused, actor=cast.admin, reason="调整")
        AgencyPowerFactory(agency=a.district_a, item=item)
        deadline = make_deadline(ent_a, dt.date(2026, 6, 30), [cast.officer1], title="甲整改")
        with transaction.atomic():
            event = record_event("enterprise.update", actor=cast.officer1, obj=ent_a)
    return SimpleNamespace(ent_a=ent_a, ent_b=ent_b, item=item, paused=paused, deadline=deadline, event=event)


def ids(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_every_core_route_is_in_the_matrix():
    assert {url.name for url in router.urls} == COVERED


def test_api_root(client, cast):
    assert_matrix(client, "get", "/api/v1/", read_all(), personas=cast)


# --- agencies (reference data, read-only) ------------------------------------------------------------


def test_agency_routes(client, cast, world):
    a = cast.agencies
    for url in (
        "/api/v1/agencies/",
        f"/api/v1/agencies/{a.district_b.pk}/",
        f"/api/v1/agencies/{a.district_b.pk}/powers/",
        f"/api/v1/agencies/{a.district_a.pk}/may-act/?item=YJ-JC-001&on=2026-06-10",
    ):
        assert_matrix(client, "get", url, read_all(), personas=cast)
    assert_matrix(client, "post", "/api/v1/agencies/", refused_writes(), personas=cast, data={}, state=state)
    for method in ("put", "patch", "delete"):
        assert_matrix(
            client,
            method,
            f"/api/v1/agencies/{a.city.pk}/",
            refused_writes(),
            personas=cast,
            data={},
            state=state,
        )
    for action in ("powers", "may-act"):
        assert_matrix(
            client,
            "post",
            f"/api/v1/agencies/{a.city.pk}/{action}/",
            refused_writes(),
            personas=cast,
            data={},
            state=state,
        )


def test_may_act_answers_and_refusals(client, cast, world):
    a = cast.agencies
    client.force_login(cast.officer_other)
    url = f"/api/v1/agencies/{a.district_a.pk}/may-act/"
    assert client.get(url, {"item": "YJ-JC-001", "on": "2026-06-10"}).json() == {
        "allowed": True,
        "reasons": ["依法定职权实施（2021-09-01起）"],
        "source": "statutory",
        "power": AgencyPower.objects.get().pk,
        "acts_in_name_of": None,
    }
    assert client.get(url, {"item": "NOPE"}).status_code == 404
    assert client.get("/api/v1/agencies/999999/may-act/", {"item": "YJ-JC-001"}).status_code == 404
    bad = client.get(url, {"item": "YJ-JC-001", "on": "2026-13-01"})
    assert (bad.status_code, bad.json()) == (
        400,
        {"code": "invalid", "detail": "日期格式应为YYYY-MM-DD", "fields": {"on": ["日期格式应为YYYY-MM-DD"]}},
    )


# --- enterprises (scoped business data) --------------------------------------------------------------


def full_body(ent, name):
    return {
        "name": f"{ent.name}-{name}",
        "credit_code": ent.credit_code,
        "agency": ent.agency_id,
        "sector": "hazchem",
        "scale": "small",
        "risk_class": "high",
        "standardization_level": "none",
        "credit_status": "normal",
    }


def test_enterprise_routes(client, cast, world):
    ent = world.ent_a
    url = f"/api/v1/enterprises/{ent.pk}/"
    for name, expected in {
        "officer1": [ent.pk],
        "head": [ent.pk],
        "officer_other": [world.ent_b.pk],  # the outsider's list lacks district A's
        "supervisor": [world.ent_b.pk, ent.pk],
        "admin": [world.ent_b.pk, ent.pk],
    }.items():
        assert ids(client, getattr(cast, name), "/api/v1/enterprises/") == expected, name
    assert_matrix(
        client,
        "get",
        url,
        {
            "anonymous": 401,
            "officer_other": 404,
            "assistant": 200,
            "head": 200,
            "officer1": 200,
            "admin": 200,
        },
        personas=cast,
    )
    writes = {
        "anonymous": 401,
        "officer_other": 404,  # outsider
        "head": 403,  # in scope without the role
        "reviewer": 403,
        "assistant": 403,
        "officer1": 200,  # in scope with the role
        "cityadmin": 200,
        "admin": 200,  # superuser
    }
    for method in ("put", "patch"):
        assert_matrix(
            client, method, url, writes, personas=cast, data=lambda name: full_body(ent, name), state=state
        )
    ent.refresh_from_db()
    assert ent.name == "浦口甲化工有限公司-admin"
    assert_matrix(
        client,
        "delete",
        url,
        {"anonymous": 401, "officer_other": 405, "head": 405, "officer1": 405, "admin": 405},
        personas=cast,
        state=state,
    )


# --- enforcement items (reference data; agency admins write) -----------------------------------------


ITEM_WRITES = {"anonymous": 401, "officer1": 403, "head": 403, "supervisor": 403, "assistant": 403}


def item_body(name):
    return {
        "code": "YJ-JC-001",
        "name": f"监督检查-{name}",
        "kind": "inspection",
        "legal_basis": "《中华人民共和国安全生产法》第六十五条",
        "level": "all",
        "effective_from": "2021-09-01",
    }


def test_enforcement_item_routes(client, cast, world):
    item, paused = world.item, world.paused
    base = f"/api/v1/enforcement-items/{item.pk}/"
    for url in ("/api/v1/enforcement-items/", base, f"{base}changes/"):
        assert_matrix(client, "get", url, read_all(), personas=cast)
    assert_matrix(
        client,
        "put",
        base,
        {**ITEM_WRITES, "cityadmin": 200, "admin": 200},
        personas=cast,
        data=item_body,
        state=state,
    )
    assert_matrix(client, "delete", base, refused_writes(), personas=cast, state=state)
    assert_matrix(
        client,
        "post",
        f"/api/v1/enforcement-items/{paused.pk}/resume/",
        {**ITEM_WRITES, "cityadmin": 200, "admin": 409},  # the second resume finds it active
        personas=cast,
        data={"reason": "恢复实施"},
        state=state,
    )
    assert_matrix(
        client,
        "post",
        f"/api/v1/enforcement-items/{paused.pk}/cancel/",
        {**ITEM_WRITES, "cityadmin": 200, "admin": 409},
        personas=cast,
        data={"reason": "法律修改"},
        state=state,
    )
    for action in ("changes", "suspend", "resume", "cancel"):
        method = "post" if action == "changes" else "get"
        assert_matrix(
            client, method, f"{base}{action}/", refused_writes(), personas=cast, data={}, state=state
        )
    paused.refresh_from_db()
    item.refresh_from_db()
    assert (paused.status, item.name) == ("cancelled", "监督检查-admin")


# --- calendar (reference data, read-only over the API) -----------------------------------------------


def test_calendar_routes(client, cast, work_calendar):
    add = "/api/v1/calendar/add/?start=2025-01-24&days=5&kind=working"
    for url in (add, "/api/v1/calendar/days/?year=2025"):
        assert_matrix(client, "get", url, read_all(), personas=cast)
    for url in ("/api/v1/calendar/add/", "/api/v1/calendar/days/"):
        for method in ("post", "put", "patch", "delete"):
            assert_matrix(client, method, url, refused_writes(), personas=cast, data={}, state=state)


# --- deadlines (mine / my agency) --------------------------------------------------------------------


def test_deadline_routes(client, cast, world):
    d = world.deadline
    url = f"/api/v1/deadlines/{d.pk}/"
    for name, expected in {
        "officer1": [d.pk],  # responsible
        "officer2": [],  # same agency, not responsible
        "officer_other": [],  # outsider
        "head": [d.pk],
        "admin": [d.pk],
    }.items():
        assert ids(client, getattr(cast, name), "/api/v1/deadlines/") == expected, name
    assert_matrix(
        client,
        "get",
        url,
        {
            "anonymous": 401,
            "officer_other": 404,
            "officer2": 404,
            "reviewer": 404,
            "officer1": 200,
            "head": 200,
            "supervisor": 200,
            "admin": 200,
        },
        personas=cast,
    )
    assert_matrix(client, "post", "/api/v1/deadlines/", refused_writes(), personas=cast, data={}, state=state)
    for method in ("put", "patch", "delete"):
        assert_matrix(client, method, url, refused_writes(), personas=cast, data={"title": "改"}, state=state)


# --- audit trail (supervisors and agency admins of the subtree; read-only) ---------------------------


def test_audit_event_routes(client, cast, world):
    event = world.event
    url = f"/api/v1/audit-events/{event.pk}/"
    assert event.pk in ids(client, cast.supervisor, "/api/v1/audit-events/")
    assert event.pk not in ids(client, cast.supervisor_b, "/api/v1/audit-events/")
    viewers = {"anonymous": 401, "officer1": 403, "head": 403, "assistant": 403, "supervisor_b": 404}
    assert_matrix(
        client, "get", url, {**viewers, "supervisor": 200, "cityadmin": 200, "admin": 200}, personas=cast
    )
    assert_matrix(
        client,
        "get",
        "/api/v1/audit-events/",
        {
            "anonymous": 401,
            "officer1": 403,
            "head": 403,
            "supervisor": 200,
            "supervisor_b": 200,
            "admin": 200,
        },
        personas=cast,
    )
    writes = {
        "anonymous": 401,
        "officer1": 403,
        "head": 403,
        "supervisor": 405,
        "cityadmin": 405,
        "admin": 405,
    }
    assert_matrix(client, "post", "/api/v1/audit-events/", writes, personas=cast, data={}, state=state)
    for method in ("put", "patch", "delete"):
        assert_matrix(client, method, url, writes, personas=cast, data={"action": "x"}, state=state)


def test_import_job_routes(client, cast):
    """Only whoever started an import sees its job (its report names rows of their file); read-only."""
    job = ImportJob.objects.create(
        kind="enterprises", label="生产经营单位", created_by=cast.officer1, filename="a.xlsx"
    )
    url = f"/api/v1/import-jobs/{job.pk}/"
    others = {name: 404 for name in EVERYONE if name != "officer1"}
    assert_matrix(client, "get", url, {"anonymous": 401, "officer1": 200, **others}, personas=cast)
    assert ids(client, cast.officer1, "/api/v1/import-jobs/") == [job.pk]
    assert ids(client, cast.admin, "/api/v1/import-jobs/") == []
    for method in ("post", "put", "patch", "delete"):
        target = "/api/v1/import-jobs/" if method == "post" else url
        assert_matrix(client, method, target, refused_writes(), personas=cast, data={})
