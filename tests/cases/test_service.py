"""送达 through the case action (spec §1.12, CONTRACT ``serve``): the service deadline opened at the decision
and closed by service, the day service counts per method, 已决定 → 执行中 once every decision is served,
the 告知书 served later restarting the party's windows (ERRATA), refusals that change nothing, the API's
400/403/404/409 and the page's form and per-decision rows."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.choices import CaseStatus as S
from cases.models import Case, CaseService
from cases.services.deadlines import DEFENCE, case_deadlines
from cases.services.service import SERVE_DECISION
from enforcement.core.models import AuditEvent, Deadline
from tests.factories import UserFactory
from tests.support.images import JPEG
from tests.support.matrix import assert_matrix
from tests.training.helpers import give_certificate

D = dt.date
SH = zoneinfo.ZoneInfo("Asia/Shanghai")
PERSON_FINE = {
    "violation": "AQ-094-P1",
    "fines": [{"subject": "main_person", "person": "赵主要", "amount": 30000}],
}


def decided(cw, violations=None, case=None):
    """A case decided on 2026-06-01 through the real services (notice waived, review if required)."""
    p = cw.personas
    c = cw.reach(S.FILED, case=case)
    c = cw.move(
        c,
        "conclude_investigation",
        facts="经查属实。",
        proposal="penalty",
        violations=violations or cw.conclusion()["violations"],
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


def later(frozen, day: D) -> None:
    frozen.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=SH))


def snapshot(case: Case):
    return (
        Case.objects.filter(pk=case.pk).values_list("status", "updated_at").get(),
        CaseService.objects.count(),
        list(case.decisions.values_list("served_on", flat=True)),
        AuditEvent.objects.count(),
    )


def test_decide_opens_one_service_deadline_per_decision(cw, frozen):
    c = decided(cw, [cw.conclusion()["violations"][0], PERSON_FINE])
    rows = Deadline.objects.filter(kind=SERVE_DECISION).order_by("id")
    assert [(d.subject, d.start_date, d.due_date, d.status) for d in rows] == [
        (dec, D(2026, 6, 1), D(2026, 6, 10), "open") for dec in c.decisions.order_by("id")
    ]
    assert "第六十一条" in rows[0].basis and "7个工作日" in rows[0].basis
    assert set(case_deadlines(c).values_list("kind", flat=True)) >= {SERVE_DECISION}


def test_service_deadline_skips_the_dragon_boat_holiday(cw, frozen):
    """Decided 2026-06-15: 7 working days skip 06-19 (端午) → 06-25 (行政处罚法 Art 61, 85)."""
    later(frozen, D(2026, 6, 15))
    decided(cw)
    assert Deadline.objects.get(kind=SERVE_DECISION).due_date == D(2026, 6, 25)


def test_serve_by_post_counts_from_the_receipt_and_moves_to_executing(client, cw, frozen):
    c = decided(cw)
    decision = c.decisions.get()
    later(frozen, D(2026, 6, 5))
    c = cw.move(c, "serve", method="post", date=D(2026, 6, 2), recipient="李收件", receipt_date=D(2026, 6, 4))
    assert c.status == S.EXECUTING
    decision.refresh_from_db()
    assert decision.served_on == D(2026, 6, 4)
    sv = CaseService.objects.get()
    assert (sv.decision, sv.method, sv.served_date, sv.effective_on) == (
        decision,
        "post",
        D(2026, 6, 2),
        D(2026, 6, 4),
    )
    assert "第九十一条" in sv.basis
    assert Deadline.objects.get(kind=SERVE_DECISION).status == "met"
    event = AuditEvent.objects.filter(action="case.serve").get()
    assert event.data["effective_on"] == "2026-06-04" and event.data["to"] == "executing"
    client.force_login(cw.personas.officer1)
    body = client.get(f"/api/v1/cases/{c.pk}/").json()
    row = body["decisions"][0]
    assert row["served_on"] == "2026-06-04" and row["service"]["method"] == "post"
    assert [(w["kind"], w["end"]) for w in row["windows"]] == [
        ("reconsideration", "2026-08-03"),
        ("litigation", "2026-12-04"),
    ]
    assert "行政复议法第二十条" in row["windows"][0]["basis"]
    assert "serve" not in body["available_actions"]


def test_each_decision_is_served_on_its_own_and_the_case_executes_after_the_last(cw, frozen):
    c = decided(cw, [cw.conclusion()["violations"][0], PERSON_FINE])
    unit, person = c.decisions.order_by("id")
    c = cw.move(c, "serve", decision=person.pk, method="direct", recipient="赵主要")
    assert c.status == S.DECIDED
    assert list(
        Deadline.objects.filter(kind=SERVE_DECISION).order_by("id").values_list("status", flat=True)
    ) == [
        "open",
        "met",
    ]
    c = cw.move(c, "serve", method="direct", recipient="钱法代")  # default: the rest
    assert c.status == S.EXECUTING
    assert list(CaseService.objects.order_by("id").values_list("decision_id", "recipient")) == [
        (person.pk, "赵主要"),
        (unit.pk, "钱法代"),
    ]


def test_public_notice_is_deemed_served_30_days_after_publication(cw, frozen):
    c = decided(cw)
    c = cw.move(
        c, "serve", method="public_notice", public_notice_reason="经多次直接送达、邮寄送达均被退回，下落不明"
    )
    assert c.decisions.get().served_on == D(2026, 7, 1)
    assert c.status == S.EXECUTING  # the service is done; it counts from 07-01


def test_refusals_change_nothing(client, cw, frozen):
    c = decided(cw)
    before = snapshot(c)
    client.force_login(cw.personas.officer1)
    url = f"/api/v1/cases/{c.pk}/actions/serve/"
    r = client.post(url, {"method": "left", "recipient": "钱法代"}, content_type="application/json")
    assert (
        r.status_code == 409
        and r.json()["code"] == "case.service_method"
        and "第八十九条" in r.json()["detail"]
    )
    r = client.post(url, {"method": "electronic", "recipient": "钱法代"}, content_type="application/json")
    assert r.status_code == 409 and "送达地址确认书" in r.json()["detail"]
    r = client.post(url, {"method": "fax", "recipient": "钱法代"}, content_type="application/json")
    assert r.status_code == 400 and set(r.json()) == {"code", "detail", "fields"}
    r = client.post(
        url, {"method": "direct", "recipient": "x", "decision": 999999}, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["detail"] == "本案没有该处罚决定"
    r = client.post(
        url, {"method": "direct", "recipient": "x", "date": "2026-06-02"}, content_type="application/json"
    )
    assert r.status_code == 409 and r.json()["detail"] == "送达日期不能晚于今天"
    assert snapshot(c) == before
    r = client.post(
        url,
        {"method": "left", "recipient": "钱法代", "witnesses": ["社区主任"]},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "executing"
    decision = c.decisions.get().pk
    r = client.post(
        url, {"method": "direct", "recipient": "x", "decision": decision}, content_type="application/json"
    )
    assert r.status_code == 409 and r.json()["code"] == "case.service_target"


@pytest.fixture
def third(cw):
    user = UserFactory(
        username="officer3", real_name="孙执法", agency=cw.personas.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(user, actor=cw.personas.cityadmin, issued_on=D(2025, 3, 1))
    return user


def test_serve_permission_matrix(client, cw, frozen, third):
    c = decided(cw, case=cw.draft(handlers=[cw.personas.officer1, third]))
    url = f"/api/v1/cases/{c.pk}/actions/serve/"
    expectations = {
        "anonymous": 401,
        "officer2": 404,  # a colleague who does not handle the case
        "officer_other": 404,
        "head": 403,  # reads and decides, but service is the handlers' act
        "supervisor": 403,  # read-only
        "officer1": 200,
    }

    def state():
        return snapshot(c)[:3]

    assert_matrix(
        client,
        "post",
        url,
        expectations,
        personas=cw.personas,
        data={"method": "direct", "recipient": "钱法代"},
        state=state,
    )


@pytest.mark.parametrize("state", [S.DRAFT, S.FILED, S.INVESTIGATION_CLOSED])
def test_serve_is_refused_before_any_notice(client, cw, frozen, state):
    c = cw.draft() if state == S.DRAFT else cw.reach(state)
    client.force_login(cw.personas.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/serve/",
        {"method": "direct", "recipient": "x"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


def test_notice_served_later_restarts_the_defence_window(cw, frozen):
    """ERRATA: the party's windows count from the service of the 告知书, not its issue."""
    c = cw.reach(S.NOTIFIED)
    defence = Deadline.objects.get(kind=DEFENCE)
    assert (defence.start_date, defence.due_date) == (D(2026, 6, 1), D(2026, 6, 4))
    later(frozen, D(2026, 6, 5))
    c = cw.move(c, "serve", method="post", date=D(2026, 6, 2), recipient="钱法代", receipt_date=D(2026, 6, 3))
    assert c.status == S.NOTIFIED
    defence.refresh_from_db()
    assert (defence.start_date, defence.due_date, defence.status) == (D(2026, 6, 3), D(2026, 6, 8), "open")
    assert "2026-06-03送达起" in defence.basis
    assert AuditEvent.objects.filter(action="deadline.restart").count() == 1
    service = CaseService.objects.get()
    assert (service.served_kind, service.decision, service.effective_on) == ("notice", None, D(2026, 6, 3))
    # decide must now wait for the restarted window (行政处罚法 Art 62)
    with pytest.raises(Exception) as refused:
        cw.move(c, "decide", cw.personas.head)
    assert getattr(refused.value, "code", "") == "case.windows_passed"
    with pytest.raises(Exception) as again:
        cw.move(c, "serve", method="direct", recipient="钱法代")
    assert getattr(again.value, "code", "") == "case.something_to_serve"


