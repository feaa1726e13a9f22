"""The action forms of the case page: each shapes the body CONTRACT.md gives its action (so the page can
do what the API can), 调查终结 takes several violations with the calculator's recommendation shown beside
each, and the person pickers offer only the deciding agency's people."""

from __future__ import annotations

import re

import pytest

from cases.api.serializers import ACTION_INPUTS
from cases.choices import CaseAction
from cases.choices import CaseStatus as S
from cases.forms import ACTION_FORMS
from cases.workflow import TRANSITIONS

pytestmark = pytest.mark.django_db

P = "conclude_investigation-"


def test_every_action_has_a_form_shaping_the_api_body():
    assert {str(t.action) for t in TRANSITIONS} <= set(ACTION_FORMS)
    for name, form_class in ACTION_FORMS.items():
        api_fields = set(ACTION_INPUTS[name]().fields)
        form = form_class()
        page_fields = set(form.fields)
        if hasattr(form, "params"):  # the form reshapes its fields into the API's keys
            continue
        assert page_fields <= api_fields, (name, page_fields - api_fields)


def conclude_body(**rows):
    data = {
        P + "facts": "经查，该公司未设置安全警示标志，且主要负责人未组织安全生产教育培训。",
        P + "proposal": "penalty",
    }
    data.update({P + k: v for k, v in rows.items()})
    return data


def test_conclude_form_shows_rows_and_the_recommendation(client, cw):
    p = cw.personas
    c = cw.reach(S.FILED)
    client.force_login(p.officer1)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'id="violation-row-0"' in html and 'id="violation-row-2"' in html
    assert '<option value="AQ-099-I1">' in html and f'hx-post="/cases/{c.pk}/recommend/0/"' in html
    r = client.post(f"/cases/{c.pk}/recommend/0/", {P + "v0_violation": "AQ-099-I1"})
    body = r.content.decode()
    assert r.status_code == 200 and 'id="recommendation"' in body and "推荐罚款" in body
    assert 'id="explanation"' in body and "calculation-sheet.pdf" in body  # the calculator's own panel
    assert "请先填写违法行为编码" in client.post(f"/cases/{c.pk}/recommend/1/", {}).content.decode()
    unknown = client.post(f"/cases/{c.pk}/recommend/0/", {P + "v0_violation": "NOPE-1"}).content.decode()
    assert 'id="calculation-error"' in unknown
    client.force_login(p.officer_other)
    assert client.post(f"/cases/{c.pk}/recommend/0/", {P + "v0_violation": "AQ-099-I1"}).status_code == 404


def test_conclude_with_two_violations_and_a_responsible_person(client, cw):
    p = cw.personas
    c = cw.reach(S.FILED)
    client.force_login(p.officer1)
    rec = client.post(f"/cases/{c.pk}/recommend/0/", {P + "v0_violation": "AQ-099-I1"}).content.decode()
    assert "推荐罚款" in rec
    r = client.post(
        f"/cases/{c.pk}/actions/conclude_investigation/",
        conclude_body(
            v0_violation="AQ-099-I1",
            v0_subject="unit",
            v0_amount="20000",
            v1_violation="AQ-105-I2",
            v1_subject="unit",
            v1_amount="20000",
            v1_person_subject="responsible_person",
            v1_person="王大成",
            v1_person_amount="5000",
            v1_reason="车间主任王大成多次被提醒仍堵塞安全出口",
        ),
        follow=True,
    )
    assert "已办理：调查终结" in r.content.decode(), re.findall(r"role=\"alert\">([^<]*)", r.content.decode())
    c.refresh_from_db()
    assert c.status == S.INVESTIGATION_CLOSED
    rows = list(c.violations.order_by("position"))
    assert [v.violation_code for v in rows] == ["AQ-099-I1", "AQ-105-I2"]
    assert [(f["subject"], f["person"], f["amount"]) for f in rows[1].fines] == [
        ("unit", "", 20000),
        ("responsible_person", "王大成", 5000),
    ]
    assert all(v.snapshot["fines"] for v in rows)  # the calculator's snapshot kept per violation


def test_conclude_refusals_change_nothing(client, cw):
    c = cw.reach(S.FILED)
    client.force_login(cw.personas.officer1)
    url = f"/cases/{c.pk}/actions/conclude_investigation/"
    no_code = client.post(url, conclude_body(v0_amount="20000"), follow=True).content.decode()
    assert "第1项：填写罚款数额前请先填写违法行为编码" in no_code
    outside = client.post(
        url, conclude_body(v0_violation="AQ-097-I7", v0_tier="A", v0_amount="40000"), follow=True
    )
    assert "超出裁量基准推荐范围，须写明理由" in outside.content.decode()
    c.refresh_from_db()
    assert c.status == S.FILED and not c.violations.exists()


def test_reassign_form_names_the_lead_and_offers_only_the_agency(client, cw):
    p = cw.personas
    c = cw.reach(S.FILED)
    client.force_login(p.head)
    html = client.get(f"/cases/{c.pk}/").content.decode()
    assert 'id="form-reassign_handlers"' in html
    assert p.officer_other.display_name not in html  # another district's officer is never offered
    assert "周过期（不能承办：" in html  # an uncertified officer is named with the reason
    r = client.post(
        f"/cases/{c.pk}/actions/reassign_handlers/",
        {
            "reassign_handlers-lead": str(p.officer2.pk),
            "reassign_handlers-handlers": [str(p.officer1.pk), str(p.officer2.pk)],
            "reassign_handlers-reason": "主办人调整",
        },
    )
    assert r.status_code == 302
    lead = c.handler_rows.get(active=True, is_lead=True)
    assert lead.user_id == p.officer2.pk
    foreign = client.post(
        f"/cases/{c.pk}/actions/reassign_handlers/",
        {
            "reassign_handlers-lead": str(p.officer_other.pk),
            "reassign_handlers-handlers": [str(p.officer1.pk)],
            "reassign_handlers-reason": "调整",
        },
        follow=True,
    )
    assert "选择一个有效的选项" in foreign.content.decode() or "有效" in foreign.content.decode()
    assert c.handler_rows.get(active=True, is_lead=True).user_id == p.officer2.pk


def test_head_designates_the_handlers_when_approving(client, cw):
    p = cw.personas
    c = cw.reach(S.SUBMITTED)
    client.force_login(p.head)
    r = client.post(
        f"/cases/{c.pk}/actions/approve_filing/",
        {
            "approve_filing-opinion": "同意立案",
            "approve_filing-lead": str(p.officer2.pk),
            "approve_filing-handlers": [str(p.head.pk)],
        },
    )
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.status == S.FILED
    active = c.handler_rows.filter(active=True).order_by("-is_lead", "id")
    assert [h.user_id for h in active] == [p.officer2.pk, p.head.pk]
    assert CaseAction.APPROVE_FILING in ACTION_FORMS
