"""立案 from a hazard through the core registry provider the inspections app asks for (ERRATA: a major
hazard is first instance; a general one only after a failed re-check)."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.choices import CaseStatus as S
from cases.models import Case
from cases.services.workflow import transition_case
from enforcement.core.exceptions import GuardFailed
from inspections.choices import HazardLevel, HazardStatus
from inspections.models import ChecklistTemplate
from inspections.services import hazards
from tests.factories import AgencyPowerFactory, EnforcementItemFactory
from tests.inspections.builders import World
from tests.inspections.plan_builders import make_plan


@pytest.fixture
def iw(cw):
    item = EnforcementItemFactory(code="320111-JC-001", name="监督检查", kind="inspection")
    AgencyPowerFactory(agency=cw.personas.agencies.district_a, item=item, valid_from=dt.date(2021, 9, 1))
    # every inspection belongs to the agency's approved annual plan
    make_plan(cw.personas.agencies.district_a, cw.personas.officer1, cw.personas.head)
    return World(
        personas=cw.personas,
        item=item,
        enterprise=cw.enterprise,
        other_enterprise=cw.enterprise,
        dust=ChecklistTemplate.objects.get(code="GM-DUST"),
    )


def test_major_hazard_files_a_draft_case_naming_the_hazard(client, iw):
    p = iw.personas
    h = iw.hazard(level=HazardLevel.MAJOR)
    client.force_login(p.officer1)
    detail = client.get(f"/api/v1/hazards/{h.pk}/").json()
    assert "file_case" in detail["available_actions"]
    r = client.post(
        f"/api/v1/hazards/{h.pk}/actions/file_case/",
        {"reason": "除尘系统未设泄爆装置"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    case = Case.objects.get(pk=r.json()["case"])
    assert case.source == "inspection" and case.source_ref == {"hazard": h.pk} and case.hazard_id == h.pk
    assert case.status == S.DRAFT and case.enterprise_id == h.enterprise_id
    assert [row.user_id for row in case.handler_rows.order_by("-is_lead", "id")] == [
        p.officer1.pk,
        p.officer2.pk,
    ]
    h.refresh_from_db()
    assert h.status == HazardStatus.CASE_FILED and h.case_object_id == case.pk
    detail = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["source_ref"] == {"hazard": h.pk}
    assert transition_case(case, "submit_filing", actor=p.officer1, params={}).status == S.SUBMITTED


def test_general_hazard_only_after_a_failed_recheck(iw):
    p = iw.personas
    h = iw.hazard_in(HazardStatus.RECTIFYING)
    with pytest.raises(GuardFailed):
        hazards.transition_hazard(h, "file_case", actor=p.officer1)
    h = iw.hazard_in(HazardStatus.OVERDUE)
    h = hazards.transition_hazard(h, "file_case", actor=p.head)
    assert Case.objects.get(pk=h.case_object_id).source_ref == {"hazard": h.pk}


def test_creation_page_opened_from_a_hazard_links_it(client, iw):
    p = iw.personas
    h = iw.hazard(level=HazardLevel.MAJOR)
    client.force_login(p.officer1)
    html = client.get("/cases/new/", {"hazard": h.pk}).content.decode()
    assert f'<option value="hazard:{h.pk}" selected>' in html
    r = client.post(
        "/cases/new/",
        {
            "party_kind": "enterprise",
            "enterprise": str(h.enterprise_id),
            "source": "inspection",
            "source_link": f"hazard:{h.pk}",
            "cause": "重大事故隐患未采取措施消除",
            "violation_date": dt.date(2026, 5, 20).isoformat(),
            "lead": str(p.officer1.pk),
            "others": [str(p.officer2.pk)],
        },
    )
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.source_ref == {"hazard": h.pk} and case.hazard_id == h.pk
    assert case.inspection_id == h.inspection_id
