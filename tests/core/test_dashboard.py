"""Dashboard ``/``: the "我的待办 / 期限" panel lists my running deadlines red/amber, and my unread notices."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from enforcement.core.deadlines import close_deadline, suspend_deadline
from enforcement.core.notifications import mark_notification_read, notify
from tests.factories import EnterpriseFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def world(personas):
    p = personas
    with time_machine.travel(NOW, tick=False):
        ent = EnterpriseFactory(agency=p.agencies.district_a, name="浦口甲化工有限公司")
        ent_b = EnterpriseFactory(agency=p.agencies.district_b, name="江宁乙化工有限公司")
        rows = {
            "later": make_deadline(ent, dt.date(2026, 6, 25), [p.officer1], title="甲整改复查"),
            "amber": make_deadline(ent, dt.date(2026, 6, 13), [p.officer1, p.officer2], title="甲缴纳罚款"),
            "today": make_deadline(ent, dt.date(2026, 6, 10), [p.officer1], title="甲陈述申辩期满"),
            "overdue": make_deadline(ent, dt.date(2026, 6, 7), [p.officer1], title="甲整改期满"),
            "met": make_deadline(ent, dt.date(2026, 6, 12), [p.officer1], title="甲已完成"),
            "suspended": make_deadline(ent, dt.date(2026, 6, 14), [p.officer1], title="甲已中止"),
            "colleague": make_deadline(ent, dt.date(2026, 6, 11), [p.officer2], title="同事的期限"),
            "other": make_deadline(ent_b, dt.date(2026, 6, 11), [p.officer_other], title="江宁的期限"),
        }
        close_deadline(rows["met"], actor=p.officer1)
        suspend_deadline(rows["suspended"], basis="行政处罚法第六十条", actor=p.officer1)
        with transaction.atomic():
            old = notify([p.officer1], "已读的通知", url="/deadlines/", email=False)
            notify([p.officer2], "同事的通知", email=False)
        mark_notification_read(old[0], actor=p.officer1)
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False), transaction.atomic():
        notify([p.officer1], "整改期限将至：甲整改期满", url="/deadlines/", email=False)
    with time_machine.travel(NOW + dt.timedelta(minutes=10), tick=False), transaction.atomic():
        notify([p.officer1], "请复核检查记录", email=False)
    return rows


def panel(html: str, element_id: str) -> str:
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</ul>", start)]


def items(section: str) -> list[str]:
    """The visible text of each list item, whitespace collapsed."""
    found = re.findall(r"<li[^>]*>(.*?)</li>", section, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", li).split()) for li in found]


def test_my_running_deadlines_red_amber_and_unread_notices(
    client, personas, world, django_assert_num_queries
):
    client.force_login(personas.officer1)
    with time_machine.travel(NOW, tick=False):
        client.get("/")  # warm the content-type cache
        # session, user with agency, roles, deadlines, training's certificate panel (3 queries),
        # unread notices, unread badge
        with django_assert_num_queries(9):
            response = client.get("/")
    html = response.content.decode()
    deadlines = panel(html, "my-deadlines")
    assert items(deadlines) == [
        "甲整改期满 2026-06-07 已逾期3天 《中华人民共和国安全生产法》第六十五条",
        "甲陈述申辩期满 2026-06-10 今日到期 《中华人民共和国安全生产法》第六十五条",
        "甲缴纳罚款 2026-06-13 剩3天 《中华人民共和国安全生产法》第六十五条",
        "甲整改复查 2026-06-25 剩15天 《中华人民共和国安全生产法》第六十五条",
    ]
    assert re.findall(r'class="list-group-item deadline-(\w+)" data-deadline="(\d+)"', deadlines) == [
        ("danger", str(world["overdue"].pk)),
        ("danger", str(world["today"].pk)),
        ("warning", str(world["amber"].pk)),
        ("success", str(world["later"].pk)),
    ]
    notices = panel(html, "my-notices")
    assert items(notices) == [
        "请复核检查记录 2026-06-10 09:10",
        "整改期限将至：甲整改期满 2026-06-10 09:05",
        "期限已中止：甲已中止 2026-06-10 09:00",  # suspend_deadline tells the responsible
    ]
    assert '<a href="/deadlines/">整改期限将至：甲整改期满</a>' in notices
    assert '<span class="badge text-bg-danger" id="unread-count">3</span>' in html


def test_colleague_sees_only_their_own(client, personas, world):
    client.force_login(personas.officer2)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/").content.decode()
    assert [i.split(" ")[0] for i in items(panel(html, "my-deadlines"))] == ["同事的期限", "甲缴纳罚款"]
    assert items(panel(html, "my-notices"))[0].startswith("同事的通知 ")


def test_head_sees_no_deadline_he_is_not_responsible_for(client, personas, world):
    """The panel is "mine": a head sees the agency's deadlines on /deadlines/, not on the dashboard."""
    client.force_login(personas.head)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/").content.decode()
    assert items(panel(html, "my-deadlines")) == ["暂无待办期限"]
    assert items(panel(html, "my-notices")) == ["没有未读通知"]
