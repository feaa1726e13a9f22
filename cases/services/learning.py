"""What the cases app gives the rest of the product through the core registry:

- at ``decide``, the case's facts and chosen violation codes go to the discretion ``CASE_FACTS`` provider
  (learning from cases: the text ranks those violations in every agency's fact search, never shown).
  The party's name, representative, ID number and credit code are masked here first; the provider masks
  phone numbers and personal names too. A failing provider never blocks or rolls back the decision: the
  push runs once the decision is committed (``on_commit``), in its own transaction, and a failure is
  logged.
- ``RECENTLY_PENALISED`` (the draws' exclusion): enterprise ids penalised by a decision on or after a date.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from django.db import transaction

from enforcement.core.registry import CASE_FACTS, get_provider

from ..choices import CaseStatus, Proposal
from ..models import Case

log = logging.getLogger(__name__)

PENALISED_STATES = (CaseStatus.DECIDED, CaseStatus.EXECUTING, CaseStatus.CLOSED, CaseStatus.ARCHIVED)
# not "当事人": the provider masks the two or three characters after it as a person's name
PARTY_MASK = {"person": "涉案人员"}
UNIT_MASK = "该单位"


def case_ref(case: Case) -> str:
    return f"case-{case.pk}"


def fact_text(case: Case) -> str:
    """The case's established facts (查明的违法事实, else the cause) with the party's identity masked."""
    text = (case.facts or case.cause or "").strip()
    names = [case.party_name, case.party_representative]
    if case.enterprise_id and case.enterprise is not None:
        names += [case.enterprise.name, case.enterprise.legal_representative, case.enterprise.main_person]
    mask = PARTY_MASK.get(case.party_kind, UNIT_MASK)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, mask)
    for number in (case.party_id_number, case.party_credit_code):
        if number:
            text = text.replace(number, "＊证照号码＊").replace(number.lower(), "＊证照号码＊")
    return text


def after_decision(case: Case) -> None:
    """Called by the ``decide`` effect: the facts are pushed once the decision is committed."""
    pk = case.pk
    transaction.on_commit(lambda: push_case_facts(Case.objects.select_related("enterprise").get(pk=pk)))


def push_case_facts(case: Case) -> bool:
    """Send the decided case's facts to the discretion fact search; True when the provider took them.
    Never raises: the decision stands whatever happens here."""
    provider = get_provider(CASE_FACTS)
    codes = list(dict.fromkeys(v.violation_code for v in case.violations.all() if v.violation_code))
    text = fact_text(case)
    if provider is None or not codes or not text:
        return False
    try:
        with transaction.atomic():
            provider(
                agency_id=case.deciding_agency_id, case_ref=case_ref(case), text=text, violation_codes=codes
            )
    except Exception:  # noqa: BLE001 — any failure of another app's hook must leave the decision alone
        log.warning("case %s: pushing the facts to the discretion search failed", case.pk, exc_info=True)
        return False
    return True


def recently_penalised(enterprise_ids: Iterable[int], since: dt.date) -> set[int]:
    """The ``enterprise.recently_penalised`` provider: those of ``enterprise_ids`` a penalty decision was
    made against on or after ``since`` (decided cases, whatever happened after the decision)."""
    ids = list(enterprise_ids)
    if not ids:
        return set()
    rows = Case.objects.filter(
        enterprise_id__in=ids,
        proposal=Proposal.PENALTY,
        status__in=PENALISED_STATES,
        decided_on__gte=since,
    ).values_list("enterprise_id", flat=True)
    return set(rows)
