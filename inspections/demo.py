"""seed_demo's inspections part: for 浦口区 (district A), schemes in each state, an inspection in progress,
completed inspections and hazards in every state of the loop, inside the year's annual plan (published and
adjusted once) — all through the real services. Idempotent (skipped once district A has a scheme); skipped
when the personas, the item or the enterprises are missing. Draws and joint inspections: their own part."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.bulk import say
from enforcement.core.models import Agency, EnforcementItem, Enterprise, User

from .choices import HazardAction as A
from .choices import HazardLevel, HazardStatus
from .models import AnnualPlan, ChecklistTemplate, HazardStandardItem, InspectionScheme
from .services import hazards, plans, records, schemes

AGENCY_CODE = "320111"
ITEM_CODE = "YJ-JC-001"
HAZARD_STATES = [
    HazardStatus.FOUND,
    HazardStatus.RECTIFYING,
    HazardStatus.EXTENSION_REQUESTED,
    HazardStatus.OVERDUE,
    HazardStatus.ESCALATED,
    HazardStatus.CLOSED,
]


def seed_inspections(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    item = EnforcementItem.objects.filter(code=ITEM_CODE).first()
    people = {u.username: u for u in User.objects.filter(username__in=["officer1", "officer2", "head"])}
    if agency is None or item is None or len(people) < 3:
        say(stdout, "  inspections: district A, its item or personas missing, skipped")
        return
    if InspectionScheme.objects.filter(agency=agency).exists():
        say(stdout, "  inspections: already seeded")
        return
    firms = list(Enterprise.objects.filter(agency=agency, is_active=True).order_by("pk")[:10])
    if len(firms) < 10:
        say(stdout, "  inspections: fewer than 10 enterprises in district A, skipped")
        return
    o1, o2, head = people["officer1"], people["officer2"], people["head"]
    dust = ChecklistTemplate.objects.get(code="GM-DUST")
    space = ChecklistTemplate.objects.get(code="GM-SPACE")
    today = timezone.localdate()
    _seed_plan(agency, o1, head, today)

    def scheme(firm: Enterprise, *, template: ChecklistTemplate = dust, until: str = "approved") -> Any:
        s = schemes.create_scheme(
            actor=o1,
            enterprise=firm,
            item=item,
            window_start=today,
            window_end=today + dt.timedelta(days=10),
            officers=[o1, o2],
            templates=[template],
            experts=[{"name": "张工", "organisation": "南京工业大学", "speciality": "粉尘防爆"}],
        )
        if until == "draft":
            return s
        s = schemes.transition_scheme(s, "submit", actor=o1)
        if until == "submitted":
            return s
        return schemes.transition_scheme(s, "approve", actor=head, opinion="同意")

    scheme(firms[0], until="draft")
    scheme(firms[1], until="submitted", template=space)
    scheme(firms[2])  # approved, inspection due
    records.start_inspection(scheme(firms[3]), actor=o1, place="生产车间")  # on site now
    major = HazardStandardItem.objects.get(code="11-3")
    for n, state in enumerate(HAZARD_STATES):
        level = HazardLevel.MAJOR if state == HazardStatus.FOUND else HazardLevel.GENERAL
        _hazard_in(scheme(firms[4 + n]), state, level, major, o1, head, today)
    say(
        stdout,
        f"  inspections: 10 schemes, 7 inspections, hazards in {len(HAZARD_STATES)} states for {agency.name}",
    )


PLAN_INPUTS = {
    "officers": 12,
    "other_enforcement_days": 900,
    "non_enforcement_days": 700,
    "key_days": 600,
    "days_per_inspection": "2",
}
PLAN_QUOTAS = [
    {
        "kind": "random",
        "sector": "machinery",
        "class_label": "标准化三级",
        "ratio_percent": "20",
        "count": 120,
    },
    {"kind": "random", "sector": "hazchem", "class_label": "未定级", "ratio_percent": "30", "count": 60},
    {"kind": "random", "sector": "trade", "class_label": "守信", "ratio_percent": "5", "count": 80},
    {"kind": "campaign", "count": 40, "month": 6, "note": "粉尘涉爆企业专项检查"},
    {"kind": "campaign", "count": 30, "month": 9, "note": "有限空间作业专项检查"},
]


def _seed_plan(agency: Agency, o1: Any, head: Any, today: dt.date) -> Any:
    """The year's plan, published and adjusted once (version 2), unless the agency already has one."""
    existing = AnnualPlan.objects.filter(agency=agency, year=today.year).first()
    if existing is not None:
        return existing
    plan = plans.create_plan(actor=o1, agency=agency, year=today.year, inputs=PLAN_INPUTS)
    for quota in PLAN_QUOTAS:
        plans.add_quota(plan, actor=o1, quota=quota)
    plans.transition_plan(plan, "submit", actor=o1)
    plans.transition_plan(
        plan,
        "approve",
        actor=head,
        params={
            "approved_by": f"{agency.name.removesuffix('应急管理局')}人民政府",
            "approved_on": today,
            "approval_ref": f"政复〔{today.year}〕12号",
            "filed_with": "南京市应急管理局",
        },
    )
    plans.transition_plan(plan, "publish", actor=head)
    return plans.transition_plan(
        plan,
        "adjust",
        actor=head,
        reason="根据市局部署增加有限空间作业专项检查，调整执法人员数",
        params={"inputs": {"officers": 13}},
    )


def _hazard_in(s: Any, state: str, level: str, major: Any, o1: Any, head: Any, today: dt.date) -> None:
    insp = records.start_inspection(s, actor=o1, place="生产车间")
    results = {c.order: ("conform", "") for c in insp.checks.all()}
    results[3] = ("nonconform", "干式除尘系统未设置泄爆装置")
    records.save_record(
        insp,
        actor=o1,
        values={"main_person_present": "刘厂长", "safety_managers_present": "陈安全"},
        results=results,
    )
    h = hazards.record_hazard(
        insp,
        actor=o1,
        level=level,
        description="干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施",
        location="抛光车间除尘器",
        standard_item=major if level == HazardLevel.MAJOR else None,
    )
    records.complete_inspection(insp, actor=o1, signed_by="刘厂长")
    if state == HazardStatus.FOUND:
        return
    h = hazards.transition_hazard(
        h, A.ORDER_RECTIFICATION, actor=o1, params={"deadline": today + dt.timedelta(days=30)}
    )
    if state == HazardStatus.EXTENSION_REQUESTED:
        hazards.transition_hazard(
            h,
            A.REQUEST_EXTENSION,
            actor=o1,
            params={"requested_deadline": today + dt.timedelta(days=60), "reason": "泄爆片供货延迟"},
        )
    elif state == HazardStatus.CLOSED:
        hazards.transition_hazard(
            h, A.RECHECK, actor=o1, params={"result": "rectified", "opinion": "已加装泄爆片"}
        )
    elif state in (HazardStatus.OVERDUE, HazardStatus.ESCALATED):
        h = hazards.transition_hazard(h, A.RECHECK, actor=o1, params={"result": "not_rectified"})
        if state == HazardStatus.ESCALATED:
            hazards.transition_hazard(h, A.ESCALATE, actor=o1, reason="复查仍未整改")
