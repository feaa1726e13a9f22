"""One decision per party end to end (一案双罚, 安全生产法 Art 94/95 fines of the unit and of its principal
person; spec §1.13–1.15): two numbered 行政处罚决定书, two service records, two payment ledgers and two
publication entries — each on its own: serving or paying one does not touch the other, and the case closes
(当事人已履行) only once both are served and paid in full."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from cases.choices import CaseAction as A
from cases.choices import CaseStatus as S
from cases.models import CaseService, Publication
from cases.models.payment import CasePayment
from enforcement.core.exceptions import GuardFailed
from tests.cases.payment_helpers import ledger_of
from tests.cases.test_publication import decided

pytestmark = pytest.mark.documents

UNIT = {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]}
PERSON = {
    "violation": "AQ-094-P1",
    "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
}


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def test_each_party_has_its_own_decision_service_ledger_and_publication(cw, frozen):
    p = cw.personas
    c = decided(
        cw, [UNIT, PERSON], facts="经查，该公司未如实记录安全生产教育和培训情况，主要负责人未履行职责。"
    )
    assert c.status == S.DECIDED
    unit, person = c.decisions.order_by("id")
    assert (unit.party_name, person.party_name) == (cw.enterprise.name, "赵主要")
    assert unit.party_role != person.party_role
    # two numbered decision documents, each naming its own party and fine
    assert unit.number and person.number and unit.number != person.number
    assert unit.document_id and person.document_id and unit.document_id != person.document_id
    unit_text, person_text = pdf_text(unit.document.file.read()), pdf_text(person.document.file.read())
    assert unit.number in unit_text and cw.enterprise.name in unit_text and "贰万元" in unit_text
    assert person.number in person_text and "赵主要" in person_text and "叁万元" in person_text
    assert "叁万元" not in unit_text and "贰万元" not in person_text

    # service: one record each; the case executes only after the second
    c = cw.move(c, A.SERVE, decision=unit.pk, method="direct", recipient="钱法代")
    assert c.status == S.DECIDED
    person.refresh_from_db()
    assert person.served_on is None
    c = cw.move(c, A.SERVE, decision=person.pk, method="direct", recipient="赵主要")
    assert c.status == S.EXECUTING
    assert list(CaseService.objects.filter(case=c).order_by("id").values_list("decision_id", flat=True)) == [
        unit.pk,
        person.pk,
    ]

    # publication: one entry per decision, withdrawn on its own
    c = cw.move(c, A.PUBLISH, decision=unit.pk)
    c = cw.move(c, A.PUBLISH, decision=person.pk)
    assert Publication.objects.live().filter(decision__case=c).count() == 2
    c = cw.move(c, A.WITHDRAW_PUBLICATION, decision=person.pk, reason="决定已被变更")
    assert list(
        Publication.objects.live().filter(decision__case=c).values_list("decision_id", flat=True)
    ) == [unit.pk]

    # payment: paying the unit's fine settles nothing of the person's
    c = cw.move(c, A.RECORD_PAYMENT, decision=unit.pk, amount=20000, note="票据001")
    assert (ledger_of(unit).outstanding, ledger_of(person).outstanding) == (0, 30000)
    assert ledger_of(person).paid == 0
    with pytest.raises(GuardFailed) as refused:
        cw.move(c, A.CLOSE, p.head, ground="performed", note="")
    assert person.number in refused.value.message and "30000" in refused.value.message
    with pytest.raises(GuardFailed):  # more than the person's fine
        cw.move(c, A.RECORD_PAYMENT, decision=person.pk, amount=30001)
    frozen.shift(dt.timedelta(days=3))
    c = cw.move(c, A.RECORD_PAYMENT, decision=person.pk, amount=30000, note="票据002")
    assert list(
        CasePayment.objects.filter(decision__case=c).order_by("id").values_list("decision_id", "amount")
    ) == [
        (unit.pk, 20000),
        (person.pk, 30000),
    ]
    assert ledger_of(person).outstanding == 0 and ledger_of(unit).paid == 20000

    c = cw.move(c, A.CLOSE, p.head, ground="performed", note="两份决定均已缴清")
    assert c.status == S.CLOSED
