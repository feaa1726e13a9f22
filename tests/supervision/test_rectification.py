"""整改: findings to the agency with a core deadline; an answer with evidence (core uploads); accept or
return; late answers escalate through the daily job."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import Deadline, DeadlineStatus, Notification
from enforcement.core.rules.uploads import UploadRefused
from supervision.choices import RectificationStatus
from supervision.services import rectifications, reviews
from tests.support.images import image_bytes

from .conftest import decide
from .helpers import make_campaign
from .test_reviews import _full_marks

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(sw):
    p = sw.p
    case = decide(sw.cw)
    c = make_campaign(p.supervisor, [p.agencies.district_a], ratio=100)
    r = reviews.assign_reviewer(c.reviews.get(case=case), sw.reviewer_b, actor=p.supervisor)
    reviews.save_scores(r, _full_marks(r, low=4), actor=sw.reviewer_b)
    return reviews.submit_review(r, actor=sw.reviewer_b)


def test_notice_answer_accept(sw, submitted):
    p = sw.p
    with pytest.raises(NotAllowed):
        rectifications.issue_rectification(
            submitted, actor=p.head, findings="x", due_date=dt.date(2026, 6, 30)
        )
    rect = rectifications.issue_rectification(
        submitted, actor=p.supervisor, findings="立案审批表未载明立案依据", due_date=dt.date(2026, 6, 30)
    )
    d = Deadline.objects.get(pk=rect.deadline_id)
    assert (d.kind, d.due_date, d.agency_id) == (
        "supervision.rectification",
        dt.date(2026, 6, 30),
        p.agencies.district_a.pk,
    )
    assert set(d.responsible.values_list("username", flat=True)) == {"head", "supervisor"}
    assert Notification.objects.filter(recipient=p.head, object_id=rect.pk).count() == 1
    with pytest.raises(NotAllowed):
        rectifications.answer_rectification(rect, actor=p.officer_other, answer="已改")
    with pytest.raises(UploadRefused):
        rectifications.answer_rectification(
            rect, actor=p.head, answer="已改", files=[SimpleUploadedFile("a.html", b"<script>1</script>")]
        )
    rect = rectifications.answer_rectification(
        rect, actor=p.head, answer="已补充立案依据", files=[SimpleUploadedFile("a.png", image_bytes("PNG"))]
    )
    assert (rect.status, rect.evidence.count()) == (RectificationStatus.ANSWERED, 1)
    assert Deadline.objects.get(pk=d.pk).status == DeadlineStatus.MET
    with pytest.raises(InvalidInput):
        rectifications.decide_rectification(rect, actor=p.supervisor, accepted=False, opinion="")
    rect = rectifications.decide_rectification(
        rect, actor=p.supervisor, accepted=False, opinion="依据仍不完整", due_date=dt.date(2026, 7, 15)
    )
    assert rect.status == RectificationStatus.RETURNED and rect.deadline.due_date == dt.date(2026, 7, 15)
    rect = rectifications.answer_rectification(rect, actor=p.officer1, answer="已补正")
    rect = rectifications.decide_rectification(rect, actor=p.supervisor, accepted=True, opinion="同意")
    assert (rect.status, rect.rounds) == (RectificationStatus.ACCEPTED, 2)
    with pytest.raises(InvalidTransition):
        rectifications.answer_rectification(rect, actor=p.head, answer="again")


def test_late_answers_escalate_once(sw, submitted, frozen):
    p = sw.p
    rect = rectifications.issue_rectification(
        submitted, actor=p.supervisor, findings="送达回证缺失", due_date=dt.date(2026, 6, 10)
    )
    assert rectifications.escalate_overdue(dt.date(2026, 6, 10)) == 0
    assert rectifications.escalate_overdue(dt.date(2026, 6, 11)) == 1
    assert rectifications.escalate_overdue(dt.date(2026, 6, 12)) == 0
    rect.refresh_from_db()
    assert rect.status == RectificationStatus.ESCALATED
    assert (
        Notification.objects.filter(
            recipient=p.supervisor, object_id=rect.pk, title__startswith="整改逾期"
        ).count()
        == 1
    )
    frozen.move_to(dt.datetime(2026, 6, 12, 9, 0))
    rect = rectifications.answer_rectification(rect, actor=p.head, answer="已整改")
    assert rect.status == RectificationStatus.ANSWERED
