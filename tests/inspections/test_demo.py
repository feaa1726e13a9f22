"""seed_demo's inspections part: every hazard state for district A through the services; idempotent."""

from __future__ import annotations

from enforcement.core.models import AuditEvent
from inspections.demo import seed_inspections
from inspections.models import AnnualPlan, Hazard, Inspection, InspectionScheme
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, EnterpriseFactory


def test_seed_covers_every_state_and_is_idempotent(world):
    district_a = world.personas.agencies.district_a
    item = EnforcementItemFactory(code="YJ-JC-001", kind="inspection")
    AgencyPowerFactory(agency=district_a, item=item)
    EnterpriseFactory.create_batch(9, agency=district_a)
    AnnualPlan.objects.filter(agency=district_a).update(current_version=None)
    AnnualPlan.objects.filter(agency=district_a).delete()  # the demo makes its own plan
    seed_inspections()
    plan = AnnualPlan.objects.get(agency=district_a, year=2026)
    assert plan.status == "published" and plan.current_version.number == 2 and plan.versions.count() == 2
    assert plan.current_version.planned_general == 330
    assert set(InspectionScheme.objects.values_list("plan_id", flat=True)) == {plan.pk}
    assert sorted(Hazard.objects.values_list("status", flat=True)) == sorted(
        ["found", "rectifying", "extension_requested", "overdue", "escalated", "closed"]
    )
    assert Hazard.objects.get(status="found").level == "major"
    assert sorted(InspectionScheme.objects.values_list("status", flat=True)) == sorted(
        ["draft", "submitted", "approved", "approved"] + ["done"] * 6
    )
    assert Inspection.objects.filter(status="draft").count() == 1
    events = AuditEvent.objects.count()
    seed_inspections()
    assert AuditEvent.objects.count() == events


def test_draws_seed_publishes_a_draw_and_joint_inspections_idempotently(world):
    from inspections.demo_draws import seed_draws
    from inspections.models import JointInspection, OfficerRecusal, RandomDraw
    from inspections.services import draw_checks, draws, joint

    district_a = world.personas.agencies.district_a
    item = EnforcementItemFactory(code="YJ-JC-001", kind="inspection")
    AgencyPowerFactory(agency=district_a, item=item)
    EnterpriseFactory.create_batch(20, agency=district_a)
    seed_draws()
    draw = RandomDraw.objects.get()
    assert (draw.status, draw.agency_id, draw.seed) == ("published", district_a.pk, "pukou-202606-demo")
    assert draw_checks.check_draw(draw).ok
    assert draws.draws_published(district_a, 2026) == 1
    assert sorted(JointInspection.objects.values_list("status", flat=True)) == ["done", "planned"]
    assert joint.visits_avoided(district_a, 2026) == 2
    assert OfficerRecusal.objects.count() == 1
    events = AuditEvent.objects.count()
    seed_draws()
    assert AuditEvent.objects.count() == events


def test_the_demo_major_hazard_becomes_a_case_naming_it(world):
    """seed_demo: one of the demo hazards has become a case (issue: inspections, seed_demo) — filed through the
    hazard's own 立案 action, so the hazard links the case and the case's source names the hazard."""
    from cases.demo import _case_from_a_major_hazard
    from cases.models import Case

    district_a = world.personas.agencies.district_a
    item = EnforcementItemFactory(code="YJ-JC-001", kind="inspection")
    AgencyPowerFactory(agency=district_a, item=item)
    EnterpriseFactory.create_batch(9, agency=district_a)
    AnnualPlan.objects.filter(agency=district_a).update(current_version=None)
    AnnualPlan.objects.filter(agency=district_a).delete()
    seed_inspections()
    major = Hazard.objects.get(status="found", level="major")
    _case_from_a_major_hazard(district_a, world.personas.officer1, None)
    major.refresh_from_db()
    case = Case.objects.get(pk=major.case_object_id)
    assert case.source == "inspection" and case.hazard_id == major.pk
    assert case.enterprise_id == major.enterprise_id
    _case_from_a_major_hazard(district_a, world.personas.officer1, None)  # idempotent: nothing more to file
    assert Case.objects.count() == 1
