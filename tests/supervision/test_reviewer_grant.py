"""A campaign reviewer's per-object grant (django-guardian ``cases.view_case``) is honoured by the cases'
``visible_to``: the reviewer reads the case (list row, page, evidence, documents, API detail) while the
review is with them — never before the assignment nor after the grant is removed — and gets no actions."""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CaseEvidence
from enforcement.core.models import Document
from supervision.services import reviews

from .conftest import decide
from .helpers import make_campaign

pytestmark = pytest.mark.django_db


def _document(case: Case) -> Document:
    doc = Document(
        kind="CASE_NOTE",
        title="行政处罚决定书",
        agency_id=case.deciding_agency_id,
        content_type=ContentType.objects.get_for_model(Case),
        object_id=case.pk,
        sha256="0" * 64,
        issued_at=timezone.now(),
    )
    doc.file.save("grant-test.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return doc


def _sees(client, user, case: Case, doc: Document) -> dict[str, bool]:
    client.force_login(user)
    listed = re.findall(r'data-case="(\d+)"', client.get("/cases/").content.decode())
    api_rows = [r["id"] for r in client.get("/api/v1/cases/").json()["results"]]
    return {
        "list": str(case.pk) in listed,
        "api_list": case.pk in api_rows,
        "page": client.get(f"/cases/{case.pk}/").status_code == 200,
        "evidence": client.get(f"/cases/{case.pk}/evidence/").status_code == 200,
        "api": client.get(f"/api/v1/cases/{case.pk}/").status_code == 200,
        "document": client.get(f"/documents/{doc.pk}/pdf/").status_code == 200,
    }


def test_reviewer_reads_the_case_only_while_the_review_is_with_them(client, sw):
    p = sw.p
    case = decide(sw.cw)
    doc = _document(case)
    review = make_campaign(p.supervisor, [p.agencies.district_a], ratio=100).reviews.get(case=case)
    nothing = dict.fromkeys(["list", "api_list", "page", "evidence", "api", "document"], False)
    everything = dict.fromkeys(nothing, True)
    assert _sees(client, sw.reviewer_b, case, doc) == nothing  # before the assignment

    review = reviews.assign_reviewer(review, sw.reviewer_b, actor=p.supervisor)
    assert _sees(client, sw.reviewer_b, case, doc) == everything
    assert _sees(client, sw.reviewer_b2, case, doc) == nothing  # another user never
    assert _sees(client, p.officer_other, case, doc) == nothing

    # read only: no action on the page or in the API, and an action posted anyway is refused
    client.force_login(sw.reviewer_b)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert body["available_actions"] == []
    before = Case.objects.get(pk=case.pk).status
    client.force_login(p.officer1)
    handler_actions = client.get(f"/api/v1/cases/{case.pk}/").json()["available_actions"]
    assert handler_actions  # the handler has something to do on this case; the reviewer may not do it
    client.force_login(sw.reviewer_b)
    for name in handler_actions:
        response = client.post(
            f"/api/v1/cases/{case.pk}/actions/{name}/", {}, content_type="application/json"
        )
        assert response.status_code in (400, 403), (name, response.content)
        assert client.post(f"/cases/{case.pk}/actions/{name}/", {}).status_code in (200, 302, 403)
    assert Case.objects.get(pk=case.pk).status == before
    photo = SimpleUploadedFile("x.jpg", b"\xff\xd8\xff\xe0" + b"0" * 64, content_type="image/jpeg")
    data = {"file": photo, "kind": "photo", "description": "评查人员上传"}
    assert client.post(f"/cases/{case.pk}/evidence/upload/", data).status_code == 403
    assert not CaseEvidence.objects.filter(case=case, description="评查人员上传").exists()
    assert client.get(f"/supervision/reviews/{review.pk}/").status_code == 200  # the workspace works

    # the grant ends with the submitted review
    entries = []
    for s in review.scores.select_related("item"):
        if s.item.is_veto:
            entries.append({"item": s.item_id, "veto_hit": False, "confirmed": True})
        else:
            entries.append({"item": s.item_id, "awarded": s.item.points, "confirmed": True})
    reviews.save_scores(review, entries, actor=sw.reviewer_b)
    reviews.submit_review(review, actor=sw.reviewer_b, summary="规范")
    assert _sees(client, sw.reviewer_b, case, doc) == nothing


def test_case_list_queries_unchanged_for_ordinary_users(client, sw):
    """The grant is one more subquery inside the same WHERE: an officer's and a head's case list run the
    same number of queries as before it: 7 each on a first visit (session, user with its agency, its roles,
    rows, the agency and handler options — cached afterwards — and the unread badge)."""
    p = sw.p
    for _ in range(3):
        decide(sw.cw)
    counts = {}
    for name in ("officer1", "head"):
        client.force_login(getattr(p, name))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/cases/").status_code == 200
        counts[name] = len(ctx.captured_queries)
    assert counts == EXPECTED_LIST_QUERIES


EXPECTED_LIST_QUERIES = {"officer1": 7, "head": 7}
