"""文书 of payment and execution (spec §2.2 row 14) issued through the core document service: the
延期（分期）缴纳罚款批准书 (行政处罚法 Art 66 ¶2), the 催告书 with the live 加处罚款 figure (行政强制法 Art 35,
45) and the 强制执行申请书 (Art 55). Skipped when documents are not rendered (``documents.enabled``)."""

from __future__ import annotations

from typing import Any

from enforcement.core.models import Document
from enforcement.core.registry import DocumentKind
from enforcement.core.services.documents import issue_document

from ..models import Case, CaseDecision
from ..rules import payment as rules
from ..rules.money import yuan_both
from . import documents
from .common import handlers_of, settings_for

DOC_DEFERRAL = "fine_deferral"
DOC_DEMAND = "payment_demand"
DOC_COURT = "court_enforcement_application"
PAYMENT_DOCUMENT_KINDS = (
    DocumentKind(
        DOC_DEFERRAL, "延期（分期）缴纳罚款批准书", template="documents/cases/deferral.html", abbr="缓缴"
    ),
    DocumentKind(DOC_DEMAND, "催告书", template="documents/cases/demand.html", abbr="催告"),
    DocumentKind(
        DOC_COURT, "强制执行申请书", template="documents/cases/court_application.html", abbr="强执申"
    ),
)
TITLES = {k.code: k.label for k in PAYMENT_DOCUMENT_KINDS}


def _issue(kind: str, case: Case, actor: Any, decision: CaseDecision, **context: Any) -> Document | None:
    if not documents.enabled():
        return None
    return issue_document(
        kind=kind,
        agency=case.deciding_agency,
        title=TITLES[kind],
        subject=case,
        actor=actor,
        context={
            "case": case,
            "decision": decision,
            "handlers": handlers_of(case),
            "payment": settings_for(case.deciding_agency_id),
            **context,
        },
    )


def issue_deferral(case: Case, actor: Any, decision: CaseDecision, row: Any) -> Document | None:
    plan = [{**i, "amount_text": yuan_both(int(i["amount"]))} for i in row.schedule]
    return _issue(DOC_DEFERRAL, case, actor, decision, deferral=row, plan=plan)


def _figures(led: Any) -> dict[str, Any]:
    return {
        "ledger": led,
        "outstanding_text": yuan_both(led.outstanding),
        "surcharge_yuan": led.surcharge.yuan,
        "surcharge_due_yuan": rules.fen_text(led.surcharge_due_fen),
        "cap_yuan": rules.fen_text(led.surcharge.cap_fen),
    }


def issue_demand(case: Case, actor: Any, led: Any) -> Document | None:
    return _issue(DOC_DEMAND, case, actor, led.decision, **_figures(led))


def issue_court_application(case: Case, actor: Any, led: Any, court: str) -> Document | None:
    return _issue(DOC_COURT, case, actor, led.decision, court=court, **_figures(led))
