"""``seed_demo --scale N``'s cases: N × 50 000 cases written in bulk (not through the services) for the
benchmarks — 10⁵ at ``--scale 2``, 10⁶ at ``--scale 20``.

Realistic shape: cases of the district and street agencies that hold enterprises, two handlers each from
the agency's officers (the demo personas among them in 浦口区, plus bulk officers ``bulk_<code>_<n>``),
mostly 检查发现 against a registered enterprise, some natural persons and other organisations; status
spread like a working year (most decided, open ones filed in the last months, a few past their decision
deadline), one to three catalogued violations with fines once the investigation is concluded, the
timeline events of the path taken and the running deadlines (decision, defence window) with their
responsible handlers. Resumable and idempotent: bulk rows carry ``source_ref.bulk`` = their index and a run
tops up to the target. PostgreSQL gets ``COPY`` with ids taken from the sequences; other databases
``bulk_create`` (``enforcement.core.bulk``)."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.bulk import copy_rows, next_ids, say, top_up
from enforcement.core.models import Agency, Deadline, Enterprise, User

from .choices import CaseAction, CaseSource, CaseStatus, PartyKind, Proposal
from .demo_bulk_after import add_decisions
from .models import (
    Case,
    CaseDecision,
    CaseEvent,
    CaseHandler,
    CaseViolation,
)
from .models.payment import PaymentDeadline
from .services.deadlines import DECISION, DEFENCE

CASES_PER_SCALE = 50_000
BATCH = 10_000
OFFICERS_PER_AGENCY = 12
S = CaseStatus
# status → weight (‰) and the path of actions that reached it
STATUS_WEIGHTS = {
    S.DRAFT: 25,
    S.SUBMITTED: 15,
    S.REJECTED: 15,
    S.FILED: 110,
    S.INVESTIGATION_CLOSED: 45,
    S.NOTIFIED: 45,
    S.WAIVED: 30,
    S.HEARING_REQUESTED: 10,
    S.LEGAL_REVIEW: 25,
    S.NO_PENALTY: 40,
    S.DECIDED: 640,
}
PATHS: dict[str, list[str]] = {
    S.DRAFT: ["create"],
    S.SUBMITTED: ["create", "submit_filing"],
    S.REJECTED: ["create", "submit_filing", "reject_filing"],
    S.FILED: ["create", "submit_filing", "approve_filing"],
    S.INVESTIGATION_CLOSED: ["create", "submit_filing", "approve_filing", "conclude_investigation"],
}
PATHS[S.NOTIFIED] = [*PATHS[S.INVESTIGATION_CLOSED], "notify"]
PATHS[S.WAIVED] = [*PATHS[S.NOTIFIED], "waive_rights"]
PATHS[S.HEARING_REQUESTED] = [*PATHS[S.NOTIFIED], "request_hearing"]
PATHS[S.LEGAL_REVIEW] = [*PATHS[S.WAIVED], "submit_legal_review"]
PATHS[S.DECIDED] = [*PATHS[S.WAIVED], "decide"]
PATHS[S.NO_PENALTY] = [*PATHS[S.INVESTIGATION_CLOSED], "decide"]
TO_STATUS = {
    "submit_filing": S.SUBMITTED,
    "reject_filing": S.REJECTED,
    "approve_filing": S.FILED,
    "conclude_investigation": S.INVESTIGATION_CLOSED,
    "notify": S.NOTIFIED,
    "waive_rights": S.WAIVED,
    "request_hearing": S.HEARING_REQUESTED,
    "submit_legal_review": S.LEGAL_REVIEW,
}
SOURCES = [
    (CaseSource.INSPECTION, 55),
    (CaseSource.COMPLAINT, 18),
    (CaseSource.ACCIDENT, 5),
    (CaseSource.ASSIGNED, 6),
    (CaseSource.TRANSFER, 4),
    (CaseSource.MONITORING, 7),
    (CaseSource.OTHER, 5),
]
SOURCE_LABELS = dict(CaseSource.choices)
ACTION_LABELS = dict(CaseAction.choices)
FALLBACK_VIOLATIONS = [
    ("AQ-099-I1", "未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志"),
    ("AQ-097-I4", "未如实记录安全生产教育和培训情况"),
    ("AQ-101-I1", "生产、经营、储存、使用危险物品的车间、仓库与员工宿舍在同一座建筑内"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "勇", "军", "杰", "涛", "明", "超", "平"]
CAUSES = [
    "未如实记录安全生产教育和培训情况",
    "未在有较大危险因素的场所设置明显的安全警示标志",
    "特种作业人员未按照规定经专门的安全作业培训并取得相应资格上岗作业",
    "未按照规定对安全设备进行经常性维护、保养和定期检测",
    "未建立事故隐患排查治理制度",
    "未采取措施消除事故隐患",
]


def seed_bulk(*, scale: int = 0, stdout: Any = None) -> None:
    """The ``cases.bulk`` demo seeder: nothing without ``--scale``."""
    if scale > 0:
        started = time.monotonic()
        added = seed_bulk_cases(scale * CASES_PER_SCALE, stdout=stdout)
        seconds = time.monotonic() - started
        say(stdout, f"  cases: bulk +{added} (target {scale * CASES_PER_SCALE}) in {seconds:.0f} s")


def seed_bulk_cases(total: int, *, stdout: Any = None) -> int:
    """Top the bulk cases up to ``total`` (index 0..total-1); returns how many were added."""
    have = Case.objects.filter(source_ref__has_key="bulk").count()
    if have >= total:
        return 0
    world = _World.load()
    if world is None:
        say(stdout, "  cases: no agencies with enterprises or no creator, bulk skipped")
        return 0
    return top_up(
        "cases",
        have,
        total,
        lambda indexes: _batch(world, indexes),
        batch=BATCH,
        analyzed=(Case, CaseHandler, CaseViolation, CaseEvent, Deadline),
        stdout=stdout,
    )


class _World:
    """What every batch draws from: agencies with their enterprises and officers, the violations."""

    def __init__(
        self, agencies: list[Agency], firms: dict[int, list[Enterprise]], officers: dict[int, list[int]]
    ):
        self.agencies = agencies
        self.firms = firms
        self.officers = officers
        self.violations = _violations()
        self.case_ct = ContentType.objects.get_for_model(Case).pk
        self.decision_ct = ContentType.objects.get_for_model(CaseDecision).pk
        self.today = timezone.localdate()

    @classmethod
    def load(cls) -> _World | None:
        counts = dict(
            Enterprise.objects.filter(is_active=True)
            .values_list("agency_id")
            .annotate(n=models.Count("id"))
            .values_list("agency_id", "n")
        )
        agencies = list(Agency.objects.filter(pk__in=counts).order_by("path"))
        if not agencies:
            return None
        firms: dict[int, list[Enterprise]] = {}
        for a in agencies:
            firms[a.pk] = list(
                Enterprise.objects.filter(agency=a, is_active=True)
                .only("id", "name", "credit_code", "legal_representative", "address", "agency_id")
                .order_by("pk")[:2000]
            )
        officers = {a.pk: _officers(a) for a in agencies}
        # weight agencies by their enterprises (a district has many more than a street)
        weighted = [a for a in agencies for _ in range(max(1, round(counts[a.pk] / 100)))]
        return cls(weighted, firms, officers)


def _officers(agency: Agency) -> list[int]:
    """The agency's officers: its certified people plus bulk officers (created once, no usable password)."""
    group, _ = Group.objects.get_or_create(name=roles.OFFICER)
    ids = list(User.objects.filter(agency=agency, groups=group, is_active=True).values_list("pk", flat=True))
    missing = OFFICERS_PER_AGENCY - len(ids)
    if missing > 0:
        made = []
        for n in range(missing):
            rng = random.Random(agency.pk * 1000 + n)
            name = f"bulk_{agency.code}_{n:02d}"
            user, created = User.objects.get_or_create(
                username=name,
                defaults={
                    "real_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    "agency": agency,
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                made.append(user)
            ids.append(user.pk)
        group.user_set.add(*made)
    return ids


def _violations() -> list[tuple[str, str]]:
    from discretion.models import Violation

    rows = list(Violation.objects.order_by("code").values_list("code", "name").distinct()[:60])
    return [(c, n[:300]) for c, n in rows] or FALLBACK_VIOLATIONS


def _pick_status(rng: random.Random) -> str:
    return str(rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0])


def _batch(world: _World, indexes: range) -> None:
    ids = next_ids(Case, len(indexes))
    cases, handlers, violations, events, deadlines, responsible = [], [], [], [], [], []
    decided: list[tuple[int, Agency, str, int, dt.date, random.Random, list[int]]] = []
    now = timezone.now()
    for case_id, i in zip(ids, indexes, strict=True):
        rng = random.Random(i * 104729 + 17)
        agency = rng.choice(world.agencies)
        status = _pick_status(rng)
        open_case = status not in (S.DECIDED, S.NO_PENALTY, S.REJECTED)
        # open cases were started in the last months; finished ones over three years
        age = rng.randint(5, 150) if open_case else rng.randint(30, 3 * 365)
        created = world.today - dt.timedelta(days=age)
        path = PATHS[status]
        filed = created + dt.timedelta(days=rng.randint(1, 5)) if "approve_filing" in path else None
        if filed and filed > world.today:
            filed = world.today
        team = rng.sample(world.officers[agency.pk], 2)
        row = _party(rng, world, agency)
        source = rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
        violation_date = created - dt.timedelta(days=rng.randint(0, 60))
        concluded = "conclude_investigation" in path
        proposal = ""
        if concluded:
            proposal = Proposal.NO_PENALTY if status == S.NO_PENALTY else Proposal.PENALTY
        decided_on = None
        if status in (S.DECIDED, S.NO_PENALTY) and filed:
            decided_on = min(world.today, filed + dt.timedelta(days=rng.randint(20, 85)))
        due = filed + dt.timedelta(days=90) if filed else None
        year = (filed or created).year
        cases.append(
            {
                "id": case_id,
                "number": f"（{agency.short_name}）应急立〔{year}〕{100000 + i}号" if filed else None,
                "deciding_agency_id": agency.pk,
                "status": status,
                **row,
                "source": source,
                "source_ref": {"bulk": i, "text": SOURCE_LABELS[source]},
                "cause": rng.choice(CAUSES),
                "violation_date": violation_date,
                "discovered_on": created,
                "life_health_harm": rng.random() < 0.05,
                "created_by_id": team[0],
                "created_at": now,
                "updated_at": now,
                "last_step_on": decided_on or filed or created,
                "submitted_on": created if "submit_filing" in path else None,
                "filed_on": filed,
                "filing_opinion": "同意立案" if filed else "",
                "concluded_on": (filed + dt.timedelta(days=rng.randint(10, 40)))
                if concluded and filed
                else None,
                "proposal": proposal,
                "facts": f"经查，{row['party_name']}存在违法行为。" if concluded else "",
                "decision_due": due,
                "decided_on": decided_on,
                "review_status": "pending" if status == S.LEGAL_REVIEW else "",
                "review_required": status == S.LEGAL_REVIEW,
            }
        )
        for n, uid in enumerate(team):
            handlers.append(
                {
                    "case_id": case_id,
                    "user_id": uid,
                    "is_lead": n == 0,
                    "active": True,
                    "assigned_on": created,
                }
            )
        case_total = 0
        if concluded and proposal == Proposal.PENALTY:
            for pos in range(1, rng.choices([1, 2, 3], weights=[75, 20, 5])[0] + 1):
                code, name = rng.choice(world.violations)
                amount = rng.choice([5000, 10000, 20000, 30000, 50000, 80000])
                case_total += amount
                fine = {"subject": "unit", "amount": amount, "recommended": amount}
                violations.append(
                    {
                        "case_id": case_id,
                        "position": pos,
                        "violation_code": code,
                        "violation_name": name,
                        "snapshot": {"bulk": True},
                        "fines": [fine],
                        "decided_fines": [fine] if decided_on else [],
                    }
                )
        if decided_on and proposal == Proposal.PENALTY:
            decided.append((case_id, agency, row["party_name"], case_total, decided_on, rng, team))
        day = created
        # filing and decision events fall on the case's own dates (the annual report counts them by day); the
        # steps between fall on or before the next of those (the timeline stays in order)
        fixed = {"approve_filing": filed, "decide": decided_on}
        for n, action in enumerate(path):
            day = fixed.get(action) or day
            events.append(
                {
                    "case_id": case_id,
                    "action": action,
                    "to_status": TO_STATUS.get(action, status if action == "decide" else S.DRAFT),
                    "on_date": day,
                    "at": _recorded_at(day, n, now),
                    "actor_id": team[0],
                    "summary": ACTION_LABELS.get(action, "登记案件"),
                }
            )
            nxt = next((on for a in path[n + 1 :] if (on := fixed.get(a))), world.today)
            day = min(world.today, nxt, day + dt.timedelta(days=rng.randint(1, 12)))
        if open_case and filed and due:
            deadlines.append(_deadline(world, case_id, agency, DECISION, "作出处罚决定", filed, due, 90))
            responsible.append(team)
        if status == S.NOTIFIED and filed:
            start = min(world.today, filed + dt.timedelta(days=rng.randint(20, 60)))
            deadlines.append(
                _deadline(
                    world, case_id, agency, DEFENCE, "陈述申辩期限", start, start + dt.timedelta(days=5), 3
                )
            )
            responsible.append(team)
    copy_rows(Case, cases)
    add_decisions(world, decided, deadlines, responsible, put=copy_rows, ids=next_ids, deadline=_deadline)
    copy_rows(CaseHandler, handlers)
    copy_rows(CaseViolation, violations)
    copy_rows(CaseEvent, events)
    deadline_ids = next_ids(Deadline, len(deadlines))
    for d, pk in zip(deadlines, deadline_ids, strict=True):
        d["id"] = pk
    links = [(d, d.pop("_decision")) for d in deadlines if "_decision" in d]  # payment deadlines
    copy_rows(Deadline, deadlines)
    copy_rows(PaymentDeadline, [{"decision_id": decision, "deadline_id": d["id"]} for d, decision in links])
    through = Deadline.responsible.through
    copy_rows(
        through,
        [
            {"deadline_id": pk, "user_id": uid}
            for pk, team in zip(deadline_ids, responsible, strict=True)
            for uid in team
        ],
    )


def _recorded_at(day: dt.date, n: int, now: dt.datetime) -> dt.datetime:
    """When an event of ``day`` was recorded: that working day (so the annual report's as-of cut-off reads
    the bulk history like the services' events), never later than now."""
    at = dt.datetime.combine(day, dt.time(9, n), tzinfo=timezone.get_default_timezone())
    return min(at, now)


def _deadline(
    world: _World,
    case_id: int,
    agency: Agency,
    kind: str,
    title: str,
    start: dt.date,
    due: dt.date,
    days: int,
) -> dict[str, Any]:
    return {
        "content_type_id": world.case_ct,
        "object_id": case_id,
        "agency_id": agency.pk,
        "kind": kind,
        "title": title,
        "basis": "《中华人民共和国行政处罚法》第六十条"
        if kind == DECISION
        else "《中华人民共和国行政处罚法》第四十四条",
        "start_date": start,
        "due_date": due,
        "day_type": "calendar" if kind == DECISION else "working",
        "length": days,
        "provisional": False,
        "status": "open",
        "suspended_days": 0,
        "created_at": timezone.now(),
    }


def _party(rng: random.Random, world: _World, agency: Agency) -> dict[str, Any]:
    roll = rng.random()
    blank = {
        "enterprise_id": None,
        "party_id_number": "",
        "party_credit_code": "",
        "party_representative": "",
        "party_address": "",
    }
    if roll < 0.86 and world.firms[agency.pk]:
        firm = rng.choice(world.firms[agency.pk])
        return {
            **blank,
            "party_kind": PartyKind.ENTERPRISE,
            "enterprise_id": firm.pk,
            "party_name": firm.name,
            "party_credit_code": firm.credit_code,
            "party_representative": firm.legal_representative,
            "party_address": firm.address[:200],
        }
    if roll < 0.96:
        return {
            **blank,
            "party_kind": PartyKind.PERSON,
            "party_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
        }
    return {**blank, "party_kind": PartyKind.ORGANISATION, "party_name": f"{agency.name[:6]}某物业服务中心"}
