"""文书 of a case (spec §4) issued through the core document/numbering service: 立案审批表 at 立案,
行政处罚告知书 (with the hearing right when it applies) at 告知, and at the decision one 行政处罚决定书 per
party punished (the unit, and each responsible person fined, 一案双罚) or a 不予行政处罚决定书.

``settings.CASES_RENDER_DOCUMENTS = False`` skips rendering (state-machine tests, ERRATA budgets)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from enforcement.core.models import Document
from enforcement.core.registry import REGISTRY, DocumentKind
from enforcement.core.services.documents import issue_document

from ..choices import FineSubject
from ..models import Case
from ..rules.money import yuan_both
from .common import handlers_of, settings_for

DOC_FILING = "case_filing"
DOC_NOTICE = "penalty_notice"
DOC_DECISION = "penalty_decision"
DOC_NO_PENALTY = "no_penalty_decision"

DOCUMENT_KINDS = (
    DocumentKind(DOC_FILING, "立案审批表", template="documents/cases/filing.html", abbr="立"),
    DocumentKind(DOC_NOTICE, "行政处罚告知书", template="documents/cases/notice.html", abbr="罚告"),
    DocumentKind(DOC_DECISION, "行政处罚决定书", template="documents/cases/decision.html", abbr="罚"),
    DocumentKind(
        DOC_NO_PENALTY, "不予行政处罚决定书", template="documents/cases/no_penalty.html", abbr="不罚"
    ),
)
TITLES = {k.code: k.label for k in DOCUMENT_KINDS}
PERSON_SUBJECTS = (FineSubject.RESPONSIBLE, FineSubject.MAIN)


def enabled() -> bool:
    return bool(getattr(settings, "CASES_RENDER_DOCUMENTS", True))


def _issue(kind: str, case: Case, actor: Any, title: str | None = None, **context: Any) -> Document | None:
    if not enabled():
        return None
    return issue_document(
        kind=kind,
        agency=case.deciding_agency,
        title=title or TITLES.get(kind) or REGISTRY.document_kinds[kind].label,
        subject=case,
        actor=actor,
        context={"case": case, "handlers": handlers_of(case), **context},
    )


def issue_for_case(
    kind: str, case: Case, actor: Any, title: str | None = None, **context: Any
) -> Document | None:
    """Issue a 文书 of ``case`` of a kind registered elsewhere in the app (summary, transfer)."""
    return _issue(kind, case, actor, title, **context)


def issue_filing(case: Case, actor: Any) -> Document | None:
    return _issue(DOC_FILING, case, actor)


def _lines(case: Case, *, decided: bool, person: str | None = None) -> tuple[list[dict[str, Any]], int]:
    """Per violation: the provision, the basis with the benchmark row/tier, the fines (for the unit, or
    for one named person) in figures and capitals; and the total."""
    rows, total = [], 0
    for v in case.violations.all():
        fines = v.decided_fines if decided else v.fines
        mine = [
            f
            for f in fines
            if (person is None and f["subject"] not in PERSON_SUBJECTS)
            or (person is not None and f["subject"] in PERSON_SUBJECTS and f.get("person") == person)
        ]
        amount = sum(int(f["amount"]) for f in mine)
        total += amount
        snap = v.snapshot
        tier = snap.get("tier") or {}
        rows.append(
            {
                "violation": v,
                "basis": snap.get("basis") or [],
                "benchmark": snap.get("benchmark_version_name") or snap.get("benchmark_version", ""),
                "tier": tier.get("name", ""),
                "amount": amount,
                "amount_text": yuan_both(amount),
                "measures": v.other_measures,
            }
        )
    return rows, total


def issue_notice(case: Case, actor: Any, hearing_reasons: list[str]) -> Document | None:
    rows, total = _lines(case, decided=False)
    persons = _persons(case, decided=False)
    return _issue(
        DOC_NOTICE,
        case,
        actor,
        rows=rows,
        total_text=yuan_both(total),
        persons=persons,
        hearing_reasons=hearing_reasons,
        defence_days=settings_for(case.deciding_agency_id).defence_days,
    )


def _persons(case: Case, *, decided: bool) -> list[dict[str, Any]]:
    names: list[str] = []
    for v in case.violations.all():
        for f in v.decided_fines if decided else v.fines:
            if f["subject"] in PERSON_SUBJECTS and f.get("person") and f["person"] not in names:
                names.append(f["person"])
    out = []
    for name in names:
        rows, total = _lines(case, decided=decided, person=name)
        out.append({"name": name, "rows": rows, "total": total, "total_text": yuan_both(total)})
    return out


def decision_parties(case: Case) -> list[dict[str, Any]]:
    """The parties a penalty decision concerns, from the decided fines: the case's party when it is fined
    or given another measure, then each responsible person fined (一案双罚) — 分别裁量、合并处罚 per party."""
    rows, total = _lines(case, decided=True)
    parties: list[dict[str, Any]] = []
    if total > 0 or any(r["measures"] for r in rows):
        measures = [m for r in rows for m in r["measures"]]
        parties.append({"person": None, "rows": rows, "total": total, "measures": measures})
    for person in _persons(case, decided=True):
        parties.append(
            {"person": person["name"], "rows": person["rows"], "total": person["total"], "measures": []}
        )
    return parties


def issue_no_penalty(case: Case, actor: Any) -> Document | None:
    return _issue(DOC_NO_PENALTY, case, actor)


def issue_decision(case: Case, actor: Any, party: dict[str, Any]) -> Document | None:
    """The 行政处罚决定书 of one party (spec §4.3)."""
    person = party["person"]
    return _issue(
        DOC_DECISION,
        case,
        actor,
        title="行政处罚决定书（个人）" if person else None,
        rows=party["rows"],
        total=party["total"],
        total_text=yuan_both(party["total"]),
        person=person,
        payment=settings_for(case.deciding_agency_id),
        remedy_body=case.deciding_agency.reconsideration_body or "本级人民政府",
    )
