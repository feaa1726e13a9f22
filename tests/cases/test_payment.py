"""Payment and execution per decision through the services (spec §1.14): partial payments, over-payment
refused, 延期/分期 on the party's application, 催告 with the live surcharge, the court window refused before it
opens and after it closes, the surcharge paused while a remedy runs, deadlines opened and closed."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseAction as A
from cases.choices import CaseStatus as S
from cases.models import Case, CasePayment, CaseRemedy
from cases.rules import payment as rules
from cases.services.payment import on_decision_ended
from cases.services.workflow import CASE_WORKFLOW, actions_for
from enforcement.core.exceptions import GuardFailed, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from tests.cases.payment_helpers import decided, ledger_of, serve

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = dt.date
PAYMENT_ACTIONS = [
    A.RECORD_PAYMENT,
    A.REQUEST_DEFERRAL,
    A.APPROVE_DEFERRAL,
    A.SERVE_DEMAND,
    A.APPLY_COURT_ENFORCEMENT,
]


def _deadlines(case: Case) -> list[tuple[str, str, str]]:
    ct = ContentType.objects.get_for_model(Case)
    rows = Deadline.objects.filter(
        content_type=ct, object_id=case.pk, kind__in=["CASE_PAY_FINE", "CASE_DEMAND_WAIT", "CASE_COURT_APPLY"]
    )
    return sorted((d.kind, d.due_date.isoformat(), d.status) for d in rows)


def _at(frozen, day: D) -> None:
    frozen.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))


@pytest.fixture
def served(cw):
    c = decided(cw)
    d = c.decisions.get()
    serve(d, D(2026, 6, 1), cw.personas.officer1)
    return c, d


def test_service_opens_the_payment_period_and_the_court_window(cw, served):
    c, d = served
    assert _deadlines(c) == [
        ("CASE_COURT_APPLY", "2027-03-01", "open"),  # 6 months to 12-01, then 3 months (Art 53)
        ("CASE_PAY_FINE", "2026-06-16", "open"),  # 15 days (Art 67)
    ]
    led = ledger_of(d)
    assert (led.status, led.due, led.outstanding) == ("unpaid", D(2026, 6, 16), 20000)
    assert led.window is not None and led.window.opens == D(2026, 12, 2)


def test_partial_then_full_payment_closes_the_deadlines(cw, served):
    c, d = served
    p = cw.personas
    c = cw.move(c, A.RECORD_PAYMENT, decision=d.pk, amount=5000, date=D(2026, 6, 1))
    assert c.status == S.EXECUTING
    assert ledger_of(d).status == "partly_paid"
    event = AuditEvent.objects.filter(action="case.record_payment").get()
    assert event.data["amount"] == 5000 and event.data["outstanding"] == 15000
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.RECORD_PAYMENT, decision=d.pk, amount=15001)
    assert exc.value.code == "case.payment_input" and "超过尚未缴纳的罚款15000元" in exc.value.message
    c = cw.move(c, A.RECORD_PAYMENT, amount=15000)  # the only decision: no need to name it
    assert ledger_of(d).status == "paid"
    assert _deadlines(c) == [
        ("CASE_COURT_APPLY", "2027-03-01", "waived"),
        ("CASE_PAY_FINE", "2026-06-16", "met"),
    ]
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.SERVE_DEMAND, p.officer1, decision=d.pk)
    assert exc.value.code == "case.fine_unpaid"
    assert CasePayment.objects.filter(decision=d).count() == 2
    available, blocked = actions_for(p.officer1, Case.objects.get(pk=c.pk))
    assert "record_payment" in available and "serve_demand" not in available  # a surcharge may still be paid
    assert {
        "name": "serve_demand",
        "guards": [{"code": "case.fine_unpaid", "detail": "本案没有尚未缴清的罚款"}],
    } in blocked


def test_payment_dates_and_amounts_are_checked(cw, served):
    c, d = served
    for params, code in [
        ({"amount": 100, "date": D(2026, 6, 2)}, "case.payment_date"),  # future
        ({"amount": 100, "date": D(2026, 5, 1)}, "case.payment_date"),  # before the decision
        ({"amount": 0}, "case.payment_input"),
        ({"amount": 100, "surcharge": "1.00"}, "case.payment_input"),  # no surcharge accrued yet
        ({"amount": 100, "decision": 999999}, "case.payment_decision"),
    ]:
        with pytest.raises(GuardFailed) as exc:
            cw.move(c, A.RECORD_PAYMENT, **params)
        assert exc.value.code == code, params
    assert not CasePayment.objects.exists()


def test_overdue_surcharge_demand_and_court_application(cw, served, frozen):
    c, d = served
    p = cw.personas
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.SERVE_DEMAND, decision=d.pk)
    assert exc.value.code == "case.demand_allowed"
    _at(frozen, D(2026, 6, 22))
    led = ledger_of(d)
    assert led.status == "overdue" and led.surcharge.fen == 6 * 60000  # 6-17 … 6-22
    assert (
        led.surcharge_text
        == "加处罚款 截至今日（2026-06-22） 3,600.00 元，自2026-06-17起算，封顶 20,000.00 元"
    )
    c = cw.move(c, A.SERVE_DEMAND, decision=d.pk)
    step = d.execution_steps.get()
    assert (step.kind, step.outstanding, str(step.surcharge)) == ("demand", 20000, "3600.00")
    assert ("CASE_DEMAND_WAIT", "2026-07-06", "open") in _deadlines(c)
    assert ledger_of(d).next_step()[0] == "催告期限至2026-07-06，届满仍未履行的可申请强制执行"
    _at(frozen, D(2026, 7, 7))
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.APPLY_COURT_ENFORCEMENT, decision=d.pk)
    assert exc.value.code == "case.court_window" and "尚未开始" in exc.value.message
    _at(frozen, D(2026, 12, 2))
    with pytest.raises(NotAllowed):
        cw.move(c, A.APPLY_COURT_ENFORCEMENT, p.head, decision=d.pk)
    c = cw.move(c, A.APPLY_COURT_ENFORCEMENT, decision=d.pk, court="南京铁路运输法院")
    led = ledger_of(d)
    assert led.status == "court_enforcement" and led.surcharge.capped
    assert ("CASE_COURT_APPLY", "2027-03-01", "met") in _deadlines(c)
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.APPLY_COURT_ENFORCEMENT, decision=d.pk)
    assert exc.value.code == "case.fine_outstanding"


def test_court_application_after_the_window_is_refused(cw, served, frozen):
    c, d = served
    _at(frozen, D(2026, 11, 20))
    c = cw.move(c, A.SERVE_DEMAND, decision=d.pk)
    _at(frozen, D(2027, 3, 2))
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.APPLY_COURT_ENFORCEMENT, decision=d.pk)
    assert "已于2027-03-01届满" in exc.value.message
    assert ledger_of(d).next_step()[0] == "申请强制执行期限已届满"


def test_a_running_remedy_pauses_the_surcharge_and_blocks_the_court(cw, served, frozen):
    c, d = served
    p = cw.personas
    CaseRemedy.objects.create(
        decision=d, kind="reconsideration", received_on=D(2026, 6, 20), recorded_by=p.officer1
    )
    _at(frozen, D(2026, 12, 2))
    led = ledger_of(d)
    assert led.surcharge.fen == 3 * 60000 and led.remedy_pending  # 6-17 … 6-19 only (Art 73 ¶3)
    assert "暂停计算" in led.surcharge_text
    c = cw.move(c, A.SERVE_DEMAND, decision=d.pk, date=D(2026, 11, 2))
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.APPLY_COURT_ENFORCEMENT, decision=d.pk)
    assert "审理期间不得申请强制执行" in exc.value.message


def test_deferral_needs_the_partys_application_and_moves_the_dates_art66(cw, served, frozen):
    c, d = served
    p = cw.personas
    with pytest.raises(GuardFailed) as exc:
        cw.move(
            c,
            A.APPROVE_DEFERRAL,
            p.head,
            decision=d.pk,
            kind="defer",
            schedule=[{"due": "2026-08-01", "amount": 20000}],
        )
    assert exc.value.code == "case.deferral_pending"
    plan = [{"due": D(2026, 7, 1), "amount": 10000}, {"due": D(2026, 8, 3), "amount": 9000}]
    with pytest.raises(GuardFailed) as exc:
        cw.move(
            c, A.REQUEST_DEFERRAL, decision=d.pk, kind="instalments", schedule=plan, reason="资金周转困难"
        )
    assert "应等于尚未缴纳的罚款20000元" in exc.value.message
    plan[1]["amount"] = 10000
    c = cw.move(
        c, A.REQUEST_DEFERRAL, decision=d.pk, kind="instalments", schedule=plan, reason="资金周转困难"
    )
    with pytest.raises(NotAllowed):
        cw.move(c, A.APPROVE_DEFERRAL, p.officer1, decision=d.pk)
    c = cw.move(c, A.APPROVE_DEFERRAL, p.head, decision=d.pk, opinion="同意分期")
    row = d.deferrals.get()
    assert (row.status, row.schedule) == (
        "approved",
        [{"due": "2026-07-01", "amount": 10000}, {"due": "2026-08-03", "amount": 10000}],
    )
    assert _deadlines(c) == [
        ("CASE_COURT_APPLY", "2027-03-01", "open"),  # the deferral ends before the 6 months
        ("CASE_COURT_APPLY", "2027-03-01", "waived"),
        ("CASE_PAY_FINE", "2026-06-16", "waived"),
        ("CASE_PAY_FINE", "2026-07-01", "open"),
        ("CASE_PAY_FINE", "2026-08-03", "open"),
    ]
    _at(frozen, D(2026, 7, 1))
    assert ledger_of(d).status == "deferred" and ledger_of(d).surcharge.fen == 0
    _at(frozen, D(2026, 7, 3))
    led = ledger_of(d)
    assert led.status == "overdue" and led.surcharge.fen == 2 * 30000  # 3 % of the 10,000 due 7-1
    c = cw.move(c, A.RECORD_PAYMENT, decision=d.pk, amount=10000, surcharge="600.00")
    assert ("CASE_PAY_FINE", "2026-07-01", "met") in _deadlines(c)  # the first instalment is paid
    assert ("CASE_PAY_FINE", "2026-08-03", "open") in _deadlines(c)
    assert ledger_of(d).status == "deferred" and ledger_of(d).surcharge_due_fen == 0


def test_refused_deferral_keeps_the_dates(cw, served):
    c, d = served
    p = cw.personas
    c = cw.move(
        c,
        A.REQUEST_DEFERRAL,
        decision=d.pk,
        kind="defer",
        schedule=[{"due": "2026-08-01", "amount": 20000}],
        reason="困难",
    )
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.APPROVE_DEFERRAL, p.head, decision=d.pk, approved=False)
    assert exc.value.code == "case.deferral_decision_input"
    cw.move(c, A.APPROVE_DEFERRAL, p.head, decision=d.pk, approved=False, opinion="不符合经济困难条件")
    assert d.deferrals.get().status == "refused" and ledger_of(d).due == D(2026, 6, 16)


def test_two_parties_have_two_ledgers(cw):
    c = decided(
        cw,
        [
            {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
            {
                "violation": "AQ-094-P1",
                "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
            },
        ],
    )
    unit, person = c.decisions.order_by("id")
    serve(unit, D(2026, 6, 1), cw.personas.officer1)
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.RECORD_PAYMENT, amount=100)
    assert exc.value.code == "case.payment_decision" and "多个" in exc.value.message
    c = cw.move(c, A.RECORD_PAYMENT, decision=person.pk, amount=30000)
    assert (ledger_of(unit).status, ledger_of(person).status) == ("unpaid", "paid")
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.SERVE_DEMAND, decision=unit.pk)
    assert exc.value.code == "case.demand_allowed"


@pytest.mark.parametrize("action", PAYMENT_ACTIONS)
def test_state_action_pairs_only_after_the_decision(action):
    allowed = {s for s in S.values if CASE_WORKFLOW.allows(s, action)}
    assert allowed == {S.DECIDED, S.EXECUTING}


def test_payment_actions_refused_before_the_decision(cw):
    c = cw.reach(S.NOTIFIED)
    for action in PAYMENT_ACTIONS:
        actor = cw.personas.head if action == A.APPROVE_DEFERRAL else cw.personas.officer1
        with pytest.raises(InvalidTransition):
            cw.move(c, action, actor, decision=1, amount=1)
    assert Case.objects.get(pk=c.pk).status == S.NOTIFIED


def test_next_step_says_why(cw, served, frozen):
    c, d = served
    step, why = ledger_of(d).next_step()
    assert step == "等待当事人缴款（期限至2026-06-16）" and "第六十七条" in why
    _at(frozen, D(2026, 6, 17))
    step, why = ledger_of(d).next_step()
    assert step == "送达催告书" and "第三十五条" in why and "600.00" in why
    assert rules.STATUS_LABELS[ledger_of(d).status] == "逾期未缴"


def test_an_ended_decision_waives_its_deadlines_and_owes_nothing(cw, served):
    c, d = served
    d.ended_on, d.ended_reason = D(2026, 6, 1), "复议机关撤销"
    d.save(update_fields=["ended_on", "ended_reason"])
    on_decision_ended(d, actor=cw.personas.officer1)
    assert {s for _, _, s in _deadlines(c)} == {"waived"}
    led = ledger_of(d)
    assert (led.status, led.outstanding) == ("ended", 0) and led.next_step()[0] == "无需执行"
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, A.RECORD_PAYMENT, decision=d.pk, amount=100)
    assert exc.value.code == "case.payment_decision" and "撤销" in exc.value.message
