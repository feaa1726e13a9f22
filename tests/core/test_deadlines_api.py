"""/api/v1/deadlines/ and /deadlines/: "mine / my agency" scope, filters, pagination, query counts."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from enforcement.core.services.deadlines import scan_deadlines, suspend_deadline
from tests.factories import EnterpriseFactory
from tests.support.deadlines import KIND_AFTER, deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
URL = "/api/v1/deadlines/"


@pytest.fixture
def world(personas):
    p = personas
    ent_a = EnterpriseFactory(agency=p.agencies.district_a, name="浦口甲化工有限公司")
    ent_b = EnterpriseFactory(agency=p.agencies.district_b, name="江宁乙化工有限公司")
    a1 = make_deadline(ent_a, dt.date(2026, 6, 11), [p.officer1], title="甲整改一")
    a2 = make_deadline(
        ent_a, dt.date(2026, 6, 13), [p.officer2, p.head], title="甲缴款", kind=KIND_AFTER.code
    )
    a3 = make_deadline(ent_a, dt.date(2026, 6, 30), [p.officer1, p.officer2], title="甲整改二")
    b1 = make_deadline(ent_b, dt.date(2026, 6, 12), [p.officer_other], title="乙整改")
    return {"a1": a1, "a2": a2, "a3": a3, "b1": b1}


def client_for(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_anonymous_gets_401(world):
    response = APIClient().get(URL)
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "detail": "请先登录", "fields": {}}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("officer1", ["a1", "a3"]),  # responsible
        ("officer2", ["a2", "a3"]),
        ("reviewer", []),  # same agency, not responsible, no subtree role
        ("officer_other", ["b1"]),  # outsider: none of district A's
        ("head", ["a1", "a2", "a3"]),  # head of district A: the agency's
        ("head_b", ["b1"]),
        ("supervisor", ["a1", "b1", "a2", "a3"]),  # city supervisor: the subtree
        ("admin", ["a1", "b1", "a2", "a3"]),  # superuser: all
    ],
)
def test_permission_matrix(personas, world, username, expected):
    user = getattr(personas, username)
    with time_machine.travel(NOW, tick=False):
        response = client_for(user).get(URL)
    assert ids(response) == [world[k].pk for k in expected]


def test_detail_of_an_invisible_deadline_is_404(personas, world):
    response = client_for(personas.officer_other).get(f"{URL}{world['a1'].pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "对象不存在或无权查看"
    assert client_for(personas.officer1).get(f"{URL}{world['a1'].pk}/").status_code == 200


def test_read_only(personas, world):
    client = client_for(personas.admin)
    assert client.post(URL, {"title": "x"}).status_code == 405
    assert client.patch(f"{URL}{world['a1'].pk}/", {"title": "x"}).status_code == 405
    assert client.delete(f"{URL}{world['a1'].pk}/").status_code == 405
    world["a1"].refresh_from_db()
    assert world["a1"].title == "甲整改一"


def test_representation(personas, world):
    with time_machine.travel(NOW, tick=False):
        scan_deadlines()
        response = client_for(personas.officer1).get(f"{URL}{world['a1'].pk}/")
    a1 = world["a1"]
    assert response.json() == {
        "id": a1.pk,
        "kind": "TEST_RECTIFY",
        "kind_label": "测试整改期限",
        "title": "甲整改一",
        "basis": "《中华人民共和国安全生产法》第六十五条",
        "subject_type": "core.enterprise",
        "object_id": a1.object_id,
        "agency": personas.agencies.district_a.pk,
        "agency_name": "南京市浦口区应急管理局",
        "start_date": "2026-05-27",
        "due_date": "2026-06-11",
        "day_type": "calendar",
        "length": 15,
        "provisional": False,
        "status": "open",
        "status_label": "进行中",
        "suspended_days": 0,
        "responsible": ["officer1"],
        "responsible_names": ["王执法"],
        "reminders_sent": ["d-1"],
        "days_left": 1,
        "urgency": "danger",
    }


def test_filters(personas, world):
    client = client_for(personas.head)
    suspend_deadline(world["a3"], basis="听证期间", on=dt.date(2026, 6, 10), actor=personas.head)
    assert ids(client.get(URL, {"mine": "1"})) == [world["a2"].pk]
    assert ids(client.get(URL, {"kind": "TEST_PAYMENT"})) == [world["a2"].pk]
    assert ids(client.get(URL, {"status": "suspended"})) == [world["a3"].pk]
    assert ids(client.get(URL, {"status": "open,overdue"})) == [world["a1"].pk, world["a2"].pk]
    assert ids(client.get(URL, {"due_after": "2026-06-12", "due_before": "2026-06-13"})) == [world["a2"].pk]
    assert ids(client.get(URL, {"due_before": "2026-06-11"})) == [world["a1"].pk]
    bad = client.get(URL, {"due_before": "tomorrow"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"


def test_cursor_pagination_in_due_date_order(personas, world):
    client = client_for(personas.admin)
    first = client.get(URL, {"page_size": 2})
    body = first.json()
    assert [r["title"] for r in body["results"]] == ["甲整改一", "乙整改"]
    assert body["previous"] is None
    second = client.get(body["next"])
    assert [r["title"] for r in second.json()["results"]] == ["甲缴款", "甲整改二"]
    assert second.json()["next"] is None


def test_list_query_count(personas, world, django_assert_num_queries):
    client = client_for(personas.head)
    client.get(URL)  # warm the content-type cache
    # deadlines page, prefetch responsible, prefetch reminders (roles are cached on the user)
    with django_assert_num_queries(3):
        response = client.get(URL)
    assert len(ids(response)) == 3


# --- the page -------------------------------------------------------------------------------------


def test_page_requires_login(client):
    response = client.get("/deadlines/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_page_shows_my_deadlines_red_and_amber(client, personas, world, django_assert_num_queries):
    client.force_login(personas.officer1)
    with time_machine.travel(NOW, tick=False):
        client.get("/deadlines/")
        # session, user with its agency (navbar), user's groups, deadlines, responsible prefetch,
        # unread badge
        with django_assert_num_queries(6):
            response = client.get("/deadlines/")
    html = response.content.decode()
    assert response.status_code == 200
    rows = [r["deadline"].pk for r in response.context["rows"]]
    assert rows == [world["a1"].pk, world["a3"].pk]
    assert [r["urgency"] for r in response.context["rows"]] == ["danger", "success"]
    assert "甲缴款" not in html and "乙整改" not in html
    assert 'class="deadline-danger table-danger"' in html


def test_page_for_head_and_outsider(client, personas, world):
    with time_machine.travel(NOW, tick=False):
        client.force_login(personas.head)
        rows = client.get("/deadlines/").context["rows"]
        assert [(r["deadline"].title, r["urgency"]) for r in rows] == [
            ("甲整改一", "danger"),
            ("甲缴款", "warning"),
            ("甲整改二", "success"),
        ]
        client.force_login(personas.officer_other)
        assert [r["deadline"].pk for r in client.get("/deadlines/").context["rows"]] == [world["b1"].pk]
        client.force_login(personas.head)
        mine = client.get("/deadlines/", {"mine": "1"}).context["rows"]
        assert [r["deadline"].pk for r in mine] == [world["a2"].pk]
