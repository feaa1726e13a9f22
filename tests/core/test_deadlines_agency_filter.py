"""The ``agency`` filter of /deadlines/ and /api/v1/deadlines/ (the dashboard's per-agency counts link to it):
it narrows what the user may see and never widens it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.factories import EnterpriseFactory
from tests.support.deadlines import deadline_kinds, make_deadline  # noqa: F401

from .test_deadlines_api import client_for, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("deadline_kinds")]


def test_agency_filter_narrows_within_the_scope(client, personas):
    p = personas
    a = make_deadline(EnterpriseFactory(agency=p.agencies.district_a), dt.date(2026, 6, 11), [p.officer1])
    s = make_deadline(EnterpriseFactory(agency=p.agencies.street_a), dt.date(2026, 6, 12), [p.officer1])
    b = make_deadline(
        EnterpriseFactory(agency=p.agencies.district_b), dt.date(2026, 6, 12), [p.officer_other]
    )
    url = "/api/v1/deadlines/?agency={}"
    assert ids(client_for(p.supervisor).get(url.format(p.agencies.street_a.pk))) == [s.pk]
    assert ids(client_for(p.supervisor).get(url.format(p.agencies.district_a.pk))) == [a.pk]
    assert ids(client_for(p.head).get(url.format(p.agencies.district_b.pk))) == []  # not in the head's scope
    assert ids(client_for(p.head_b).get(url.format(p.agencies.district_b.pk))) == [b.pk]
    client.force_login(p.supervisor)
    text = client.get(f"/deadlines/?agency={p.agencies.street_a.pk}").content.decode()
    assert re.findall(r'data-deadline="(\d+)"', text) == [str(s.pk)]
    assert f'name="agency" value="{p.agencies.street_a.pk}"' in text and p.agencies.street_a.name in text
