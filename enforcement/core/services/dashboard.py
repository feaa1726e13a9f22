"""工作台 (the dashboard ``/``): what the logged-in user should act on first.

Everyone sees their own running deadlines (red when overdue or due within a day, amber within three days),
counts of what is overdue or falls due this week, unread notices and quick links. Heads, supervisors,
agency admins and superusers also see the overdue and soon-due deadlines of the agencies they oversee.
Apps add panels through ``register_dashboard_panel`` (e.g. 我的执法证, the calendar coverage warning).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet

from .. import roles
from ..access import may_view_audit
from ..models import Deadline, User
from ..models.deadlines import RUNNING_STATUSES
from ..registry import REGISTRY
from .notifications import unread_notifications

MY_DEADLINES_SHOWN = 10
TEAM_DEADLINES_SHOWN = 10
NOTICES_SHOWN = 5
# "This week" of JOURNEYS.md: what falls due within seven days counts as soon-due.
SOON_DAYS = 7


@dataclass(frozen=True)
class DeadlineRow:
    """One deadline as a dashboard line: its urgency colour and a short remaining-time phrase."""

    deadline: Deadline
    kind_label: str
    urgency: str  # danger / warning / secondary
    remaining: str  # 已逾期3天 / 今日到期 / 剩5天
    responsible: str = ""


@dataclass(frozen=True)
class Counts:
    overdue: Figure
    within_3: Figure
    within_7: Figure
    total: Figure


@dataclass(frozen=True)
class QuickLink:
    label: str
    url: str
    hint: str


def kind_label(code: str) -> str:
    kind = REGISTRY.deadline_kinds.get(code)
    return kind.label if kind else "其他期限"


def remaining_text(due: dt.date, today: dt.date) -> str:
    left = (due - today).days
    if left < 0:
        return f"已逾期{-left}天"
    if left == 0:
        return "今日到期"
    return f"剩{left}天"


def deadline_row(d: Deadline, today: dt.date, responsible: str = "") -> DeadlineRow:
    urgency = d.urgency(today)
    return DeadlineRow(
        deadline=d,
        kind_label=kind_label(d.kind),
        urgency="secondary" if urgency == "success" else urgency,
        remaining=remaining_text(d.due_date, today),
        responsible=responsible,
    )


@dataclass(frozen=True)
class Figure:
    """A dashboard count and the list behind it: ``count`` is the number of rows ``url`` lists, because
    both come from the same filter (the deadlines list's own ``DeadlineFilterSet`` over the same params)."""

    count: int
    url: str


# What the dashboard counts as a deadline still to act on: running (open or overdue), not suspended.
RUNNING = ",".join(RUNNING_STATUSES)


class _Request:
    """What ``DeadlineFilterSet`` reads from a request (``mine`` needs the user)."""

    def __init__(self, user: User) -> None:
        self.user = user


def deadline_filter(user: User, params: dict[str, str]) -> QuerySet[Deadline]:
    """The deadlines ``/deadlines/?<params>`` lists for ``user`` — the very filter that page runs."""
    from ..api.deadlines import DeadlineFilterSet

    filterset = DeadlineFilterSet(params, queryset=Deadline.objects.visible_to(user), request=_Request(user))
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def deadline_figures(user: User, wanted: dict[str, dict[str, str]]) -> dict[str, Figure]:
    """``{key: Figure}`` for ``{key: list params}``: each count is the row count of that list's own
    filter, all counted in one query (each filter a subquery of one aggregate)."""
    if not wanted:
        return {}
    counts = Deadline.objects.visible_to(user).aggregate(
        **{
            key: Count("pk", filter=Q(pk__in=deadline_filter(user, params).values("pk")))
            for key, params in wanted.items()
        }
    )
    return {
        key: Figure(int(counts[key]), f"/deadlines/?{urlencode(params)}") for key, params in wanted.items()
    }


def range_params(today: dt.date, base: dict[str, str]) -> dict[str, dict[str, str]]:
    """The list params of the overdue / within 3 / within 7 days / all running deadlines of ``base``."""
    three = (today + dt.timedelta(days=3)).isoformat()
    seven = (today + dt.timedelta(days=SOON_DAYS)).isoformat()
    yesterday = (today - dt.timedelta(days=1)).isoformat()
    base = {**base, "status": RUNNING}
    return {
        "overdue": {**base, "due_before": yesterday},
        "within_3": {**base, "due_after": today.isoformat(), "due_before": three},
        "within_7": {**base, "due_after": today.isoformat(), "due_before": seven},
        "total": base,
    }


def oversees_agencies(user: User) -> bool:
    """Heads, supervisors and agency admins (of an agency) and superusers get the 本单位 panel."""
    return bool(user.is_superuser or (user.agency_id is not None and user.sees_subtree))


def role_text(user: User) -> str:
    if user.is_superuser and not user.agency_id:
        return "平台超级管理员"
    return "、".join(r for r in roles.ALL_ROLES if r in user.role_names())


def quick_links(user: User) -> list[QuickLink]:
    """常用功能: the places a user of this role opens most, all of them working pages."""
    links = [
        QuickLink("期限一览", "/deadlines/?mine=1", "我负责的期限"),
        QuickLink("期限计算", "/calendar/", "推算法定期限届满日"),
        QuickLink("生产经营单位", "/enterprises/", "单位信息与风险等级"),
        QuickLink("执法事项目录", "/catalog/", "职权及设定依据"),
    ]
    if oversees_agencies(user):
        links.append(QuickLink("持证合规看板", "/training/", "执法证与培训情况"))
    elif user.agency_id is not None:
        links.append(QuickLink("我的执法证档案", f"/training/officers/{user.pk}/", "执法证、培训学时"))
    if user.is_superuser or user.has_role(roles.AGENCY_ADMIN):
        links.append(QuickLink("工作日历", "/calendar/days/", "录入节假日与调休"))
        links.append(QuickLink("导入生产经营单位", "/enterprises/import/", "Excel 批量导入"))
    if may_view_audit(user):
        links.append(QuickLink("全过程记录", "/audit/", "操作留痕与审计链校验"))
    return links


def build(user: User, today: dt.date) -> dict[str, Any]:
    """Template context of the dashboard for ``user`` on ``today``.

    Every figure is counted by the filter of the list it links to (``/deadlines/?…``), and each panel
    lists the first rows of that same filter, so a card, its panel and its list never disagree.
    """
    mine = range_params(today, {"mine": "1"})
    wanted = {f"my_{key}": params for key, params in mine.items()}
    team_wanted: dict[str, dict[str, str]] = {}
    if oversees_agencies(user):
        # 所辖单位: everything running in the user's agencies that is overdue or due within 7 days —
        # the user's own deadlines included, so the figures agree with the 期限一览 lists they link to.
        agencies = range_params(today, {})
        team_wanted = {
            "team_overdue": agencies["overdue"],
            "team_within_7": agencies["within_7"],
            "team_listed": {"status": RUNNING, "due_before": agencies["within_7"]["due_before"]},
        }
    figures = deadline_figures(user, {**wanted, **team_wanted})
    my_counts = Counts(**{key: figures[f"my_{key}"] for key in mine})
    my_rows = [
        deadline_row(d, today)
        for d in deadline_filter(user, mine["total"])
        .select_related("agency")
        .order_by("due_date", "id")[:MY_DEADLINES_SHOWN]
    ]
    team: dict[str, Any] | None = None
    if team_wanted:
        page = list(
            deadline_filter(user, team_wanted["team_listed"])
            .select_related("agency")
            .prefetch_related("responsible")
            .order_by("due_date", "id")[:TEAM_DEADLINES_SHOWN]
        )
        team = {
            "counts": {"overdue": figures["team_overdue"], "within_7": figures["team_within_7"]},
            "listed": figures["team_listed"],
            "rows": [
                deadline_row(d, today, "、".join(sorted(u.display_name for u in d.responsible.all())))
                for d in page
            ],
            "list_url": figures["team_listed"].url,
        }
    notices = list(unread_notifications(user)[: NOTICES_SHOWN + 1])
    return {
        "today": today,
        "role_text": role_text(user),
        "my_counts": my_counts,
        "deadlines": my_rows,
        "team": team,
        "unread": notices[:NOTICES_SHOWN],
        "more_unread": len(notices) > NOTICES_SHOWN,
        "quick_links": quick_links(user),
    }
