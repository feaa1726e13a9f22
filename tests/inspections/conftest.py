"""Fixtures of the inspections tests: a frozen day, an inspection item district A holds, certified officers,
an enterprise, and builders that reach every state through the real services."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from enforcement.core.models import ItemKind
from inspections.models import ChecklistTemplate
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, EnterpriseFactory
from tests.training.helpers import give_certificate

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def frozen():
    with time_machine.travel(
        dt.datetime(2026, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield TODAY


@pytest.fixture
def world(personas, frozen, work_calendar):
    """officer1, officer2 and head certified; ``expired`` holds an expired certificate; assistant none."""
    return make_world(personas)


def make_world(personas):
    from inspections import seed
    from tests.inspections.builders import World

    seed.load()  # the migration's reference data; a transactional test before this one flushed it

    admin = personas.cityadmin
    for p in (personas.officer1, personas.officer2, personas.head, personas.officer_other):
        give_certificate(p, actor=admin, issued_on=dt.date(2025, 3, 1))
    give_certificate(
        personas.expired, actor=admin, issued_on=dt.date(2020, 3, 1), expires_on=dt.date(2025, 2, 28)
    )
    item = EnforcementItemFactory(
        code="320111-JC-001", name="对生产经营单位安全生产情况的监督检查", kind=ItemKind.INSPECTION
    )
    AgencyPowerFactory(agency=personas.agencies.district_a, item=item, valid_from=dt.date(2021, 9, 1))
    AgencyPowerFactory(agency=personas.agencies.district_b, item=item, valid_from=dt.date(2021, 9, 1))
    enterprise = EnterpriseFactory(name="南京浦口金属制品有限公司", agency=personas.agencies.district_a)
    other = EnterpriseFactory(name="南京江宁木业有限公司", agency=personas.agencies.district_b)
    return World(
        personas=personas,
        item=item,
        enterprise=enterprise,
        other_enterprise=other,
        dust=ChecklistTemplate.objects.get(code="GM-DUST"),
    )
