"""先行登记保存 (行政处罚法 Art 56, 85: handling decision within 7 working days) and 查封/扣押 (行政强制法 Art 25:
30 days, one extension of ≤ 30 days by the head): head approval first, the deadline opened with its "why" and
closed by the handling decision / release; refusals change nothing."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from cases.choices import CaseStatus as S
from cases.models import Case, MeasureStatus, Preservation, Seizure
from cases.rules import measures as rules
from enforcement.core.models import AuditEvent, Deadline, DeadlineStatus
from enforcement.core.services.calendar import load_calendar

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def case(cw):
    return cw.reach(S.FILED)


def request_body(p, **over):
    body = {
        "items": [{"name": "铝粉", "spec": "200目", "quantity": "20袋", "batch": "20260501"}],
        "place": "原料库",
        "reason": "铝粉可能被转移",
        "officers": [p.officer1.pk, p.officer2.pk],
    }
    body.update(over)
    return body


def api(client, case, path, body):
    return client.post(f"/api/v1/cases/{case.pk}/records/{path}", body, content_type="application/json")


def test_preservation_rule_counts_working_days_across_dragon_boat(work_calendar):
    """Art 56 + Art 85: seven working days; 端午节 2026-06-19 (Fri) is skipped, so from Fri 2026-06-12 the
    last day is Wed 06-24, not Tue 06-23."""
    cal = load_calendar()
    assert rules.preservation_due(dt.date(2026, 6, 12), cal).due == dt.date(2026, 6, 24)
    assert rules.preservation_due(dt.date(2026, 6, 1), cal).due == dt.date(2026, 6, 10)


def test_seizure_rule_thirty_calendar_days_and_one_extension(work_calendar):
    """行政强制法 Art 25 ¶1 (30 days, calendar under Art 69) with the rest-day roll-over; one extension ≤ 30."""
    cal = load_calendar()
    assert rules.seizure_due(dt.date(2026, 6, 1), 0, cal).due == dt.date(2026, 7, 1)
    # 2026-09-01 + 30 = 10-01, 国庆节 → rolls to the first working day after the holiday
    rolled = rules.seizure_due(dt.date(2026, 9, 1), 0, cal).due
    assert rolled > dt.date(2026, 10, 7) and rolled.weekday() < 6
    assert rules.seizure_due(dt.date(2026, 6, 1), 30, cal).due == dt.date(2026, 7, 31)
    assert rules.seizure_extension_refusal(30, 0) is None
    assert rules.seizure_extension_refusal(31, 0) and rules.seizure_extension_refusal(0, 0)
    assert "一次" in (rules.seizure_extension_refusal(10, 1) or "")


def test_preservation_from_request_to_handling_decision(client, cw, case, frozen):
    p = cw.personas
    frozen.move_to(dt.datetime(2026, 6, 12, 9, 0, tzinfo=TZ))
    client.force_login(p.officer1)
    r = api(client, case, "preservation/", request_body(p))
    assert r.status_code == 201, r.content
    pid = r.json()["id"]
    assert r.json()["status"] == MeasureStatus.REQUESTED and r.json()["due_date"] is None
    # the handler may not approve; the head must give an opinion when refusing
    assert api(client, case, f"preservation/{pid}/approve/", {"approved": True}).status_code == 403
    client.force_login(p.head)
    assert api(client, case, f"preservation/{pid}/approve/", {"approved": False}).status_code == 400
    r = api(client, case, f"preservation/{pid}/approve/", {"approved": True, "opinion": "同意先行登记保存"})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == MeasureStatus.IN_FORCE and r.json()["due_date"] == "2026-06-24"
    deadline = Deadline.objects.get(kind="CASE_PRESERVE_DECIDE")
    assert deadline.status == DeadlineStatus.OPEN and "第五十六条" in deadline.basis
    assert "2026-06-12" in deadline.basis and "端午节" in deadline.basis
    assert {u.username for u in deadline.responsible.all()} == {"officer1", "officer2", "head"}
    # a second approval is a state conflict
    assert api(client, case, f"preservation/{pid}/approve/", {"approved": True}).status_code == 409
    client.force_login(p.officer2)
    assert api(client, case, f"preservation/{pid}/decide/", {"handling": "burn"}).status_code == 400
    r = api(client, case, f"preservation/{pid}/decide/", {"handling": "return", "note": "经核查已取得样品"})
    assert r.status_code == 200 and r.json()["status"] == MeasureStatus.ENDED
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.MET
    assert r.json()["handling"] == "return"
    assert api(client, case, f"preservation/{pid}/decide/", {"handling": "return"}).status_code == 409
    assert list(
        AuditEvent.objects.filter(action__contains="preservation").values_list("action", flat=True)
    ) == [
        "case.request_preservation",
        "case.approve_preservation",
        "case.decide_preservation",
    ]


def test_seizure_limit_extension_once_and_release(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    assert api(client, case, "seizure/", request_body(p, measure="burn")).status_code == 400
    r = api(client, case, "seizure/", request_body(p, measure="seize"))
    assert r.status_code == 201, r.content
    sid = r.json()["id"]
    client.force_login(p.head)
    r = api(client, case, f"seizure/{sid}/approve/", {"approved": True, "opinion": "同意扣押"})
    assert r.json()["due_date"] == "2026-07-01"
    first = Deadline.objects.get(kind="CASE_SEIZE_LIMIT")
    assert "第二十五条" in first.basis and "2026-06-01" in first.basis
    before = AuditEvent.objects.count()
    for body in (
        {"days": 31, "reason": "检测需要"},
        {"days": 10, "reason": ""},
        {"days": "x", "reason": "r"},
    ):
        r = api(client, case, f"seizure/{sid}/extend/", body)
        assert r.status_code in (400, 409), body
    assert AuditEvent.objects.count() == before
    client.force_login(p.officer1)
    assert api(client, case, f"seizure/{sid}/extend/", {"days": 10, "reason": "检测需要"}).status_code == 403
    client.force_login(p.head)
    r = api(client, case, f"seizure/{sid}/extend/", {"days": 30, "reason": "委托检测尚未完成"})
    assert r.status_code == 200, r.content
    assert r.json()["due_date"] == "2026-07-31" and r.json()["extension_days"] == 30
    first.refresh_from_db()
    assert first.status == DeadlineStatus.WAIVED
    moved = Deadline.objects.get(kind="CASE_SEIZE_LIMIT", status=DeadlineStatus.OPEN)
    assert moved.due_date == dt.date(2026, 7, 31) and "委托检测尚未完成" in moved.basis
    r = api(client, case, f"seizure/{sid}/extend/", {"days": 5, "reason": "再次延长"})
    assert r.status_code == 409 and r.json()["code"] == "G-SEIZE-EXTENSION"
    client.force_login(p.officer2)
    assert api(client, case, f"seizure/{sid}/release/", {"reason": ""}).status_code == 400
    r = api(client, case, f"seizure/{sid}/release/", {"reason": "检测合格，解除扣押"})
    assert r.status_code == 200 and r.json()["status"] == MeasureStatus.ENDED
    moved.refresh_from_db()
    assert moved.status == DeadlineStatus.MET


def test_measures_refused_on_a_decided_or_archived_case(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    pid = api(client, case, "preservation/", request_body(p)).json()["id"]
    sid = api(client, case, "seizure/", request_body(p, measure="seal")).json()["id"]
    client.force_login(p.head)
    api(client, case, f"seizure/{sid}/approve/", {"approved": True})
    Case.objects.filter(pk=case.pk).update(status=S.DECIDED)
    # no approval after the investigation, but an item in force may still be released or extended
    assert api(client, case, f"preservation/{pid}/approve/", {"approved": True}).status_code == 409
    client.force_login(p.officer1)
    assert api(client, case, "seizure/", request_body(p, measure="seal")).status_code == 409
    Case.objects.filter(pk=case.pk).update(status=S.ARCHIVED)
    before = (AuditEvent.objects.count(), list(Seizure.objects.values_list("status", flat=True)))
    r = api(client, case, f"seizure/{sid}/release/", {"reason": "结案"})
    assert r.status_code == 409 and r.json()["code"] == "case_frozen"
    assert (AuditEvent.objects.count(), list(Seizure.objects.values_list("status", flat=True))) == before
    assert Preservation.objects.get(pk=pid).status == MeasureStatus.REQUESTED


def test_other_agencies_and_supervisors(client, cw, case):
    p = cw.personas
    client.force_login(p.officer1)
    pid = api(client, case, "preservation/", request_body(p)).json()["id"]
    for name, code in (("head_b", 404), ("officer_other", 404), ("supervisor", 403)):
        client.force_login(getattr(p, name))
        assert api(client, case, f"preservation/{pid}/approve/", {"approved": True}).status_code == code, name
    assert Preservation.objects.get(pk=pid).status == MeasureStatus.REQUESTED
    client.force_login(p.head)
    assert api(client, case, f"preservation/{pid}/unknown/", {}).status_code == 404
    assert api(client, case, "preservation/999999/approve/", {}).status_code == 404


def test_testing_time_is_not_counted_art_25_3(client, cw, case, frozen):
    """行政强制法 Art 25 ¶3: testing time is excluded (the limit is suspended and moves by the days of
    testing), the party is told in writing; an extension afterwards keeps the excluded days."""
    p = cw.personas
    client.force_login(p.officer1)
    sid = api(client, case, "seizure/", request_body(p, measure="seize")).json()["id"]
    client.force_login(p.head)
    api(client, case, f"seizure/{sid}/approve/", {"approved": True})
    client.force_login(p.officer1)
    assert api(client, case, f"seizure/{sid}/test_end/", {}).status_code == 409
    assert (
        api(client, case, f"seizure/{sid}/test_start/", {"until": "2026-05-01", "reason": "x"}).status_code
        == 400
    )
    r = api(
        client, case, f"seizure/{sid}/test_start/", {"until": "2026-06-10", "reason": "委托省检测中心检测"}
    )
    assert r.status_code == 200 and r.json()["deadline_status"] == DeadlineStatus.SUSPENDED
    client.force_login(p.head)
    r = api(client, case, f"seizure/{sid}/extend/", {"days": 10, "reason": "检测中"})
    assert r.status_code == 409  # not while the clock is stopped
    frozen.move_to(dt.datetime(2026, 6, 11, 9, 0, tzinfo=TZ))
    client.force_login(p.officer2)
    r = api(client, case, f"seizure/{sid}/test_end/", {})
    assert r.status_code == 200 and r.json()["due_date"] == "2026-07-11"
    client.force_login(p.head)
    r = api(client, case, f"seizure/{sid}/extend/", {"days": 10, "reason": "复检"})
    assert r.status_code == 200 and r.json()["due_date"] == "2026-07-21"
    assert AuditEvent.objects.filter(action="case.start_seizure_testing").count() == 1
    assert AuditEvent.objects.filter(action="deadline.suspend").count() == 1
