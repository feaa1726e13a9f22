"""The same action submitted N = 20 times at once happens once (PostgreSQL row lock); the others get 409."""

from __future__ import annotations

import threading

import pytest
from django.db import connections
from django.test import Client

from cases.choices import CaseStatus as S
from cases.models import CaseEvent
from enforcement.core.models import AuditEvent, Deadline
from enforcement.core.services.audit_verify import verify_chain

N = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_approvals_make_one_transition(cw):
    p = cw.personas
    case = cw.reach(S.SUBMITTED)
    barrier = threading.Barrier(N)
    statuses: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def approve() -> None:
        try:
            client = Client()
            client.force_login(p.head)
            barrier.wait(timeout=60)
            r = client.post(
                f"/api/v1/cases/{case.pk}/actions/approve_filing/",
                {"opinion": "同意立案"},
                content_type="application/json",
            )
            with lock:
                statuses.append(r.status_code)
        except BaseException as exc:  # noqa: BLE001  # reported to the main thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve) for _ in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert errors == []
    assert sorted(statuses) == [200] + [409] * (N - 1)
    assert CaseEvent.objects.filter(case=case, action="approve_filing").count() == 1
    assert AuditEvent.objects.filter(action="case.approve_filing").count() == 1
    assert Deadline.objects.filter(object_id=case.pk, kind="CASE_DECISION").count() == 1
    case.refresh_from_db()
    assert case.status == S.FILED and case.number == "（浦）应急立〔2026〕1号"
    assert verify_chain().intact
