"""行政复议 / 行政诉讼 against a decision (spec §1.16, CONTRACT ``record_remedy``): the agency's answer
deadline, each outcome's effect on the decision (ERRATA list), 撤销并责令重新作出 reopening the case,
复议/诉讼 not at once, the surcharge pauses, 纠错率 per agency and period, refusals and permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.choices import CaseStatus as S
from cases.models import CaseRemedy
from cases.services.remedies import RECON_ANSWER, SUIT_ANSWER, correction_stats, surcharge_pauses
from cases.services.workflow import actions_for
from enforcement.core.models import AuditEvent, Deadline
from tests.cases.test_service import PERSON_FINE, decided, later

D = dt.date


def served(cw, frozen, violations=None):
    c = decided(cw, violations)
    return cw.move(c, "serve", method="direct", recipient="钱法代")


def post(client, case, action, body):
    return client.post(f"/api/v1/cases/{case.pk}/actions/{action}/", body, content_type="application/json")


def test_reconsideration_opens_the_answer_deadline_and_upheld_leaves_the_decision(client, cw, frozen):
    c = served(cw, frozen)
    d = c.decisions.get()
    later(frozen, D(2026, 9, 29))
    client.force_login(cw.personas.officer1)
    r = post(
        client, c, "record_remedy", {"decision": d.pk, "kind": "reconsideration", "received_on": "2026-09-28"}
    )
    assert r.status_code == 200, r.json()
    remedy = CaseRemedy.objects.get()
    assert (remedy.kind, remedy.received_on, remedy.answer_due, remedy.outcome) == (
        "reconsideration",
        D(2026, 9, 28),
        D(2026, 10, 16),  # 10 working days over 国庆, the 10-10 调休 Saturday counted
        "",
    )
    deadline = Deadline.objects.get(kind=RECON_ANSWER)
    assert (deadline.subject, deadline.due_date, deadline.day_type) == (d, D(2026, 10, 16), "working")
    row = r.json()["decisions"][0]
    assert row["remedies"][0]["answer_due"] == "2026-10-16" and row["remedies"][0]["outcome"] is None
    assert "record_remedy_outcome" in r.json()["available_actions"]
    r = post(client, c, "record_remedy_outcome", {"remedy": remedy.pk, "answered_on": "2026-09-29"})
    assert r.status_code == 200
    deadline.refresh_from_db()
    assert deadline.status == "met"
    r = post(
        client,
        c,
        "record_remedy_outcome",
        {"remedy": remedy.pk, "outcome": "upheld", "outcome_on": "2026-09-29"},
    )
    assert r.status_code == 200 and r.json()["status"] == "executing"
    d.refresh_from_db()
    assert (d.amount, d.original_amount, d.ended_on) == (20000, None, None)
    assert surcharge_pauses(d) == [(D(2026, 9, 28), D(2026, 9, 29))]
    r = post(
        client,
        c,
        "record_remedy_outcome",
        {"remedy": remedy.pk, "outcome": "upheld", "outcome_on": "2026-09-29"},
    )
    assert r.status_code == 409 and r.json()["code"] == "case.remedy_pending"


def test_litigation_answer_is_15_days(cw, frozen):
    c = served(cw, frozen)
    later(frozen, D(2026, 9, 17))
    cw.move(c, "record_remedy", decision=c.decisions.get().pk, kind="litigation", received_on=D(2026, 9, 16))
    assert Deadline.objects.get(kind=SUIT_ANSWER).due_date == D(2026, 10, 8)  # 10-01 国庆 → 10-08


def test_varied_changes_the_amount_and_keeps_the_original(cw, frozen):
    c = served(cw, frozen)
    d = c.decisions.get()
    c = cw.move(
        c,
        "record_remedy",
        decision=d.pk,
        kind="reconsideration",
        received_on=D(2026, 6, 1),
        outcome="varied",
        outcome_on=D(2026, 6, 1),
        new_amount=15000,
    )
    d.refresh_from_db()
    assert (d.amount, d.original_amount, d.ended_on) == (15000, 20000, None)
    assert Deadline.objects.get(kind=RECON_ANSWER).status == "waived"  # decided before any answer
    event = AuditEvent.objects.filter(action="case.record_remedy").get()
    assert event.data["amount"] == [20000, 15000] and event.data["outcome"] == "varied"


def test_a_worse_variation_is_refused_and_changes_nothing(client, cw, frozen):
    c = served(cw, frozen)
    d = c.decisions.get()
    before = (CaseRemedy.objects.count(), AuditEvent.objects.count(), Deadline.objects.count())
    client.force_login(cw.personas.officer1)
    body = {
        "decision": d.pk,
        "kind": "litigation",
        "received_on": "2026-06-01",
        "outcome": "varied",
        "outcome_on": "2026-06-01",
        "new_amount": 30000,
    }
    r = post(client, c, "record_remedy", body)
    assert r.status_code == 409 and r.json()["code"] == "case.remedy_input"
    assert "第七十七条第二款" in r.json()["detail"]
    r = post(client, c, "record_remedy", {**body, "kind": "appeal"})
    assert r.status_code == 400
    r = post(client, c, "record_remedy", {**body, "decision": 999999, "new_amount": 1})
    assert r.status_code == 400 and r.json()["detail"] == "本案没有该处罚决定"
    r = post(client, c, "record_remedy", {**body, "received_on": "2026-06-02", "outcome": ""})
    assert r.status_code == 409 and r.json()["detail"] == "收到副本日不能晚于今天"
    assert (CaseRemedy.objects.count(), AuditEvent.objects.count(), Deadline.objects.count()) == before
    d.refresh_from_db()
    assert d.amount == 20000


@pytest.mark.parametrize("outcome", ["revoked", "void"])
def test_revoked_or_void_ends_the_decision(cw, frozen, outcome):
    c = served(cw, frozen)
    d = c.decisions.get()
    cw.move(
        c,
        "record_remedy",
        decision=d.pk,
        kind="litigation",
        received_on=D(2026, 6, 1),
        outcome=outcome,
        outcome_on=D(2026, 6, 1),
    )
    d.refresh_from_db()
    assert d.ended_on == D(2026, 6, 1)
    assert d.ended_reason.startswith("行政诉讼") and "行政诉讼法第七十" in d.ended_reason


def test_reconsideration_and_litigation_not_at_once(cw, frozen):
    """行政复议法 Art 29: while a reconsideration runs no suit, and the reverse."""
    c = served(cw, frozen)
    d = c.decisions.get()
    c = cw.move(c, "record_remedy", decision=d.pk, kind="reconsideration", received_on=D(2026, 6, 1))
    with pytest.raises(Exception) as refused:
        cw.move(c, "record_remedy", decision=d.pk, kind="litigation", received_on=D(2026, 6, 1))
    assert "第二十九条" in refused.value.message
    assert surcharge_pauses(d) == [(D(2026, 6, 1), None)]


def test_revoked_and_redo_reopens_the_case_for_the_revoked_party_only(cw, frozen):
    """撤销并责令重新作出 (ERRATA): the case goes back to 调查取证 with a new decision deadline; the new
    decision is issued for the party whose decision was revoked, the other party's stands."""
    p = cw.personas
    c = served(cw, frozen, [cw.conclusion()["violations"][0], PERSON_FINE])
    unit, person = c.decisions.order_by("id")
    c = cw.move(
        c,
        "record_remedy",
        decision=unit.pk,
        kind="reconsideration",
        received_on=D(2026, 6, 1),
        outcome="revoked_redo",
        outcome_on=D(2026, 6, 1),
    )
    assert c.status == S.INVESTIGATING
    assert (c.decided_on, c.notice_date, c.decision_due) == (None, None, D(2026, 7, 31))
    unit.refresh_from_db()
    assert unit.ended_on == D(2026, 6, 1) and "撤销并责令重新作出" in unit.ended_reason
    new_deadline = Deadline.objects.filter(kind="CASE_DECISION", status="open").get()
    assert new_deadline.due_date == D(2026, 7, 31) and "60日" in new_deadline.basis
    c = cw.move(
        c,
        "conclude_investigation",
        facts="重新调查查明。",
        proposal="penalty",
        violations=[
            {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 10000}]},
            PERSON_FINE,
        ],
    )
    c = cw.move(c, "notify")
    assert "serve" in actions_for(p.officer1, c)[0]  # the new 告知书 is served like the first
    c = cw.move(c, "waive_rights")
    if c.review_required:
        c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
        c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意"
        )
    c = cw.move(c, "decide", p.head)
    rows = list(c.decisions.order_by("id").values_list("party_name", "amount", "ended_on"))
    assert rows == [
        (c.party_name, 20000, D(2026, 6, 1)),
        ("赵主要", 30000, None),
        (c.party_name, 10000, None),
    ]
    assert c.status == S.DECIDED
    c = cw.move(c, "serve", method="direct", recipient="钱法代")
    assert c.status == S.EXECUTING


