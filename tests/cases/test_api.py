"""/api/v1/cases/: permission matrix for every endpoint and persona, bodies and error codes, filters,
keyset pagination and query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.choices import CaseStatus as S
from cases.models import Case
from tests.factories import UserFactory
from tests.support.matrix import assert_matrix
from tests.training.helpers import give_certificate

NOBODY_ELSE = {
    "anonymous": 401,
    "officer2": 404,  # a colleague of the same agency who does not handle the case
    "reviewer": 404,  # no review sent yet
    "assistant": 404,
    "expired": 404,
    "officer_other": 404,
    "head_b": 404,
    "cityadmin": 404,
}
READERS = {**NOBODY_ELSE, "officer1": 200, "head": 200, "supervisor": 200, "admin": 200}


@pytest.fixture
def third(cw):
    user = UserFactory(
        username="officer3", real_name="孙执法", agency=cw.personas.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(user, actor=cw.personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    return user


@pytest.fixture
def case(cw, third):
    return cw.reach(S.NOTIFIED, case=cw.draft(handlers=[cw.personas.officer1, third]))


def state():
    return list(Case.objects.values_list("id", "status", "updated_at"))


@pytest.mark.parametrize("suffix", ["", "documents/", "timeline/"])
def test_read_matrix(client, cw, case, suffix):
    assert_matrix(client, "get", f"/api/v1/cases/{case.pk}/{suffix}", READERS, personas=cw.personas)


def test_detail_body(client, cw, case):
    client.force_login(cw.personas.officer1)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["status"] == "notified" and body["number"] == "（浦）应急立〔2026〕1号"
    assert body["party"]["kind"] == "enterprise" and body["party"]["name"] == "南京浦口金属制品有限公司"
    assert body["deciding_agency"] == cw.personas.agencies.district_a.pk
    assert [h["lead"] for h in body["handlers"]] == [True, False]
    assert {"record_defence", "waive_rights"} <= set(body["available_actions"])
    assert {d["kind"] for d in body["deadlines"]} == {"CASE_DECISION", "CASE_DEFENCE"}
    assert all(d["basis"] for d in body["deadlines"])
    v = body["violations"][0]
    assert v["violation_code"] == "AQ-099-I1" and v["snapshot"]["benchmark_version"]
    head = client.get(f"/api/v1/cases/{case.pk}/", HTTP_AUTHORIZATION="")  # same session
    assert head.status_code == 200
    client.force_login(cw.personas.head)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["blocked_actions"][-1]["name"] == "decide"
    assert body["blocked_actions"][-1]["guards"][0]["code"] == "case.windows_passed"
    timeline = client.get(f"/api/v1/cases/{case.pk}/timeline/").json()
    assert [e["action"] for e in timeline] == [
        "create",
        "submit_filing",
        "approve_filing",
        "conclude_investigation",
        "notify",
    ]
    assert timeline[0]["actor"] == "王执法"


def test_action_matrix(client, cw, case):
    url = f"/api/v1/cases/{case.pk}/actions/waive_rights/"
    expectations = {**NOBODY_ELSE, "head": 403, "supervisor": 403, "admin": 403, "officer1": 200}
    assert_matrix(client, "post", url, expectations, personas=cw.personas, data={}, state=state)
    r = client.post(url, {}, content_type="application/json")  # officer1 again: the state has moved on
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


def test_guard_refusal_is_409_with_the_guard_code(client, cw, case):
    client.force_login(cw.personas.head)
    r = client.post(f"/api/v1/cases/{case.pk}/actions/decide/", {}, content_type="application/json")
    assert r.status_code == 409
    assert r.json()["code"] == "case.windows_passed" and "第六十二条" in r.json()["detail"]


def test_bad_input_is_400_and_unknown_action_404(client, cw, case):
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{case.pk}/actions/record_defence/", {"adopted": "x"}, content_type="application/json"
    )
    assert r.status_code == 400 and set(r.json()) == {"code", "detail", "fields"}
    r = client.post(f"/api/v1/cases/{case.pk}/actions/fly/", {}, content_type="application/json")
    assert r.status_code == 404


def test_create_matrix_and_body(client, cw, third):
    p = cw.personas
    body = {
        "party": {
            "kind": "person",
            "name": "张三",
            "id_number": "11010519491231002X",
            "address": "浦口区江浦街道",
        },
        "source": "complaint",
        "source_ref": {"text": "12350举报"},
        "cause": "未取得特种作业操作证上岗作业",
        "violation_date": "2026-05-20",
        "handlers": [p.officer1.pk, third.pk],
    }
    expectations = {"anonymous": 401, "reviewer": 403, "assistant": 403, "supervisor": 403, "officer1": 201}
    responses = assert_matrix(
        client, "post", "/api/v1/cases/", expectations, personas=p, data=body, state=state
    )
    created = responses["officer1"].json()
    assert created["status"] == "draft" and created["number"] is None
    assert created["deciding_agency"] == p.agencies.district_a.pk
    assert created["available_actions"] == ["submit_filing", "request_recusal"]
    client.force_login(p.officer1)
    bad = {**body, "party": {**body["party"], "id_number": "110105194912310021"}}
    r = client.post("/api/v1/cases/", bad, content_type="application/json")
    assert r.status_code == 400 and "校验码" in r.json()["detail"]
    r = client.post("/api/v1/cases/", {**body, "handlers": [p.officer1.pk]}, content_type="application/json")
    assert r.status_code == 400


def test_list_scope_filters_and_keyset_pagination(client, cw, third, django_assert_max_num_queries):
    p = cw.personas
    mine = [cw.draft(handlers=[p.officer1, third]) for _ in range(3)]
    theirs = cw.draft(handlers=[p.officer2, third], cause="另一个案由")
    client.force_login(p.officer1)
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/cases/", {"page_size": 2}).json()
    assert [c["id"] for c in body["results"]] == [mine[2].pk, mine[1].pk] and body["next"]
    rest = client.get(body["next"]).json()
    assert [c["id"] for c in rest["results"]] == [mine[0].pk]
    client.force_login(p.head)
    assert len(client.get("/api/v1/cases/").json()["results"]) == 4
    ids = [c["id"] for c in client.get("/api/v1/cases/", {"handler": p.officer2.pk}).json()["results"]]
    assert ids == [theirs.pk]
    assert client.get("/api/v1/cases/", {"status": "filed"}).json()["results"] == []
    assert len(client.get("/api/v1/cases/", {"party": "金属"}).json()["results"]) == 4
    assert client.get("/api/v1/cases/", {"overdue": "true"}).json()["results"] == []
    client.force_login(p.officer_other)
    assert client.get("/api/v1/cases/").json()["results"] == []
    client.force_login(p.supervisor)
    assert len(client.get("/api/v1/cases/").json()["results"]) == 4


def test_detail_queries_do_not_grow_with_events(client, cw, third, django_assert_max_num_queries):
    p = cw.personas
    small = cw.reach(S.FILED, case=cw.draft(handlers=[p.officer1, third]))
    big = cw.reach(S.NOTIFIED, case=cw.draft(handlers=[p.officer1, third]))
    client.force_login(p.officer1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as q_small:
        client.get(f"/api/v1/cases/{small.pk}/")
    with CaptureQueriesContext(connection) as q_big:
        client.get(f"/api/v1/cases/{big.pk}/")
    assert len(q_big) <= len(q_small) + 12  # more actions to judge at a later state, not more rows
    with django_assert_max_num_queries(len(q_big)):
        client.get(f"/api/v1/cases/{big.pk}/timeline/")
