"""The case list, page and API: scoped per role, the same filters on both, overdue rows marked, keyset
pagination whose "next" keeps the filters, and a query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.choices import CaseStatus as S
from cases.models import Case, CaseHandler
from enforcement.core import roles
from enforcement.core.validators import make_credit_code
from tests.factories import UserFactory
from tests.training.helpers import give_certificate

LATER = dt.datetime(2026, 12, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def third(cw):
    user = UserFactory(
        username="officer3", real_name="孙执法", agency=cw.personas.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(user, actor=cw.personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    return user


@pytest.fixture
def world(cw, third):
    """a: officer1's case, filed (decision deadline running); b: officer2's draft from an accident,
    against another party; both in district A."""
    p = cw.personas
    a = cw.reach(S.INVESTIGATION_CLOSED, case=cw.draft(handlers=[p.officer1, third]))
    b = cw.draft(
        handlers=[p.officer2, third],
        source="accident",
        source_ref={"text": "事故调查报告"},
        party={
            "kind": "organisation",
            "name": "南京浦口某物业服务中心",
            "credit_code": make_credit_code("52320111MJ1234567"),
        },
        violation_date=dt.date(2026, 3, 10),
    )
    return a, b


def page_ids(client, params=None) -> list[int]:
    response = client.get("/cases/", params or {})
    assert response.status_code == 200
    return [int(n) for n in re.findall(r'data-case="(\d+)"', response.content.decode())]


def api_ids(client, params=None) -> list[int]:
    response = client.get("/api/v1/cases/", params or {})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_scope_per_role(client, cw, world):
    a, b = world
    p = cw.personas
    city_head = UserFactory(username="cityhead", agency=p.agencies.city, roles=[roles.HEAD])
    expected = {
        p.officer1: [a.pk],  # handler of a only
        p.officer2: [b.pk],
        p.head: [b.pk, a.pk],  # head of the deciding agency
        city_head: [b.pk, a.pk],  # head of an ancestor
        p.supervisor: [b.pk, a.pk],  # supervisor of the subtree (read-only)
        p.officer_other: [],  # an officer of another district
        p.head_b: [],  # the head of another district
        p.assistant: [],
        p.cityadmin: [],
    }
    for user, ids in expected.items():
        client.force_login(user)
        assert page_ids(client) == ids, user.username
        assert api_ids(client) == ids, user.username


def test_filters_same_on_page_and_api(client, cw, world, third):
    a, b = world
    p = cw.personas
    client.force_login(p.head)
    cases = {
        "status": ({"status": "investigation_closed"}, [a.pk]),
        "two statuses": ({"status": ["draft", "investigation_closed"]}, [b.pk, a.pk]),
        "source": ({"source": "accident"}, [b.pk]),
        "agency": ({"agency": p.agencies.district_a.pk}, [b.pk, a.pk]),
        "street": ({"agency": p.agencies.street_a.pk}, []),
        "handler": ({"handler": p.officer2.pk}, [b.pk]),
        "shared handler": ({"handler": third.pk}, [b.pk, a.pk]),
        "party name": ({"party": "物业"}, [b.pk]),
        "violation code": ({"violation": "aq-099-i1"}, [a.pk]),
        "violation name": ({"violation": "警示标志"}, [a.pk]),
        "filed from": ({"filed_from": "2026-06-01"}, [a.pk]),
        "filed to": ({"filed_to": "2026-05-31"}, []),
        "violation range": ({"violation_from": "2026-03-01", "violation_to": "2026-03-31"}, [b.pk]),
        "not overdue": ({"overdue": "false"}, [b.pk, a.pk]),
        "overdue": ({"overdue": "true"}, []),
    }
    for name, (params, ids) in cases.items():
        assert page_ids(client, params) == ids, name
        assert api_ids(client, params) == ids, name
    # an agency outside the user's subtree is not a choice: refused, not silently widened
    client.force_login(p.officer1)
    assert client.get("/api/v1/cases/", {"agency": p.agencies.district_b.pk}).status_code == 400
    assert page_ids(client, {"agency": p.agencies.district_b.pk}) == []


def test_overdue_rows_are_red(client, cw, world, frozen):
    a, b = world
    frozen.move_to(LATER)  # a's decision deadline (90 days from filing) has passed; b has none
    client.force_login(cw.personas.head)
    html = client.get("/cases/").content.decode()
    assert re.search(rf'<tr class="table-danger"[^>]*data-case="{a.pk}"', html)
    assert not re.search(rf'<tr class="table-danger"[^>]*data-case="{b.pk}"', html)
    for params, ids in (({"overdue": "true"}, [a.pk]), ({"overdue": "false"}, [b.pk])):
        assert page_ids(client, params) == ids
        assert api_ids(client, params) == ids
    rows = client.get("/api/v1/cases/").json()["results"]
    assert {r["id"]: r["overdue"] for r in rows} == {a.pk: True, b.pk: False}


def clone(case: Case, n: int, handlers: list) -> list[Case]:
    """``n`` copies of a draft (bulk, for volume only)."""
    made = Case.objects.bulk_create(
        [
            Case(
                **{
                    f.attname: getattr(case, f.attname)
                    for f in Case._meta.concrete_fields
                    if f.attname not in ("id", "number")
                }
            )
            for _ in range(n)
        ]
    )
    CaseHandler.objects.bulk_create(
        [
            CaseHandler(case=c, user=u, is_lead=i == 0, assigned_on=dt.date(2026, 6, 1))
            for c in made
            for i, u in enumerate(handlers)
        ]
    )
    return made


def test_page_queries_do_not_grow_with_rows_and_next_keeps_filters(client, cw, world, third):
    a, b = world
    p = cw.personas
    client.force_login(p.head)
    params = {"status": "draft", "handler": third.pk, "overdue": "false"}
    client.get("/cases/", params)  # the filters' option lists are cached from here on
    with CaptureQueriesContext(connection) as few:
        assert page_ids(client, params) == [b.pk]
    extra = clone(b, 60, [p.officer2, third])
    with CaptureQueriesContext(connection) as many:
        response = client.get("/cases/", params)
    assert len(many) == len(few) <= 10, [q["sql"] for q in many.captured_queries]
    html = response.content.decode()
    first = [int(n) for n in re.findall(r'data-case="(\d+)"', html)]
    assert first == [c.pk for c in reversed(extra)][:50]
    next_url = re.search(r'href="(\?[^"]+)" id="case-next"', html).group(1).replace("&amp;", "&")
    assert "status=draft" in next_url and f"handler={third.pk}" in next_url and "overdue=false" in next_url
    rest = client.get("/cases/" + next_url).content.decode()
    assert [int(n) for n in re.findall(r'data-case="(\d+)"', rest)] == [c.pk for c in reversed(extra)][
        50:
    ] + [b.pk]
    assert 'id="case-next"' not in rest
    with CaptureQueriesContext(connection) as api:
        body = client.get("/api/v1/cases/", {**params, "page_size": 50}).json()
    assert len(api) <= 10 and len(body["results"]) == 50
    assert "status=draft" in body["next"] and "overdue=false" in body["next"]
    tail = client.get(body["next"]).json()["results"]
    assert [r["id"] for r in tail][-1] == b.pk and len(tail) == 11


def test_filter_options_are_cached_per_user_and_dropped_when_people_or_agencies_change(client, cw, world):
    """The agency and handler options are read once per user, not per request — and a new officer, a
    renamed agency or a changed role shows on the very next page."""
    p = cw.personas
    client.force_login(p.head)

    def options_queries() -> tuple[str, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get("/cases/").content.decode()
        sqls = [q["sql"] for q in ctx.captured_queries]
        return html, [s for s in sqls if 'FROM "core_agency"' in s and 'ORDER BY "core_agency"."path"' in s]

    html, reads = options_queries()
    assert reads and "孙执法" in html
    html, reads = options_queries()
    assert reads == [] and "孙执法" in html  # served from the cache

    UserFactory(username="officer4", real_name="钱新来", agency=p.agencies.district_a, roles=[roles.OFFICER])
    html, reads = options_queries()
    assert reads and "钱新来" in html

    district = p.agencies.district_a
    district.name = "浦口区应急管理局（更名）"
    district.save()
    html, reads = options_queries()
    assert reads and "浦口区应急管理局（更名）" in html

    chosen = client.get("/cases/", {"agency": district.pk, "handler": p.officer1.pk}).content.decode()
    assert f'<option value="{district.pk}" selected>' in chosen
    assert f'<option value="{p.officer1.pk}" selected>' in chosen and chosen.count(" selected>") == 2

    p.officer2.groups.clear()  # a role taken away (roles are groups)
    assert options_queries()[1]

    p.head.last_login = LATER
    p.head.save(update_fields=["last_login"])  # every login writes this: no reason to rebuild
    assert options_queries()[1] == []
