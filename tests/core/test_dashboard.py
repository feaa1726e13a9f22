"""工作台 ``/``: officer1's field-day view (JOURNEYS.md "logs in on a tablet") and the head's oversight view."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from enforcement.core.services.dashboard import Counts, DeadlineRow
from enforcement.core.services.notifications import notify
from tests.factories import EnterpriseFactory
from tests.support.deadlines import KIND_AFTER, deadline_kinds, make_deadline  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]

NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def world(personas):
    p = personas
    ent_a = EnterpriseFactory(agency=p.agencies.district_a, name="浦口甲化工有限公司")
    ent_b = EnterpriseFactory(agency=p.agencies.district_b, name="江宁乙化工有限公司")
    made = {
        "late": make_deadline(ent_a, dt.date(2026, 6, 8), [p.officer1], title="甲整改逾期"),
        "a1": make_deadline(ent_a, dt.date(2026, 6, 11), [p.officer1], title="甲整改一"),
        "pay": make_deadline(
            ent_a, dt.date(2026, 6, 13), [p.officer2, p.head], title="甲缴款", kind=KIND_AFTER.code
        ),
        "a4": make_deadline(ent_a, dt.date(2026, 6, 15), [p.officer2], title="甲复查"),
        "a3": make_deadline(ent_a, dt.date(2026, 6, 30), [p.officer1, p.officer2], title="甲整改二"),
        "b1": make_deadline(ent_b, dt.date(2026, 6, 12), [p.officer_other], title="乙整改"),
    }
    notify([p.officer1], "甲整改复查提醒", url="/deadlines/", email=False)
    return made


def _rows(rows: list[DeadlineRow]) -> list[tuple[str, str, str, str, str]]:
    return [(r.deadline.title, r.kind_label, r.urgency, r.remaining, r.responsible) for r in rows]


def _n(counts: Counts) -> tuple[int, int, int, int]:
    return (counts.overdue.count, counts.within_3.count, counts.within_7.count, counts.total.count)


def _tile(label: str, value: int) -> str:
    return f'<span class="stat-label">{label}</span><span class="stat-value">{value}</span>'


def test_officer1_sees_deadlines_red_amber_notices_certificate_and_quick_links(
    client: Client, personas, world, django_assert_num_queries
) -> None:
    client.force_login(personas.officer1)
    with time_machine.travel(NOW, tick=False):
        client.get("/")
        # session, user (with its agency, for the navbar), groups; my counts, my deadlines; unread
        # notices; certificate panel (latest certificate, may_enforce: certificates + role/profile
        # check), this year's training hours and requirement, whom to ask (no certificate here); unread count;
        # inspections 我的待办 panel (plan milestones, schemes, due, re-checks, overdue); cases panel (my open cases)
        with django_assert_num_queries(19):
            response = client.get("/")
    assert response.status_code == 200
    ctx = response.context
    assert _n(ctx["my_counts"]) == (1, 1, 1, 3)
    assert _rows(ctx["deadlines"]) == [
        ("甲整改逾期", "测试整改期限", "danger", "已逾期2天", ""),
        ("甲整改一", "测试整改期限", "danger", "剩1天", ""),
        ("甲整改二", "测试整改期限", "secondary", "剩20天", ""),
    ]
    assert ctx["team"] is None
    assert [n.title for n in ctx["unread"]] == ["甲整改复查提醒"]
    assert [(q.label, q.url) for q in ctx["quick_links"]] == [
        ("期限一览", "/deadlines/?mine=1"),
        ("期限计算", "/calendar/"),
        ("生产经营单位", "/enterprises/"),
        ("执法事项目录", "/catalog/"),
        ("我的执法证档案", f"/training/officers/{personas.officer1.pk}/"),
    ]
    html = response.content.decode()
    assert '<div class="text-muted" id="whoami">王执法 · 执法人员 · 南京市浦口区应急管理局</div>' in html
    assert "工作台 <small>2026年6月10日 星期三</small>" in html
    for label, value in (("我的逾期期限", 1), ("3日内到期", 1), ("本周（7日内）到期", 1), ("未读通知", 1)):
        assert _tile(label, value) in html
    assert (
        'href="/deadlines/?mine=1&amp;status=open%2Coverdue&amp;due_before=2026-06-09"' in html
    )  # the red tile opens exactly the overdue ones
    assert f'<li class="list-group-item deadline-danger" data-deadline="{world["late"].pk}">' in html
    assert (
        '<span class="badge text-bg-danger align-self-start text-nowrap">2026-06-08 已逾期2天</span>' in html
    )
    assert (
        '<span class="badge text-bg-secondary align-self-start text-nowrap">2026-06-30 剩20天</span>' in html
    )
    assert '<a href="/deadlines/">甲整改复查提醒</a>' in html
    assert 'id="my-certificate"' in html and "我的执法档案" in html
    assert 'id="team-deadlines"' not in html
    assert "甲缴款" not in html and "乙整改" not in html


def test_head_sees_the_district_deadlines_due_this_week_besides_their_own(
    client: Client, personas, world, django_assert_num_queries
) -> None:
    client.force_login(personas.head)
    with time_machine.travel(NOW, tick=False):
        client.get("/")
        # session, user (with its agency: scope path and navbar), groups; my counts, my deadlines;
        # all figures (one aggregate), team deadlines, their responsible; unread notices; certificate panel (3);
        # training hours, requirement, whom to ask; unread count; inspections 我的待办 panel (5: plan milestones, schemes, due, re-checks, overdue);
        # cases panel (1: my open cases); cases awaiting the head (2: counts, first rows); the subtree's
        # deadlines by agency and kind (1, plus the calendar for "3 working days": 3); the reviewed agency's
        # rectification notices and objection window (2); efficacy figures behind (2: the latest evaluation
        # of my subtree, its rows)
        with django_assert_num_queries(31):
            response = client.get("/")
    ctx = response.context
    assert _n(ctx["my_counts"]) == (0, 1, 1, 1)
    assert _rows(ctx["deadlines"]) == [("甲缴款", "测试缴款期限", "warning", "剩3天", "")]
    team = ctx["team"]
    # The head's own 甲缴款 counts too: 所辖单位 means every deadline of the district.
    assert (team["counts"]["overdue"].count, team["counts"]["within_7"].count, team["listed"].count) == (
        1,
        3,
        4,
    )
    assert _rows(team["rows"]) == [
        ("甲整改逾期", "测试整改期限", "danger", "已逾期2天", "王执法"),
        ("甲整改一", "测试整改期限", "danger", "剩1天", "王执法"),
        ("甲缴款", "测试缴款期限", "warning", "剩3天", "何局长、李执法"),
        ("甲复查", "测试整改期限", "secondary", "剩5天", "李执法"),
    ]
    assert team["list_url"] == "/deadlines/?status=open%2Coverdue&due_before=2026-06-17"
    assert [q.label for q in ctx["quick_links"]] == [
        "期限一览",
        "期限计算",
        "生产经营单位",
        "执法事项目录",
        "持证合规看板",
    ]
    html = response.content.decode()
    assert '<div class="text-muted" id="whoami">何局长 · 负责人 · 南京市浦口区应急管理局</div>' in html
    assert "所辖单位临期与逾期期限" in html
    assert '逾期 <strong class="text-danger">1</strong></a>' in html
    assert "7日内到期 <strong>3</strong></a>" in html
    assert "甲整改二" not in html  # due in 20 days and not the head's
    assert "乙整改" not in html  # another district
    assert _tile("未读通知", 0) in html
    assert "没有未读通知。期限提醒、逾期警示和执法证到期提示会出现在这里。" in html


def test_empty_dashboard_explains_itself(client: Client, personas) -> None:
    client.force_login(personas.officer2)
    html = client.get("/").content.decode()
    assert "目前没有由您负责的未结期限。" in html
    assert _tile("我的逾期期限", 0) in html


def test_admins_get_their_tools_and_a_superuser_no_certificate_card(client: Client, personas) -> None:
    client.force_login(personas.cityadmin)
    labels = [q.label for q in client.get("/").context["quick_links"]]
    assert labels == [
        "期限一览",
        "期限计算",
        "生产经营单位",
        "执法事项目录",
        "持证合规看板",
        "工作日历",
        "导入生产经营单位",
        "全过程记录",
    ]
    client.force_login(personas.admin)
    response = client.get("/")
    assert response.context["role_text"] == "平台超级管理员"
    html = response.content.decode()
    assert (
        'id="my-certificate"' not in html
    )  # nothing to say about a certificate the platform admin never needs
    assert 'id="team-deadlines"' in html


PERSONAS = [
    "officer1",
    "officer2",
    "head",
    "head_b",
    "reviewer",
    "supervisor",
    "cityadmin",
    "admin",
    "assistant",
    "expired",
    "officer_other",
]


@pytest.mark.parametrize("name", PERSONAS)
def test_every_card_count_equals_the_rows_behind_its_link(client: Client, personas, world, name) -> None:
    """A card, the panel beneath it and the list it links to agree, for every persona (cityadmin is
    responsible for an overdue certificate deadline of the district: the case that once disagreed)."""
    p = personas
    ent = EnterpriseFactory(agency=p.agencies.district_a)
    make_deadline(ent, dt.date(2026, 6, 1), [p.cityadmin, p.expired], title="执法证到期（逾期）")
    notify([p.cityadmin, p.expired], "执法证已到期", url="/training/", email=False)
    client.force_login(getattr(personas, name))
    with time_machine.travel(NOW, tick=False):
        response = client.get("/")
        ctx = response.context
        html = response.content.decode()
        figures = [
            ("tile-overdue", ctx["my_counts"].overdue),
            ("tile-within-3", ctx["my_counts"].within_3),
            ("tile-within-7", ctx["my_counts"].within_7),
            ("my-deadlines-all", ctx["my_counts"].total),
        ]
        if ctx["team"] is not None:
            figures += [
                ("team-overdue", ctx["team"]["counts"]["overdue"]),
                ("team-within-7", ctx["team"]["counts"]["within_7"]),
                ("team-all", ctx["team"]["listed"]),
            ]
        for element_id, figure in figures:
            assert f'id="{element_id}" href="{figure.url.replace("&", "&amp;")}"' in html, element_id
            listed = client.get(figure.url).context["rows"]
            assert len(listed) == figure.count, (element_id, figure.url)
        # The panels show the first rows of their lists, in the same order.
        my_list = [r["deadline"].pk for r in client.get(ctx["my_counts"].total.url).context["rows"]]
        assert [r.deadline.pk for r in ctx["deadlines"]] == my_list[: len(ctx["deadlines"])]
        assert len(ctx["deadlines"]) == min(10, ctx["my_counts"].total.count)
        if ctx["team"] is not None:
            team_list = [r["deadline"].pk for r in client.get(ctx["team"]["list_url"]).context["rows"]]
            assert [r.deadline.pk for r in ctx["team"]["rows"]] == team_list[: len(ctx["team"]["rows"])]
            assert ctx["team"]["listed"].count == (
                ctx["team"]["counts"]["overdue"].count + ctx["team"]["counts"]["within_7"].count
            )
        unread = client.get("/inbox/?unread=1").context["notifications"]
        assert _tile("未读通知", len(unread)) in html
        assert [n.pk for n in ctx["unread"]] == [n.pk for n in unread][:5]
    if name == "cityadmin":
        assert ctx["my_counts"].overdue.count == 1 and ctx["team"]["counts"]["overdue"].count == 2


@pytest.mark.parametrize(
    ("url", "text"),
    [
        (
            "/deadlines/?mine=1&status=open,overdue&due_before=2026-06-09",
            "期限由立案、检查整改、执法证管理等环节自动产生",
        ),
        ("/inbox/?unread=1", "期限提醒、逾期警示"),
        ("/inbox/", "期限提醒、逾期警示和系统消息会发送到这里"),
    ],
)
def test_empty_lists_say_what_would_appear(client: Client, personas, url, text) -> None:
    client.force_login(personas.officer2)
    assert text in client.get(url).content.decode()
