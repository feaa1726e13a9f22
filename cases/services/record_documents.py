"""文书 of the structured evidence (spec §4.1 rows 03–09, 14), issued and numbered by the core document
service with the case as subject, so they list with the case's documents and are visible exactly as the
case is. Skipped when ``CASES_RENDER_DOCUMENTS`` is off (see ``cases.services.documents``)."""

from __future__ import annotations

from typing import Any

from enforcement.core.models import Document
from enforcement.core.registry import DocumentKind
from enforcement.core.services.documents import issue_document

from ..models import Case
from .documents import enabled

DOC_INTERVIEW = "case_interview"
DOC_SITE_RECORD = "case_site_record"
DOC_SAMPLING = "case_sampling"
DOC_PRESERVATION = "case_preservation_notice"
DOC_PRESERVATION_HANDLING = "case_preservation_handling"
DOC_SEIZURE = "case_seizure_decision"
DOC_SEIZURE_EXTENSION = "case_seizure_extension"
DOC_SEIZURE_RELEASE = "case_seizure_release"
DOC_SEIZURE_TESTING = "case_seizure_testing"

T = "documents/cases/"
RECORD_DOCUMENT_KINDS = (
    DocumentKind(DOC_INTERVIEW, "询问笔录", template=T + "interview.html", abbr="询笔"),
    DocumentKind(DOC_SITE_RECORD, "勘验笔录/现场笔录", template=T + "site_record.html", abbr="勘"),
    DocumentKind(DOC_SAMPLING, "抽样取证凭证", template=T + "sampling.html", abbr="抽"),
    DocumentKind(DOC_PRESERVATION, "先行登记保存证据通知书", template=T + "preservation.html", abbr="先保"),
    DocumentKind(
        DOC_PRESERVATION_HANDLING,
        "先行登记保存证据处理决定书",
        template=T + "preservation_handling.html",
        abbr="保处",
    ),
    DocumentKind(DOC_SEIZURE, "查封（扣押）决定书", template=T + "seizure.html", abbr="强制"),
    DocumentKind(
        DOC_SEIZURE_EXTENSION,
        "延长查封（扣押）期限决定书",
        template=T + "seizure_extension.html",
        abbr="强延",
    ),
    DocumentKind(
        DOC_SEIZURE_TESTING, "检测（检验、鉴定）期间告知书", template=T + "seizure_testing.html", abbr="检告"
    ),
    DocumentKind(
        DOC_SEIZURE_RELEASE, "解除查封（扣押）决定书", template=T + "seizure_release.html", abbr="强解"
    ),
)
LABELS = {k.code: k.label for k in RECORD_DOCUMENT_KINDS}


def issue_record_document(
    kind: str, case: Case, actor: Any, *, title: str | None = None, **context: Any
) -> Document | None:
    if not enabled():
        return None
    return issue_document(
        kind=kind,
        agency=case.deciding_agency,
        title=title or LABELS[kind],
        subject=case,
        actor=actor,
        context={"case": case, **context},
    )
