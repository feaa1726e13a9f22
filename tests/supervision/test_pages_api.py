"""Pages and ``/api/v1/case-file-reviews/`` scoped like the reviews: the permission matrix (supervisor in and
out of the subtree, reviewer assigned or not, the case's officer, an unrelated officer 404, the head), the
case-page panel, the workspace's materials while the grant lasts, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enforcement.core import roles
from supervision.models import CaseFileReview
from supervision.services import reviews
from tests.factories import UserFactory
from tests.support.matrix import assert_matrix

from .conftest import decide
from .helpers import make_campaign
from .test_reviews import _full_marks

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(sw):
    p = sw.p
    case = decide(sw.cw)
    campaign = make_campaign(p.supervisor, [p.agencies.district_a], ratio=100)
    review = reviews.assign_reviewer(campaign.reviews.get(case=case), sw.reviewer_b, actor=p.supervisor)
    p.reviewer_b = sw.reviewer_b
    p.reviewer_b2 = sw.reviewer_b2
    p.supervisor_b = UserFactory(username="sup_b", agency=p.agencies.district_b, roles=[roles.SUPERVISOR])
    p.admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    return campaign, review


READ = {
    "anonymous": 302,
    "supervisor": 200,  # organiser, subtree of the city
    "supervisor_b": 404,  # another subtree
    "reviewer_b": 200,  # assigned
    "reviewer_b2": 404,  # not assigned
    "officer1": 404,  # handler of the case: not while the review is being scored
    "officer2": 404,
    "officer_other": 404,
    "head": 200,
    "head_b": 404,
    "admin": 200,
}


def test_review_page_matrix(client, sw, world):
    _, review = world
    responses = assert_matrix(client, "get", f"/supervision/reviews/{review.pk}/", READ, personas=sw.p)
    assert 'id="score-form"' in responses["reviewer_b"].content.decode()
    assert 'name="i' in responses["reviewer_b"].content.decode()  # editable for the reviewer
    html = responses["reviewer_b"].content.decode()
    assert 'data-premark="C11"' in html and "无送达记录" in html


def test_api_matrix_and_shape(client, sw, world):
    _, review = world
    api = {**READ, "anonymous": 401}
    responses = assert_matrix(client, "get", f"/api/v1/case-file-reviews/{review.pk}/", api, personas=sw.p)
    body = responses["reviewer_b"].json()
    assert body["status"] == "assigned" and body["rubric"] == {"code": "AJPC-CF", "version": 1}
    assert [s["item"] for s in body["scores"]][:2] == ["V1", "V2"] and len(body["scores"]) == 28
    client.force_login(sw.p.officer_other)
    assert client.get("/api/v1/case-file-reviews/").json()["results"] == []
    client.force_login(sw.p.supervisor)
    assert [r["id"] for r in client.get("/api/v1/case-file-reviews/").json()["results"]] == [review.pk]
    assert client.post("/api/v1/case-file-reviews/", {}).status_code == 405


def test_writes_are_refused_to_the_wrong_people(client, sw, world):
    campaign, review = world
    p = sw.p
    for who in (p.officer1, p.reviewer_b2, p.head):
        client.force_login(who)
        r = client.post(f"/supervision/reviews/{review.pk}/save/", {"submit": "0"})
        assert r.status_code in (403, 404), who
    client.force_login(p.supervisor_b)
    assert client.post(f"/supervision/campaigns/{campaign.pk}/draw/").status_code == 404
    client.force_login(p.officer1)
    assert client.get("/supervision/campaigns/new/").status_code == 403
    assert client.get(f"/supervision/campaigns/{campaign.pk}/").status_code == 404


def test_workspace_materials_follow_the_grant_and_the_grade_locks(client, sw, world):
    _, review = world
    p = sw.p
    client.force_login(p.reviewer_b)
    page = client.get(f"/supervision/reviews/{review.pk}/").content.decode()
    assert 'id="review-timeline"' in page and "作出决定" in page
    data = {"submit": "1", "summary": "规范"}
    for s in _full_marks(review):
        key = f"i{s['item']}_"
        if "awarded" in s:
            data[key + "awarded"] = str(s["awarded"])
        data[key + "confirmed"] = "1"
    r = client.post(f"/supervision/reviews/{review.pk}/save/", data)
    assert r.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.total, review.grade) == ("submitted", 100, "excellent")
    page = client.get(f"/supervision/reviews/{review.pk}/").content.decode()
    assert 'id="no-materials"' in page and 'id="review-grade"' in page and 'name="i' not in page
    # the officer of the case sees the result on the case page (registry panel), read-only
    client.force_login(p.officer1)
    case_page = client.get(f"/cases/{review.case_id}/").content.decode()
    assert 'id="case-file-reviews"' in case_page and "100 分，优秀" in case_page
    own = client.get(f"/supervision/reviews/{review.pk}/").content.decode()
    assert 'id="review-grade"' in own and 'name="i' not in own and 'id="object-form"' not in own
    client.force_login(p.head)  # the head of the reviewed agency may object once
    assert 'id="object-form"' in client.get(f"/supervision/reviews/{review.pk}/").content.decode()
    client.force_login(p.officer_other)
    assert client.get(f"/cases/{review.case_id}/").status_code == 404


def test_campaign_page_and_index_query_counts(client, sw, world):
    campaign, _ = world
    for _ in range(2):
        decide(sw.cw)
    other = make_campaign(sw.p.supervisor, [sw.p.agencies.district_a], ratio=100, seed="s2")
    assert CaseFileReview.objects.filter(campaign=other).count() == 3
    client.force_login(sw.p.supervisor)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/supervision/campaigns/{campaign.pk}/").status_code == 200
    with CaptureQueriesContext(connection) as big:
        html = client.get(f"/supervision/campaigns/{other.pk}/").content.decode()
    assert 'id="progress"' in html and "是" in html
    # the city's yearly minimum (seed 004 ◐, data in AnnualQuota)
    assert "市级要求不少于 30 卷" in html
    # per-row reviewer choice lists are one query each; nothing else grows with the rows
    assert len(big) - len(small) == 2
    assert client.get("/supervision/").status_code == 200


def test_rectification_pages(client, sw, world):
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from supervision.models import Rectification
    from tests.support.images import image_bytes

    _, review = world
    p = sw.p
    reviews.save_scores(review, _full_marks(review, low=4), actor=p.reviewer_b)
    reviews.submit_review(review, actor=p.reviewer_b)
    client.force_login(p.supervisor)
    r = client.post(
        f"/supervision/reviews/{review.pk}/rectify/", {"findings": "补充立案依据", "due_date": "2026-06-20"}
    )
    rect = Rectification.objects.get()
    assert r["Location"] == f"/supervision/rectifications/{rect.pk}/"
    assert_matrix(
        client,
        "get",
        f"/supervision/rectifications/{rect.pk}/",
        {
            "head": 200,
            "officer1": 200,
            "supervisor": 200,
            "officer_other": 404,
            "head_b": 404,
            "reviewer_b2": 404,
        },
        personas=p,
    )
    client.force_login(p.head)
    assert 'id="answer-form"' in client.get(f"/supervision/rectifications/{rect.pk}/").content.decode()
    upload = SimpleUploadedFile("立案依据.png", image_bytes("PNG"), content_type="image/png")
    client.post(f"/supervision/rectifications/{rect.pk}/answer/", {"answer": "已补充", "files": [upload]})
    rect.refresh_from_db()
    assert (rect.status, rect.evidence.count()) == ("answered", 1)
    file_url = f"/supervision/rectifications/{rect.pk}/files/{rect.evidence.get().pk}/"
    assert client.get(file_url).status_code == 200
    client.force_login(p.officer_other)
    assert client.get(file_url).status_code == 404
    client.force_login(p.supervisor)
    client.post(f"/supervision/rectifications/{rect.pk}/decide/", {"accepted": "1", "opinion": "同意"})
    rect.refresh_from_db()
    assert rect.status == "accepted" and rect.due_date == dt.date(2026, 6, 20)


def test_workspace_query_count_does_not_grow_with_the_timeline(client, sw, world, django_assert_num_queries):
    _, review = world
    client.force_login(sw.p.reviewer_b)
    url = f"/supervision/reviews/{review.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    # more timeline rows on the case: same number of queries
    from cases.models import CaseEvent

    for n in range(3):
        CaseEvent.objects.create(
            case_id=review.case_id, action="note", on_date=review.case.decided_on, summary=f"备注{n}"
        )
    with django_assert_num_queries(len(first)):
        client.get(url)
