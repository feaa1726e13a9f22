"""The case page and its API reads cost the same number of queries whatever the number of events,
documents and evidence items (each grown ×10, with different actors, collectors and downloads)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.choices import CaseStatus as S
from cases.models import Case, CaseEvent, CaseEvidence, EvidenceDownload
from enforcement.core.models import Document

URLS = ["/cases/{pk}/", "/api/v1/cases/{pk}/", "/api/v1/cases/{pk}/timeline/"]
URLS += ["/api/v1/cases/{pk}/documents/", "/api/v1/cases/{pk}/evidence/"]


def grow(case: Case, n: int, people: list) -> None:
    """Add ``n`` events, ``n`` documents and ``n`` evidence items (each downloaded twice) to ``case``."""
    now = timezone.now()
    ct = ContentType.objects.get_for_model(Case)
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case=case,
                action="note",
                on_date=dt.date(2026, 6, 1),
                actor=people[i % len(people)],
                summary=f"事件甲{i}",
            )
            for i in range(n)
        ]
    )
    Document.objects.bulk_create(
        [
            Document(
                kind="CASE_NOTE",
                title=f"文书乙{i}",
                agency_id=case.deciding_agency_id,
                content_type=ct,
                object_id=case.pk,
                file=f"documents/2026/06/x{i}.pdf",
                sha256="0" * 64,
                issued_at=now,
                issued_by=people[i % len(people)],
            )
            for i in range(n)
        ]
    )
    items = CaseEvidence.objects.bulk_create(
        [
            CaseEvidence(
                case=case,
                kind="photo",
                description=f"证明丙{i}",
                file=f"evidence/2026/06/p{i}.jpg",
                original_name=f"p{i}.jpg",
                content_type="image/jpeg",
                size=1000,
                sha256="1" * 64,
                collector=people[i % len(people)],
                place="车间",
            )
            for i in range(n)
        ]
    )
    EvidenceDownload.objects.bulk_create(
        [EvidenceDownload(evidence=e, user=people[k]) for e in items for k in range(2)]
    )


def counts(client, case: Case) -> dict[str, int]:
    out = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url.format(pk=case.pk))
        assert response.status_code == 200, url
        out[url] = len(ctx)
    return out


@pytest.mark.parametrize("state", [S.FILED, S.NOTIFIED])
def test_case_page_queries_independent_of_events_documents_evidence(client, cw, state):
    p = cw.personas
    case = cw.reach(state)
    people = [p.officer1, p.officer2, p.head]
    grow(case, 3, people)
    client.force_login(p.officer1)
    counts(client, case)  # warm the per-process caches (content types, settings)
    small = counts(client, case)
    grow(case, 27, people)  # ×10
    assert counts(client, case) == small
    html = client.get(f"/cases/{case.pk}/").content.decode()
    # every row is shown (evidence and documents also appear in the pickers of the forms that cite them)
    assert html.count("事件甲") == 30 and html.count("证明丙") >= 30 and html.count("文书乙") >= 30
