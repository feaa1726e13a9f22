"""/api/v1/inspections/ and /api/v1/hazards/: permission matrix per persona, scope (other agencies 404),
actions as the table says with nothing changed on refusal, and query counts independent of row count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from inspections.models import Hazard
from tests.support.matrix import assert_matrix

READERS = {
    "anonymous": 401,
    "admin": 200,
    "cityadmin": 200,
    "supervisor": 200,
    "head": 200,
    "officer1": 200,
    "officer2": 200,
    "reviewer": 200,
    "assistant": 200,
    "officer_other": 404,
    "head_b": 404,
}


def test_hazard_detail_matrix_and_actions_listed(client, world):
    h = world.hazard()
    responses = assert_matrix(client, "get", f"/api/v1/hazards/{h.pk}/", READERS, personas=world.personas)
    body = responses["officer1"].json()
    assert (body["status"], body["level"], body["enterprise_name"]) == (
        "found",
        "general",
        "南京浦口金属制品有限公司",
    )
    assert body["available_actions"] == ["order_rectification"]
    assert body["blocked_actions"] == []
    assert responses["reviewer"].json()["available_actions"] == []


def test_inspection_detail_matrix(client, world):
    insp = world.inspection()
    responses = assert_matrix(
        client, "get", f"/api/v1/inspections/{insp.pk}/", READERS, personas=world.personas
    )
    body = responses["officer2"].json()
    assert body["place"] == "一号车间" and len(body["checks"]) == 9
    assert [o["name"] for o in body["officers"]] == ["王执法", "李执法"]


def test_order_action_matrix_nothing_changes_on_refusal(client, world):
    h = world.hazard()
    url = f"/api/v1/hazards/{h.pk}/actions/order_rectification/"
    assert_matrix(
        client,
        "post",
        url,
        {
            "anonymous": 401,
            "officer_other": 404,
            "head_b": 404,
            "reviewer": 403,
            "assistant": 403,
            "supervisor": 403,
            "head": 403,  # the head is not on the team: the handler orders, the head decides extensions
        },
        personas=world.personas,
        data={"deadline": "2026-06-30"},
        state=lambda: model_to_dict(Hazard.objects.get(pk=h.pk)),
    )
    bad = assert_matrix(
        client,
        "post",
        url,
        {"officer1": 409},
        personas=world.personas,
        data={"deadline": "2026-05-30"},
        state=lambda: model_to_dict(Hazard.objects.get(pk=h.pk)),
    )["officer1"].json()
    assert (bad["code"], bad["detail"]) == ("hazard.deadline_valid", "整改期限须晚于责令整改日期")
    ok = assert_matrix(
        client, "post", url, {"officer2": 200}, personas=world.personas, data={"deadline": "2026-06-30"}
    )
    body = ok["officer2"].json()
    assert body["status"] == "rectifying" and body["deadline"] == "2026-06-30"
    assert [d["number"] for d in body["documents"]] == ["（浦）应急责改〔2026〕1号"]
    again = assert_matrix(
        client, "post", url, {"officer1": 409}, personas=world.personas, data={"deadline": "2026-06-30"}
    )
    assert again["officer1"].json()["code"] == "invalid_transition"


def test_recheck_and_unknown_actions(client, world):
    p = world.personas
    h = world.hazard_in("rectifying")
    client.force_login(p.officer1)
    assert (
        client.post(f"/api/v1/hazards/{h.pk}/actions/fly/", {}, content_type="application/json").status_code
        == 404
    )
    r = client.post(
        f"/api/v1/hazards/{h.pk}/actions/recheck/", {"result": "maybe"}, content_type="application/json"
    )
    assert r.status_code == 400
    r = client.post(
        f"/api/v1/hazards/{h.pk}/actions/recheck/",
        {"result": "rectified", "date": "2026-06-01"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"


def test_file_case_without_a_registered_case_app_is_a_clear_409(client, world):
    h = world.hazard(level="major")
    client.force_login(world.personas.officer1)
    detail = client.get(f"/api/v1/hazards/{h.pk}/").json()
    assert "file_case" not in detail["available_actions"]
    r = client.post(f"/api/v1/hazards/{h.pk}/actions/file_case/", {}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["detail"] == "案件办理功能尚未启用，不能从隐患立案"


@pytest.mark.parametrize("url", ["/api/v1/hazards/", "/api/v1/inspections/"])
def test_lists_are_scoped_and_queries_do_not_grow(client, world, django_assert_max_num_queries, url):
    p = world.personas
    for _ in range(3):
        world.hazard()
    client.force_login(p.officer1)
    with django_assert_max_num_queries(6):
        small = client.get(url).json()["results"]
    for _ in range(3):
        world.hazard()
    with django_assert_max_num_queries(6):
        big = client.get(url).json()["results"]
    assert len(small) == 3 and len(big) == 6
    client.force_login(p.officer_other)
    assert client.get(url).json()["results"] == []


def test_detail_queries_do_not_grow_with_events(client, world, django_assert_max_num_queries):
    h = world.hazard_in("overdue")
    client.force_login(world.personas.officer1)
    with django_assert_max_num_queries(16):
        body = client.get(f"/api/v1/hazards/{h.pk}/").json()
    assert [e["action"] for e in body["events"]] == ["record", "order_rectification", "recheck"]
    assert body["available_actions"] == ["recheck", "escalate"]
    assert dt.date.fromisoformat(body["deadline"]) == dt.date(2026, 6, 30)
