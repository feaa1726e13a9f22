"""How the cases app plugs into the rest: the deciding agency's power at the decision (行政处罚法 Art 38),
the decided facts pushed to the discretion fact search (CASE_FACTS), the draws' RECENTLY_PENALISED
provider, and reminders that follow reassigned handlers."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.choices import CaseStatus as S
from cases.services import learning
from cases.services.workflow import actions_for
from discretion.models import CaseFactText
from discretion.services import lookup_violations
from enforcement.core.exceptions import GuardFailed
from enforcement.core.models import AgencyPower, Deadline, Notification
from enforcement.core.registry import CASE_FACTS, RECENTLY_PENALISED, get_provider, register_provider
from enforcement.core.services.deadlines import scan_deadlines
from tests.cases.builders import VIOLATION

pytestmark = pytest.mark.django_db

FACTS = "经查，南京浦口金属制品有限公司喷漆车间液化气钢瓶存放点未张贴任何提示牌，法定代表人王大成未组织整改。"


def decidable(cw):
    """A case waived after notice, ready for the head's decision (on 2026-06-01, frozen)."""
    c = cw.reach(S.NOTIFIED)
    return cw.move(c, "waive_rights")


def withdraw_power(cw, until: dt.date) -> None:
    AgencyPower.objects.filter(agency=cw.personas.agencies.district_a, item=cw.item).update(valid_to=until)


# --- the deciding agency's power on the decision date (Art 38 ¶1) ---------------------------------------


def test_decision_needs_the_agency_power_on_the_decision_date(cw):
    p = cw.personas
    c = decidable(cw)
    assert c.violations.get().enforcement_item_code in ("", cw.item.code)
    withdraw_power(cw, dt.date(2026, 5, 31))  # withdrawn the day before the decision
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "decide", p.head)
    assert exc.value.code == "case.agency_power"
    assert "不具有实施" in exc.value.message and "第三十八条" in exc.value.message
    c.refresh_from_db()
    assert c.status == S.WAIVED and c.decided_on is None
    blocked = {b["name"]: [g["code"] for g in b["guards"]] for b in actions_for(p.head, c)[1]}
    assert "case.agency_power" in blocked["decide"]


def test_decision_passes_with_the_power_held_that_day(cw):
    p = cw.personas
    c = decidable(cw)
    withdraw_power(cw, dt.date(2026, 6, 1))  # still held on the decision day itself
    assert "decide" in actions_for(p.head, c)[0]
    assert cw.move(c, "decide", p.head).status == S.DECIDED


# --- learning from cases: CASE_FACTS ---------------------------------------------------------------------


def test_decided_facts_rank_the_violation_for_another_agency(cw, django_capture_on_commit_callbacks):
    p = cw.personas
    q = "钢瓶存放点没贴提示牌"
    before = [h.violation.code for h in lookup_violations(p.officer_other, q).hits[:1]]
    c = cw.reach(S.INVESTIGATION_CLOSED, case=None)
    c.facts = FACTS
    c.save(update_fields=["facts"])
    c = cw.move(cw.move(c, "notify"), "waive_rights")
    with django_capture_on_commit_callbacks(execute=True):
        cw.move(c, "decide", p.head)
    row = CaseFactText.objects.get(case_ref=f"case-{c.pk}")
    assert row.violation_code == VIOLATION and row.agency_id == p.agencies.district_a.pk
    assert "南京浦口金属制品有限公司" not in row.text and "王大成" not in row.text
    assert row.text.startswith("经查，该单位喷漆车间液化气钢瓶存放点"), row.text
    after = [h.violation.code for h in lookup_violations(p.officer_other, q).hits[:1]]
    assert after == [VIOLATION] and before != after


def test_a_failing_fact_provider_does_not_stop_the_decision(cw, django_capture_on_commit_callbacks, caplog):
    p = cw.personas
    real = get_provider(CASE_FACTS)

    def broken(**kwargs):
        raise RuntimeError("search store down")

    register_provider(CASE_FACTS, broken)
    try:
        c = decidable(cw)
        with django_capture_on_commit_callbacks(execute=True):
            c = cw.move(c, "decide", p.head)
    finally:
        register_provider(CASE_FACTS, real)
    c.refresh_from_db()
    assert c.status == S.DECIDED and c.decided_on == dt.date(2026, 6, 1)
    assert "pushing the facts to the discretion search failed" in caplog.text
    assert not CaseFactText.objects.filter(case_ref=f"case-{c.pk}").exists()


def test_fact_text_masks_the_party_identity(cw):
    c = cw.draft(
        party={"kind": "person", "name": "张三丰", "id_number": "11010519491231002X"},
    )
    c.facts = "张三丰（身份证11010519491231002X）在仓库内违规动火。"
    text = learning.fact_text(c)
    assert text == "涉案人员（身份证＊证照号码＊）在仓库内违规动火。"


# --- RECENTLY_PENALISED for the draws --------------------------------------------------------------------


def test_recently_penalised_provider_is_registered_and_reads_decisions(cw):
    p = cw.personas
    provider = get_provider(RECENTLY_PENALISED)
    assert provider is learning.recently_penalised
    c = decidable(cw)
    ids = [cw.enterprise.pk, cw.enterprise.pk + 1000]
    assert provider(ids, dt.date(2026, 1, 1)) == set()  # not decided yet
    cw.move(c, "decide", p.head)
    assert provider(ids, dt.date(2026, 1, 1)) == {cw.enterprise.pk}
    assert provider(ids, dt.date(2026, 6, 1)) == {cw.enterprise.pk}  # decided that day
    assert provider(ids, dt.date(2026, 6, 2)) == set()
    assert provider([], dt.date(2026, 1, 1)) == set()


# --- reassigning handlers moves their reminders ----------------------------------------------------------


def test_reassigned_handlers_get_the_reminders_and_the_removed_do_not(cw, frozen):
    p = cw.personas
    c = cw.reach(S.FILED)
    decision = Deadline.objects.get(object_id=c.pk, kind="CASE_DECISION")
    cw.move(c, "reassign_handlers", p.head, handlers=[p.officer2, p.head], reason="李执法外出学习")
    assert set(decision.responsible.values_list("username", flat=True)) == {"officer2", "head"}
    frozen.move_to(dt.datetime.combine(decision.due_date - dt.timedelta(days=7), dt.time(9)))
    scan_deadlines()
    sent = Notification.objects.filter(object_id=c.pk, title__contains=decision.title)
    assert set(sent.values_list("recipient__username", flat=True)) == {"officer2", "head"}
    assert not Notification.objects.filter(recipient=p.officer1, object_id=c.pk).exists()
