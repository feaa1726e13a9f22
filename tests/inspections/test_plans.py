"""年度监督检查计划 (spec §3.2): the worked capacity example, the lifecycle on the engine (allowed and refused
moves, nothing changed on a refusal), versions kept on adjustment, frequency caps never exceeded (counting
every level), every scheme inside the approved plan, milestones in 我的待办."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline, DeadlineStatus
from enforcement.core.services.calendar import working_days_in_year
from inspections.choices import PlanStatus, SchemeStatus
from inspections.models import AnnualPlan, FrequencyCap, InspectionScheme
from inspections.panels import todo_for
from inspections.rules import plans as rules
from inspections.services import plans, schemes
from inspections.services.deadlines import KIND_PLAN_PUBLISH, KIND_PLAN_SUBMIT
from tests.factories import EnterpriseFactory
from tests.inspections.plan_builders import INPUTS, make_plan

pytestmark = pytest.mark.django_db


def test_worked_example_2025_from_the_calendar(work_calendar):
    """Spec §3.2: 国家法定工作日 248 in 2025 (from the calendar); × 10 officers = 2480; − 600 other enforcement
    days − 480 non-enforcement days = 1400 inspection days; 560 key / 840 general; 2 days per inspection →
    280 key and 420 general enterprises."""
    days, known = working_days_in_year(2025)
    assert (days, known) == (248, True)
    cap = rules.capacity(
        working_days=days,
        officers=10,
        other_days=600,
        non_days=480,
        key_days=560,
        days_per_inspection=Decimal(2),
    )
    assert (cap.total_days, cap.inspection_days, cap.key_days, cap.general_days) == (2480, 1400, 560, 840)
    assert (cap.key_capacity, cap.general_capacity) == (280, 420)
    assert rules.capacity_warnings(cap, planned_key=280, planned_general=420) == []
    warnings = rules.capacity_warnings(cap, planned_key=300, planned_general=420)
    assert warnings[0] == "计划重点检查300家次需600个工作日，超过重点检查工作日560日"
    assert "超过监督检查工作日1400日" in warnings[1]


def test_worked_example_2021_counts_250_days():
    """365 − 104 weekend days − 11 holidays = 250 in 2021 (the 2021 plan of spec §3.2; no 调休 here)."""
    from enforcement.core.rules.calendar import CalendarData, working_days_between

    holidays = [dt.date(2021, 1, 1), *[dt.date(2021, 2, d) for d in (11, 12, 15, 16, 17)]]
    holidays += [dt.date(2021, 4, 5), dt.date(2021, 5, 3), dt.date(2021, 5, 4), dt.date(2021, 5, 5)]
    holidays += [dt.date(2021, 6, 14), dt.date(2021, 9, 20), dt.date(2021, 9, 21)]
    holidays += [dt.date(2021, 10, d) for d in (1, 4, 5, 6, 7)]
    workdays = [dt.date(2021, 2, 7), dt.date(2021, 2, 20), dt.date(2021, 4, 25), dt.date(2021, 5, 8)]
    workdays += [dt.date(2021, 9, 18), dt.date(2021, 9, 26), dt.date(2021, 10, 9)]
    cal = CalendarData.build(holidays=holidays, workdays=workdays, known_years=[2021])
    assert working_days_between(dt.date(2021, 1, 1), dt.date(2021, 12, 31), cal) == 250


@pytest.mark.parametrize(
    ("other", "non", "key", "message"),
    [
        (2000, 600, 0, "超过总法定工作日"),
        (600, 480, 1500, "超过监督检查工作日"),
    ],
)
def test_impossible_inputs_are_refused(other, non, key, message):
    with pytest.raises(ValueError, match=message):
        rules.capacity(
            working_days=248,
            officers=10,
            other_days=other,
            non_days=non,
            key_days=key,
            days_per_inspection=Decimal(2),
        )


def test_create_plan_covers_every_key_enterprise_and_opens_the_milestone(world):
    p, a = world.personas, world.personas.agencies
    EnterpriseFactory.create_batch(3, agency=a.district_a, is_key=True)
    plan = plans.create_plan(actor=p.officer1, agency=a.district_a, year=2027, inputs=INPUTS)
    version = plan.current_version
    assert version.working_days == working_days_in_year(2027)[0]
    key = version.quotas.get(kind="key")
    assert key.count == 3 and version.planned_key == 3
    d = Deadline.objects.get(kind=KIND_PLAN_SUBMIT, object_id=plan.pk)
    assert d.status == DeadlineStatus.OPEN and p.head in d.responsible.all()
    assert AuditEvent.objects.filter(action="plan.create", object_id=plan.pk).exists()
    # 我的待办 of the head shows the milestone
    assert [m.pk for m in todo_for(p.head)["milestones"]] == [d.pk]
    # a plan per agency and year
    with pytest.raises(InvalidInput, match="已存在"):
        plans.create_plan(actor=p.officer1, agency=a.district_a, year=2027, inputs=INPUTS)
    # a key enterprise without a full inspection in the plan → warning
    EnterpriseFactory(agency=a.district_a, is_key=True)
    assert any("未实现全覆盖" in w for w in plans.warnings_of(version))


def test_who_may_create(world):
    p, a = world.personas, world.personas.agencies
    for who in (p.assistant, p.officer_other, p.supervisor):
        with pytest.raises(NotAllowed):
            plans.create_plan(actor=who, agency=a.district_a, year=2027, inputs=INPUTS)
    assert not AnnualPlan.objects.filter(year=2027).exists()


def _snapshot(plan):
    plan.refresh_from_db()
    return (plan.status, plan.current_version_id, plan.approved_on, plan.versions.count())


def test_lifecycle_allowed_and_refused_moves(world):
    p, a = world.personas, world.personas.agencies
    plan = plans.create_plan(actor=p.officer1, agency=a.district_a, year=2027, inputs=INPUTS)
    # nothing planned yet (no key enterprises) → submit refused by its guard, nothing changed
    before = _snapshot(plan)
    with pytest.raises(GuardFailed) as exc:
        plans.transition_plan(plan, "submit", actor=p.officer1)
    assert exc.value.code == "plan.has_version" and _snapshot(plan) == before
    plans.add_quota(plan, actor=p.officer1, quota={"kind": "random", "sector": "trade", "count": 30})
    plans.add_quota(plan, actor=p.officer1, quota={"kind": "campaign", "count": 5, "note": "有限空间专项"})
    with pytest.raises(InvalidInput, match="专项检查须写明名称"):
        plans.add_quota(plan, actor=p.officer1, quota={"kind": "campaign", "count": 5})
    # wrong state / wrong person
    with pytest.raises(InvalidTransition):
        plans.transition_plan(plan, "publish", actor=p.head)
    plan = plans.transition_plan(plan, "submit", actor=p.officer1)
    assert plan.status == PlanStatus.SUBMITTED
    assert Deadline.objects.get(kind=KIND_PLAN_SUBMIT, object_id=plan.pk).status == DeadlineStatus.MET
    with pytest.raises(NotAllowed):
        plans.transition_plan(plan, "approve", actor=p.officer1, params={})
    # editing after submission is refused
    with pytest.raises(InvalidInput, match="只能通过调整"):
        plans.update_plan(plan, actor=p.officer1, inputs={"officers": 11})
    before = _snapshot(plan)
    with pytest.raises(GuardFailed) as exc:
        plans.transition_plan(plan, "approve", actor=p.head, params={"approved_by": "", "approved_on": None})
    assert exc.value.code == "plan.approval_recorded" and _snapshot(plan) == before
    plan = plans.transition_plan(
        plan,
        "approve",
        actor=p.head,
        params={"approved_by": "浦口区人民政府", "approved_on": dt.date(2026, 5, 30)},
    )
    assert (plan.status, plan.approved_by) == (PlanStatus.APPROVED, "浦口区人民政府")
    assert Deadline.objects.get(kind=KIND_PLAN_PUBLISH, object_id=plan.pk).status == DeadlineStatus.OPEN
    plan = plans.transition_plan(plan, "publish", actor=p.head)
    assert plan.status == PlanStatus.PUBLISHED and plan.published_at is not None
    assert Deadline.objects.get(kind=KIND_PLAN_PUBLISH, object_id=plan.pk).status == DeadlineStatus.MET
    # head of another agency: not theirs
    with pytest.raises(NotAllowed):
        plans.transition_plan(plan, "adjust", actor=p.head_b, reason="x")


def test_adjustment_is_a_new_version_and_keeps_the_old(world):
    p = world.personas
    plan = AnnualPlan.objects.get(agency=p.agencies.district_a, year=2026)
    old = plan.current_version
    before = _snapshot(plan)
    with pytest.raises(GuardFailed) as exc:
        plans.transition_plan(plan, "adjust", actor=p.head, reason="  ")
    assert exc.value.code == "plan.reason_given" and _snapshot(plan) == before
    plan = plans.transition_plan(
        plan, "adjust", actor=p.head, reason="新增有限空间专项检查", params={"inputs": {"officers": 12}}
    )
    new = plan.current_version
    assert (new.number, new.officers, new.reason) == (2, 12, "新增有限空间专项检查")
    old.refresh_from_db()
    assert (old.number, old.officers) == (1, 10)
    assert new.quotas.count() == old.quotas.count() and plan.status == PlanStatus.PUBLISHED
    plan = plans.transition_plan(
        plan,
        "adjust",
        actor=p.head,
        reason="调减双随机抽查",
        params={"quotas": [{"kind": "random", "sector": "machinery", "count": 10}]},
    )
    assert plan.current_version.number == 3 and plan.current_version.planned_general == 10
    assert plan.versions.count() == 3
    assert AuditEvent.objects.filter(action="plan.adjust", object_id=plan.pk).count() == 2


def test_every_scheme_belongs_to_the_approved_plan(world):
    p = world.personas
    scheme = world.scheme(approved=False)
    assert scheme.plan == AnnualPlan.objects.get(agency=p.agencies.district_a, year=2026)
    with pytest.raises(GuardFailed, match="年度监督检查计划尚未批准") as exc:
        schemes.create_scheme(
            actor=p.officer1,
            enterprise=world.enterprise,
            item=world.item,
            window_start=dt.date(2027, 1, 10),
            window_end=dt.date(2027, 1, 12),
            officers=[p.officer1, p.officer2],
            templates=[world.dust],
        )
    assert exc.value.code == "scheme.in_plan"


def test_frequency_caps_are_seeded_as_data():
    rows = {
        (c.sector_group, c.class_label): c.max_per_year
        for c in FrequencyCap.objects.filter(jurisdiction="14")
    }
    assert rows[("危险化学品和金属冶炼", "未定级")] == 12
    assert rows[("非高危行业", "标准化一级")] == 1
    assert rows[("非煤矿山", "D类")] == 4
    assert rows[("煤矿", "A类")] == 2
    assert len(rows) == 16


def test_cap_never_exceeded_counting_every_level(world):
    """A 标准化一级 machinery plant in 山西 (region 14…) may be inspected once a year; a scheme of the city
    (another level) counts too."""
    p, a = world.personas, world.personas.agencies
    ent = EnterpriseFactory(
        agency=a.district_a, region_code="140105", sector="machinery", standardization_level="level1"
    )
    kwargs = {
        "actor": p.officer1,
        "enterprise": ent,
        "item": world.item,
        "officers": [p.officer1, p.officer2],
        "templates": [world.dust],
    }
    schemes.create_scheme(window_start=dt.date(2026, 6, 8), window_end=dt.date(2026, 6, 9), **kwargs)
    count = InspectionScheme.objects.count()
    with pytest.raises(GuardFailed, match="达到频次上限1次/年") as exc:
        schemes.create_scheme(window_start=dt.date(2026, 9, 1), window_end=dt.date(2026, 9, 2), **kwargs)
    assert exc.value.code == "scheme.frequency_cap" and InspectionScheme.objects.count() == count
    # next year the count starts again — but 2027 has no plan yet, so the plan guard answers first
    # a level-3 plant may be inspected 4 times; a city-level scheme (another level) counts towards it
    ent3 = EnterpriseFactory(
        agency=a.district_a, region_code="140105", sector="machinery", standardization_level="level3"
    )
    InspectionScheme.objects.create(
        agency=a.city,
        enterprise=ent3,
        item=world.item,
        title="市局检查",
        window_start=dt.date(2026, 3, 1),
        window_end=dt.date(2026, 3, 2),
        status=SchemeStatus.DONE,
        prepared_by=p.cityadmin,
    )
    kwargs["enterprise"] = ent3
    for month in (6, 7, 8):
        schemes.create_scheme(
            window_start=dt.date(2026, month, 10), window_end=dt.date(2026, month, 11), **kwargs
        )
    with pytest.raises(GuardFailed, match="已安排执法检查4次"):
        schemes.create_scheme(window_start=dt.date(2026, 10, 10), window_end=dt.date(2026, 10, 11), **kwargs)
    # a cancelled scheme frees its place
    last = InspectionScheme.objects.filter(enterprise=ent3, agency=a.district_a).latest("id")
    schemes.transition_scheme(last, "cancel", actor=p.officer1)
    schemes.create_scheme(window_start=dt.date(2026, 10, 10), window_end=dt.date(2026, 10, 11), **kwargs)


def test_no_cap_outside_its_jurisdiction(world):
    a = world.personas.agencies
    ent = EnterpriseFactory(
        agency=a.district_a, region_code="320111", sector="machinery", standardization_level="level1"
    )
    from inspections.services.caps import cap_for

    assert cap_for(ent, dt.date(2026, 6, 1)) is None
    ent.region_code = "140105"
    assert cap_for(ent, dt.date(2026, 6, 1)).max_per_year == 1
    assert cap_for(ent, dt.date(2025, 1, 1)) is None  # before the table took effect


def test_make_plan_builder_states(world):
    p = world.personas
    plan = make_plan(p.agencies.district_a, p.officer1, p.head, year=2027, state="draft")
    assert plan.status == PlanStatus.DRAFT
