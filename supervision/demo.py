"""seed_demo's supervision part: a finished 案卷评查 of 浦口区 (district A) by the city's supervisor with
reviews in every grade (one marked 优秀案卷), a rectification in progress, and a 检查方案 check — all through
the services. Decided cases to sample are added through the case services. Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases.models import Case
from cases.services.create import create_case
from cases.services.workflow import transition_case
from enforcement.core.bulk import say
from enforcement.core.models import Agency, Enterprise, User

from .models import Campaign, Rubric
from .seed import CODE
from .services import campaigns, rectifications, reviews

NAME = "2026年度浦口区行政处罚案卷评查"
AGENCY_CODE = "320111"
VIOLATION = "AQ-099-I1"


def _decided_cases(agency: Agency, people: dict[str, Any], n: int) -> list[Case]:
    o1, o2, head = people["officer1"], people["officer2"], people["head"]
    firms = list(Enterprise.objects.filter(agency=agency, is_active=True).order_by("pk")[:n])
    today = timezone.localdate()
    out = []
    for k, firm in enumerate(firms):
        c = create_case(
            actor=o1,
            party={"kind": "enterprise", "enterprise": firm.pk},
            source="inspection",
            source_ref={"text": "日常监督检查"},
            cause="未如实记录安全生产教育和培训情况",
            violation_date=today - dt.timedelta(days=30 + k),
            handlers=[o1, o2],
        )

        def move(case: Case, action: str, actor: Any, **params: Any) -> Case:
            return transition_case(case, action, actor=actor, params=params)

        c = move(c, "submit_filing", o1)
        c = move(c, "approve_filing", head, opinion="同意立案")
        c = move(
            c,
            "conclude_investigation",
            o1,
            facts=f"经查，{firm.name}未如实记录安全生产教育和培训情况。",
            proposal="penalty",
            violations=[{"violation": VIOLATION, "fines": [{"subject": "unit", "amount": 10000 + 2000 * k}]}],
        )
        c = move(c, "notify", o1)
        c = move(c, "waive_rights", o1)
        if c.review_required:
            c = move(c, "submit_legal_review", o1, reviewer=people["reviewer"])
            c = move(c, "complete_legal_review", people["reviewer"], outcome="approved", opinion="同意")
        out.append(move(c, "decide", head))
    return out


def _score(
    review: Any, reviewer: Any, *, veto: str = "", deductions: dict[str, tuple[int, str]] | None = None
) -> None:
    deductions = deductions or {}
    entries = []
    for s in review.scores.select_related("item"):
        code = s.item.code
        if s.item.is_veto:
            entries.append(
                {
                    "item": s.item_id,
                    "veto_hit": code == veto,
                    "confirmed": True,
                    "finding": "主要证据仅有询问笔录，无书证印证" if code == veto else "",
                }
            )
        else:
            lost, finding = deductions.get(code, (0, ""))
            entries.append(
                {"item": s.item_id, "awarded": s.item.points - lost, "finding": finding, "confirmed": True}
            )
    reviews.save_scores(review, entries, actor=reviewer)


def seed_supervision(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["officer1", "officer2", "head", "reviewer", "supervisor"])
    }
    rubric = Rubric.objects.filter(code=CODE, version=1).first()
    if agency is None or len(people) < 5 or rubric is None:
        say(stdout, "  supervision: district A, personas or the default rubric missing, skipped")
        return
    if Campaign.objects.filter(name=NAME).exists():
        say(stdout, "  supervision: already seeded")
        return
    sup = people["supervisor"]
    try:
        _decided_cases(agency, people, 4)
        today = timezone.localdate()
        spec = campaigns.CampaignSpec(
            name=NAME,
            agencies=[agency.pk],
            period_start=dt.date(today.year, 1, 1),
            period_end=dt.date(today.year, 12, 31),
            due_date=today + dt.timedelta(days=30),
            statuses=("decided", "no_penalty"),
            ratio=Decimal(100),
            rubric=rubric.pk,
        )
        campaign = campaigns.draw_campaign(
            campaigns.create_campaign(spec, actor=sup), actor=sup, seed="demo-2026"
        )
        rows = list(campaign.reviews.order_by("draw_order"))
        plans: list[dict[str, Any]] = [
            {},  # 优秀
            {
                "deductions": {
                    "C8": (8, "裁量说理不充分"),
                    "F5": (3, "卷内目录页码错误"),
                    "C11": (6, "无送达回证"),
                }
            },  # 合格
            {"veto": "V4"},  # 不合格（否决项）
            {
                "deductions": {
                    "C2": (8, "证据不足"),
                    "C5": (8, "未告知听证权利"),
                    "C8": (8, "无裁量说理"),
                    "C10": (6, "决定书缺少履行方式"),
                    "C11": (6, "无送达回证"),
                    "F2": (4, "文书填写不全"),
                }
            },
        ]
        for n, r in enumerate(rows):
            reviews.assign_reviewer(r, sup, actor=sup)
            r.refresh_from_db()
            _score(r, sup, **plans[n % len(plans)])
            r = reviews.submit_review(r, actor=sup, summary="案卷整体情况见各项评分")
            if n == 0 and r.grade == "excellent":
                reviews.mark_excellent(r, actor=sup)
            if n == 1:
                rectifications.issue_rectification(
                    r,
                    actor=sup,
                    findings="1. 补充裁量说理；2. 更正卷内目录页码；3. 补充送达回证。",
                    due_date=today + dt.timedelta(days=15),
                )
        campaigns.close_campaign(campaign, actor=sup)
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  supervision: stopped: {exc}")
        return
    say(stdout, f"  执法监督：评查活动 1 个，评查案卷 {len(rows)} 份（优秀、合格、不合格），整改 1 件")
