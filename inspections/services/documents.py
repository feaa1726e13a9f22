"""文书 the inspections app issues through the core document/numbering service (spec §4)."""

from __future__ import annotations

from typing import Any

from django.db import models

from enforcement.core.models import Agency, Document
from enforcement.core.registry import DocumentKind
from enforcement.core.services.documents import issue_document

DOC_RECORD = "inspection_record"
DOC_ORDER = "rectification_order"
DOC_MEASURES = "onsite_measures"
DOC_RECHECK = "recheck_opinion"

DOCUMENT_KINDS = (
    DocumentKind(DOC_RECORD, "现场检查记录", template="documents/inspections/record.html", abbr="现记"),
    DocumentKind(DOC_ORDER, "责令限期整改指令书", template="documents/inspections/order.html", abbr="责改"),
    DocumentKind(
        DOC_MEASURES, "现场处理措施决定书", template="documents/inspections/measures.html", abbr="现决"
    ),
    DocumentKind(DOC_RECHECK, "整改复查意见书", template="documents/inspections/recheck.html", abbr="复查"),
)
TITLES = {k.code: k.label for k in DOCUMENT_KINDS}


def issue(
    kind: str, *, agency: Agency, subject: models.Model, actor: Any, context: dict[str, Any]
) -> Document:
    return issue_document(
        kind=kind, agency=agency, title=TITLES[kind], subject=subject, actor=actor, context=context
    )
