"""Issued case 文书 never change: each one's stored file is checked against the SHA-256 core recorded at
issue, and re-rendered from the context it was issued with (``CaseDocument``) to compare bytes/text."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from enforcement.core.models import Document
from enforcement.core.services.document_render import (
    DocumentCheck,
    check_document,
    check_file_only,
    thaw_context,
)

from ..models import Case, CaseDocument


def check_case_documents(case: Case) -> list[DocumentCheck]:
    docs = list(
        Document.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=case.pk)
        .select_related("agency")
        .order_by("issued_at", "id")
    )
    contexts = dict(CaseDocument.objects.filter(document__in=docs).values_list("document_id", "context"))
    out = []
    for doc in docs:
        stored = contexts.get(doc.pk)
        out.append(check_document(doc, thaw_context(stored)) if stored is not None else check_file_only(doc))
    return out
