"""The hazard loop: every (state, action) pair allowed or refused as the table says, nothing changed on a
refusal; documents numbered and rendered; deadlines opened and closed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from enforcement.core.exceptions import DomainError, GuardFailed, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline, DeadlineStatus, Document
from enforcement.core.registry import HAZARD_FILE_CASE, register_provider, unregister_provider
from inspections.choices import HazardLevel, HazardStatus
from inspections.models import Hazard, HazardEvent, HazardExtension, HazardRecheck
from inspections.services import hazards

S = HazardStatus
# Written out independently of inspections.workflow.hazards: which moves each state allows.
EXPECTED = {
    S.FOUND: {"order_rectification", "file_case"},  # file_case: a major hazard (guard refuses a general one)
    S.RECTIFYING: {"request_extension", "recheck", "escalate", "file_case"},
    S.EXTENSION_REQUESTED: {"decide_extension", "recheck"},
    S.OVERDUE: {"recheck", "escalate", "file_case"},
    S.ESCALATED: {"recheck", "file_case"},
    S.CLOSED: set(),
}
ACTIONS = ["order_rectification", "request_extension", "decide_extension", "recheck", "escalate", "file_case"]


def params_for(action: str) -> dict:
    return {
        "order_rectification": {"deadline": dt.date(2026, 6, 20)},
        "request_extension": {"requested_deadline": dt.date(2026, 8, 1), "reason": "不可抗力"},
        "decide_extension": {"approved": True},
        "recheck": {"result": "rectified"},
        "escalate": {},
        "file_case": {},
    }[action]


def actor_for(action: str, p):
    return p.head if action == "decide_extension" else p.officer1


def snapshot(h: Hazard):
    return (
        model_to_dict(Hazard.objects.get(pk=h.pk)),
        HazardEvent.objects.count(),
        HazardExtension.objects.count(),
        HazardRecheck.objects.count(),
        Document.objects.count(),
        Deadline.objects.count(),
        AuditEvent.objects.count(),
    )


class FakeCase:
    pk = 4242

    class _meta:  # noqa: N801
        pass


@pytest.fixture
def case_provider():
    from enforcement.core.models import Agency

    made = []

    def open_case(hazard, *, actor, reason):
        made.append(hazard.pk)
        return Agency.objects.get(pk=hazard.agency_id)  # any model row stands in for the case

    register_provider(HAZARD_FILE_CASE, open_case)
    yield made
    unregister_provider(HAZARD_FILE_CASE)


@pytest.mark.parametrize("state", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_state_action_pair(world, case_provider, state, action):
    p = world.personas
    h = world.hazard_in(state)
    before = snapshot(h)
    allowed = action in EXPECTED[state]
    try:
        hazards.transition_hazard(h, action, actor=actor_for(action, p), params=params_for(action))
    except (InvalidTransition, GuardFailed) as exc:
        assert snapshot(h) == before
        if allowed:
            # the state allows it; only a guard may refuse — and it names itself
            assert isinstance(exc, GuardFailed) and exc.code.startswith("hazard."), exc.message
        else:
            assert isinstance(exc, InvalidTransition), exc.message
        return
    assert allowed, f"{action} from {state} should be refused"


def test_order_rectification_issues_the_numbered_order_and_opens_deadlines(world):
    p = world.personas
    h = world.hazard()
    h = hazards.transition_hazard(
        h,
        "order_rectification",
        actor=p.officer1,
        params={"deadline": dt.date(2026, 6, 30), "onsite_measures": "立即停止抛光作业，清理积尘"},
    )
    assert h.status == S.RECTIFYING
    assert h.order_document.number == "（浦）应急责改〔2026〕1号"
    assert h.measures_document.number == "（浦）应急现决〔2026〕1号"
    # 10 calendar days after 2026-06-30 = 2026-07-10 (a Friday)
    assert h.recheck_due == dt.date(2026, 7, 10)
    open_kinds = dict(Deadline.objects.filter(object_id=h.pk).values_list("kind", "due_date"))
    assert open_kinds == {
        "inspections.rectification": dt.date(2026, 6, 30),
        "inspections.recheck": dt.date(2026, 7, 10),
    }


def test_extension_must_be_asked_ten_days_before_the_deadline(world, case_provider):
    p = world.personas
    h = world.hazard()
    h = hazards.transition_hazard(
        h, "order_rectification", actor=p.officer1, params={"deadline": dt.date(2026, 6, 10)}
    )
    before = snapshot(h)
    with pytest.raises(GuardFailed) as exc:
        hazards.transition_hazard(
            h,
            "request_extension",
            actor=p.officer1,
            params={"requested_deadline": dt.date(2026, 7, 1), "reason": "x"},
        )
    assert exc.value.code == "hazard.extension_in_time"
    assert (
        exc.value.message
        == "延期申请应在整改期限届满10日前书面提出（整改期限2026-06-10，最迟2026-05-31申请）"
    )
    assert snapshot(h) == before
    available, blocked = hazards.actions_for(p.officer1, h)
    assert available == ["recheck"]
    assert blocked == [
        {
            "name": "request_extension",
            "guards": [{"code": "hazard.extension_in_time", "detail": exc.value.message}],
        },
        {
            "name": "escalate",
            "guards": [
                {
                    "code": "hazard.overdue_or_failed",
                    "detail": "整改期限尚未届满且未经复查认定逾期，无需报告负责人",
                }
            ],
        },
        {
            "name": "file_case",
            "guards": [
                {
                    "code": "hazard.major_or_failed_recheck",
                    "detail": "一般事故隐患仅在复查未整改（逾期未改正）后可以立案",
                }
            ],
        },
    ]


def test_approved_extension_moves_the_deadline_and_the_recheck(world):
    p = world.personas
    h = world.hazard_in(S.EXTENSION_REQUESTED)
    with pytest.raises(NotAllowed):
        hazards.transition_hazard(h, "decide_extension", actor=p.officer1, params={"approved": True})
    h = hazards.transition_hazard(
        h, "decide_extension", actor=p.head, params={"approved": True, "opinion": "同意"}
    )
    assert (h.status, h.deadline, h.original_deadline) == (
        S.RECTIFYING,
        dt.date(2026, 7, 31),
        dt.date(2026, 6, 30),
    )
    assert h.recheck_due == dt.date(2026, 8, 10)
    running = set(Deadline.objects.filter(object_id=h.pk, status="open").values_list("kind", "due_date"))
    assert running == {
        ("inspections.rectification", dt.date(2026, 7, 31)),
        ("inspections.recheck", dt.date(2026, 8, 10)),
    }


def test_recheck_issues_the_opinion_and_closes(world):
    p = world.personas
    h = world.hazard_in(S.RECTIFYING)
    h = hazards.transition_hazard(
        h, "recheck", actor=p.officer1, params={"result": "rectified", "opinion": "已加装泄爆片"}
    )
    assert h.status == S.CLOSED and h.closed_at is not None
    recheck = h.rechecks.get()
    assert recheck.document.number == "（浦）应急复查〔2026〕1号"
    assert not Deadline.objects.filter(object_id=h.pk, status="open").exists()
    assert Deadline.objects.get(object_id=h.pk, kind="inspections.rectification").status == DeadlineStatus.MET


def test_failed_recheck_is_overdue_and_a_general_hazard_may_then_be_filed(world, case_provider):
    p = world.personas
    h = world.hazard_in(S.OVERDUE)
    assert h.recheck_result == "not_rectified"
    h = hazards.transition_hazard(h, "file_case", actor=p.head)
    assert h.status == S.CASE_FILED and h.case_object_id == p.agencies.district_a.pk
    assert case_provider == [h.pk]


def test_major_hazard_is_first_instance_and_offers_file_case_only_when_registered(world, case_provider):
    p = world.personas
    h = world.hazard(level=HazardLevel.MAJOR)
    assert h.status == S.FOUND
    assert "file_case" in hazards.actions_for(p.officer1, h)[0]
    unregister_provider(HAZARD_FILE_CASE)
    available, blocked = hazards.actions_for(p.officer1, h)
    assert "file_case" not in available
    assert "file_case" not in [b["name"] for b in blocked]
    with pytest.raises(GuardFailed):
        hazards.transition_hazard(h, "file_case", actor=p.officer1)


def test_a_general_hazard_cannot_be_filed_before_a_failed_recheck(world, case_provider):
    h = world.hazard()
    with pytest.raises(DomainError) as exc:
        hazards.transition_hazard(h, "file_case", actor=world.personas.officer1)
    assert exc.value.code == "hazard.major_or_failed_recheck"


def test_outsiders_may_not_move_a_hazard(world):
    p = world.personas
    h = world.hazard()
    for who in (p.reviewer, p.assistant, p.officer_other, p.head_b):
        with pytest.raises(NotAllowed):
            hazards.transition_hazard(
                h, "order_rectification", actor=who, params={"deadline": dt.date(2026, 6, 20)}
            )


def test_major_hazard_without_standard_item_is_refused(world):
    insp = world.inspection()
    with pytest.raises(DomainError) as exc:
        hazards.record_hazard(
            insp, actor=world.personas.officer1, level="major", description="粉尘爆炸危险场所设有休息室"
        )
    assert exc.value.message == "重大事故隐患须引用判定标准条款"
    assert not Hazard.objects.exists()


def test_a_deadline_passed_without_recheck_may_be_escalated_to_the_head(world, time_machine):
    p = world.personas
    h = world.hazard_in(S.RECTIFYING)  # deadline 2026-06-30
    time_machine.move_to(dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert "escalate" in hazards.actions_for(p.officer1, h)[0]
    h = hazards.transition_hazard(h, "escalate", actor=p.officer1, reason="逾期未申请复查")
    assert h.status == S.ESCALATED and h.escalated_at is not None
    assert list(p.head.notifications.values_list("title", flat=True)) == [
        "隐患逾期未整改：南京浦口金属制品有限公司"
    ]
