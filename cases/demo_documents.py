"""seed_demo, continued: two district A cases that carry the steps' 文书 — one with a hearing scheduled
(听证告知书, 听证会通知书) and one decided after 法制审核 and 集体讨论 (案件处理呈批表, 法制审核意见书,
行政处罚集体讨论记录, 行政处罚决定书). Created by the real services; called by ``seed_cases``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.models import Enterprise, User

from .models import Case
from .services.create import create_case
from .services.workflow import transition_case

BIG_VIOLATION = "AQ-101-I1"


def seed_document_cases(agency: Any, stdout: Any, say: Any) -> int:
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["officer1", "officer2", "head", "reviewer", "assistant"])
    }
    if len(people) < 5:
        return 0
    o1, o2, head, reviewer = people["officer1"], people["officer2"], people["head"], people["reviewer"]
    used = Case.objects.filter(deciding_agency=agency, enterprise__isnull=False).values("enterprise_id")
    firms = list(
        Enterprise.objects.filter(agency=agency, is_active=True).exclude(pk__in=used).order_by("-pk")[:2]
    )
    if len(firms) < 2:
        return 0
    today = timezone.localdate()

    def move(case: Case, action: str, actor: Any, **params: Any) -> Case:
        return transition_case(case, action, actor=actor, params=params)

    def concluded(firm: Enterprise, cause: str) -> Case:
        c = create_case(
            actor=o1,
            party={"kind": "enterprise", "enterprise": firm.pk},
            source="inspection",
            source_ref={"text": "日常监督检查"},
            cause=cause,
            violation_date=today - dt.timedelta(days=25),
            handlers=[o1, o2],
        )
        c = move(c, "submit_filing", o1)
        c = move(c, "approve_filing", head, opinion="同意立案，由王执法、李执法承办")
        return move(
            c,
            "conclude_investigation",
            o1,
            facts=f"经查，{firm.name}{cause}。",
            proposal="penalty",
            violations=[
                {
                    "violation": BIG_VIOLATION,
                    "fines": [{"subject": "unit", "amount": 60000}],
                }
            ],
        )

    made = 0
    # a hearing requested and scheduled 15 calendar days ahead (≥ 7 working days)
    c = move(concluded(firms[0], "未按规定对重大危险源进行辨识评估"), "notify", o1)
    c = move(c, "request_hearing", o1)
    at = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=15), dt.time(9, 30)))
    move(
        c, "schedule_hearing", head, hearing_at=at, place="区应急管理局三楼听证室", chair=people["assistant"]
    )
    made += 1
    # decided after the legal review and the collective discussion
    c = move(concluded(firms[1], "未按规定对重大危险源进行辨识评估"), "notify", o1)
    c = move(c, "waive_rights", o1)
    c = move(c, "submit_legal_review", o1, reviewer=reviewer)
    c = move(
        c,
        "complete_legal_review",
        reviewer,
        outcome="approved",
        opinion="事实清楚，证据确凿，适用依据正确，裁量适当。",
    )
    if c.collective_required:
        c = move(
            c,
            "record_collective_discussion",
            head,
            participants=[head.display_name, "副局长", "法规科科长"],
            conclusion="同意按呈批意见作出行政处罚",
        )
    move(c, "decide", head)
    made += 1
    say(stdout, f"  案件文书：{made} 件（听证通知、法制审核和集体讨论后决定）")
    return made
