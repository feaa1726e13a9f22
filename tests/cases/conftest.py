"""Fixtures of the cases tests: a frozen day, certified officers, a qualified reviewer, the seed benchmark,
an enterprise of district A, and a builder that reaches every state through the real services."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from discretion.services import load_seed_benchmark
from enforcement.core.models import ItemKind
from tests.cases.builders import CaseWorld
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, EnterpriseFactory
from tests.training.helpers import give_certificate
from training import services as training_services

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _no_pdfs_unless_asked(request, settings):
    """State-machine tests skip rendering PDFs (ERRATA budgets); tests marked ``documents`` render them."""
    settings.CASES_RENDER_DOCUMENTS = request.node.get_closest_marker("documents") is not None


@pytest.fixture
def frozen():
    with time_machine.travel(
        dt.datetime(2026, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ) as traveller:
        yield traveller


@pytest.fixture
def cw(personas, frozen, work_calendar):
    return make_case_world(personas)


def make_case_world(personas) -> CaseWorld:
    admin = personas.cityadmin
    for p in (personas.officer1, personas.officer2, personas.head, personas.officer_other, personas.head_b):
        give_certificate(p, actor=admin, issued_on=dt.date(2025, 3, 1))
    give_certificate(
        personas.expired, actor=admin, issued_on=dt.date(2020, 3, 1), expires_on=dt.date(2025, 2, 28)
    )
    training_services.add_qualification(
        personas.reviewer, actor=admin, kind="legal", obtained_on=dt.date(2020, 2, 1), expires_on=None
    )
    load_seed_benchmark()
    item = EnforcementItemFactory(
        code="320111-CF-001", name="对生产经营单位安全生产违法行为的行政处罚", kind=ItemKind.PENALTY
    )
    AgencyPowerFactory(agency=personas.agencies.district_a, item=item, valid_from=dt.date(2021, 9, 1))
    enterprise = EnterpriseFactory(name="南京浦口金属制品有限公司", agency=personas.agencies.district_a)
    return CaseWorld(personas=personas, item=item, enterprise=enterprise)
