"""培训课程: create a course, record attendance (one training record each, counted in the hours),
all-or-nothing refusals, and the pages' permission matrix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from training import services
from training.models import Course, TrainingRecord


def counts():
    return (Course.objects.count(), TrainingRecord.objects.count(), AuditEvent.objects.count())


@pytest.fixture
def course(personas, frozen):
    return services.create_course(
        personas.agencies.district_a,
        actor=personas.cityadmin,
        title="2026年度安全生产执法复训",
        kind="refresher",
        hours=Decimal("24"),
        start_on=dt.date(2026, 5, 10),
        end_on=dt.date(2026, 5, 12),
        organiser="南京市应急管理局",
    )


def test_create_course_and_record_attendance(personas, course):
    assert AuditEvent.objects.filter(action="training.course_create").count() == 1
    services.set_training_requirement(
        personas.agencies.city, actor=personas.cityadmin, from_year=2026, annual_hours=Decimal("24")
    )
    services.open_training_hours_deadlines()
    records = services.record_attendance(
        course, [personas.officer1, personas.officer2, personas.officer1], actor=personas.cityadmin
    )
    assert sorted(
        TrainingRecord.objects.filter(course=course).values_list(
            "officer__username", "kind", "title", "start_on", "hours", "result"
        )
    ) == [
        (u, "refresher", "2026年度安全生产执法复训", dt.date(2026, 5, 10), Decimal("24.0"), "attended")
        for u in ("officer1", "officer2")
    ]
    assert len(records) == 2
    # the course's 24 hours meet the requirement: the hours deadlines are closed
    assert set(
        Deadline.objects.filter(
            kind="training.hours", object_id__in=[r.officer_id for r in records]
        ).values_list("status", flat=True)
    ) == {"met"}
    before = counts()
    with pytest.raises(InvalidInput) as excinfo:
        services.record_attendance(course, [personas.reviewer, personas.officer1], actor=personas.cityadmin)
    assert excinfo.value.message == "已登记参训：王执法"
    assert counts() == before


def test_refusals_change_nothing(personas, course):
    before = counts()
    for actor in (personas.head, personas.officer1, personas.supervisor):
        with pytest.raises(NotAllowed):
            services.create_course(
                personas.agencies.district_a,
                actor=actor,
                title="x",
                kind="legal",
                hours=8,
                start_on=dt.date(2026, 5, 1),
            )
        with pytest.raises(NotAllowed):
            services.record_attendance(course, [personas.officer1], actor=actor)
    with pytest.raises(InvalidInput):
        services.create_course(
            personas.agencies.district_a,
            actor=personas.cityadmin,
            title="x",
            kind="legal",
            hours=8,
            start_on=dt.date(2026, 5, 2),
            end_on=dt.date(2026, 5, 1),
        )
    # a district A admin may not record a district B officer: the whole attendance list is refused
    from tests.factories import UserFactory

    admin_a = UserFactory(username="admin_a", agency=personas.agencies.district_a, roles=["系统管理员"])
    with pytest.raises(NotAllowed):
        services.record_attendance(course, [personas.officer1, personas.officer_other], actor=admin_a)
    assert counts() == before


def test_course_pages(client, personas, course):
    url = f"/training/courses/{course.pk}/"
    body = {"officers": [personas.officer1.pk, personas.reviewer.pk], "result": "passed", "score": "90"}
    for who, list_rows, detail, post in [
        ("officer_other", 0, 404, 404),
        ("head_b", 0, 404, 404),
        ("officer1", 1, 200, 403),
        ("head", 1, 200, 403),
        ("supervisor", 1, 200, 403),
    ]:
        client.force_login(getattr(personas, who))
        assert len(client.get("/training/courses/").context["page"].object_list) == list_rows, who
        assert client.get(url).status_code == detail, who
        assert client.post(url, body).status_code == post, who
        assert client.get("/training/courses/new/").status_code in (403, 404), who
    assert TrainingRecord.objects.count() == 0
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(personas.cityadmin)
    response = client.get(url)
    assert {o.username for o in response.context["form"].fields["officers"].queryset} == {
        "assistant",
        "expired",
        "head",
        "officer1",
        "officer2",
        "reviewer",
    }
    response = client.post(url, body)
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "参训人员（2）" in html and "合格（90分）" in html
    response = client.post(
        "/training/courses/new/",
        {"title": "法律知识专题", "kind": "legal", "hours": "8", "start_on": "2026-06-01"},
    )
    created = Course.objects.get(title="法律知识专题")
    assert response["Location"] == f"/training/courses/{created.pk}/"
    assert created.agency == personas.agencies.city
