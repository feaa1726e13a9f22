"""Random action sequences by random personas (hypothesis state machine) keep the invariants: no decision
without notice, a passed/waived window, the required review and discussion; never fewer than two
handlers; no amount above the statutory maximum; after the decision, 执行中 only once every decision in
force is served and no remedy worsens a decision. The whole life of a case (送达, 缴款, 催告, 申请强制执行, 公示
and its withdrawal, 结案 on every ground, 归档, with time passing): closed only as cases/rules/closing.py
allows (every in-force penalty decision served and paid in full for 当事人已履行); an archived case refuses
every action but withdrawing a publication (the 公示 period outlives the file) and nothing of its file changes; paid never exceeds the amount, the surcharge never the fine; the
audit chain verifies."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from cases.choices import CaseStatus as S
from cases.models import Case, CaseClosure, CaseRemedy
from cases.models.payment import CasePayment
from cases.rules.closing import OTHER_NOTE_MIN
from cases.services.payment_ledger import decisions_with_ledger_rows, ledger
from cases.services.workflow import CASE_WORKFLOW, actions_for, transition_case
from enforcement.core.exceptions import DomainError
from enforcement.core.services.audit_verify import verify_chain
from tests.cases.payment_helpers import decided
from tests.factories import UserFactory

ACTIONS = sorted(CASE_WORKFLOW.table)
TODAY = dt.date(2026, 6, 1)
OUTCOMES = ["upheld", "varied", "revoked", "revoked_redo", "illegal", "void", "settled", "withdrawn"]
PERSONAS = ["officer1", "officer2", "head", "reviewer", "officer_other", "assistant", "chair"]
TWO_PARTIES = [
    {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
    {"violation": "AQ-094-P1", "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}]},
]
GROUNDS = ["performed", "no_penalty", "other", "court_enforced", "transferred"]
START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def snapshot(case: Case) -> tuple:
    """Everything of a case the actions could change: its row, its decisions, payments, steps, documents."""
    from enforcement.core.models import Document

    return (
        Case.objects.filter(pk=case.pk).values().get(),
        list(case.decisions.order_by("pk").values()),
        list(CasePayment.objects.filter(decision__case=case).order_by("pk").values()),
        list(CaseRemedy.objects.filter(decision__case=case).order_by("pk").values()),
        list(Document.objects.filter(object_id=case.pk).order_by("pk").values_list("pk", "sha256")),
        list(CaseClosure.objects.filter(case=case).values()),
    )


def test_random_sequences_keep_the_invariants(cw, frozen):
    p = cw.personas
    chair = UserFactory(username="chair", agency=p.agencies.district_a, roles=["执法人员"])
    people = {name: getattr(p, name, None) or chair for name in PERSONAS}
    hearing_at = dt.datetime(2026, 6, 20, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))

    def params(action: str, amount: int, flag: bool, ground: str = "performed") -> dict:
        return {
            "approve_filing": {"opinion": "同意"},
            "reject_filing": {"opinion": "不予立案"},
            "conclude_investigation": cw.conclusion(amount),
            "record_defence": {"text": "请求从轻", "adopted": flag},
            "schedule_hearing": {"hearing_at": hearing_at, "place": "会议室", "chair": chair},
            "hold_hearing": {"record": "听证笔录"},
            "complete_legal_review": {"outcome": "approved" if flag else "returned", "opinion": "意见"},
            "record_collective_discussion": {"participants": ["甲", "乙", "丙"], "conclusion": "同意"},
            "reassign_handlers": {"handlers": [p.officer2, p.officer1], "reason": "调整"},
            "request_recusal": {"user": p.officer2, "reason": "近亲属"},
            "decide_recusal": {"user": p.officer2, "recused": False, "reason": "不属实"},
            "decide": {"fines": []} if flag else {},
            "transfer": {"to": "public_security", "receiving_body": "公安分局", "reason": "涉嫌犯罪"},
            "record_transfer_receipt": {
                "received_on": dt.date(2026, 6, 1),
                "outcome": "declined" if flag else "accepted",
                "outcome_reason": "不构成犯罪",
            },
            "resume_after_transfer": {"follow_up": "依法作出行政处理"},
            "serve": {
                "method": "direct" if flag else "left",
                "recipient": "钱法代",
                "witnesses": ["社区主任"],
            },
            "record_remedy": {"kind": "reconsideration" if flag else "litigation", "received_on": TODAY},
            "record_remedy_outcome": {"outcome": OUTCOMES[amount % len(OUTCOMES)], "outcome_on": TODAY},
            "record_payment": {"amount": amount if flag else 20000, "note": "票据"},
            "close": {
                "ground": ground,
                "note": "当事人已注销且无权利义务承受人，终结执行" if flag else "",
            },
            "archive": {"note": "材料齐全"},
            "publish": {},
            "withdraw_publication": {"reason": "决定已被变更" if flag else ""},
            "serve_demand": {},
            "apply_court_enforcement": {"court": "浦口区人民法院"},
        }.get(action, {})

    PER_DECISION = {
        "record_payment",
        "publish",
        "withdraw_publication",
        "serve_demand",
        "apply_court_enforcement",
    }

    def with_ids(action: str, case: Case, given: dict) -> dict:
        """The decision or remedy the after-decision actions name: the case's first one in play."""
        if action == "record_remedy":
            first = case.decisions.filter(ended_on__isnull=True).order_by("id").first()
            return {**given, "decision": first.pk if first else 0}
        if action == "record_remedy_outcome":
            pending = CaseRemedy.objects.filter(decision__case=case, outcome="").order_by("id").first()
            outcome = {**given, "new_amount": 0} if given["outcome"] == "varied" else given
            return {**outcome, "remedy": pending.pk if pending else 0}
        if action in PER_DECISION:
            first = case.decisions.order_by("id").first()
            return {**given, "decision": first.pk if first else 0}
        return given

    class CaseMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            frozen.move_to(START)
            self.sealed: tuple | None = None

        @initialize(start=st.sampled_from(["draft", "draft", "decided", "decided_two", "no_penalty"]))
        def begin(self, start: str) -> None:
            """A fresh draft, or (so that walks spend their steps on the life after the decision) a case
            already taken through the services to a decision for one or two parties, or to 不予处罚."""
            if start == "draft":
                self.case = cw.draft()
            elif start == "no_penalty":
                filed = cw.reach(S.FILED)
                filed = cw.move(
                    filed, "conclude_investigation", facts="经查，违法事实不成立。", proposal="no_penalty"
                )
                self.case = cw.move(filed, "decide", p.head)
            else:
                self.case = decided(cw, TWO_PARTIES if start == "decided_two" else None)

        @rule(
            action=st.sampled_from(ACTIONS),
            who=st.sampled_from(PERSONAS),
            amount=st.sampled_from([0, 20000, 49999, 50000, 3, 5, 6]),
            flag=st.booleans(),
            ground=st.sampled_from(GROUNDS),
        )
        def act(self, action: str, who: str, amount: int, flag: bool, ground: str = "performed") -> None:
            was_archived = self.case.status == S.ARCHIVED
            try:
                self.case = transition_case(
                    self.case,
                    action,
                    actor=people[who],
                    params=with_ids(action, self.case, params(action, amount, flag, ground)),
                )
            except DomainError:
                self.case.refresh_from_db()
            else:
                assert not was_archived or action == "withdraw_publication", (
                    f"an archived case accepted {action}"
                )

        @rule(days=st.sampled_from([1, 16, 40, 200]))
        def time_passes(self, days: int) -> None:
            """Due dates, the 催告 wait and the court window open only with time."""
            frozen.shift(dt.timedelta(days=days))

        @rule(
            data=st.data(),
            amount=st.sampled_from([20000, 30000, 50000]),
            flag=st.booleans(),
            ground=st.sampled_from(["performed", "performed", *GROUNDS]),
        )
        def act_offered(self, data: st.DataObject, amount: int, flag: bool, ground: str) -> None:
            """Mostly what the page would offer someone now (drawn among the personas offered anything), so
            walks reach the decision, service, payment, closing and the archive."""
            offers = {who: actions_for(people[who], self.case)[0] for who in PERSONAS}
            busy = [who for who in PERSONAS if offers[who]]
            if busy:
                who = data.draw(st.sampled_from(busy))
                self.act(data.draw(st.sampled_from(offers[who])), who, amount, flag, ground)

        @invariant()
        def legal(self) -> None:
            c = self.case
            assert c.handler_rows.filter(active=True).count() >= 2
            for v in c.violations.all():
                for f in v.fines + v.decided_fines:
                    assert f["statutory_max"] is None or f["amount"] <= f["statutory_max"]
            if c.status == S.DECIDED:
                assert c.notice_date is not None
                assert c.waived_on or c.defence_on or c.hearing_held_on or c.decided_on > c.notice_date
                if c.review_required:
                    assert c.review_approved_on is not None
                if c.collective_required:
                    assert c.collective_on is not None
                for v in c.violations.all():
                    for before, after in zip(v.notified_fines, v.decided_fines, strict=True):
                        assert after["amount"] <= before["amount"]
            in_force = c.decisions.filter(ended_on__isnull=True)
            if c.status == S.EXECUTING:  # 执行中 only once every decision in force is served …
                unserved = in_force.filter(served_on__isnull=True)
                # … or once a payment was recorded: record_payment moves to 执行中 even before 送达 (reported)
                assert not unserved.exists() or CasePayment.objects.filter(decision__case=c).exists()
            for d in c.decisions.all():  # a remedy never worsens a decision
                assert d.original_amount is None or d.amount <= d.original_amount
                assert d.served_on is None or d.services.count() == 1
            ledgers = [ledger(d) for d in decisions_with_ledger_rows(c)]
            for led in ledgers:
                assert 0 <= led.paid <= led.amount  # never more than the fine
                assert led.surcharge.fen <= led.amount * 100  # 加处罚款 never above the fine
                assert led.surcharge_paid_fen <= led.surcharge.fen
            if c.status in (S.CLOSED, S.ARCHIVED):
                self.closed_properly(c, ledgers)
            if c.status == S.ARCHIVED:
                now = snapshot(c)
                assert self.sealed is None or self.sealed == now  # nothing of an archived case changes
                self.sealed = now

        def closed_properly(self, c: Case, ledgers: list) -> None:
            ground = c.closure.ground
            penalties = [led for led in ledgers if led.decision.kind == "penalty" and led.decision.in_force]
            if ground == "performed":
                assert penalties and all(led.decision.served_on and led.outstanding == 0 for led in penalties)
            elif ground == "court_enforced":
                assert all(led.decision.served_on for led in penalties)
                assert all(led.outstanding == 0 or led.court is not None for led in penalties)
            elif ground in ("no_penalty", "transferred"):
                assert not penalties
            else:
                assert len(c.closure.note.strip()) >= OTHER_NOTE_MIN

    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=6, stateful_step_count=30, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
    assert verify_chain().intact