def test_the_case_page_offers_the_form_and_shows_the_rows(client, cw, frozen):
    c = decided(cw)
    client.force_login(cw.personas.officer1)
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'id="form-serve"' in page and "尚未送达" in page and "邮件回执签收日" in page
    later(frozen, D(2026, 6, 3))
    client.force_login(cw.personas.officer1)  # the session idles out over two days
    r = client.post(
        f"/cases/{c.pk}/actions/serve/",
        {
            "serve-method": "post",
            "serve-date": "2026-06-01",
            "serve-recipient": "钱法代",
            "serve-receipt_date": "2026-06-02",
        },
    )
    assert r.status_code == 302 and r.url == f"/cases/{c.pk}/"
    response = client.get(f"/cases/{c.pk}/")
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "送达生效日" in page and "2026-06-02" in page
    assert "申请行政复议期限" in page and "2026-08-03" in page  # 08-01 is a Saturday → Monday
    assert "提起行政诉讼期限" in page and "2026-12-02" in page
    assert 'id="form-serve"' not in page and 'id="form-record_remedy"' in page


def test_left_at_the_address_with_a_photo_uploaded_as_the_receipt(client, cw, frozen):
    """民事诉讼法 Art 89: a photo of the process replaces the witness; the upload becomes the case's evidence
    and the service's 送达回执, in the same transaction."""
    c = decided(cw)
    client.force_login(cw.personas.officer1)
    photo = SimpleUploadedFile("liuzhi.jpg", JPEG, content_type="image/jpeg")
    r = client.post(
        f"/cases/{c.pk}/actions/serve/",
        {
            "serve-method": "left",
            "serve-recipient": "钱法代",
            "serve-refusal_note": "拒绝签收",
            "serve-receipt_file": photo,
        },
    )
    assert r.status_code == 302
    sv = CaseService.objects.get()
    assert sv.method == "left" and sv.witnesses == [] and sv.refusal_note == "拒绝签收"
    assert sv.receipt is not None and sv.receipt.case == c and sv.receipt.description == "送达回执"
    assert AuditEvent.objects.filter(action="case.add_evidence").count() == 1


