"""文书 of the decision path: 立案审批表 at 立案, 行政处罚告知书 at 告知, and at the decision one 行政处罚决定书
per party punished (the unit, and each responsible person fined, 一案双罚) or a 不予行政处罚决定书."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from enforcement.core.models import Document

from ...models import Case, CaseEvidence
from ...rules.money import yuan_both
from ..common import settings_for
from .base import issue
from .chain import PERSON_SUBJECTS
from .kinds import DOC_DECISION, DOC_FILING, DOC_HEARING_RIGHT, DOC_NO_PENALTY, DOC_NOTICE, DOCUMENT_KINDS

OWN = {k.code for k in DOCUMENT_KINDS}  # the procedure's own 文书 are not evidence


def issue_filing(case: Case, actor: Any) -> Document | None:
    return issue(DOC_FILING, case, actor)


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
    return issue(
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


def record_of(case: Case) -> dict[str, Any]:
    """What the decision cites (spec §4.3): the numbered evidence list (evidence items, the 文书 of the
    hazard the case came from, the case's evidence 文书 such as 询问笔录) and the 告知书 numbers served."""
    ct = ContentType.objects.get_for_model(Case)
    earlier = list(
        Document.objects.filter(content_type=ct, object_id=case.pk)
        .order_by("issued_at", "id")
        .values_list("kind", "title", "number")
    )
    evidence = [
        f"{e.get_kind_display()}：{e.description}"
        for e in CaseEvidence.objects.filter(case=case, superseded_at__isnull=True).order_by("id")
    ]
    if case.hazard_id:
        hazard_docs = Document.objects.filter(
            content_type=ContentType.objects.get_by_natural_key("inspections", "hazard"),
            object_id=case.hazard_id,
        ).order_by("issued_at", "id")
        evidence += [f"{d.title}（{d.number}）" if d.number else d.title for d in hazard_docs]
    evidence += [
        f"{title}（{number}）" if number else title for kind, title, number in earlier if kind not in OWN
    ]
    notices = [number for kind, _t, number in earlier if kind in (DOC_NOTICE, DOC_HEARING_RIGHT) and number]
    return {"evidence_list": evidence, "notice_numbers": notices}


def issue_for_case(
    kind: str, case: Case, actor: Any, title: str | None = None, **context: Any
) -> Document | None:
    """Issue a 文书 of ``case`` of a kind registered elsewhere in the app (summary, transfer)."""
    return issue(kind, case, actor, title, **context)


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
    return issue(DOC_NO_PENALTY, case, actor, **record_of(case))


def issue_decision(case: Case, actor: Any, party: dict[str, Any]) -> Document | None:
    """The 行政处罚决定书 of one party (spec §4.3), citing the evidence and the notices served."""
    person = party["person"]
    return issue(
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
        **record_of(case),
    )
