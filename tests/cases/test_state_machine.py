"""Random action sequences by random personas (hypothesis state machine) keep the invariants: no decision
without notice, a passed/waived window, the required review and discussion; never fewer than two
handlers; no amount above the statutory maximum; after the decision, 执行中 only once every decision in
force is served and no remedy worsens a decision; the audit chain verifies."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from cases.choices import CaseStatus as S
from cases.models import Case, CaseRemedy
from cases.services.workflow import CASE_WORKFLOW, actions_for, transition_case
from enforcement.core.exceptions import DomainError
from enforcement.core.services.audit_verify import verify_chain
from tests.factories import UserFactory

ACTIONS = sorted(CASE_WORKFLOW.table)
TODAY = dt.date(2026, 6, 1)
OUTCOMES = ["upheld", "varied", "revoked", "revoked_redo", "illegal", "void", "settled", "withdrawn"]
PERSONAS = ["officer1", "officer2", "head", "reviewer", "officer_other", "assistant", "chair"]


def test_random_sequences_keep_the_invariants(cw):
    p = cw.personas
    chair = UserFactory(username="chair", agency=p.agencies.district_a, roles=["执法人员"])
    people = {name: getattr(p, name, None) or chair for name in PERSONAS}
    hearing_at = dt.datetime(2026, 6, 20, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))

    def params(action: str, amount: int, flag: bool) -> dict:
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
        }.get(action, {})

    def with_ids(action: str, case: Case, given: dict) -> dict:
        """The decision or remedy the after-decision actions name: the case's first one in play."""
        if action == "record_remedy":
            first = case.decisions.filter(ended_on__isnull=True).order_by("id").first()
            return {**given, "decision": first.pk if first else 0}
        if action == "record_remedy_outcome":
            pending = CaseRemedy.objects.filter(decision__case=case, outcome="").order_by("id").first()
            outcome = {**given, "new_amount": 0} if given["outcome"] == "varied" else given
            return {**outcome, "remedy": pending.pk if pending else 0}
        return given

    class CaseMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.case = cw.draft()

        @rule(
            action=st.sampled_from(ACTIONS),
            who=st.sampled_from(PERSONAS),
            amount=st.sampled_from([0, 20000, 49999, 50000, 3, 5, 6]),
            flag=st.booleans(),
        )
        def act(self, action: str, who: str, amount: int, flag: bool) -> None:
            try:
                self.case = transition_case(
                    self.case,
                    action,
                    actor=people[who],
                    params=with_ids(action, self.case, params(action, amount, flag)),
                )
            except DomainError:
                self.case.refresh_from_db()

        @rule(
            data=st.data(),
            who=st.sampled_from(PERSONAS),
            amount=st.sampled_from([20000, 50000]),
            flag=st.booleans(),
        )
        def act_offered(self, data: st.DataObject, who: str, amount: int, flag: bool) -> None:
            """Mostly what the page would offer this persona now, so walks reach the decision."""
            offered = actions_for(people[who], self.case)[0]
            if offered:
                self.act(data.draw(st.sampled_from(offered)), who, amount, flag)

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
            if c.status == S.EXECUTING:  # 执行中 only once every decision in force is served
                assert not in_force.filter(served_on__isnull=True).exists()
            for d in c.decisions.all():  # a remedy never worsens a decision
                assert d.original_amount is None or d.amount <= d.original_amount
                assert d.served_on is None or d.services.count() == 1

    run_state_machine_as_test(
        CaseMachine,
        settings=settings(
            max_examples=6, stateful_step_count=20, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
    assert verify_chain().intact
