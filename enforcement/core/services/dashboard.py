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

from django.db.models import Count, Q

from .. import roles
from ..access import may_view_audit
from ..models import Deadline, Notification, User
from ..registry import REGISTRY

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
    overdue: int
    within_3: int
    within_7: int
    total: int


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


def count_open(qs: Any, today: dt.date) -> Counts:
    """Overdue / due within 3 and 7 days / all, of running deadlines in ``qs`` — one query."""
    figures = qs.aggregate(
        overdue=Count("pk", filter=Q(due_date__lt=today)),
        within_3=Count("pk", filter=Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=3))),
        within_7=Count(
            "pk", filter=Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=SOON_DAYS))
        ),
        total=Count("pk"),
    )
    return Counts(**figures)


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
    """Template context of the dashboard for ``user`` on ``today``."""
    mine = Deadline.objects.visible_to(user).open().responsible_for(user)
    my_counts = count_open(mine, today)
    my_rows = [
        deadline_row(d, today)
        for d in mine.select_related("agency").order_by("due_date", "id")[:MY_DEADLINES_SHOWN]
    ]
    team: dict[str, Any] | None = None
    if oversees_agencies(user):
        soon = today + dt.timedelta(days=SOON_DAYS)
        others = (
            Deadline.objects.visible_to(user)
            .open()
            .filter(due_date__lte=soon)
            .exclude(
                pk__in=Deadline.responsible.through.objects.filter(user_id=user.pk).values("deadline_id")
            )
        )
        team_counts = count_open(others, today)
        page = list(
            others.select_related("agency")
            .prefetch_related("responsible")
            .order_by("due_date", "id")[:TEAM_DEADLINES_SHOWN]
        )
        team = {
            "counts": team_counts,
            "rows": [
                deadline_row(d, today, "、".join(sorted(u.display_name for u in d.responsible.all())))
                for d in page
            ],
            "list_url": f"/deadlines/?due_before={soon.isoformat()}",
        }
    notices = list(
        Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("-created_at", "-id")[
            : NOTICES_SHOWN + 1
        ]
    )
    return {
        "today": today,
        "role_text": role_text(user),
        "my_counts": my_counts,
        "deadlines": my_rows,
        "team": team,
        "unread": notices[:NOTICES_SHOWN],
        "more_unread": len(notices) > NOTICES_SHOWN,
        "quick_links": quick_links(user),
        "soon_date": today + dt.timedelta(days=SOON_DAYS),
        "three_date": today + dt.timedelta(days=3),
        "yesterday": today - dt.timedelta(days=1),
    }
