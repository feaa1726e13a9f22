"""Transfer (移送, spec §11, ERRATA; 国务院令第310号): from investigation or after concluding it, by the head
on a ≥ 2-officer report; the 移送书 with the evidence list; the receipt, the police's 3-day decision
(Art 8), the follow-up of a declined transfer (Art 9–10) and the way back; 行刑衔接 rows; every (state,
action) pair outside the table refused with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseStatus as S
from cases.models import Case, CaseHandler, CaseTransfer
from cases.rules import transfer as rules
from cases.workflow import TRANSITIONS
from enforcement.core.exceptions import GuardFailed, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from tests.cases.test_api import READERS, state
from tests.factories import UserFactory
from tests.support.matrix import assert_matrix
from tests.training.helpers import give_certificate

POLICE = {"to": "public_security", "receiving_body": "南京市公安局浦口分局", "reason": "涉嫌危险作业罪。"}
MOVES = {"transfer", "record_transfer_receipt", "resume_after_transfer"}


def deadlines(case):
    return {
        d.kind: d
        for d in Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        ).order_by("id")
    }


def test_decline_refusal_rule():
    # 国务院令310 Art 8: a non-立案 decision is notified in writing with its reasons
    assert rules.decline_refusal("declined", "") is not None
    assert rules.decline_refusal("declined", "不构成犯罪") is None
    assert rules.decline_refusal("accepted", "") is None
    assert rules.POLICE_DECISION_DAYS == rules.RECONSIDER_REQUEST_DAYS == rules.HANDOVER_DAYS == 3


def test_table_sources():
    rows = {t.action: t for t in TRANSITIONS}
    assert S.INVESTIGATING in rows["transfer"].sources and S.LEGAL_REVIEW in rows["transfer"].sources
    assert S.DECIDED not in rows["transfer"].sources and S.DRAFT not in rows["transfer"].sources
    assert rows["transfer"].who == ("head",)
    assert rows["record_transfer_receipt"].sources == frozenset({S.TRANSFERRED})
    assert rows["resume_after_transfer"].target == S.INVESTIGATING


def test_transfer_to_police_declined_and_resumed(cw):
    p = cw.personas
    c = cw.reach(S.NOTIFIED)
    due = c.decision_due
    c = cw.move(c, "transfer", actor=p.head, **POLICE)
    assert c.status == S.TRANSFERRED
    event = AuditEvent.objects.filter(action="case.transfer").get()
    assert event.data["to"] == "transferred" and event.data["transfer_to"] == "public_security"
    row = CaseTransfer.objects.get(case=c)
    assert row.from_status == S.NOTIFIED and row.reporting_officers == ["王执法", "李执法"]
    ds = deadlines(c)
    assert ds["CASE_DECISION"].status == "suspended"
    assert ds["CASE_DEFENCE"].status == "waived"
    assert ds["CASE_TRANSFER_POLICE_DECISION"].due_date == dt.date(2026, 6, 4)
    assert "第八条" in ds["CASE_TRANSFER_POLICE_DECISION"].basis
    # the ordinary moves are refused while the case is away
    for action in ("decide", "conclude_investigation", "notify", "transfer"):
        with pytest.raises((InvalidTransition, NotAllowed)):
            cw.move(c, action, actor=p.head)
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "resume_after_transfer", actor=p.head, follow_up="x")
    assert exc.value.code == "case.transfer_declined"
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "record_transfer_receipt", outcome="declined", received_on=dt.date(2026, 6, 1))
    assert exc.value.code == "case.transfer_receipt_input" and "第八条" in exc.value.message
    c = cw.move(c, "record_transfer_receipt", received_on=dt.date(2026, 6, 1), receipt_by="张警官")
    c = cw.move(
        c,
        "record_transfer_receipt",
        outcome="declined",
        outcome_on=dt.date(2026, 6, 1),
        outcome_reason="情节显著轻微，不认为是犯罪",
    )
    ds = deadlines(c)
    assert ds["CASE_TRANSFER_POLICE_DECISION"].status == "met"
    assert (
        ds["CASE_TRANSFER_RECONSIDER"].status == "open" and "第九条" in ds["CASE_TRANSFER_RECONSIDER"].basis
    )
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "record_transfer_receipt", outcome="accepted")
    assert "不能更改" in exc.value.message
    with pytest.raises(NotAllowed):
        cw.move(c, "resume_after_transfer", follow_up="依法作出行政处理")  # officer1: the head decides
    c = cw.move(c, "resume_after_transfer", actor=p.head, follow_up="不提请复议，依法作出行政处理")
    assert c.status == S.INVESTIGATING and c.notice_date is None
    ds = deadlines(c)
    assert ds["CASE_TRANSFER_RECONSIDER"].status == "met" and ds["CASE_DECISION"].status == "open"
    assert c.decision_due == due  # suspended and resumed the same day
    row.refresh_from_db()
    assert row.resumed_on == dt.date(2026, 6, 1) and row.outcome == "declined" and row.follow_up
    # the case goes on: a fresh conclusion and notice
    c = cw.move(c, "conclude_investigation", **cw.conclusion())
    c = cw.move(c, "notify")
    assert c.status == S.NOTIFIED


def test_accepted_transfer_opens_the_handover_deadline(cw):
    p = cw.personas
    c = cw.move(cw.reach(S.FILED), "transfer", actor=p.head, **POLICE)
    c = cw.move(c, "record_transfer_receipt", received_on=dt.date(2026, 6, 1), outcome="accepted")
    ds = deadlines(c)
    assert ds["CASE_TRANSFER_HANDOVER"].status == "open" and "第十二条" in ds["CASE_TRANSFER_HANDOVER"].basis
    c = cw.move(c, "record_transfer_receipt", handed_over_on=dt.date(2026, 6, 1))
    assert deadlines(c)["CASE_TRANSFER_HANDOVER"].status == "met"
    with pytest.raises(GuardFailed):
        cw.move(c, "resume_after_transfer", actor=p.head, follow_up="x")
    assert Case.objects.get(pk=c.pk).status == S.TRANSFERRED


def test_transfer_to_other_agency_has_no_police_deadline(cw):
    c = cw.reach(S.INVESTIGATION_CLOSED)
    body = {
        "to": "other_agency",
        "receiving_body": "南京市浦口区市场监督管理局",
        "reason": "不属本机关管辖。",
    }
    c = cw.move(c, "transfer", actor=cw.personas.head, **body)
    assert "CASE_TRANSFER_POLICE_DECISION" not in deadlines(c)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**POLICE, "to": "court"}, "case.transfer_input"),
        ({**POLICE, "receiving_body": " "}, "case.transfer_input"),
        ({**POLICE, "reason": ""}, "case.transfer_input"),
        ({**POLICE, "date": dt.date(2026, 6, 2)}, "case.date_valid"),
    ],
)
def test_transfer_guards_change_nothing(cw, body, code):
    c = cw.reach(S.FILED)
    before = state()
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "transfer", actor=cw.personas.head, **body)
    assert exc.value.code == code
    assert state() == before and not CaseTransfer.objects.exists()


def test_transfer_needs_two_qualified_officers(cw):
    p = cw.personas
    c = cw.reach(S.FILED)
    # the reporting team: one of the two handlers has no valid certificate any more
    CaseHandler.objects.filter(case=c, user=p.officer2).update(user=p.expired)
    with pytest.raises(GuardFailed) as exc:
        cw.move(Case.objects.get(pk=c.pk), "transfer", actor=p.head, **POLICE)
    assert exc.value.code == "case.two_handlers" and "第四十二条" in exc.value.message


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.SUBMITTED, S.REJECTED, S.DECIDED, S.NO_PENALTY, S.CLOSED, S.ARCHIVED]
)
def test_transfer_refused_outside_the_table(cw, status):
    c = cw.draft()
    Case.objects.filter(pk=c.pk).update(status=status)
    before = state()
    for action in MOVES:
        with pytest.raises(InvalidTransition):
            cw.move(Case.objects.get(pk=c.pk), action, actor=cw.personas.head, **POLICE)
    assert state() == before


def test_api_matrix_and_detail(client, cw):
    p = cw.personas
    third = UserFactory(
        username="officer3", real_name="孙执法", agency=p.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(third, actor=p.cityadmin, issued_on=dt.date(2025, 3, 1))
    c = cw.reach(S.FILED, case=cw.draft(handlers=[p.officer1, third]))
    url = f"/api/v1/cases/{c.pk}/actions/transfer/"
    expectations = {
        **{k: v for k, v in READERS.items() if v != 200},
        "officer1": 403,  # a handler reports; the head decides
        "supervisor": 403,
        "head": 200,
    }
    body = {**POLICE, "date": "2026-06-01"}
    responses = assert_matrix(client, "post", url, expectations, personas=p, data=body, state=state)
    out = responses["head"].json()
    assert out["status"] == "transferred" and out["transfers"][0]["to"] == "public_security"
    assert "record_transfer_receipt" in out["available_actions"]
    client.force_login(p.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/record_transfer_receipt/",
        {"received_on": "2026-06-01", "outcome": "declined", "outcome_reason": "不构成犯罪"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["transfers"][0]["outcome"] == "declined"
    client.force_login(p.head)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/resume_after_transfer/", {}, content_type="application/json"
    )
    assert r.status_code == 400
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/resume_after_transfer/",
        {"follow_up": "依法作出行政处理"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "investigating"


def test_case_page_shows_the_transfer(client, cw):
    p = cw.personas
    c = cw.move(cw.reach(S.FILED), "transfer", actor=p.head, **POLICE)
    client.force_login(p.officer1)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'id="case-transfers"' in html and "南京市公安局浦口分局" in html and "待回执" in html
    assert 'data-action="record_transfer_receipt"' in html
    client.force_login(p.head)
    form = {
        "record_transfer_receipt-received_on": "2026-06-01",
        "record_transfer_receipt-outcome": "accepted",
    }
    assert client.post(f"/cases/{c.pk}/actions/record_transfer_receipt/", form).status_code == 302
    assert CaseTransfer.objects.get(case=c).outcome == "accepted"
    client.force_login(p.officer_other)
    assert client.get(f"/cases/{c.pk}/").status_code == 404


def test_a_review_under_way_ends_with_the_transfer(cw):
    p = cw.personas
    c = cw.reach(S.WAIVED)
    c = cw.move(c, "submit_legal_review")
    assert c.review_status == "pending"
    c = cw.move(c, "transfer", actor=p.head, **POLICE)
    assert c.review_status == "" and c.reviews.get().opinion == "案件已移送，审核终止"
    assert deadlines(c)["CASE_LEGAL_REVIEW"].status == "waived"
    assert not Case.objects.visible_to(p.reviewer).filter(pk=c.pk).exists()