@pytest.mark.documents
def test_any_issued_document_is_served_by_its_id_but_not_the_internal_filing_form(client, cw, frozen):
    c = decided(cw)
    from django.contrib.contenttypes.models import ContentType

    from enforcement.core.models import Document

    docs = {
        d.kind: d
        for d in Document.objects.filter(content_type=ContentType.objects.get_for_model(Case), object_id=c.pk)
    }
    assert set(docs) == {"case_filing", "penalty_notice", "penalty_decision"}
    client.force_login(cw.personas.officer1)
    url = f"/api/v1/cases/{c.pk}/actions/serve/"
    body = {"method": "direct", "recipient": "钱法代"}
    r = client.post(url, {**body, "document": docs["case_filing"].pk}, content_type="application/json")
    assert r.status_code == 409 and "内部审批文书" in r.json()["detail"]
    r = client.post(url, {**body, "document": docs["penalty_notice"].pk}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "decided"
    r = client.post(url, {**body, "document": docs["penalty_decision"].pk}, content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "executing"
    assert list(CaseService.objects.order_by("id").values_list("served_kind", "document__kind")) == [
        ("notice", "penalty_notice"),
        ("decision", "penalty_decision"),
    ]


def test_a_no_penalty_decision_is_served_and_the_status_stays(cw, frozen):
    c = cw.reach(S.FILED)
    c = cw.move(c, "conclude_investigation", facts="违法事实不成立", proposal="no_penalty")
    c = cw.move(c, "decide", cw.personas.head)
    assert c.status == S.NO_PENALTY and Deadline.objects.filter(kind=SERVE_DECISION).count() == 1
    c = cw.move(c, "serve", method="direct", recipient="钱法代")
    assert c.status == S.NO_PENALTY and c.decisions.get().served_on == D(2026, 6, 1)
