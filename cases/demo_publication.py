"""seed_demo's 公示 and 信用 part (after the cases): the decided demo case published; an older case (decided
14 months ago, every step dated in the past) published, its credit record repaired by the head, so its
publication is withdrawn (the record of it stays); all through the real services. Idempotent: skipped once
district A has a publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.bulk import say
from enforcement.core.models import Agency, Enterprise, User

from .choices import CaseStatus as S
from .demo import AGENCY_CODE, VIOLATION
from .models import Case, CreditRecord, DecisionKind, Publication
from .services import credit
from .services.create import create_case
from .services.workflow import transition_case


def _publish_all(case: Case, actor: Any, on: dt.date | None = None) -> int:
    n = 0
    for d in case.decisions.filter(kind=DecisionKind.PENALTY, ended_on__isnull=True).order_by("id"):
        params: dict[str, Any] = {"decision": d.pk}
        if on is not None:
            params["date"] = on
        transition_case(case, "publish", actor=actor, params=params)
        n += 1
    return n


def _old_case(agency: Agency, o1: Any, o2: Any, head: Any, today: dt.date) -> Case | None:
    firm = Enterprise.objects.filter(agency=agency, is_active=True).order_by("pk").first()
    if firm is None:
        return None
    d0 = today - dt.timedelta(days=430)
    c = create_case(
        actor=o1,
        party={"kind": "enterprise", "enterprise": firm.pk},
        source="inspection",
        source_ref={"text": "2025年度监督检查计划"},
        cause="未如实记录安全生产教育和培训情况",
        violation_date=d0 - dt.timedelta(days=10),
        discovered_on=d0,
        handlers=[o1, o2],
    )

    def move(action: str, actor: Any, days: int, **params: Any) -> Case:
        return transition_case(
            c, action, actor=actor, params={"date": d0 + dt.timedelta(days=days), **params}
        )

    move("submit_filing", o1, 0)
    move("approve_filing", head, 1, opinion="同意立案")
    rep = firm.legal_representative or "王建国"
    move(
        "conclude_investigation",
        o1,
        8,
        facts=(
            f"经查，{firm.name}（法定代表人：{rep}，联系电话13905171234）未如实记录2024年度新入职从业人员的安全生产"
            "教育和培训情况，培训档案缺失。"
        ),
        proposal="penalty",
        violations=[{"violation": VIOLATION, "fines": [{"subject": "unit", "amount": 15000}]}],
    )
    move("notify", o1, 9)
    move("waive_rights", o1, 10)
    c.refresh_from_db()
    if c.review_required:
        return None  # the demo keeps to the path without a legal review
    return move("decide", head, 14)


def seed_publications(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    people = {u.username: u for u in User.objects.filter(username__in=["officer1", "officer2", "head"])}
    if agency is None or len(people) < 3:
        say(stdout, "  公示：district A or personas missing, skipped")
        return
    if Publication.objects.filter(agency=agency).exists():
        say(stdout, "  公示：already seeded")
        return
    o1, o2, head = people["officer1"], people["officer2"], people["head"]
    today = timezone.localdate()
    try:
        published = 0
        for case in Case.objects.filter(deciding_agency=agency, status=S.DECIDED).order_by("pk"):
            published += _publish_all(case, o1)
        old = _old_case(agency, o1, o2, head, today)
        repaired = 0
        if old is not None and old.decided_on is not None:
            published += _publish_all(old, o1, on=old.decided_on + dt.timedelta(days=3))
            for record in CreditRecord.objects.filter(decision__case=old).order_by("pk"):
                repair = credit.request_repair(
                    record,
                    actor=o1,
                    applicant=old.party_name,
                    reason="已补建2024年度安全生产教育和培训档案，完成全员复训，主动缴纳罚款",
                    evidence="整改报告、培训签到表及考核记录、罚款缴纳凭证",
                )
                credit.decide_repair(
                    repair, actor=head, approved=True, opinion="整改到位，最短公示期已满，准予信用修复"
                )
                repaired += 1
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  公示：stopped: {exc}")
        return
    say(stdout, f"  公示：{published} 份处罚决定已公示，其中 {repaired} 份因信用修复撤回")
