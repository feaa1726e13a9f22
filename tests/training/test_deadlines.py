"""Reminder deadlines: certificate expiry (90/30/7), annual review, training-hours shortfall.

The daily scan (core) sends one reminder per (deadline, stage, recipient); here we check the deadlines the
training services open and close: kinds, due dates, responsible users and the kinds' reminder stages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from enforcement.core.models import Deadline
from enforcement.core.registry import REGISTRY
from tests.factories import UserFactory
from tests.training.helpers import give_certificate
from training import services
from training.models import Certificate


def rows(subject):
    ct = ContentType.objects.get_for_model(subject)
    return list(
        Deadline.objects.filter(content_type=ct, object_id=subject.pk)
        .order_by("id")
        .values_list("kind", "due_date", "status")
    )


def responsible(deadline_kind, subject):
    ct = ContentType.objects.get_for_model(subject)
    d = Deadline.objects.get(content_type=ct, object_id=subject.pk, kind=deadline_kind, status="open")
    return sorted(d.responsible.values_list("username", flat=True))


def test_kinds_registered_with_reminder_stages():
    assert REGISTRY.deadline_kinds["training.cert_expiry"].reminder_days == (90, 30, 7)
    assert REGISTRY.deadline_kinds["training.annual_review"].reminder_days == (30, 7, 0)
    assert REGISTRY.deadline_kinds["training.hours"].reminder_days == (60, 30, 7)


def test_issue_opens_expiry_and_first_review_deadlines_for_officer_and_admin(personas, frozen):
    cert = give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2026, 3, 1))
    assert rows(cert) == [
        ("training.cert_expiry", dt.date(2031, 2, 28), "open"),
        ("training.annual_review", dt.date(2027, 12, 31), "open"),
    ]
    # district A has no 系统管理员: the nearest ancestor's admin (the city's) is responsible with the officer
    assert responsible("training.cert_expiry", cert) == ["cityadmin", "officer1"]
    district_admin = UserFactory(
        username="admin_a", agency=personas.agencies.district_a, roles=["系统管理员"]
    )
    cert2 = give_certificate(personas.officer2, actor=district_admin, issued_on=dt.date(2026, 3, 1))
    assert responsible("training.annual_review", cert2) == ["admin_a", "officer2"]


def test_review_closes_and_opens_next_year_and_renew_moves_deadlines(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2024, 3, 1))
    services.record_annual_review(
        cert, actor=admin, year=2025, result="passed", reviewed_on=dt.date(2026, 5, 1)
    )
    assert rows(cert) == [
        ("training.cert_expiry", dt.date(2029, 2, 28), "open"),
        ("training.annual_review", dt.date(2025, 12, 31), "met"),
        ("training.annual_review", dt.date(2026, 12, 31), "open"),
    ]
    new = services.renew_certificate(cert, actor=admin, number="NEW-9")
    assert rows(cert) == [
        ("training.cert_expiry", dt.date(2029, 2, 28), "met"),
        ("training.annual_review", dt.date(2025, 12, 31), "met"),
        ("training.annual_review", dt.date(2026, 12, 31), "met"),
    ]
    assert rows(new) == [
        ("training.cert_expiry", dt.date(2031, 5, 31), "open"),
        ("training.annual_review", dt.date(2027, 12, 31), "open"),
    ]
    services.cancel_certificate(new, actor=admin, reason="辞职")
    assert [r[2] for r in rows(new)] == ["waived", "waived"]


def test_no_review_deadline_owed_after_expiry(personas, frozen):
    cert = give_certificate(
        personas.officer1,
        actor=personas.cityadmin,
        issued_on=dt.date(2026, 3, 1),
        expires_on=dt.date(2027, 6, 30),
    )
    assert rows(cert) == [("training.cert_expiry", dt.date(2027, 6, 30), "open")]


def test_training_hours_deadlines_open_once_and_close_when_met(personas, frozen):
    admin = personas.cityadmin
    services.set_training_requirement(
        personas.agencies.city, actor=admin, from_year=2026, annual_hours=Decimal("20")
    )
    services.record_training(
        personas.officer2,
        actor=admin,
        kind="legal",
        title="法律知识",
        start_on=dt.date(2026, 3, 1),
        hours=20,
        result="passed",
    )
    opened = services.open_training_hours_deadlines()
    # enforcement staff below 20 hours: officer1, expired, head, reviewer, supervisor (city), officer_other, head_b
    expected = {"officer1", "expired", "head", "reviewer", "supervisor", "officer_other", "head_b"}
    got = set(Deadline.objects.filter(kind="training.hours").values_list("title", flat=True))
    assert opened == len(expected) == len(got)
    assert services.open_training_hours_deadlines() == 0  # idempotent
    assert rows(personas.officer1) == [("training.hours", dt.date(2026, 12, 31), "open")]
    assert responsible("training.hours", personas.officer1) == ["cityadmin", "officer1"]
    services.record_training(
        personas.officer1,
        actor=admin,
        kind="skills",
        title="专业技能",
        start_on=dt.date(2026, 4, 1),
        hours=12,
        result="passed",
    )
    assert rows(personas.officer1)[0][2] == "open"
    services.record_training(
        personas.officer1,
        actor=admin,
        kind="skills",
        title="专业技能",
        start_on=dt.date(2026, 4, 2),
        hours=8,
        result="failed",
    )
    assert rows(personas.officer1)[0][2] == "open"  # failed hours do not count
    services.record_training(
        personas.officer1,
        actor=admin,
        kind="drill",
        title="岗位练兵",
        start_on=dt.date(2026, 5, 2),
        hours=8,
        result="attended",
    )
    assert rows(personas.officer1) == [("training.hours", dt.date(2026, 12, 31), "met")]
    assert Certificate.objects.count() == 0


def test_hours_task_is_idempotent(personas, frozen):
    from training.tasks import open_training_hours_deadlines_task

    first = open_training_hours_deadlines_task()
    assert first == Deadline.objects.filter(kind="training.hours").count() == 8
    assert open_training_hours_deadlines_task() == 0


def test_hours_task_follows_requirement_changes_and_staff_changes(personas, frozen):
    """The daily task keeps the deadlines in step: a lowered requirement closes them as met, a raised one
    opens a new deadline for those who met the old one, leaving enforcement staff waives them."""
    admin = personas.cityadmin
    city = personas.agencies.city
    services.set_training_requirement(city, actor=admin, from_year=2026, annual_hours=Decimal("20"))
    services.record_training(
        personas.officer1, actor=admin, kind="legal", title="法律", start_on=frozen, hours=12, result="passed"
    )
    services.record_training(
        personas.officer2, actor=admin, kind="legal", title="法律", start_on=frozen, hours=24, result="passed"
    )
    services.open_training_hours_deadlines()
    assert rows(personas.officer1) == [("training.hours", dt.date(2026, 12, 31), "open")]
    assert rows(personas.officer2) == []
    # lowered to 10: officer1 meets it now; the next run closes the deadline (no more reminders)
    services.set_training_requirement(city, actor=admin, from_year=2026, annual_hours=Decimal("10"))
    assert services.open_training_hours_deadlines() == 0
    assert rows(personas.officer1) == [("training.hours", dt.date(2026, 12, 31), "met")]
    # raised to 30: both are short again; a new deadline names the new figure
    services.set_training_requirement(city, actor=admin, from_year=2026, annual_hours=Decimal("30"))
    assert services.open_training_hours_deadlines() == 2
    assert rows(personas.officer1)[-1] == ("training.hours", dt.date(2026, 12, 31), "open")
    titles = Deadline.objects.filter(kind="training.hours", status="open").values_list("title", flat=True)
    assert {"王执法 2026年度培训须满30学时", "李执法 2026年度培训须满30学时"} <= set(titles)
    # officer2 leaves enforcement (role removed): their deadline is waived, nobody is reminded
    personas.officer2.groups.clear()
    assert services.open_training_hours_deadlines() == 0
    assert rows(personas.officer2) == [("training.hours", dt.date(2026, 12, 31), "waived")]
    assert services.open_training_hours_deadlines() == 0  # idempotent
