"""公示 of decisions (spec §1.15, §5 PUBLISH_PENALTY / UNPUBLISH): the 7-working-day deadline from the decision
on the real calendar, publish / withdraw per decision (handler only, refused in wrong states), the masked
public pages without login (withdrawn → 404), timed withdrawal and the 3-working-day withdrawal of a changed
decision through the daily job."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django.contrib.contenttypes.models import ContentType

from cases.choices import CaseStatus as S
from cases.models import Case, CaseDecision, CreditRecord, Publication, WithdrawalKind
from cases.services import publication as pubs
from enforcement.core.models import AuditEvent, Deadline
from enforcement.core.registry import REGISTRY
from enforcement.core.tasks import run_app_daily_jobs_task

SECRET_ID = "320111199001011239"
SECRET_PHONE = "13812345678"
SECRET_STREET = "江浦街道珠江路88号"
FACTS = (
    f"经查，该公司法定代表人：王小明（身份证号{SECRET_ID}，手机{SECRET_PHONE}）在南京市浦口区{SECRET_STREET}"
    "仓库内组织未经安全生产教育和培训的从业人员上岗作业，未如实记录安全生产教育和培训情况。"
)
VIOLATIONS = [
    {"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]},
    {"violation": "AQ-094-P1", "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}]},
]


def decided(cw, violations=None, facts=FACTS):
    p = cw.personas
    c = cw.reach(S.FILED)
    c = cw.move(
        c, "conclude_investigation", facts=facts, proposal="penalty", violations=violations or VIOLATIONS
    )
    c = cw.move(c, "notify")
    c = cw.move(c, "waive_rights")
    if c.review_required:
        c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
        c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    if c.collective_required:
        c = cw.move(
            c, "record_collective_discussion", p.head, participants=["甲", "乙", "丙"], conclusion="同意"
        )
    return cw.move(c, "decide", p.head)


def deadlines_of(decision, kind):
    ct = ContentType.objects.get_for_model(CaseDecision)
    return list(Deadline.objects.filter(content_type=ct, object_id=decision.pk, kind=kind).order_by("id"))


def at(day):
    return dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def test_decision_opens_the_7_working_day_deadline_across_the_dragon_boat_holiday(cw, frozen):
    """安全生产法 Art 78: decided Wed 2026-06-17; 端午 Fri 06-19 is a holiday → due Mon 06-29 (not 06-26)."""
    frozen.move_to(at(dt.date(2026, 6, 17)))
    c = decided(cw)
    unit, person = c.decisions.order_by("id")
    [d] = deadlines_of(unit, pubs.PUBLISH)
    assert (d.start_date, d.due_date, d.status, d.day_type, d.length) == (
        dt.date(2026, 6, 17),
        dt.date(2026, 6, 29),
        "open",
        "working",
        7,
    )
    assert "7个工作日" in d.basis and "安全生产法第七十八条" in d.basis
    assert len(deadlines_of(person, pubs.PUBLISH)) == 1


def test_handler_publishes_each_decision_and_the_public_page_is_masked(client, cw, frozen):
    c = decided(cw)
    unit, person = c.decisions.order_by("id")
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": person.pk}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["status"] == S.DECIDED  # the case status stays coarse
    assert [len(d["publications"]) for d in body["decisions"]] == [1, 1]
    assert "publish" not in body["available_actions"]
    assert "withdraw_publication" in body["available_actions"]
    pub_unit, pub_person = Publication.objects.order_by("id")
    assert (pub_unit.party, pub_person.party) == (c.party_name, "赵某某")
    assert pub_unit.ends_on == dt.date(2031, 6, 1)  # organisations: 5 years (default policy)
    assert pub_person.ends_on == dt.date(2028, 6, 1)  # natural persons: 2 years
    assert [d.status for d in deadlines_of(unit, pubs.PUBLISH)] == ["met"]
    # the credit record was pushed with the decision, once
    assert CreditRecord.objects.filter(decision=unit).count() == 1
    client.logout()
    for pub in (pub_unit, pub_person):
        html = client.get(f"/public/decisions/{pub.pk}/").content.decode()
        for secret in (SECRET_ID, SECRET_PHONE, SECRET_STREET, "王小明", "赵主要"):
            assert secret not in html
        assert "王某某" in html and "320111************" in html and "138****5678" in html
        assert "南京市浦口区****" in html and c.deciding_agency.name in html
    # the stored originals are unchanged
    c.refresh_from_db()
    assert SECRET_ID in c.facts
    assert CaseDecision.objects.get(pk=person.pk).party_name == "赵主要"


def test_public_list_and_detail_anonymous_fast_and_leak_nothing(
    client, cw, frozen, django_assert_max_num_queries
):
    c = decided(cw)
    for d in c.decisions.all():
        cw.move(c, "publish", decision=d.pk)
    pub = Publication.objects.order_by("id").first()
    with django_assert_max_num_queries(5):
        r = client.get("/public/decisions/", {"agency": c.deciding_agency_id, "year": 2026})
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count("/public/decisions/") >= 2
    assert "赵主要" not in html and "赵某某" in html
    for internal in ("officer1", cw.personas.officer1.display_name, f"/cases/{c.pk}/", "handler"):
        assert internal not in html
    assert "没有符合条件" in client.get("/public/decisions/", {"year": 2025}).content.decode()
    with django_assert_max_num_queries(5):
        r = client.get(f"/public/decisions/{pub.pk}/")
    assert r.status_code == 200
    assert cw.personas.officer1.display_name not in r.content.decode()


def test_withdrawal_takes_the_page_down_and_keeps_the_record(client, cw, frozen):
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    cw.move(c, "publish", decision=unit.pk)
    pub = Publication.objects.get()
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/withdraw_publication/",
        {"decision": unit.pk, "reason": " "},
        content_type="application/json",
    )
    assert (r.status_code, r.json()["code"]) == (409, "case.withdraw_input")
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/withdraw_publication/",
        {"decision": unit.pk, "reason": "当事人申请，经核实公示内容有误"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    pub.refresh_from_db()
    assert (pub.withdrawn_on, pub.withdrawn_by, pub.withdrawal_kind, pub.withdrawal_reason) == (
        dt.date(2026, 6, 1),
        cw.personas.officer1,
        WithdrawalKind.MANUAL,
        "当事人申请，经核实公示内容有误",
    )
    client.logout()
    r = client.get(f"/public/decisions/{pub.pk}/")
    assert r.status_code == 404
    assert "王某某" not in r.content.decode()
    assert f"/public/decisions/{pub.pk}/" not in client.get("/public/decisions/").content.decode()
    # it may be published again (e.g. corrected): a new row, the old one stays
    cw.move(c, "publish", decision=unit.pk)
    assert Publication.objects.filter(decision=unit).count() == 2


def test_only_a_handler_publishes(client, cw, frozen):
    """Those who see the case but are not its handlers: 403 (CONTRACT: ``publish`` is the handler's)."""
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    before = AuditEvent.objects.count()
    for who in ("head", "reviewer", "supervisor"):
        client.force_login(getattr(cw.personas, who))
        r = client.post(
            f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
        )
        assert r.status_code == 403, who
    assert not Publication.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_unrelated_officer_and_the_anonymous_get_nothing(client, cw, frozen):
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    client.force_login(cw.personas.officer_other)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
    )
    assert r.status_code == 404
    client.logout()
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
    )
    assert r.status_code == 401
    assert not Publication.objects.exists()


