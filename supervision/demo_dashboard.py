"""seed_demo: what the 工作台 panels of the demo supervisor and the head of 浦口区 show — a 案卷评查 campaign in
progress (one file with the supervisor, one objected by the head awaiting its re-check, one whose objection
window is open) and the 2025 行政许可 figures of the demo agencies (entered in January 2026, so the 2025
report as of 31 January shows them). All through the services; idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from enforcement.core import roles
from enforcement.core.bulk import say
from enforcement.core.models import Agency, User

from .demo import AGENCY_CODE, _score
from .models import Campaign, LicensingFigures, Rubric
from .seed import CODE
from .services import campaigns, licensing, reviews

NAME = "2026年度浦口区案卷评查（第二批）"
YEAR = 2025


def seed_campaign_in_progress(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    sup = User.objects.filter(username="supervisor").first()
    head = User.objects.filter(username="head").first()
    rubric = Rubric.objects.filter(code=CODE, version=1).first()
    if agency is None or sup is None or head is None or rubric is None:
        say(stdout, "  supervision (in progress): personas or rubric missing, skipped")
        return
    if Campaign.objects.filter(name=NAME).exists():
        return
    today = timezone.localdate()
    try:
        spec = campaigns.CampaignSpec(
            name=NAME,
            agencies=[agency.pk],
            period_start=dt.date(today.year, 1, 1),
            period_end=dt.date(today.year, 12, 31),
            due_date=today + dt.timedelta(days=20),
            statuses=("decided", "no_penalty"),
            ratio=Decimal(75),
            rubric=rubric.pk,
        )
        campaign = campaigns.draw_campaign(
            campaigns.create_campaign(spec, actor=sup), actor=sup, seed="demo-2026-2"
        )
        rows = list(campaign.reviews.order_by("draw_order"))
        for n, r in enumerate(rows):
            r = reviews.assign_reviewer(r, sup, actor=sup)
            if n == 0:
                continue  # still with the supervisor: 我的评查任务
            _score(r, sup, deductions={"C8": (6, "裁量说理不充分")} if n == 1 else {})
            r = reviews.submit_review(r, actor=sup, summary="案卷整体情况见各项评分")
            if n == 1:  # the head objects: waits for the supervisor to name a re-checker
                reviews.object_review(r, actor=head, reason="裁量说理已在集体讨论记录中载明，请复核")
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  supervision (in progress): stopped: {exc}")
        return
    say(stdout, f"  执法监督：进行中的评查活动 1 个（{len(rows)} 份案卷，1 份异议待复核）")


def _reporter(agency: Agency) -> User | None:
    for role in (roles.HEAD, roles.SUPERVISOR):
        found = User.objects.filter(agency=agency, is_active=True, groups__name=role).order_by("pk").first()
        if found is not None:
            return found
    return None


def seed_licensing(*, scale: int = 0, stdout: Any = None) -> None:
    """2025 figures for every demo agency that has a head or supervisor to enter them (the others stay
    未填报, as in real life); dated 20 January 2026."""
    entered = 0
    when = timezone.make_aware(dt.datetime(2026, 1, 20, 10, 0))
    for k, agency in enumerate(Agency.objects.filter(is_active=True).order_by("path")):
        if LicensingFigures.objects.filter(agency=agency, year=YEAR).exists():
            continue
        actor = _reporter(agency)
        if actor is None:
            continue
        applied = 40 + 17 * k
        values = {
            "applied": applied,
            "accepted": applied - 3,
            "granted": applied - 7,
            "refused": 2,
            "revoked": k % 2,
        }
        licensing.enter_figures(
            agency, YEAR, values, actor=actor, source_note="江苏政务服务网统计报表", entered_at=when
        )
        entered += 1
    if entered:
        say(stdout, f"  行政许可统计数据（2025年度）：{entered} 个机关")
