"""Raw rows for the 年报 tests: cases, dated events, decisions and remedies written straight to the tables
(the report only reads them), with the time each fact was recorded set explicitly."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from cases.models import Case, CaseDecision, CaseEvent, CaseRemedy, Seizure

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
YEAR = 2025
AS_OF = dt.date(2026, 1, 31)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def case(agency: Any, creator: Any, name: str = "某公司") -> Case:
    return Case.objects.create(
        deciding_agency=agency,
        party_kind="enterprise",
        party_name=name,
        source="inspection",
        cause="未按规定开展安全培训",
        violation_date=dt.date(2024, 12, 1),
        discovered_on=dt.date(2024, 12, 2),
        created_by=creator,
        status="filed",
    )


def event(c: Case, action: str, on: dt.date, recorded: dt.date | None = None, **data: Any) -> CaseEvent:
    e = CaseEvent.objects.create(case=c, action=action, on_date=on, data=data)
    CaseEvent.objects.filter(pk=e.pk).update(at=at(recorded or on))
    return e


def decision(
    c: Case,
    on: dt.date,
    *,
    amount: int = 0,
    measures: list[str] | None = None,
    kind: str = "penalty",
    recorded: dt.date | None = None,
    **extra: Any,
) -> CaseDecision:
    event(c, "decide", on, recorded)
    return CaseDecision.objects.create(
        case=c,
        kind=kind,
        party_role="party",
        party_name=c.party_name,
        amount=amount,
        measures=measures or [],
        decided_on=on,
        **extra,
    )


def remedy(
    d: CaseDecision,
    kind: str,
    received: dt.date,
    user: Any,
    outcome: str = "",
    outcome_on: dt.date | None = None,
) -> CaseRemedy:
    r = CaseRemedy.objects.create(
        decision=d, kind=kind, received_on=received, outcome=outcome, outcome_on=outcome_on, recorded_by=user
    )
    CaseRemedy.objects.filter(pk=r.pk).update(recorded_at=at(received))
    if outcome:
        event(d.case, "record_remedy_outcome", outcome_on or received)
    return r


def seizure(c: Case, measure: str, approved: dt.date, head: Any, recorded: dt.date | None = None) -> Seizure:
    s = Seizure.objects.create(
        case=c,
        created_by=head,
        place="车间",
        reason="可能灭失",
        measure=measure,
        status="in_force",
        approved_by=head,
        approved_on=approved,
    )
    event(c, "approve_seizure", approved, recorded, seizure=s.pk, approved=True)
    return s