def test_publish_is_refused_in_wrong_states(client, cw, frozen):
    undecided = cw.reach(S.NOTIFIED)
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{undecided.pk}/actions/publish/", {"decision": 1}, content_type="application/json"
    )
    assert r.status_code == 409
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": 999999}, content_type="application/json"
    )
    assert (r.status_code, r.json()["code"]) == (409, "case.publish_input")
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/withdraw_publication/",
        {"decision": unit.pk, "reason": "x"},
        content_type="application/json",
    )
    assert (r.status_code, r.json()["code"]) == (409, "case.something_published")
    cw.move(c, "publish", decision=unit.pk)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
    )
    assert (r.status_code, r.json()["code"]) == (409, "case.publish_input")
    CaseDecision.objects.filter(pk=c.decisions.order_by("id").last().pk).update(
        ended_on=dt.date(2026, 6, 1), ended_reason="复议撤销"
    )
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/publish/",
        {"decision": c.decisions.order_by("id").last().pk},
        content_type="application/json",
    )
    assert (r.status_code, r.json()["code"]) == (409, "case.something_to_publish")
    assert Publication.objects.count() == 1


def test_no_penalty_decision_is_not_published(cw, frozen):
    c = cw.reach(S.FILED)
    c = cw.move(c, "conclude_investigation", facts="违法事实不成立", proposal="no_penalty")
    c = cw.move(c, "decide", cw.personas.head)
    assert c.status == S.NO_PENALTY
    [d] = c.decisions.all()
    assert deadlines_of(d, pubs.PUBLISH) == []


