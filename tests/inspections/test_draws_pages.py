"""Pages of draws, recusals and joint inspections: scope per persona (other agencies 404), the moves through
the forms (create → run → verify → publish), the public results (published only), query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement.core.models.enterprise import RiskClass
from inspections.models import OfficerRecusal, RandomDraw
from inspections.services import draws, joint
from tests.factories import EnterpriseFactory

PAGE_READERS = {
    "admin": 200,
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


def make_draw(world, *, run=True, publish=False) -> RandomDraw:
    p = world.personas
    draw = draws.create_draw(
        draws.DrawSpec(
            title="浦口区2026年6月双随机抽查",
            year=2026,
            period_start=dt.date(2026, 6, 1),
            period_end=dt.date(2026, 6, 30),
            items=(world.item.code,),
            ratios={"*": Decimal(20)},
        ),
        actor=p.officer1,
    )
    if run:
        draw = draws.run_draw(draw, actor=p.officer1, seed="page-seed")
    if publish:
        draw = draws.publish_draw(draw, actor=p.head)
    return draw


def statuses(client, personas, url):
    out = {}
    for name in PAGE_READERS:
        client.force_login(getattr(personas, name))
        out[name] = client.get(url).status_code
    client.logout()
    return out, client.get(url).status_code


def test_detail_pages_are_scoped(client, world, pool):
    draw = make_draw(world)
    item = joint.create_joint(
        actor=world.personas.officer1,
        enterprise=world.enterprise,
        scheduled_on=dt.date(2026, 6, 3),
        participants=[{"department": "区市场监督管理局"}],
    )
    for url in (f"/inspections/draws/{draw.pk}/", f"/inspections/joint/{item.pk}/"):
        seen, anonymous = statuses(client, world.personas, url)
        assert seen == PAGE_READERS, url
        assert anonymous == 302


def test_create_run_verify_publish_through_the_pages(client, world, pool):
    p = world.personas
    client.force_login(p.assistant)
    assert client.get("/inspections/draws/new/").status_code == 403
    client.force_login(p.officer1)
    form = {
        "title": "浦口区2026年7月双随机抽查",
        "year": "2026",
        "period_start": "2026-07-01",
        "period_end": "2026-07-31",
        "items": [str(world.item.pk)],
        "ratio_major": "20",
        "ratio_high": "20",
        "ratio_general": "20",
        "ratio_low": "20",
        "team_size": "2",
        "witnesses": "纪检监察组 刘某",
    }
    bad = client.post("/inspections/draws/new/", {**form, "period_end": "2026-06-01"})
    assert bad.status_code == 400 and "检查期间止不能早于检查期间起" in bad.content.decode()
    assert RandomDraw.objects.count() == 0
    response = client.post("/inspections/draws/new/", form)
    draw = RandomDraw.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/inspections/draws/{draw.pk}/"
    page = client.get(f"/inspections/draws/{draw.pk}/").content.decode()
    assert 'data-action="run"' in page and 'data-action="publish"' not in page
    client.post(f"/inspections/draws/{draw.pk}/run/", {"seed": "7f3a9c"})
    draw.refresh_from_db()
    assert (draw.status, draw.seed, len(draw.result)) == ("drawn", "7f3a9c", 4)
    verified = client.post(f"/inspections/draws/{draw.pk}/verify/").content.decode()
    assert "复核通过：按记录重新抽取，结果相同" in verified
    # officers may not publish; the head may
    client.post(f"/inspections/draws/{draw.pk}/publish/")
    draw.refresh_from_db()
    assert draw.status == "drawn"
    client.force_login(p.head)
    page = client.get(f"/inspections/draws/{draw.pk}/").content.decode()
    assert 'data-action="publish"' in page
    client.post(f"/inspections/draws/{draw.pk}/publish/")
    draw.refresh_from_db()
    assert draw.status == "published"


def test_public_results_show_published_draws_only(client, world, pool):
    hidden = make_draw(world)
    shown = make_draw(world, publish=True)
    listing = client.get("/public/draws/").content.decode()
    assert f"/public/draws/{shown.pk}/" in listing and f"/public/draws/{hidden.pk}/" not in listing
    assert client.get(f"/public/draws/{hidden.pk}/").status_code == 404
    page = client.get(f"/public/draws/{shown.pk}/").content.decode()
    assert shown.seed in page and shown.pool_hash in page
    first = shown.selections.select_related("enterprise").first()
    assert first is not None and first.enterprise.credit_code in page
    assert "/public/draws/" in client.get("/public/").content.decode()


def test_recusal_page_declares_and_lists(client, world, pool):
    p = world.personas
    client.force_login(p.officer2)
    response = client.post(
        "/inspections/recusals/",
        {"officer": p.officer2.pk, "enterprise": world.enterprise.pk, "reason": "近亲属在该企业任安全员"},
    )
    assert response.status_code == 302
    assert OfficerRecusal.objects.get().officer == p.officer2
    refused = client.post(
        "/inspections/recusals/", {"officer": p.officer1.pk, "enterprise": world.enterprise.pk, "reason": "x"}
    )
    assert refused.status_code == 403 and OfficerRecusal.objects.count() == 1
    client.force_login(p.officer_other)
    assert "任安全员" not in client.get("/inspections/recusals/").content.decode()


def test_joint_pages(client, world):
    p = world.personas
    client.force_login(p.officer1)
    response = client.post(
        "/inspections/joint/new/",
        {
            "enterprise": world.enterprise.pk,
            "scheduled_on": "2026-06-12",
            "agencies": [p.agencies.district_b.pk],
            "departments": "区市场监督管理局\n区消防救援大队\n",
        },
    )
    assert response.status_code == 302
    item = joint.joint_queryset().get()
    assert item.participants.count() == 3
    client.post(f"/inspections/joint/{item.pk}/complete/")
    page = client.get(f"/inspections/joint/{item.pk}/").content.decode()
    assert "已实施" in page and 'id="joint-avoided">3<' in page


def test_list_pages_query_counts_do_not_grow(client, world, pool):
    client.force_login(world.personas.officer1)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_draw(world, run=False)
    make_draw(world, run=False)
    make_draw(world, run=False)
    small = (count("/inspections/draws/"), count("/public/draws/"))
    make_draw(world, publish=True)
    make_draw(world, publish=True)
    assert (count("/inspections/draws/"), count("/public/draws/")) == small