def test_remedy_permissions_and_states(client, cw, frozen):
    c = served(cw, frozen)
    d = c.decisions.get()
    body = {"decision": d.pk, "kind": "reconsideration", "received_on": "2026-06-01"}
    for name, code in [("head", 403), ("supervisor", 403), ("officer_other", 404), ("head_b", 404)]:
        client.force_login(getattr(cw.personas, name))
        assert post(client, c, "record_remedy", body).status_code == code
    assert CaseRemedy.objects.count() == 0
    notified = cw.reach(S.NOTIFIED)
    client.force_login(cw.personas.officer1)
    r = post(client, notified, "record_remedy", body)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"
    r = post(client, notified, "record_remedy_outcome", {"remedy": 1, "outcome": "upheld"})
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


def test_correction_rate_per_agency_and_period(cw, frozen, django_assert_num_queries):
    outcomes = ["upheld", "varied", "revoked", "withdrawn"]
    for outcome in outcomes:
        c = served(cw, frozen)
        d = c.decisions.get()
        extra = {"new_amount": 10000} if outcome == "varied" else {}
        cw.move(
            c,
            "record_remedy",
            decision=d.pk,
            kind="reconsideration",
            received_on=D(2026, 6, 1),
            outcome=outcome,
            outcome_on=D(2026, 6, 1),
            **extra,
        )
    pending = served(cw, frozen)
    cw.move(
        pending,
        "record_remedy",
        decision=pending.decisions.get().pk,
        kind="litigation",
        received_on=D(2026, 6, 1),
    )
    agency = cw.personas.agencies.district_a
    with django_assert_num_queries(1):
        rows = correction_stats(start=D(2026, 6, 1), end=D(2026, 6, 30))
    assert rows == [
        {"agency": agency.pk, "agency_name": agency.name, "concluded": 4, "corrected": 2, "rate": 0.5}
    ]
    assert correction_stats(start=D(2026, 7, 1), end=D(2026, 7, 31)) == []
    assert correction_stats(start=D(2026, 6, 1), end=D(2026, 6, 30), agency_ids=[agency.pk + 999]) == []


def test_the_page_records_a_remedy_and_its_outcome(client, cw, frozen):
    c = served(cw, frozen)
    d = c.decisions.get()
    client.force_login(cw.personas.officer1)
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'id="form-record_remedy"' in page and 'id="form-record_remedy_outcome"' not in page
    r = client.post(
        f"/cases/{c.pk}/actions/record_remedy/",
        {
            "record_remedy-decision": d.pk,
            "record_remedy-kind": "litigation",
            "record_remedy-received_on": "2026-06-01",
            "record_remedy-body": "南京铁路运输法院",
        },
    )
    assert r.status_code == 302
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert "行政诉讼（南京铁路运输法院）" in page and "审理中" in page and "2026-06-16" in page
    remedy = CaseRemedy.objects.get()
    r = client.post(
        f"/cases/{c.pk}/actions/record_remedy_outcome/",
        {
            "record_remedy_outcome-remedy": remedy.pk,
            "record_remedy_outcome-outcome": "varied",
            "record_remedy_outcome-outcome_on": "2026-06-01",
            "record_remedy_outcome-new_amount": "12000",
        },
    )
    assert r.status_code == 302
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert "罚款 12000 元（原决定 20000 元）" in page and "变更（罚款变更为 12000 元）" in page