def test_daily_job_withdraws_at_the_end_of_the_period(cw, frozen):
    c = decided(cw)
    for d in c.decisions.all():
        cw.move(c, "publish", decision=d.pk)
    assert "cases.publication_credit" in [j.name for j in REGISTRY.daily_jobs]
    person_pub = Publication.objects.get(decision__party_role="person")
    frozen.move_to(at(dt.date(2028, 6, 2)))
    summary = run_app_daily_jobs_task()
    assert summary["cases.publication_credit"]["period_ended"] == 1
    person_pub.refresh_from_db()
    assert (person_pub.withdrawn_on, person_pub.withdrawn_by, person_pub.withdrawal_kind) == (
        dt.date(2028, 6, 2),
        None,
        WithdrawalKind.PERIOD_END,
    )
    assert Publication.objects.live().count() == 1
    again = run_app_daily_jobs_task()
    assert again["cases.publication_credit"]["period_ended"] == 0
    assert AuditEvent.objects.filter(action="publication.withdraw").count() == 1


def test_changed_decision_must_be_withdrawn_within_3_working_days(client, cw, frozen):
    """行政处罚法 Art 48 ¶2 with Art 85: revoked Thu 2026-06-18, 端午 Fri 06-19 → due Wed 06-24."""
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    cw.move(c, "publish", decision=unit.pk)
    frozen.move_to(at(dt.date(2026, 6, 18)))
    CaseDecision.objects.filter(pk=unit.pk).update(
        ended_on=dt.date(2026, 6, 18), ended_reason="行政复议决定撤销"
    )
    run_app_daily_jobs_task()
    [d] = deadlines_of(unit, pubs.UNPUBLISH)
    assert (d.start_date, d.due_date, d.status) == (dt.date(2026, 6, 18), dt.date(2026, 6, 24), "open")
    assert "行政复议决定撤销" in d.title
    run_app_daily_jobs_task()  # idempotent
    assert len(deadlines_of(unit, pubs.UNPUBLISH)) == 1
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/withdraw_publication/",
        {"decision": unit.pk, "reason": "本决定已被行政复议机关撤销"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert [x.status for x in deadlines_of(unit, pubs.UNPUBLISH)] == ["met"]
    assert Publication.objects.get(decision=unit).withdrawal_kind == WithdrawalKind.DECISION_CHANGED


def test_on_decision_changed_for_a_varied_amount(cw, frozen):
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    cw.move(c, "publish", decision=unit.pk)
    assert (
        pubs.on_decision_changed(unit, actor=cw.personas.officer1, reason="复议变更罚款为10000元") is not None
    )
    assert pubs.on_decision_changed(unit, actor=cw.personas.officer1, reason="again") is None
    other = c.decisions.order_by("id").last()
    assert pubs.on_decision_changed(other, actor=None, reason="未公示") is None


def test_case_page_shows_publication_and_buttons(client, cw, frozen):
    c = decided(cw)
    unit = c.decisions.order_by("id").first()
    client.force_login(cw.personas.officer1)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert "公示此决定" in html and "公示处罚决定" in html
    r = client.post(f"/cases/{c.pk}/actions/publish/", {"publish-decision": unit.pk})
    assert r.status_code == 302
    html = client.get(f"/cases/{c.pk}/").content.decode()
    pub = Publication.objects.get()
    assert f"/public/decisions/{pub.pk}/" in html and "撤回公示" in html


def test_public_search_by_agency_and_text(client, cw, frozen):
    c = decided(cw)
    for d in c.decisions.all():
        cw.move(c, "publish", decision=d.pk)
    other = cw.personas.agencies.district_b.pk
    html = client.get("/public/decisions/", {"agency": other}).content.decode()
    assert "没有符合条件" in html
    html = client.get("/public/decisions/", {"q": "赵某某"}).content.decode()
    assert len(re.findall(r'href="/public/decisions/\d+/"', html)) == 1


def test_a_decision_of_another_case_is_refused(client, cw, frozen):
    c = decided(cw)
    other = cw.reach(S.FILED)
    unit = c.decisions.order_by("id").first()
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{other.pk}/actions/publish/", {"decision": unit.pk}, content_type="application/json"
    )
    assert r.status_code == 409
    assert not Publication.objects.exists()


