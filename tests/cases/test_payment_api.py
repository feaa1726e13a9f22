"""Payment actions over the API and the pages: 400 bad body, 403 wrong role, 404 outside, 409 state/guard
with its code (nothing changed on refusal); the decision's payment block in the case detail; the list's
stage filters (待送达 / 待缴款 / 逾期未缴 / 可申请强制执行 / 待结案) in few queries; the 催告书 text."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from cases.models import Case, CasePayment
from cases.services.list_filters import apply_stage_filter
from enforcement.core.models import AuditEvent
from tests.cases.payment_helpers import decided, serve
from tests.cases.test_documents import docs_of, pdf_text
from tests.factories import UserFactory
from tests.support.matrix import assert_matrix
from tests.training.helpers import give_certificate

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
D = dt.date


def _at(frozen, day: D) -> None:
    frozen.move_to(dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))


@pytest.fixture
def third(cw):
    user = UserFactory(
        username="officer3", real_name="孙执法", agency=cw.personas.agencies.district_a, roles=["执法人员"]
    )
    give_certificate(user, actor=cw.personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    return user


@pytest.fixture
def served(cw, third):
    c = decided(cw, case=cw.draft(handlers=[cw.personas.officer1, third]))
    d = c.decisions.get()
    serve(d, D(2026, 6, 1), cw.personas.officer1)
    return c, d


def _state():
    return (
        list(Case.objects.values_list("id", "status", "updated_at")),
        list(CasePayment.objects.values_list("id", "amount")),
    )


def test_record_payment_permission_matrix(client, cw, served):
    c, d = served
    url = f"/api/v1/cases/{c.pk}/actions/record_payment/"
    body = {"decision": d.pk, "amount": 1000, "date": "2026-06-01"}
    refused = {
        "anonymous": 401,
        "officer2": 404,  # a colleague who does not handle the case
        "officer_other": 404,
        "head_b": 404,
        "head": 403,  # sees the case, is not a handler
        "supervisor": 403,
    }
    assert_matrix(client, "post", url, refused, personas=cw.personas, data=body, state=_state)
    responses = assert_matrix(client, "post", url, {"officer1": 200}, personas=cw.personas, data=body)
    payment = responses["officer1"].json()["decisions"][0]["payment"]
    assert (payment["paid"], payment["outstanding"], payment["status"]) == (1000, 19000, "partly_paid")
    assert payment["due"] == "2026-06-16" and payment["surcharge"] == "0.00"


def _post(client, user, url, body):
    client.force_login(user)
    return client.post(url, body, content_type="application/json")


def test_api_errors_400_409_change_nothing(client, cw, served):
    c, d = served
    p = cw.personas
    url = f"/api/v1/cases/{c.pk}/actions/"
    before = (_state(), AuditEvent.objects.count())
    r = _post(client, p.officer1, url + "record_payment/", {"decision": d.pk, "amount": "很多"})
    assert r.status_code == 400
    r = _post(client, p.officer1, url + "record_payment/", {"decision": d.pk, "amount": 20001})
    assert r.status_code == 409 and r.json()["code"] == "case.payment_input"
    assert "超过尚未缴纳的罚款20000元" in r.json()["detail"]
    r = _post(client, p.officer1, url + "serve_demand/", {})
    assert r.status_code == 400  # the decision is required
    r = _post(client, p.officer1, url + "serve_demand/", {"decision": d.pk})
    assert r.status_code == 409 and r.json()["code"] == "case.demand_allowed"
    r = _post(client, p.officer1, url + "apply_court_enforcement/", {"decision": d.pk})
    assert r.status_code == 409 and r.json()["code"] == "case.court_window"
    r = _post(client, p.head, url + "approve_deferral/", {"decision": d.pk, "kind": "defer"})
    assert r.status_code == 409 and r.json()["code"] == "case.deferral_pending"
    r = _post(client, p.officer1, url + "approve_deferral/", {"decision": d.pk})
    assert r.status_code == 403
    assert (_state(), AuditEvent.objects.count()) == before


def test_wrong_state_is_409(client, cw, third):
    c = cw.reach("notified", case=cw.draft(handlers=[cw.personas.officer1, third]))
    r = _post(client, cw.personas.officer1, f"/api/v1/cases/{c.pk}/actions/record_payment/", {"amount": 1})
    assert r.status_code == 409 and "执行中" in r.json()["detail"]


def test_case_page_shows_the_live_surcharge_and_the_next_step(client, cw, served, frozen):
    c, d = served
    _at(frozen, D(2026, 6, 18))
    client.force_login(cw.personas.officer1)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert "加处罚款 截至今日（2026-06-18） 1,200.00 元，自2026-06-17起算，封顶 20,000.00 元" in html
    assert "逾期未缴" in html and "送达催告书" in html and "第三十五条" in html
    assert 'data-action="serve_demand"' in html
    r = client.post(
        f"/cases/{c.pk}/actions/record_payment/",
        {"record_payment-decision": d.pk, "record_payment-amount": 500},
    )
    assert r.status_code == 302 and CasePayment.objects.get().amount == 500
    client.force_login(cw.personas.officer2)
    assert client.get(f"/cases/{c.pk}/").status_code == 404


def test_stage_filters_api_and_page(client, cw, third, frozen, django_assert_max_num_queries):
    p = cw.personas

    def new(amount=20000):
        return decided(cw, amount=amount, case=cw.draft(handlers=[p.officer1, third]))

    unserved = new()
    unpaid = new()
    serve(unpaid.decisions.get(), D(2026, 6, 1), p.officer1)
    paid = new()
    serve(paid.decisions.get(), D(2026, 6, 1), p.officer1)
    cw.move(paid, "record_payment", amount=20000)
    demanded = new()
    serve(demanded.decisions.get(), D(2026, 6, 1), p.officer1)
    client.force_login(p.officer1)

    def ids(stage):
        client.force_login(p.officer1)  # time travels past the session's age
        with django_assert_max_num_queries(6):
            body = client.get("/api/v1/cases/", {"stage": stage}).json()
        return sorted(c["id"] for c in body["results"])

    assert ids("to_serve") == [unserved.pk]
    assert ids("to_pay") == sorted([unpaid.pk, demanded.pk])
    assert ids("to_close") == [paid.pk]
    # 待公示: every decided case until its decision is published (spec §1.15)
    assert ids("to_publish") == sorted([unserved.pk, unpaid.pk, paid.pk, demanded.pk])
    cw.move(paid, "publish", decision=paid.decisions.get().pk)
    assert ids("to_publish") == sorted([unserved.pk, unpaid.pk, demanded.pk])
    assert ids("overdue_unpaid") == []
    _at(frozen, D(2026, 11, 20))
    cw.move(demanded, "serve_demand", decision=demanded.decisions.get().pk)
    assert ids("overdue_unpaid") == sorted([unpaid.pk, demanded.pk])
    assert ids("court_ready") == []
    _at(frozen, D(2026, 12, 4))  # the window is open, but the 催告 wait ends on 12-04
    assert ids("court_ready") == []
    _at(frozen, D(2026, 12, 7))
    assert ids("court_ready") == [demanded.pk]
    cw.move(demanded, "apply_court_enforcement", decision=demanded.decisions.get().pk)
    assert ids("court_ready") == [] and ids("overdue_unpaid") == [unpaid.pk]
    client.force_login(p.officer1)
    assert client.get("/api/v1/cases/", {"stage": "nonsense"}).status_code == 400
    html = client.get("/cases/", {"stage": "overdue_unpaid"}).content.decode()
    assert unpaid.number in html and paid.number not in html and "逾期未缴" in html
    client.force_login(p.officer_other)
    assert client.get("/api/v1/cases/", {"stage": "overdue_unpaid"}).json()["results"] == []
    everything = Case.objects.all()
    assert apply_stage_filter(everything, "") is everything


@pytest.mark.documents
def test_demand_and_court_documents_hold_the_surcharge(cw, served, frozen):
    c, d = served
    _at(frozen, D(2026, 11, 20))
    cw.move(c, "record_payment", decision=d.pk, amount=5000, date=D(2026, 6, 20))
    cw.move(c, "serve_demand", decision=d.pk)
    demand = docs_of(c)[-1]
    text = pdf_text(demand)
    assert demand.kind == "payment_demand" and demand.number in text
    assert "催告书" in text and "尚欠罚款人民币壹万伍仟元整" in text
    # 6-17 … 6-19 on 20,000 (1,800), then 450 a day on 15,000: capped at the fine (行政强制法 Art 45)
    assert "自二〇二六年六月十七日起算" in text and "加处罚款为人民币20,000.00元（封顶20,000.00元）" in text
    assert "十个工作日" in text and "陈述和申辩" in text
    _at(frozen, D(2026, 12, 7))
    cw.move(c, "apply_court_enforcement", decision=d.pk, court="南京铁路运输法院")
    application = docs_of(c)[-1]
    text = pdf_text(application)
    assert application.kind == "court_enforcement_application" and "南京铁路运输法院" in text
    assert "第五十三条" in text and "催告书" in text


@pytest.mark.documents
def test_deferral_approval_document(cw, served):
    c, d = served
    plan = [{"due": "2026-07-01", "amount": 10000}, {"due": "2026-08-03", "amount": 10000}]
    cw.move(c, "request_deferral", decision=d.pk, kind="instalments", schedule=plan, reason="资金周转困难")
    cw.move(c, "approve_deferral", cw.personas.head, decision=d.pk, opinion="同意分期")
    doc = docs_of(c)[-1]
    text = pdf_text(doc)
    assert doc.kind == "fine_deferral" and d.deferrals.get().document_id == doc.pk
    assert "延期（分期）缴纳罚款批准书" in text and "第六十六条第二款" in text
    assert "第1期2026-07-01前缴纳人民币壹万元整" in text and "第2期2026-08-03前缴纳人民币壹万元整" in text


def test_deferral_through_the_page_forms(client, cw, served, frozen):
    c, d = served
    p = cw.personas
    client.force_login(p.officer1)
    r = client.post(
        f"/cases/{c.pk}/actions/request_deferral/",
        {
            "request_deferral-kind": "instalments",
            "request_deferral-schedule": "2026-07-01 10000\n2026-08-03，10000",
            "request_deferral-reason": "资金周转困难",
        },
    )
    assert r.status_code == 302 and d.deferrals.get().requested[1] == {"due": "2026-08-03", "amount": 10000}
    client.force_login(p.head)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'data-action="approve_deferral"' in html and "负责人审批延期（分期）缴纳申请" in html
    r = client.post(f"/cases/{c.pk}/actions/approve_deferral/", {"approve_deferral-approved": "true"})
    assert r.status_code == 302 and d.deferrals.get().status == "approved"
    _at(frozen, D(2026, 7, 3))
    client.force_login(p.officer1)
    client.post(
        f"/cases/{c.pk}/actions/record_payment/",
        {"record_payment-amount": 10000, "record_payment-surcharge": "300.00"},
    )
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert "已批准分期缴纳" in html and "已缴加处罚款 300.00 元" in html and "2026-08-03 前 10000 元" in html
