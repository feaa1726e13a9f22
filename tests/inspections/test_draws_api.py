"""/api/v1/random-draws/ and /api/v1/joint-inspections/: permission matrix per persona (other agencies 404,
visible but not allowed 403, wrong state 409, nothing changed on refusal), verify, the full record, query
counts independent of the number of rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement.core.models.enterprise import RiskClass
from inspections.models import JointInspection, RandomDraw
from inspections.services import joint as joint_services
from tests.factories import EnterpriseFactory
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


@pytest.fixture
def pool(world):
    a = world.personas.agencies.district_a
    return [EnterpriseFactory(agency=a, risk_class=c) for c in RiskClass.values for _ in range(5)]


def body(world, **changes):
    return {
        "title": "2026年6月双随机抽查",
        "year": 2026,
        "period_start": "2026-06-01",
        "period_end": "2026-06-30",
        "items": [world.item.code],
        "ratios": {"major": 40, "high": 40, "general": 20, "low": 20},
        "witnesses": "区纪委监委派驻纪检监察组 刘某",
        **changes,
    }


def draws_state():
    return list(RandomDraw.objects.values("id", "status", "seed", "result_hash", "published_at"))


def test_create_matrix_and_bad_input(client, world, pool):
    assert_matrix(
        client,
        "post",
        "/api/v1/random-draws/",
        {"anonymous": 401, "assistant": 403, "reviewer": 403, "supervisor": 403, "cityadmin": 403},
        personas=world.personas,
        data=body(world),
        state=draws_state,
    )
    assert_matrix(
        client,
        "post",
        "/api/v1/random-draws/",
        {"officer1": 400},
        personas=world.personas,
        data=body(world, ratios={"major": 150}),
        state=draws_state,
    )
    responses = assert_matrix(
        client, "post", "/api/v1/random-draws/", {"officer1": 201}, personas=world.personas, data=body(world)
    )
    created = responses["officer1"].json()
    assert (created["status"], created["agency"], created["year"], created["seed"]) == (
        "draft",
        world.personas.agencies.district_a.pk,
        2026,
        "",
    )


def test_run_publish_verify_matrix(client, world, pool):
    p = world.personas
    responses = assert_matrix(
        client, "post", "/api/v1/random-draws/", {"officer1": 201}, personas=p, data=body(world)
    )
    pk = responses["officer1"].json()["id"]
    run = f"/api/v1/random-draws/{pk}/actions/run/"
    assert_matrix(
        client,
        "post",
        run,
        {
            "anonymous": 401,
            "officer_other": 404,
            "head_b": 404,
            "reviewer": 403,
            "assistant": 403,
            "supervisor": 403,
        },
        personas=p,
        data={},
        state=draws_state,
    )
    assert_matrix(
        client, "post", run, {"officer1": 400}, personas=p, data={"seed": "有空格 的种子"}, state=draws_state
    )
    done = assert_matrix(client, "post", run, {"officer2": 200}, personas=p, data={"seed": "witness-7731"})
    result = done["officer2"].json()
    assert result["status"] == "drawn" and result["seed"] == "witness-7731"
    assert result["selected"] == len(result["selections"]) == 6
    assert all(len(s["officers"]) == 2 and s["enterprise_name"] for s in result["selections"])
    assert_matrix(client, "post", run, {"officer1": 409}, personas=p, data={}, state=draws_state)

    verify = f"/api/v1/random-draws/{pk}/actions/verify/"
    checks = assert_matrix(client, "post", verify, READERS, personas=p, data={})
    answer = checks["supervisor"].json()
    assert (answer["ok"], answer["reproduced"], answer["pool_unchanged"]) == (True, True, True)
    assert "按记录中的种子和快照重新抽取，结果一致" in answer["messages"]

    record = assert_matrix(client, "get", f"/api/v1/random-draws/{pk}/record/", READERS, personas=p)
    full = record["officer1"].json()
    assert (full["seed"], len(full["candidates"]), full["algorithm"]) == (
        "witness-7731",
        21,
        "sha256-rank-v1",
    )

    publish = f"/api/v1/random-draws/{pk}/actions/publish/"
    assert_matrix(
        client,
        "post",
        publish,
        {"officer_other": 404, "head_b": 404, "officer1": 403, "supervisor": 403},
        personas=p,
        data={},
        state=draws_state,
    )
    published = assert_matrix(client, "post", publish, {"head": 200}, personas=p, data={})
    assert published["head"].json()["status"] == "published"
    assert_matrix(
        client, "post", f"/api/v1/random-draws/{pk}/actions/nope/", {"head": 404}, personas=p, data={}
    )


def test_detail_and_list_scoped(client, world, pool):
    p = world.personas
    responses = assert_matrix(
        client, "post", "/api/v1/random-draws/", {"officer1": 201}, personas=p, data=body(world)
    )
    pk = responses["officer1"].json()["id"]
    assert_matrix(client, "get", f"/api/v1/random-draws/{pk}/", READERS, personas=p)
    lists = assert_matrix(
        client, "get", "/api/v1/random-draws/", {"officer1": 200, "officer_other": 200}, personas=p
    )
    assert [r["id"] for r in lists["officer1"].json()["results"]] == [pk]
    assert lists["officer_other"].json()["results"] == []


def test_list_queries_do_not_grow_with_rows(client, world, pool):
    from inspections.services import draws

    p = world.personas
    spec = draws.DrawSpec(
        title="t",
        year=2026,
        period_start=dt.date(2026, 6, 1),
        period_end=dt.date(2026, 6, 30),
        items=(world.item.code,),
        ratios={"*": 10},
    )
    client.force_login(p.officer1)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/random-draws/").status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        draws.create_draw(spec, actor=p.officer1)
    small = count()
    for _ in range(4):
        draws.create_draw(spec, actor=p.officer1)
    assert count() == small


def joint_state():
    return list(JointInspection.objects.values("id", "status", "done_on", "note"))


def test_joint_inspection_matrix_and_visits_avoided(client, world):
    p = world.personas
    data = {
        "enterprise": world.enterprise.pk,
        "scheduled_on": "2026-06-10",
        "participants": [
            {"agency": p.agencies.district_b.pk, "department": ""},
            {"department": "南京市浦口区市场监督管理局", "contact": "孙科长"},
            {"department": "南京市浦口区消防救援大队"},
        ],
    }
    assert_matrix(
        client,
        "post",
        "/api/v1/joint-inspections/",
        {"anonymous": 401, "assistant": 403, "reviewer": 403},
        personas=p,
        data=data,
        state=joint_state,
    )
    assert_matrix(
        client,
        "post",
        "/api/v1/joint-inspections/",
        {"officer1": 400},
        personas=p,
        data={**data, "participants": []},
        state=joint_state,
    )
    created = assert_matrix(
        client, "post", "/api/v1/joint-inspections/", {"officer1": 201}, personas=p, data=data
    )
    pk = created["officer1"].json()["id"]
    # the participating agency (district B) shares the schedule; the other district's head does too
    readers = {**READERS, "officer_other": 200, "head_b": 200}
    detail = assert_matrix(client, "get", f"/api/v1/joint-inspections/{pk}/", readers, personas=p)
    assert [x["department"] for x in detail["officer_other"].json()["participants"]] == [
        "南京市江宁区应急管理局",
        "南京市浦口区市场监督管理局",
        "南京市浦口区消防救援大队",
    ]
    complete = f"/api/v1/joint-inspections/{pk}/actions/complete/"
    assert_matrix(
        client,
        "post",
        complete,
        {"officer_other": 403, "reviewer": 403, "anonymous": 401},
        personas=p,
        data={},
        state=joint_state,
    )
    done = assert_matrix(client, "post", complete, {"officer2": 200}, personas=p, data={})
    assert (done["officer2"].json()["status"], done["officer2"].json()["visits_avoided"]) == ("done", 3)
    assert joint_services.visits_avoided(p.agencies.district_a, 2026) == 3
    assert joint_services.visits_avoided(p.agencies.district_a.pk, 2025) == 0
    assert joint_services.visits_avoided(p.agencies.district_b, 2026) == 0
    assert_matrix(client, "post", complete, {"officer1": 409}, personas=p, data={}, state=joint_state)
    cancel = f"/api/v1/joint-inspections/{pk}/actions/cancel/"
    assert_matrix(
        client, "post", cancel, {"officer1": 400}, personas=p, data={"reason": ""}, state=joint_state
    )


def test_joint_cancel_and_links_to_the_visit(client, world):
    p = world.personas
    inspection = world.inspection()
    j = joint_services.create_joint(
        actor=p.officer1,
        enterprise=world.enterprise,
        scheduled_on=dt.date(2026, 6, 1),
        participants=[{"department": "区住建局"}],
    )
    done = joint_services.complete_joint(j, actor=p.officer1, inspection=inspection)
    assert (done.inspection_id, done.visits_avoided) == (inspection.pk, 1)
    other = joint_services.create_joint(
        actor=p.officer1,
        enterprise=world.enterprise,
        scheduled_on=dt.date(2026, 6, 2),
        participants=[{"department": "区住建局"}],
    )
    cancelled = joint_services.cancel_joint(other, actor=p.head, reason="企业停产")
    assert cancelled.status == "cancelled" and "企业停产" in cancelled.note
    assert cancelled.visits_avoided == 0