def test_a_revoking_remedy_outcome_opens_the_withdrawal_deadline(client, cw, frozen):
    """Art 48 ¶2: a decision revoked after publication is withdrawn within 3 working days — the remedy
    outcome itself opens that deadline for the handlers."""
    from cases.services.workflow import transition_case
    from enforcement.core.models import Deadline

    p = cw.personas
    c = cw.reach("waived")
    c = cw.move(c, "submit_legal_review", reviewer=p.reviewer)
    c = cw.move(c, "complete_legal_review", p.reviewer, outcome="approved", opinion="同意")
    c = cw.move(c, "decide", p.head)
    d = c.decisions.get()
    c = cw.move(c, "serve", decision=d.pk, method="direct", recipient="法定代表人")
    c = cw.move(c, "publish", decision=d.pk)
    c = cw.move(c, "record_remedy", decision=d.pk, kind="reconsideration", received_on=frozen_day())
    remedy = d.remedies.get()
    before = Deadline.objects.filter(kind__icontains="UNPUBLISH").count()
    transition_case(
        c,
        "record_remedy_outcome",
        actor=p.officer1,
        params={"remedy": remedy.pk, "outcome": "revoked", "outcome_on": frozen_day()},
    )
    assert Deadline.objects.filter(kind__icontains="UNPUBLISH").count() == before + 1


def frozen_day():
    import datetime as dt

    return dt.date(2026, 6, 1)


def test_an_archived_cases_publication_is_withdrawn_without_touching_the_sealed_file(client, cw, frozen):
    """The 公示 period outlives the case: the handler may still take an archived case's decision down
    (行政处罚法 Art 48 ¶2), and doing so changes the publication, not the sealed case (15号令 Art 65) — no
    database refusal, the case row as it was, the withdrawal on the timeline and in the audit trail."""
    p = cw.personas
    c = decided(cw, violations=[{"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]}])
    unit = c.decisions.get()
    c = cw.move(c, "serve", method="direct", recipient="钱法代", decision=unit.pk)
    c = cw.move(c, "record_payment", decision=unit.pk, amount=20000, note="票据")
    c = cw.move(c, "publish", decision=unit.pk)
    c = cw.move(c, "close", p.head, ground="performed", note="")
    c = cw.move(c, "archive")
    assert c.status == S.ARCHIVED
    row = Case.objects.filter(pk=c.pk).values().get()
    client.force_login(p.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/withdraw_publication/",
        {"decision": unit.pk, "reason": "当事人信用修复获准"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    pub = Publication.objects.get(decision=unit)
    assert pub.withdrawn_by == p.officer1 and pub.withdrawal_reason == "当事人信用修复获准"
    assert Case.objects.filter(pk=c.pk).values().get() == row
    assert c.events.filter(action="withdraw_publication", to_status=S.ARCHIVED).count() == 1
    assert AuditEvent.objects.filter(action="case.withdraw_publication", object_id=str(c.pk)).count() == 1
