"""The efficacy-evaluation world: district A's and B's 2026 plans, inspections and hazards through the real
inspections services on 1 June 2026; cases, decisions and remedies as dated raw rows (as the 年报 tests);
reviews and scheme checks as rows; the evaluation built on 6 July 2026 (after H1 ended)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from cases.models import Case
from inspections.choices import HazardStatus
from supervision.models import Campaign, CaseFileReview, Rubric, SchemeCheck
from supervision.rules.efficacy import Period
from tests.factories import EnterpriseFactory
from tests.inspections.conftest import make_world
from tests.supervision.report import report_world as w
from training.models import TrainingRecord

D = dt.date
H1 = Period(2026, 1)
BUILD_DAY = dt.datetime(2026, 7, 6, 9, 0, tzinfo=w.TZ)
AS_OF = D(2026, 7, 6)


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=w.TZ), tick=False):
        yield


@pytest.fixture
def after_h1():
    """Travel to 6 July 2026 (inside the test, after the world was built on 1 June)."""
    with time_machine.travel(BUILD_DAY, tick=False):
        yield


@dataclass
class EWorld:
    p: Any
    iw: Any
    cases: dict[str, Case]


def _case(agency: Any, creator: Any, name: str, filed: D | None, decided: D | None) -> Case:
    c = w.case(agency, creator, name)
    if filed:
        w.event(c, "approve_filing", filed)
    Case.objects.filter(pk=c.pk).update(filed_on=filed, decided_on=decided)
    c.refresh_from_db()
    return c


@pytest.fixture
def eworld(personas, frozen, work_calendar) -> EWorld:
    p, a = personas, personas.agencies
    iw = make_world(personas)
    iw.enterprise.is_key = True
    iw.enterprise.save(update_fields=["is_key"])
    EnterpriseFactory(name="南京浦口化工有限公司", agency=a.district_a, is_key=True)  # never inspected
    iw.completed()
    iw.completed()
    iw.hazard_in(HazardStatus.CLOSED)  # rectified on time
    iw.hazard_in(HazardStatus.OVERDUE)  # failed its re-check
    iw.hazard_in(HazardStatus.RECTIFYING)  # deadline 30 June passed without a re-check
    # cases: filed / closed / decided in H1 (and outside it)
    c1 = _case(a.district_a, p.officer1, "甲公司", D(2026, 2, 2), D(2026, 3, 2))
    d1 = w.decision(c1, D(2026, 3, 2), amount=20000, measures=["罚款"])
    w.event(c1, "close", D(2026, 5, 1))
    c2 = _case(a.district_a, p.officer1, "乙公司", D(2026, 3, 10), None)
    c3 = _case(a.district_b, p.officer_other, "丙公司", D(2025, 12, 20), D(2026, 1, 15))
    d3 = w.decision(c3, D(2026, 1, 15), amount=5000, measures=["罚款"])
    c4 = _case(a.district_b, p.officer_other, "丁公司", D(2026, 7, 2), None)
    c5 = _case(a.street_a, p.officer1, "戊公司", D(2026, 4, 1), D(2026, 4, 1))  # decided on the filing day
    w.decision(c5, D(2026, 4, 1), measures=["警告"])
    w.remedy(d1, "reconsideration", D(2026, 3, 20), p.officer1, outcome="revoked", outcome_on=D(2026, 4, 1))
    w.remedy(d1, "litigation", D(2026, 3, 25), p.officer1, outcome="upheld", outcome_on=D(2026, 5, 1))
    w.remedy(d3, "reconsideration", D(2026, 2, 1), p.officer_other)  # pending: not concluded
    # spot-check reviews and scheme checks of H1
    rubric = Rubric.objects.order_by("pk").first()
    campaign = Campaign.objects.create(
        name="2026年上半年案卷评查",
        agency=a.city,
        period_start=D(2026, 1, 1),
        period_end=D(2026, 6, 30),
        due_date=D(2026, 6, 30),
        rubric=rubric,
        created_by=p.supervisor,
    )
    for case, agency, total, day in (
        (c1, a.district_a, 85, 10),
        (c3, a.district_b, 55, 11),
        (c2, a.district_a, 95, 12),
    ):
        CaseFileReview.objects.create(
            campaign=campaign,
            case=case,
            agency=agency,
            rubric=rubric,
            status="final",
            total=total,
            submitted_at=dt.datetime(2026, 5, day, 10, tzinfo=w.TZ),
        )
    CaseFileReview.objects.create(
        campaign=campaign, case=c4, agency=a.district_b, rubric=rubric, status="assigned"
    )
    for scheme, status in ((iw.scheme(), "compliant"), (iw.scheme(), "returned")):
        SchemeCheck.objects.create(
            campaign=campaign,
            scheme=scheme,
            agency=scheme.agency,
            status=status,
            checked_by=p.supervisor,
            checked_at=dt.datetime(2026, 5, 20, 10, tzinfo=w.TZ),
        )
    TrainingRecord.objects.create(
        officer=p.officer1,
        agency=a.district_a,
        kind="refresher",
        title="安全生产执法复训",
        start_on=D(2026, 3, 1),
        hours=Decimal("80"),
        result="passed",
    )
    return EWorld(p, iw, {"c1": c1, "c2": c2, "c3": c3, "c4": c4, "c5": c5})
