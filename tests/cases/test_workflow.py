"""The case workflow through the real services: the paths to a decision, the table's refusals (nothing
changed), and each legal guard on both sides with the article it enforces."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from cases.choices import CaseStatus as S
from cases.models import Case, CaseSettings
from cases.services.workflow import CASE_WORKFLOW, actions_for
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from enforcement.core.services.audit_verify import verify_chain
from tests.factories import UserFactory

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def guard_code(exc_info) -> str:
    return exc_info.value.code


def deadlines(case: Case) -> dict[str, str]:
    return {d.kind: d.status for d in Deadline.objects.filter(object_id=case.pk, kind__startswith="CASE_")}


def test_small_fine_path_draft_to_decision(cw, frozen):
    p = cw.personas
    c = cw.reach(S.NOTIFIED)
    assert c.number == "（浦）应急立〔2026〕1号" and c.filed_on == dt.date(2026, 6, 1)
    assert c.decision_due == dt.date(2026, 8, 30)  # Art 60: 90 days (filed after 2026-02-01)
    assert not c.hearing_right and not c.review_required
    assert deadlines(c) == {"CASE_DECISION": "open", "CASE_DEFENCE": "open"}
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "decide", p.head)
    assert guard_code(e) == "case.windows_passed"
    c = cw.move(c, "record_defence", text="已组织培训，请求从轻", adopted=False)
    c = cw.move(c, "decide", p.head)
    assert c.status == S.DECIDED and c.decided_on == dt.date(2026, 6, 1)
    assert c.violations.get().decided_fines[0]["amount"] == 20000
    assert deadlines(c) == {"CASE_DECISION": "met", "CASE_DEFENCE": "met"}
    assert list(c.events.values_list("action", flat=True)) == [
        "create",
        "submit_filing",
        "approve_filing",
        "conclude_investigation",
        "notify",
        "record_defence",
        "decide",
    ]
    assert verify_chain().intact


def test_large_fine_path_with_hearing_review_after_hearing_and_collective_discussion(cw, frozen):
    p = cw.personas
    c = cw.reach(S.NOTIFIED, amount=50000)
    assert c.hearing_right and c.review_required and c.collective_required
    assert set(deadlines(c)) == {"CASE_DECISION", "CASE_DEFENCE", "CASE_HEARING_REQUEST"}
    c = cw.move(c, "request_hearing")
    assert c.status == S.HEARING_REQUESTED
    with pytest.raises(InvalidTransition):
        cw.move(c, "submit_legal_review")  # the review comes after the hearing (Art 58(2))
    chair = UserFactory(username="chair", agency=p.agencies.district_a, roles=["执法人员"])
    soon = dt.datetime(2026, 6, 9, 9, 0, tzinfo=TZ)  # only 6 working days away
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "schedule_hearing", p.head, hearing_at=soon, place="第一会议室", chair=chair)
    assert "7个工作日" in e.value.message
    with pytest.raises(GuardFailed) as e:
        cw.move(
            c,
            "schedule_hearing",
            p.head,
            hearing_at=soon + dt.timedelta(days=2),
            place="会议室",
            chair=p.officer1,
        )
    assert "调查人员" in e.value.message
    at = dt.datetime(2026, 6, 11, 9, 0, tzinfo=TZ)  # 8 working days later
    c = cw.move(c, "schedule_hearing", p.head, hearing_at=at, place="第一会议室", chair=chair)
    assert c.status == S.HEARING_SCHEDULED and deadlines(c)["CASE_HEARING_NOTICE"] == "met"
    with pytest.raises(NotAllowed):
        cw.move(c, "hold_hearing", p.officer1, record="x")
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "hold_hearing", chair, record="当事人陈述")
    assert e.value.code == "case.hearing_day_reached"
    frozen.move_to(dt.datetime(2026, 6, 11, 15, 0, tzinfo=TZ))
    c = cw.move(c, "hold_hearing", chair, record="当事人对事实无异议，请求从轻")
    assert c.status == S.HEARING_HELD
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "decide", p.head)
    assert e.value.code == "case.review_passed"
    c = cw.move(c, "submit_legal_review")
    assert c.status == S.LEGAL_REVIEW and c.review_status == "pending"
    # the reviewer pool sees it and takes it; a handler may not
    assert Case.objects.visible_to(p.reviewer).filter(pk=c.pk).exists()
    assert "take_legal_review" in actions_for(p.reviewer, c)[0]
    with pytest.raises(NotAllowed):
        cw.move(c, "take_legal_review", p.officer1)
    c = cw.move(c, "take_legal_review", p.reviewer)
    with pytest.raises(GuardFailed):
        cw.move(c, "complete_legal_review", p.reviewer, outcome="maybe", opinion="")
    c = cw.move(
        c, "complete_legal_review", p.reviewer, outcome="approved", opinion="事实清楚，证据确凿，裁量适当"
    )
    assert c.review_status == "approved"
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "decide", p.head)
    assert e.value.code == "case.collective_done"
    c = cw.move(
        c,
        "record_collective_discussion",
        p.head,
        participants=["何局长", "副局长甲", "副局长乙"],
        conclusion="同意处罚",
    )
    with pytest.raises(GuardFailed) as e:
        cw.move(
            c,
            "decide",
            p.head,
            fines=[{"violation": c.violations.get().pk, "subject": "unit", "amount": 50001}],
        )
    assert e.value.code == "case.no_aggravation"
    c = cw.move(
        c, "decide", p.head, fines=[{"violation": c.violations.get().pk, "subject": "unit", "amount": 45000}]
    )
    assert c.status == S.DECIDED and c.violations.get().decided_fines[0]["amount"] == 45000
    # the reviewer still reads the case (read-only) after the review
    assert Case.objects.visible_to(p.reviewer).filter(pk=c.pk).exists()
    assert actions_for(p.reviewer, c) == ([], [])
    assert verify_chain().intact


def test_no_penalty_is_decided_without_notice(cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    c = cw.move(c, "conclude_investigation", facts="违法事实不成立", proposal="no_penalty", violations=[])
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "notify")
    assert e.value.code == "case.penalty_proposed"
    c = cw.move(c, "decide", p.head)
    assert c.status == S.NO_PENALTY


def test_review_before_notice_order_is_configurable(cw, frozen):
    p = cw.personas
    CaseSettings.objects.create(agency=p.agencies.district_a, review_before_notice=True)
    c = cw.reach(S.INVESTIGATION_CLOSED, amount=50000)
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "notify")
    assert e.value.code == "case.notice_order"
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    assert c.review_status == "taken"
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    c = cw.move(c, "notify")
    assert c.status == S.NOTIFIED


def test_returned_review_sends_the_case_back_and_needs_a_fresh_notice(cw, frozen):
    p = cw.personas
    c = cw.reach(S.WAIVED, amount=50000)
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="returned", opinion="证据不足，补充调查")
    assert c.status == S.INVESTIGATION_CLOSED and c.notice_date is None
    assert "notify" in actions_for(p.officer1, c)[0]


def test_table_refusals_change_nothing(cw, frozen):
    """Every action outside its from-states is refused (409, or 403 for the wrong person) and writes nothing."""
    p = cw.personas
    cases = {S.DRAFT: cw.draft(), S.FILED: cw.reach(S.FILED), S.NOTIFIED: cw.reach(S.NOTIFIED)}
    for state, case in cases.items():
        for action, t in CASE_WORKFLOW.table.items():
            if state in t.sources:
                continue
            actor = p.head if "head" in t.who else p.officer1
            before = (AuditEvent.objects.count(), Case.objects.get(pk=case.pk).status)
            with pytest.raises((InvalidTransition, NotAllowed)):
                cw.move(case, action, actor)
            assert (AuditEvent.objects.count(), Case.objects.get(pk=case.pk).status) == before


def test_wrong_people_get_403(cw, frozen):
    p = cw.personas
    c = cw.draft()
    for user in (p.officer_other, p.reviewer, p.assistant, p.head):
        with pytest.raises(NotAllowed):
            cw.move(c, "submit_filing", user)
    c = cw.move(c, "submit_filing")
    for user in (p.officer1, p.head_b, p.supervisor):
        with pytest.raises(NotAllowed):
            cw.move(c, "approve_filing", user, opinion="同意")


def test_limitation_guard_at_filing_art36(cw, frozen):
    old = cw.draft(violation_date=dt.date(2024, 5, 31))
    with pytest.raises(GuardFailed) as e:
        cw.move(old, "submit_filing")
    assert e.value.code == "case.limitation" and "第三十六条" in e.value.message
    just = cw.draft(violation_date=dt.date(2024, 6, 1))
    assert cw.move(just, "submit_filing").status == S.SUBMITTED
    continuing = cw.draft(violation_date=dt.date(2023, 1, 1), violation_end=dt.date(2025, 1, 1))
    assert cw.move(continuing, "submit_filing").status == S.SUBMITTED
    harmful = cw.draft(violation_date=dt.date(2022, 1, 1), life_health_harm=True)
    assert cw.move(harmful, "submit_filing").status == S.SUBMITTED


def test_two_qualified_handlers_art42(cw, frozen):
    p = cw.personas
    c = cw.draft(handlers=[p.officer1, p.expired])
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "submit_filing")
    assert e.value.code == "case.two_handlers" and "第四十二条" in e.value.message
    blocked = {b["name"]: b["guards"] for b in actions_for(p.officer1, c)[1]}
    assert blocked["submit_filing"][0]["code"] == "case.two_handlers"
    c = cw.draft()
    c = cw.move(c, "submit_filing")
    c = cw.move(c, "approve_filing", p.head, opinion="同意")
    with pytest.raises(GuardFailed):
        cw.move(c, "reassign_handlers", p.head, handlers=[p.officer1, p.expired], reason="调整")
    c = cw.move(c, "reassign_handlers", p.head, handlers=[p.officer2, p.head], reason="王执法外出学习")
    d = Deadline.objects.get(object_id=c.pk, kind="CASE_DECISION")
    assert set(d.responsible.values_list("username", flat=True)) == {"officer2", "head"}
    assert not Case.objects.visible_to(p.officer1).filter(pk=c.pk).exists()


def test_recusal_art43(cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    c = cw.move(c, "request_recusal", user=p.officer2, reason="当事人法定代表人系其近亲属")
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "conclude_investigation", **cw.conclusion())
    assert e.value.code == "case.no_pending_recusal"
    with pytest.raises(GuardFailed):
        cw.move(c, "decide_recusal", p.head, user=p.officer2, recused=True, reason="属实")  # would leave one
    third = UserFactory(username="officer3", agency=p.agencies.district_a, roles=["执法人员"])
    from tests.training.helpers import give_certificate

    give_certificate(third, actor=p.cityadmin, issued_on=dt.date(2025, 3, 1))
    c = cw.move(c, "decide_recusal", p.head, user=p.officer2, recused=True, reason="属实", replacement=third)
    assert c.status == S.FILED
    assert cw.move(c, "conclude_investigation", **cw.conclusion()).status == S.INVESTIGATION_CLOSED


def test_reviewer_must_be_qualified_and_not_a_handler_art58(cw, frozen):
    p = cw.personas
    c = cw.reach(S.WAIVED, amount=50000)
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "submit_legal_review", reviewer=p.officer2)
    assert "承办人" in e.value.message
    novice = UserFactory(username="novice", agency=p.agencies.district_a, roles=["法制审核人员"])
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "submit_legal_review", reviewer=novice)
    assert "第五十八条第二款" in e.value.message
    c = cw.move(c, "submit_legal_review")
    assert "take_legal_review" not in actions_for(novice, c)[0]
    with pytest.raises(GuardFailed):
        cw.move(c, "take_legal_review", novice)


def test_amount_outside_recommendation_needs_reason_and_forces_review(cw, frozen):
    c = cw.reach(S.FILED)
    with pytest.raises(InvalidInput) as e:
        cw.move(c, "conclude_investigation", **cw.conclusion(amount=60000))
    assert "法定最高额" in e.value.message  # above the statutory maximum: never
    params = {
        "facts": "未按规定对特种作业人员进行培训",
        "proposal": "penalty",
        "violations": [
            {"violation": "AQ-097-I7", "tier": "A", "fines": [{"subject": "unit", "amount": 40000}]}
        ],
    }
    with pytest.raises(InvalidInput) as e:
        cw.move(c, "conclude_investigation", **params)
    assert "推荐范围" in e.value.message
    assert Case.objects.get(pk=c.pk).status == S.FILED and not c.violations.exists()
    params["violations"][0]["reason"] = "多次责令仍拒不改正，社会影响恶劣"
    c = cw.move(c, "conclude_investigation", **params)
    v = c.violations.get()
    assert v.outside_recommendation and v.snapshot["tier"]["code"] == "A"
    assert v.fines[0]["recommended"] == 15000 and v.fines[0]["max"] == 30000
    assert c.review_required and any("推荐范围" in r for r in c.review_reasons)


def test_first_offender_is_derived_from_history(cw, frozen):
    c = cw.reach(S.INVESTIGATION_CLOSED)
    assert c.violations.get().facts["first_violation"] is True
    c2 = cw.reach(S.FILED)
    params = cw.conclusion()
    params["violations"][0]["facts"] = {"first_violation": True}
    c2 = cw.move(c2, "conclude_investigation", **params)
    assert c2.violations.get().facts["first_violation"] is True  # the first case is not decided yet
    p = cw.personas
    c = cw.move(c, "notify")
    c = cw.move(c, "waive_rights")
    cw.move(c, "decide", p.head)
    c3 = cw.reach(S.INVESTIGATION_CLOSED)
    assert c3.violations.get().facts["first_violation"] is False


def test_decision_deadline_and_extension_15_order_for_cases_filed_before_2026_02_01(cw, frozen):
    p = cw.personas
    frozen.move_to(dt.datetime(2026, 1, 20, 9, 0, tzinfo=TZ))
    c = cw.reach(S.FILED, case=cw.draft(violation_date=dt.date(2026, 1, 5)))
    assert c.decision_due == dt.date(2026, 2, 19)  # 15号令: 30 days
    with pytest.raises(GuardFailed):
        cw.move(c, "request_extension", until=dt.date(2026, 4, 21), reason="需技术鉴定")  # beyond 90 days
    c = cw.move(c, "request_extension", until=dt.date(2026, 4, 20), reason="需技术鉴定")
    with pytest.raises(NotAllowed):
        cw.move(c, "approve_extension", p.officer2)
    c = cw.move(c, "approve_extension", p.head)
    assert c.decision_due == dt.date(2026, 4, 20) and c.extensions == 1
    c = cw.move(c, "request_extension", until=dt.date(2026, 7, 19), reason="鉴定未完成")
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "approve_extension", p.head)
    assert "上一级" in e.value.message
    city_head = UserFactory(username="cityhead", agency=p.agencies.city, roles=["负责人"])
    c = cw.move(c, "approve_extension", city_head)
    assert c.decision_due == dt.date(2026, 7, 19)
    kinds = list(
        Deadline.objects.filter(object_id=c.pk, kind="CASE_DECISION").values_list("status", flat=True)
    )
    assert kinds.count("open") == 1 and len(kinds) == 3


def test_overdue_decision_needs_a_reason(cw, frozen):
    p = cw.personas
    c = cw.reach(S.WAIVED)
    frozen.move_to(dt.datetime(2026, 9, 1, 9, 0, tzinfo=TZ))
    assert "decide" in actions_for(p.head, c)[0]  # the reason is input: not blocked before submitting
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "decide", p.head)
    assert e.value.code == "case.decision_deadline"
    c = cw.move(c, "decide", p.head, overdue_reason="当事人下落不明，送达耗时")
    assert c.status == S.DECIDED and c.overdue_reason


def test_dates_may_lie_in_the_past_never_in_the_future_or_before_the_previous_step(cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "conclude_investigation", date=dt.date(2026, 6, 2), **cw.conclusion())
    assert "晚于今天" in e.value.message
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "conclude_investigation", date=dt.date(2026, 5, 31), **cw.conclusion())
    assert "上一步骤" in e.value.message
    assert p  # noqa: S101


def test_party_kinds_and_checks(cw, frozen):
    p = cw.personas
    person = cw.draft(
        party={"kind": "person", "name": "张三", "id_number": "11010519491231002X", "address": "浦口区"}
    )
    assert person.party_type == "individual"
    with pytest.raises(InvalidInput):
        cw.draft(party={"kind": "person", "name": "张三", "id_number": "110105194912310021"})
    from enforcement.core.validators import make_credit_code

    org = cw.draft(
        party={"kind": "organisation", "name": "某协会", "credit_code": make_credit_code("51320111MJ1234567")}
    )
    assert org.party_kind == "organisation" and org.deciding_agency == p.agencies.district_a
    with pytest.raises(InvalidInput):
        cw.draft(party={"kind": "organisation", "name": "某协会", "credit_code": "51320111MJ12345670"})
    with pytest.raises(InvalidInput):
        cw.draft(handlers=[p.officer1])
    with pytest.raises(InvalidInput):
        cw.draft(handlers=[p.officer1, p.officer_other])
    with pytest.raises(NotAllowed):
        cw.draft(actor=p.reviewer)
