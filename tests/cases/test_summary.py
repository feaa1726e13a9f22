"""Summary procedure (简易程序, 当场处罚): the Art 51 ceilings and the Art 68 cash rule on both sides of each
threshold, the service (≥ 2 qualified officers, deadlines for 备案 and the cash hand-in, Art 52 and 71),
the API and the case page, and the separation from the ordinary actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseStatus as S
from cases.models import Case, CaseSettings, SummaryDecision
from cases.rules import summary as rules
from enforcement.core.exceptions import GuardFailed, InvalidTransition
from enforcement.core.models import Deadline
from tests.cases.test_api import READERS, state
from tests.factories import UserFactory
from tests.support.matrix import assert_matrix
from tests.training.helpers import give_certificate

PERSON = {"kind": "person", "name": "李四", "id_number": "11010519491231002X", "address": "浦口区江浦街道"}


# --- rules ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("party_type", "amount", "allowed"),
    [
        ("individual", 200, True),  # Art 51: 对公民处以二百元以下罚款 (以下 includes 200)
        ("individual", 201, False),
        ("unit", 3000, True),  # Art 51: 对法人或者其他组织处以三千元以下罚款
        ("unit", 3001, False),
        ("individual", 1, True),
        ("unit", 0, False),  # a fine needs an amount
    ],
)
def test_art51_fine_ceilings_on_both_sides(party_type, amount, allowed):
    refusal = rules.penalty_refusal(party_type, "fine", amount)
    assert (refusal is None) is allowed
    if not allowed and amount:
        assert "第五十一条" in refusal and "普通程序" in refusal


def test_art51_warning_and_other_penalties():
    assert rules.penalty_refusal("unit", "warning", 0) is None
    assert rules.penalty_refusal("individual", "warning", None) is None
    assert "警告" in rules.penalty_refusal("unit", "warning", 50)
    assert "第五十一条" in rules.penalty_refusal("unit", "suspension", 0)


@pytest.mark.parametrize(
    ("amount", "reason", "allowed"),
    [
        (100, "", True),  # Art 68(1): 依法给予一百元以下罚款
        (101, "", False),
        (101, "当事人系外地流动摊贩，事后难以执行", True),  # Art 68(2): 不当场收缴事后难以执行
        (3000, "   ", False),
        (0, "", False),  # a warning collects nothing
    ],
)
def test_art68_cash_on_the_spot(amount, reason, allowed):
    refusal = rules.cash_refusal(amount, reason)
    assert (refusal is None) is allowed
    if not allowed:
        assert "第六十八条" in refusal


def test_reconsideration_first_from_2024_and_remedy_text():
    # 行政复议法 (2023) Art 23 ¶1(1), in force 2024-01-01
    assert rules.reconsideration_first(dt.date(2024, 1, 1))
    assert not rules.reconsideration_first(dt.date(2023, 12, 31))
    text = rules.remedy_text(dt.date(2026, 6, 1), "南京市浦口区人民政府")
    assert "应当先申请行政复议" in text and "南京市浦口区人民政府" in text and "十五日" in text
    assert "或者在六个月内" in rules.remedy_text(dt.date(2023, 6, 1), "X")


# --- services -------------------------------------------------------------------------------------------


def spot(**extra):
    body = {
        "penalty": "fine",
        "amount": 200,
        "facts": "当事人在加油站内吸烟。",
        "provision": "《江苏省安全生产条例》第X条",
        "basis": "《江苏省安全生产条例》第Y条",
        "place": "浦口区江浦加油站",
    }
    body.update(extra)
    return body


@pytest.fixture
def summary_case(cw):
    return cw.draft(party=PERSON, procedure="summary")


def deadlines(case):
    return {
        d.kind: d
        for d in Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Case), object_id=case.pk
        )
    }


def test_decide_on_spot_opens_filing_back_and_cash_deadlines(cw, summary_case):
    c = cw.move(summary_case, "decide_on_spot", **spot(amount=80, cash=True, receipt_number="苏财罚0001"))
    assert c.status == S.DECIDED and c.decided_on == dt.date(2026, 6, 1)
    s = SummaryDecision.objects.get(case=c)
    assert s.amount == 80 and s.cash_collected and s.receipt_number == "苏财罚0001"
    ds = deadlines(c)
    # 备案: default 5 days (CaseSettings), calendar; 2026-06-06 is a Saturday → rolls to Monday 06-08 (D5)
    assert ds["CASE_SUMMARY_FILING"].due_date == dt.date(2026, 6, 8)
    assert "第五十二条" in ds["CASE_SUMMARY_FILING"].basis
    # Art 71: 2 working days from Monday 2026-06-01 → Wednesday 06-03
    assert ds["CASE_CASH_HANDOVER"].due_date == dt.date(2026, 6, 3)
    assert "第七十一条" in ds["CASE_CASH_HANDOVER"].basis
    assert c.events.last().action == "decide_on_spot"
    c = cw.move(c, "record_cash_handover")
    c = cw.move(c, "record_filing_back", actor=cw.personas.head, note="已报法制科备案")
    ds = deadlines(c)
    assert ds["CASE_SUMMARY_FILING"].status == "met" and ds["CASE_CASH_HANDOVER"].status == "met"
    s.refresh_from_db()
    assert s.filed_back_on == dt.date(2026, 6, 1) and s.cash_handed_in_on == dt.date(2026, 6, 1)
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "record_filing_back")
    assert exc.value.code == "case.summary_not_filed_back"
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "record_cash_handover")
    assert exc.value.code == "case.summary_cash_pending"


def test_filing_back_period_is_agency_data(cw, summary_case):
    CaseSettings.objects.create(agency=cw.personas.agencies.district_a, summary_filing_days=10)
    c = cw.move(summary_case, "decide_on_spot", **spot(penalty="warning", amount=0))
    assert deadlines(c)["CASE_SUMMARY_FILING"].due_date == dt.date(2026, 6, 11)
    assert "CASE_CASH_HANDOVER" not in deadlines(c)
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "record_cash_handover")
    assert exc.value.code == "case.summary_cash_pending"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"amount": 201}, "第五十一条"),
        ({"amount": 150, "cash": True, "receipt_number": "1"}, "第六十八条"),
        ({"amount": 80, "cash": True}, "第七十条"),
        ({"facts": " "}, "违法事实"),
        ({"party_signed": False}, "拒绝签收"),
    ],
)
def test_summary_input_guards_change_nothing(cw, summary_case, extra, message):
    before = list(Case.objects.values_list("id", "status", "updated_at"))
    with pytest.raises(GuardFailed) as exc:
        cw.move(summary_case, "decide_on_spot", **spot(**extra))
    assert exc.value.code == "case.summary_input" and message in exc.value.message
    assert list(Case.objects.values_list("id", "status", "updated_at")) == before
    assert not SummaryDecision.objects.exists() and not deadlines(summary_case)


def test_organisation_may_be_fined_up_to_3000_on_the_spot(cw):
    c = cw.draft(procedure="summary")  # the enterprise
    c = cw.move(
        c,
        "decide_on_spot",
        **spot(amount=3000, cash=True, cash_reason="外省车辆，事后难以执行", receipt_number="2"),
    )
    assert SummaryDecision.objects.get(case=c).amount == 3000
    with pytest.raises(GuardFailed):
        cw.move(cw.draft(procedure="summary"), "decide_on_spot", **spot(amount=3001))


def test_two_qualified_officers_needed(cw):
    p = cw.personas
    c = cw.draft(party=PERSON, procedure="summary", handlers=[p.officer1, p.expired])
    with pytest.raises(GuardFailed) as exc:
        cw.move(c, "decide_on_spot", **spot())
    assert exc.value.code == "case.two_handlers" and "第四十二条" in exc.value.message


def test_summary_and_ordinary_actions_do_not_mix(cw, summary_case):
    with pytest.raises(InvalidTransition) as exc:
        cw.move(summary_case, "submit_filing")
    assert exc.value.code == "case.procedure"
    ordinary = cw.draft()
    with pytest.raises(InvalidTransition) as exc:
        cw.move(ordinary, "decide_on_spot", **spot())
    assert exc.value.code == "case.procedure" and "第五十一条" in exc.value.message
    decided = cw.reach(S.FILED)
    with pytest.raises(InvalidTransition):
        cw.move(decided, "record_filing_back")


# --- API and pages --------------------------------------------------------------------------------------


def test_api_create_summary_and_decide(client, cw):
    p = cw.personas
    body = {
        "party": PERSON,
        "source": "other",
        "source_ref": {"text": "现场检查"},
        "cause": "在禁火区吸烟",
        "violation_date": "2026-06-01",
        "handlers": [p.officer1.pk, p.officer2.pk],
        "procedure": "summary",
    }
    client.force_login(p.officer1)
    created = client.post("/api/v1/cases/", body, content_type="application/json").json()
    assert created["procedure"] == "summary" and created["procedure_label"].startswith("简易程序")
    assert created["available_actions"] == ["decide_on_spot"]
    url = f"/api/v1/cases/{created['id']}/actions/decide_on_spot/"
    r = client.post(url, spot(amount=201), content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "case.summary_input"
    r = client.post(url, {"penalty": "fine"}, content_type="application/json")
    assert r.status_code == 400
    r = client.post(url, spot(), content_type="application/json")
    assert r.status_code == 200, r.json()
    out = r.json()
    assert out["status"] == "decided" and out["summary"]["amount"] == 200
    assert set(out["available_actions"]) == {"record_filing_back"}
    assert {d["kind"] for d in out["deadlines"]} == {"CASE_SUMMARY_FILING"}
    r = client.post(
        f"/api/v1/cases/{created['id']}/actions/submit_filing/", {}, content_type="application/json"
    )
    assert r.status_code == 409 and r.json()["code"] == "case.procedure"
    r = client.post("/api/v1/cases/", {**body, "procedure": "express"}, content_type="application/json")
    assert r.status_code == 400
    without = {k: v for k, v in body.items() if k != "procedure"}
    ordinary = client.post("/api/v1/cases/", without, content_type="application/json").json()
    assert ordinary["procedure"] == "ordinary"
    listed = client.get("/api/v1/cases/", {"procedure": "summary"}).json()["results"]
    assert [row["id"] for row in listed] == [created["id"]]


@pytest.fixture
def third(cw):
    user = UserFactory(
        username="officer3", real_name="孙执法", agency=cw.personas.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(user, actor=cw.personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    return user


def test_permission_matrix_for_decide_on_spot(client, cw, third):
    """The handlers act; the head and supervisor see but may not act; the unrelated officer2 gets 404."""
    summary_case = cw.draft(party=PERSON, procedure="summary", handlers=[cw.personas.officer1, third])
    url = f"/api/v1/cases/{summary_case.pk}/actions/decide_on_spot/"
    expectations = {
        **{k: v for k, v in READERS.items() if v != 200},
        "head": 403,
        "supervisor": 403,
        "officer1": 200,
    }
    assert_matrix(client, "post", url, expectations, personas=cw.personas, data=spot(), state=state)


def test_case_page_shows_procedure_and_only_summary_actions(client, cw, summary_case):
    p = cw.personas
    client.force_login(p.officer1)
    html = client.get(f"/cases/{summary_case.pk}/").content.decode()
    assert "简易程序" in html and 'data-action="decide_on_spot"' in html
    assert 'data-action="submit_filing"' not in html and 'data-blocked="submit_filing"' not in html
    form = {f"decide_on_spot-{k}": v for k, v in spot(amount=50).items()}
    form.update({"decide_on_spot-party_signed": "true", "decide_on_spot-date": "2026-06-01"})
    r = client.post(f"/cases/{summary_case.pk}/actions/decide_on_spot/", form)
    assert r.status_code == 302
    html = client.get(f"/cases/{summary_case.pk}/").content.decode()
    assert 'id="case-summary"' in html and "待备案" in html and 'data-action="record_filing_back"' in html
    client.force_login(p.officer_other)
    assert client.get(f"/cases/{summary_case.pk}/").status_code == 404
