"""The case 文书 kinds (spec §4.1) with their templates and 文书代字 (spec §4.2)."""

from __future__ import annotations

from enforcement.core.registry import DocumentKind

DOC_FILING = "case_filing"
DOC_NOTICE = "penalty_notice"
DOC_DECISION = "penalty_decision"
DOC_NO_PENALTY = "no_penalty_decision"
DOC_REPORT = "case_report"
DOC_HEARING_RIGHT = "hearing_right_notice"
DOC_HEARING_NOTICE = "hearing_notice"
DOC_HEARING_RECORD = "hearing_record"
DOC_REVIEW_OPINION = "legal_review_opinion"
DOC_COLLECTIVE = "collective_discussion"

_T = "documents/cases/"

DOCUMENT_KINDS = (
    DocumentKind(DOC_FILING, "立案审批表", template=_T + "filing.html", abbr="立"),
    DocumentKind(DOC_NOTICE, "行政处罚告知书", template=_T + "notice.html", abbr="罚告"),
    DocumentKind(DOC_DECISION, "行政处罚决定书", template=_T + "decision.html", abbr="罚"),
    DocumentKind(DOC_NO_PENALTY, "不予行政处罚决定书", template=_T + "no_penalty.html", abbr="不罚"),
    DocumentKind(DOC_REPORT, "案件处理呈批表", template=_T + "report.html", abbr="处呈"),
    DocumentKind(DOC_HEARING_RIGHT, "听证告知书", template=_T + "hearing_right.html", abbr="听告"),
    DocumentKind(DOC_HEARING_NOTICE, "听证会通知书", template=_T + "hearing_notice.html", abbr="听通"),
    DocumentKind(DOC_HEARING_RECORD, "听证笔录", template=_T + "hearing_record.html", abbr="听笔"),
    DocumentKind(DOC_REVIEW_OPINION, "法制审核意见书", template=_T + "review_opinion.html", abbr="法审"),
    DocumentKind(DOC_COLLECTIVE, "行政处罚集体讨论记录", template=_T + "collective.html", abbr="罚集"),
)
TITLES = {k.code: k.label for k in DOCUMENT_KINDS}
