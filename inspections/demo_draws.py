"""seed_demo's draws part: for 浦口区 (district A), a published 双随机 draw, a recusal, and a done and a planned
综合联检 — all through the real services. Idempotent (skipped once district A has a draw); skipped when the
personas, the item or the enterprises are missing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from enforcement.core.bulk import say
from enforcement.core.models import Agency, EnforcementItem, Enterprise, User

from .models import RandomDraw
from .services import draws, joint, recusals

AGENCY_CODE = "320111"
ITEM_CODE = "YJ-JC-001"


def seed_draws(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    item = EnforcementItem.objects.filter(code=ITEM_CODE).first()
    people = {u.username: u for u in User.objects.filter(username__in=["officer1", "officer2", "head"])}
    if agency is None or item is None or len(people) < 3:
        say(stdout, "  draws: district A, its item or personas missing, skipped")
        return
    if RandomDraw.objects.filter(agency=agency).exists():
        say(stdout, "  draws: already seeded")
        return
    firms = list(Enterprise.objects.filter(agency=agency, is_active=True, is_key=False).order_by("pk"))
    if len(firms) < 5:
        say(stdout, "  draws: fewer than 5 non-key enterprises in district A, skipped")
        return
    o1, o2, head = people["officer1"], people["officer2"], people["head"]
    today = timezone.localdate()
    month_end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    recusals.declare_recusal(actor=o2, officer=o2, enterprise=firms[-1], reason="配偶在该企业任安全管理人员")
    spec = draws.DrawSpec(
        title=f"浦口区{today.year}年{today.month}月“双随机”抽查",
        year=today.year,
        period_start=today,
        period_end=max(today, month_end),
        items=(item.code,),
        ratios={"major": Decimal(50), "high": Decimal(30), "general": Decimal(20), "low": Decimal(10)},
        witnesses="区纪委监委派驻第三纪检监察组 刘某",
    )
    draw = draws.create_draw(spec, actor=o1)
    draw = draws.run_draw(draw, actor=o1, seed=f"pukou-{today:%Y%m}-demo")
    draws.publish_draw(draw, actor=head)
    done = joint.create_joint(
        actor=o1,
        enterprise=firms[0],
        scheduled_on=today,
        participants=[
            {"department": "南京市浦口区市场监督管理局", "contact": "孙科长"},
            {"department": "南京市浦口区消防救援大队"},
        ],
        note="应急、市场监管、消防一次进企，分别检查安全生产、特种设备和消防安全",
    )
    joint.complete_joint(done, actor=o1)
    joint.create_joint(
        actor=o1,
        enterprise=firms[1],
        scheduled_on=today + dt.timedelta(days=14),
        participants=[{"department": "南京市浦口区生态环境局"}],
    )
    say(
        stdout,
        f"  draws: a published draw of {len(draw.result)} enterprises, 2 joint inspections for {agency.name}",
    )
