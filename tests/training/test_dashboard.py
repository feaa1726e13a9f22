"""Compliance dashboard: figures equal counts computed independently from the raw rows; constant queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from enforcement.core import roles
from enforcement.core.models import User
from tests.training.helpers import give_certificate
from training import dashboard, services
from training.demo import bulk_officers
from training.models import (
    AnnualReview,
    Certificate,
    OfficerProfile,
    ProfessionalQualification,
    TrainingRecord,
)

ON = dt.date(2026, 6, 1)


@pytest.fixture
def dataset(personas, frozen):
    admin = personas.cityadmin
    services.set_training_requirement(
        personas.agencies.city,
        actor=admin,
        from_year=2024,
        annual_hours=Decimal("24"),
        rotation_start=dt.date(2024, 1, 1),
        rotation_deadline=dt.date(2024, 6, 30),
    )
    services.set_training_requirement(
        personas.agencies.district_b, actor=admin, from_year=2026, annual_hours=Decimal("40")
    )
    c1 = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2024, 3, 1))
    services.record_annual_review(
        c1, actor=admin, year=2025, result="passed", reviewed_on=dt.date(2025, 11, 1)
    )
    give_certificate(personas.officer2, actor=admin, issued_on=dt.date(2024, 3, 1))  # 2025 review missing
    give_certificate(
        personas.head, actor=admin, issued_on=dt.date(2021, 8, 1)
    )  # expires 2026-07-31, review missing
    give_certificate(personas.expired, actor=admin, issued_on=dt.date(2021, 5, 1))  # expired 2026-04-30
    c5 = give_certificate(personas.officer_other, actor=admin, issued_on=dt.date(2025, 1, 1))
    services.suspend_certificate(c5, actor=admin, reason="粗暴执法")
    services.record_training(
        personas.officer1,
        actor=admin,
        kind="legal",
        title="t",
        start_on=dt.date(2026, 2, 1),
        hours=24,
        result="passed",
    )
    services.record_training(
        personas.officer_other,
        actor=admin,
        kind="legal",
        title="t",
        start_on=dt.date(2026, 2, 1),
        hours=24,
        result="passed",
    )
    services.record_training(
        personas.officer2,
        actor=admin,
        kind="rotation",
        title="轮训",
        start_on=dt.date(2024, 5, 1),
        hours=32,
        result="passed",
    )
    services.record_training(
        personas.head,
        actor=admin,
        kind="rotation",
        title="轮训",
        start_on=dt.date(2024, 7, 1),
        hours=32,
        result="passed",
    )
    services.update_officer_profile(personas.officer2, actor=admin, education_related=True)
    services.add_qualification(personas.reviewer, actor=admin, kind="legal", obtained_on=dt.date(2019, 1, 1))
    services.add_qualification(
        personas.head,
        actor=admin,
        kind="safety_engineer",
        obtained_on=dt.date(2019, 1, 1),
        expires_on=dt.date(2025, 12, 31),
    )
    bulk_officers(120, today=ON)
    return personas


def expected_names(root, on):
    """Recompute every figure from raw rows in plain Python (not through training.dashboard)."""
    staff = [
        u
        for u in User.objects.filter(is_active=True, agency__path__startswith=root.path).prefetch_related(
            "groups"
        )
        if {g.name for g in u.groups.all()} & set(roles.ENFORCEMENT_ROLES)
        and roles.ASSISTANT not in {g.name for g in u.groups.all()}
    ]
    ids = {u.pk for u in staff}
    certs = list(Certificate.objects.filter(holder_id__in=ids))
    reviewed = set(AnnualReview.objects.values_list("certificate_id", "year"))
    valid = {c.holder_id: c for c in certs if c.status == "issued" and c.issued_on <= on <= c.expires_on}
    hours: dict[int, Decimal] = {}
    rotation = set()
    for r in TrainingRecord.objects.filter(officer_id__in=ids):
        if r.result == "failed":
            continue
        if r.start_on.year == on.year:
            hours[r.officer_id] = hours.get(r.officer_id, Decimal(0)) + r.hours
        if r.kind == "rotation" and dt.date(2024, 1, 1) <= r.start_on <= dt.date(2024, 6, 30):
            rotation.add(r.officer_id)
    related = set(OfficerProfile.objects.filter(education_related=True).values_list("user_id", flat=True))
    qualified_ids = {
        q.officer_id
        for q in ProfessionalQualification.objects.all()
        if q.obtained_on <= on and (q.expires_on is None or on <= q.expires_on)
    }
    district_b = User.objects.get(username="officer_other").agency
    city = district_b.parent
    names: dict[str, set[str]] = {k: set() for k in dashboard.COUNTED}
    for u in staff:
        # province: coded default (60 h, no rotation); district B: its own 2026 row (40 h, no rotation —
        # a row replaces the inherited one as a whole); the rest of the city: the city's row (24 h, rotation)
        if u.agency.is_within(district_b):
            required, in_rotation = Decimal(40), False
        elif u.agency.is_within(city):
            required, in_rotation = Decimal(24), True
        else:
            required, in_rotation = Decimal(60), False
        c = valid.get(u.pk)
        flags = {
            "staff": True,
            "valid": c is not None,
            "expiring": c is not None and c.expires_on <= on + dt.timedelta(days=90),
            # due 12-31: on 2026-06-01 the 2025 review is the one in question
            "review_overdue": c is not None
            and c.issued_on.year < 2025
            and c.expires_on >= dt.date(2025, 12, 31)
            and (c.pk, 2025) not in reviewed,
            "hours_short": hours.get(u.pk, Decimal(0)) < required,
            "rotation_staff": in_rotation,
            "rotation_done": in_rotation and u.pk in rotation,
            "qualified": u.pk in related or u.pk in qualified_ids,
        }
        for k, v in flags.items():
            if v:
                names[k].add(u.username)
    return names


def expected_counts(root, on):
    return {k: len(v) for k, v in expected_names(root, on).items()}


def test_figures_equal_independent_counts_for_each_agency(dataset):
    a = dataset.agencies
    rows = {r.agency.pk: r for r in dashboard.compute(a.province, ON)}
    for agency in (a.province, a.city, a.district_a, a.district_b, a.street_a):
        assert rows[agency.pk].counts == expected_counts(agency, ON), agency.name
    # rolled up: the city's figures are its own plus its districts'
    assert dashboard.compute(a.city, ON)[0].counts == expected_counts(a.city, ON)


def test_personas_figures_exactly(personas, frozen):
    """A hand-checked small case (no bulk rows)."""
    admin = personas.cityadmin
    give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2024, 3, 1))  # review 2025 overdue
    give_certificate(personas.head, actor=admin, issued_on=dt.date(2021, 8, 1))  # expiring 2026-07-31
    give_certificate(personas.expired, actor=admin, issued_on=dt.date(2021, 5, 1))  # expired
    summary = dashboard.compute(personas.agencies.district_a, ON)[0]
    # district A staff: head, officer1, officer2, reviewer, expired (assistant excluded)
    assert summary.counts == {
        "staff": 5,
        "valid": 2,
        "expiring": 1,
        "review_overdue": 2,
        "hours_short": 5,
        "rotation_staff": 0,
        "rotation_done": 0,
        "qualified": 0,
    }
    assert summary.valid_share == Decimal("40.0")
    names = list(
        dashboard.drilldown(personas.agencies.district_a, "review_overdue", ON).values_list(
            "username", flat=True
        )
    )
    assert names == ["head", "officer1"]
    names = list(
        dashboard.drilldown(personas.agencies.district_a, "not_valid", ON).values_list("username", flat=True)
    )
    assert names == ["expired", "officer2", "reviewer"]


def test_query_count_does_not_grow_with_officers(personas, frozen):
    root = personas.agencies.province
    bulk_officers(30, today=ON)
    with CaptureQueriesContext(connection) as small:
        dashboard.compute(root, ON)
    bulk_officers(300, today=ON)
    with CaptureQueriesContext(connection) as large:
        dashboard.compute(root, ON)
    assert len(small) == len(large) == 3


def test_dashboard_page_and_drilldown_and_export(dataset, client, django_assert_num_queries):
    a = dataset.agencies
    client.force_login(dataset.cityadmin)
    response = client.get("/training/")
    assert response.status_code == 200
    expected = expected_counts(a.city, ON)
    assert response.context["summary"].counts == expected
    html = response.content.decode()
    assert f'id="fig-valid">{expected["valid"]}</a>' in html
    # drill-down lists exactly the names behind the figure
    response = client.get(f"/training/figures/expiring/?agency={a.district_a.pk}")
    assert response.status_code == 200
    assert {o.username for o in response.context["page"].object_list} == expected_names(a.district_a, ON)[
        "expiring"
    ]
    assert "head" in expected_names(a.district_a, ON)["expiring"]
    response = client.get("/training/figures/nonsense/")
    assert response.status_code == 404
    response = client.get(f"/training/export.xlsx?agency={a.city.pk}")
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[1][0] == "南京市应急管理局"
    assert list(summary[1][1:9]) == [expected[k] for k in dashboard.COUNTED]
    people = list(wb["人员明细"].iter_rows(values_only=True))
    assert len(people) - 1 == expected["staff"]
    officer2 = next(r for r in people if r[0] == "officer2")
    assert officer2[5:] == ("是", "否", "是", "是", "是", "是")


def test_dashboard_page_queries_constant(personas, frozen, client):
    client.force_login(personas.cityadmin)
    bulk_officers(20, today=ON)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/training/").status_code == 200
    bulk_officers(200, today=ON)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/training/").status_code == 200
    assert len(small) == len(large)


@pytest.mark.parametrize(
    "who,status",
    [
        ("officer1", 302),
        ("reviewer", 302),
        ("assistant", 302),
        ("head", 200),
        ("supervisor", 200),
        ("cityadmin", 200),
        ("admin", 200),
    ],
)
def test_dashboard_access(personas, frozen, client, who, status):
    client.force_login(getattr(personas, who))
    response = client.get("/training/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"/training/officers/{getattr(personas, who).pk}/"
        assert client.get("/training/figures/valid/").status_code == 403
        assert client.get("/training/export.xlsx").status_code == 403


def test_dashboard_agency_outside_scope_is_404(personas, frozen, client):
    client.force_login(personas.head)  # district A
    assert client.get(f"/training/?agency={personas.agencies.district_b.pk}").status_code == 404
    assert client.get(f"/training/?agency={personas.agencies.street_a.pk}").status_code == 200
    client.logout()
    assert client.get("/training/").status_code == 302


def test_every_figure_drills_down_to_exactly_its_names(dataset, client):
    """Each figure (and its complement lists) opens the names the test computes from the raw rows."""
    a = dataset.agencies
    client.force_login(dataset.cityadmin)
    for root in (a.city, a.district_a, a.district_b):
        names = expected_names(root, ON)
        names["not_valid"] = names["staff"] - names["valid"]
        names["rotation_pending"] = names["rotation_staff"] - names["rotation_done"]
        names["not_qualified"] = names["staff"] - names["qualified"]
        assert set(names) == set(dashboard.FIGURES)
        for figure, expected in names.items():
            response = client.get(f"/training/figures/{figure}/?agency={root.pk}&on={ON}&page_size=500")
            assert response.status_code == 200
            page = response.context["page"]
            got = {o.username for o in page.paginator.object_list}
            assert got == expected, (root.name, figure)
            assert f"共{len(expected)}人" in response.content.decode()


def test_dashboard_links_every_figure_of_every_agency_row(dataset, client):
    a = dataset.agencies
    client.force_login(dataset.cityadmin)
    html = client.get(f"/training/?on={ON}").content.decode()
    for agency in (a.city, a.district_a, a.district_b, a.street_a):
        counts = expected_counts(agency, ON)
        for figure in dashboard.COUNTED:
            link = f'href="/training/figures/{figure}/?agency={agency.pk}&amp;on={ON}">{counts[figure]}</a>'
            assert link in html, (agency.name, figure)
    for figure in dashboard.FIGURES:  # the summary links every figure, complements included
        assert f'href="/training/figures/{figure}/?agency={a.city.pk}&amp;on={ON}"' in html, figure
