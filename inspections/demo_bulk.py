"""``seed_demo --scale N``'s inspections: N × 150 000 现场检查 written in bulk (not through the services) for the
benchmarks — 3·10⁶ at ``--scale 20`` beside the 10⁶ bulk cases.

Realistic shape: inspections of the agencies that hold enterprises (weighted by how many), each on its own
approved 检查方案 (双随机抽查, 重点检查, 专项检查 or 复查) with a two-officer team from the agency's officers
(the demo personas and the bulk officers ``bulk_<code>_<nn>`` of the bulk cases), spread over every working
day from 1 January 2025 to today; completed and signed (1 % refused to sign, with a witness), the last days'
partly still on site. About a third find hazards (one to three; 4 % 重大 citing a standard item) that go
round the loop by age: ordered with a 15/30/60-day deadline, rechecked and closed (销号) mostly, some overdue
or escalated, the recent ones still being rectified or asking for an extension — each with its timeline
events and re-check. Resumable and idempotent: each scheme's ``content`` carries the index
(``批量演示数据#<i>``) and a run tops up to the target. Written with ``enforcement.core.bulk`` (COPY on
PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.db import models
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.bulk import copy_rows, next_ids, say, top_up
from enforcement.core.models import Agency, EnforcementItem, Enterprise, User

from .choices import HazardLevel, HazardStatus, InspectionStatus, MemberRole, SchemeStatus
from .models import (
    Hazard,
    HazardEvent,
    HazardExtension,
    HazardRecheck,
    HazardStandardItem,
    Inspection,
    InspectionScheme,
    SchemeMember,
)

INSPECTIONS_PER_SCALE = 150_000
BATCH = 20_000
MARK = "批量演示数据#"
FIRST_DAY = dt.date(2025, 1, 1)
KINDS = [("双随机抽查", 55), ("重点检查", 25), ("专项检查", 15), ("复查", 5)]
PLACES = ["生产车间", "仓库", "配电室", "危化品储存间", "除尘系统", "有限空间作业点", "办公区"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
HAZARDS = [
    ("安全警示标志缺失", "车间入口"),
    ("消防通道堆放杂物", "仓库"),
    ("配电箱未上锁、无警示标识", "配电室"),
    ("特种作业人员未持证上岗", "焊接工位"),
    ("有限空间作业未执行审批制度", "污水池"),
    ("安全生产教育和培训记录不全", "办公区"),
    ("粉尘清扫制度未落实，积尘超标", "抛光车间"),
    ("危险化学品未按规定分类存放", "危化品储存间"),
]
MAJOR = ("干式除尘系统未采取泄爆、惰化、抑爆等爆炸防控措施", "除尘器")


def seed_bulk(*, scale: int = 0, stdout: Any = None) -> None:
    """The ``inspections.bulk`` demo seeder: nothing without ``--scale``."""
    if scale > 0:
        started = time.monotonic()
        added = seed_bulk_inspections(scale * INSPECTIONS_PER_SCALE, stdout=stdout)
        seconds = time.monotonic() - started
        say(
            stdout,
            f"  inspections: bulk +{added} (target {scale * INSPECTIONS_PER_SCALE}) in {seconds:.0f} s",
        )


def bulk_schemes() -> Any:
    return InspectionScheme.objects.filter(content__startswith=MARK)


def seed_bulk_inspections(total: int, *, stdout: Any = None) -> int:
    """Top the bulk inspections up to ``total`` (index 0..total-1); returns how many were added."""
    have = bulk_schemes().count()
    if have >= total:
        return 0
    world = _World.load()
    if world is None:
        say(stdout, "  inspections: no agency with enterprises and two officers, bulk skipped")
        return 0
    analyzed = (InspectionScheme, SchemeMember, Inspection, Inspection.officers.through, Hazard, HazardEvent)
    return top_up(
        "inspections",
        have,
        total,
        lambda indexes: _batch(world, indexes),
        batch=BATCH,
        analyzed=analyzed,
        stdout=stdout,
    )


class _World:
    """What every batch draws from: agencies with their enterprises, officers and head, the items."""

    def __init__(self, agencies: list[Agency], firms: dict[int, list[tuple[int, str]]]) -> None:
        self.agencies = agencies
        self.firms = firms
        officer = User.objects.filter(groups__name=roles.OFFICER, is_active=True)
        self.officers: dict[int, list[int]] = {}
        for uid, aid in officer.values_list("pk", "agency_id").order_by("pk"):
            self.officers.setdefault(aid, []).append(uid)
        heads = User.objects.filter(groups__name=roles.HEAD, is_active=True).order_by("pk")
        self.heads = dict(heads.values_list("agency_id", "pk"))
        items = EnforcementItem.objects.filter(kind="inspection").order_by("code")
        self.items = list(items.values_list("pk", flat=True)) or list(
            EnforcementItem.objects.order_by("code").values_list("pk", flat=True)[:1]
        )
        self.major_items = list(HazardStandardItem.objects.order_by("pk").values_list("pk", flat=True)[:20])
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.tz = timezone.get_default_timezone()

    @classmethod
    def load(cls) -> _World | None:
        counts = dict(
            Enterprise.objects.filter(is_active=True)
            .values_list("agency_id")
            .annotate(n=models.Count("id"))
            .values_list("agency_id", "n")
        )
        firms = {
            a: list(
                Enterprise.objects.filter(agency_id=a, is_active=True)
                .order_by("pk")
                .values_list("pk", "name")[:3000]
            )
            for a in counts
        }
        world = cls([], firms)
        if not world.items:
            return None
        agencies = [
            a
            for a in Agency.objects.filter(pk__in=counts).order_by("path")
            if len(world.officers.get(a.pk, [])) >= 2
        ]
        # weight agencies by their enterprises (a district inspects many more than a street)
        world.agencies = [a for a in agencies for _ in range(max(1, round(counts[a.pk] / 100)))]
        return world if world.agencies else None


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _at(world: _World, day: dt.date, minutes: int) -> dt.datetime:
    return min(
        world.now, dt.datetime.combine(day, dt.time(8), tzinfo=world.tz) + dt.timedelta(minutes=minutes)
    )


def _batch(world: _World, indexes: range) -> None:
    scheme_ids = next_ids(InspectionScheme, len(indexes))
    inspection_ids = next_ids(Inspection, len(indexes))
    schemes, members, inspections, officers = [], [], [], []
    found: list[tuple[int, dict[str, Any], random.Random, list[int]]] = []
    span = (world.today - FIRST_DAY).days
    for scheme_id, inspection_id, i in zip(scheme_ids, inspection_ids, indexes, strict=True):
        rng = random.Random(i * 7919 + 31)
        agency = rng.choice(world.agencies)
        firm_id, firm_name = rng.choice(world.firms[agency.pk])
        team = rng.sample(world.officers[agency.pk], 2)
        approver = world.heads.get(agency.pk, team[0])
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        while day.weekday() >= 5 and day > FIRST_DAY:  # inspections happen on working days
            day -= dt.timedelta(days=1)
        kind = _pick(rng, KINDS)
        on_site = (world.today - day).days < 3 and rng.random() < 0.4
        started = _at(world, day, rng.randint(60, 420))
        ended = None if on_site else min(world.now, started + dt.timedelta(minutes=rng.randint(60, 240)))
        refused = not on_site and rng.random() < 0.01
        prepared = _at(world, day - dt.timedelta(days=rng.randint(3, 12)), 90)
        schemes.append(
            {
                "id": scheme_id,
                "agency_id": agency.pk,
                "enterprise_id": firm_id,
                "item_id": rng.choice(world.items),
                "title": f"{firm_name}{kind}方案",
                "window_start": day - dt.timedelta(days=rng.randint(0, 5)),
                "window_end": day + dt.timedelta(days=rng.randint(0, 10)),
                "content": f"{MARK}{i}",
                "status": SchemeStatus.APPROVED if on_site else SchemeStatus.DONE,
                "prepared_by_id": team[0],
                "submitted_at": prepared,
                "approved_by_id": approver,
                "approved_at": prepared + dt.timedelta(hours=20),
                "approval_opinion": "同意",
                "created_at": prepared,
            }
        )
        members += [
            {"scheme_id": scheme_id, "user_id": team[0], "role": MemberRole.LEADER},
            {"scheme_id": scheme_id, "user_id": team[1], "role": MemberRole.MEMBER},
        ]
        person = rng.choice(SURNAMES)
        inspection = {
            "id": inspection_id,
            "scheme_id": scheme_id,
            "agency_id": agency.pk,
            "enterprise_id": firm_id,
            "status": InspectionStatus.DRAFT if on_site else InspectionStatus.COMPLETED,
            "started_at": started,
            "ended_at": ended,
            "place": rng.choice(PLACES),
            "main_person_present": f"{person}总",
            "safety_managers_present": f"{rng.choice(SURNAMES)}安全员",
            "summary": "" if on_site else "按检查表逐项检查。",
            "signed_by": "" if on_site or refused else f"{person}总",
            "signed_at": None if on_site or refused else ended,
            "refused_to_sign": refused,
            "witness": f"{rng.choice(SURNAMES)}社区网格员" if refused else "",
            "created_by_id": team[0],
            "created_at": started,
        }
        inspections.append(inspection)
        officers += [{"inspection_id": inspection_id, "user_id": uid} for uid in team]
        if rng.random() < 0.33:
            found.append((inspection_id, inspection, rng, team))
    copy_rows(InspectionScheme, schemes)
    copy_rows(SchemeMember, members)
    copy_rows(Inspection, inspections)
    copy_rows(Inspection.officers.through, officers)
    _hazards(world, found)


def _hazards(world: _World, found: list[tuple[int, dict[str, Any], random.Random, list[int]]]) -> None:
    plan = [(f, n) for f in found for n in range(f[2].choices([1, 2, 3], weights=[70, 22, 8])[0])]
    ids = next_ids(Hazard, len(plan))
    hazards: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    rechecks: list[dict[str, Any]] = []
    extensions: list[dict[str, Any]] = []
    for pk, ((inspection_id, ins, rng, team), _) in zip(ids, plan, strict=True):
        day = ins["started_at"].astimezone(world.tz).date()
        found_at = ins["started_at"] + dt.timedelta(minutes=30)
        major = bool(world.major_items) and rng.random() < 0.04
        description, location = MAJOR if major else rng.choice(HAZARDS)
        row: dict[str, Any] = {
            "id": pk,
            "inspection_id": inspection_id,
            "agency_id": ins["agency_id"],
            "enterprise_id": ins["enterprise_id"],
            "level": HazardLevel.MAJOR if major else HazardLevel.GENERAL,
            "description": description,
            "location": location,
            "standard_item_id": rng.choice(world.major_items) if major else None,
            "status": HazardStatus.FOUND,
            "responsible_id": team[0],
            "ordered_on": None,
            "original_deadline": None,
            "deadline": None,
            "recheck_due": None,
            "recheck_result": "",
            "rechecked_on": None,
            "escalated_at": None,
            "closed_at": None,
            "created_at": found_at,
        }
        hazards.append(row)
        log: list[tuple[str, str, str, dt.date, dict[str, Any]]] = [
            ("record", "", HazardStatus.FOUND, day, {"level": row["level"]})
        ]
        drafting = (world.today - day).days < 5 and rng.random() < 0.3  # the order still being drafted
        if ins["ended_at"] is not None and not drafting:
            deadline = day + dt.timedelta(days=rng.choice([15, 30, 30, 60]))
            row.update(ordered_on=day, original_deadline=deadline, deadline=deadline)
            row.update(recheck_due=deadline + dt.timedelta(days=14), status=HazardStatus.RECTIFYING)
            log.append(("order_rectification", HazardStatus.FOUND, HazardStatus.RECTIFYING, day, {}))
            _follow(world, row, log, rechecks, extensions, rng, team)
        for n, (action, before, after, on, data) in enumerate(log):
            events.append(
                {
                    "hazard_id": pk,
                    "action": action,
                    "from_status": before,
                    "to_status": after,
                    "on_date": on,
                    "data": data,
                    "actor_id": team[0],
                    "at": min(world.now, found_at + dt.timedelta(days=(on - day).days, minutes=n)),
                }
            )
    copy_rows(Hazard, hazards)
    copy_rows(HazardEvent, events)
    copy_rows(HazardRecheck, rechecks)
    copy_rows(HazardExtension, extensions)


def _follow(
    world: _World,
    row: dict[str, Any],
    log: list[tuple[str, str, str, dt.date, dict[str, Any]]],
    rechecks: list[dict[str, Any]],
    extensions: list[dict[str, Any]],
    rng: random.Random,
    team: list[int],
) -> None:
    """An ordered hazard after the order, by its deadline: rechecked when due (mostly rectified), else
    still being rectified — some asking for an extension."""
    deadline, today = row["deadline"], world.today
    R = HazardStatus.RECTIFYING
    if deadline >= today or rng.random() < 0.01:
        roll = rng.random()
        if roll < 0.15 and deadline < today + dt.timedelta(days=365):  # rectified early, rechecked
            on = min(today, row["ordered_on"] + dt.timedelta(days=rng.randint(3, 14)))
            _recheck(row, log, rechecks, on, True, team)
        elif roll < 0.21 and (deadline - today).days >= 10:
            asked = today - dt.timedelta(days=rng.randint(0, 3))
            extensions.append(
                {
                    "hazard_id": row["id"],
                    "requested_on": asked,
                    "reason": "整改所需设备供货延迟",
                    "requested_deadline": deadline + dt.timedelta(days=30),
                    "decide_by": asked + dt.timedelta(days=3),
                    "recorded_by_id": team[0],
                }
            )
            row["status"] = HazardStatus.EXTENSION_REQUESTED
            log.append(("request_extension", R, HazardStatus.EXTENSION_REQUESTED, asked, {}))
        return
    on = min(today, deadline + dt.timedelta(days=rng.randint(1, 12)))
    rectified = rng.random() < 0.9
    _recheck(row, log, rechecks, on, rectified, team)
    if not rectified and rng.random() < 0.4:
        row["status"] = HazardStatus.ESCALATED
        row["escalated_at"] = _at(world, on, 480)
        log.append(("escalate", HazardStatus.OVERDUE, HazardStatus.ESCALATED, on, {"reason": "复查仍未整改"}))


def _recheck(
    row: dict[str, Any],
    log: list[tuple[str, str, str, dt.date, dict[str, Any]]],
    rechecks: list[dict[str, Any]],
    on: dt.date,
    rectified: bool,
    team: list[int],
) -> None:
    result = "rectified" if rectified else "not_rectified"
    after = HazardStatus.CLOSED if rectified else HazardStatus.OVERDUE
    at = min(timezone.now(), dt.datetime.combine(on, dt.time(16), tzinfo=timezone.get_default_timezone()))
    row.update(status=after, recheck_result=result, rechecked_on=on, closed_at=at if rectified else None)
    rechecks.append(
        {
            "hazard_id": row["id"],
            "on_date": on,
            "result": result,
            "opinion": "已按要求整改完毕" if rectified else "逾期未完成整改",
            "recorded_by_id": team[0],
            "created_at": at,
        }
    )
    log.append(("recheck", HazardStatus.RECTIFYING, after, on, {"result": result, "date": on.isoformat()}))
