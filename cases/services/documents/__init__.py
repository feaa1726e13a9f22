"""文书 of a case (spec §4) issued through the core document/numbering service, each at the step that
produces it; previews (样稿) of what an action would issue; the re-render check of issued ones."""

from .base import Draft, enabled, previewing
from .chain import PERSON_SUBJECTS, discretion_chain
from .issue import (
    decision_parties,
    issue_decision,
    issue_filing,
    issue_for_case,
    issue_no_penalty,
    issue_notice,
    record_of,
)
from .kinds import (
    DOC_COLLECTIVE,
    DOC_DECISION,
    DOC_FILING,
    DOC_HEARING_NOTICE,
    DOC_HEARING_RECORD,
    DOC_HEARING_RIGHT,
    DOC_NO_PENALTY,
    DOC_NOTICE,
    DOC_REPORT,
    DOC_REVIEW_OPINION,
    DOCUMENT_KINDS,
    TITLES,
)
from .stages import issue_for_action

__all__ = [
    "DOCUMENT_KINDS",
    "DOC_COLLECTIVE",
    "DOC_DECISION",
    "DOC_FILING",
    "DOC_HEARING_NOTICE",
    "DOC_HEARING_RECORD",
    "DOC_HEARING_RIGHT",
    "DOC_NO_PENALTY",
    "DOC_NOTICE",
    "DOC_REPORT",
    "DOC_REVIEW_OPINION",
    "PERSON_SUBJECTS",
    "TITLES",
    "Draft",
    "discretion_chain",
    "enabled",
    "decision_parties",
    "issue_decision",
    "issue_for_case",
    "issue_no_penalty",
    "issue_filing",
    "issue_for_action",
    "issue_notice",
    "previewing",
    "record_of",
]
