"""评查活动: create a campaign in the supervisor's subtree, draw its sample reproducibly, verify the draw.

The pool is every file in scope (cases: deciding agency among the campaign's agencies, status among its
statuses, decided within the period; schemes: approved or done, window starting within the period),
ordered by (agency id, object id). Per agency ``rules.sample_size`` files are drawn with core's
``sampling.draw_k(seed, "C|<agency>", ids, k)``; the record keeps the seed, the pool snapshot and hashes."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.models import Case
from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import Agency
from enforcement.core.rules import sampling
from enforcement.core.services.audit import record_event
from inspections.choices import SchemeStatus
from inspections.models import InspectionScheme

from .. import rules
from ..choices import SAMPLE_STATUSES, CampaignKind, CampaignStatus, ReviewStatus, RubricStatus
from ..models import Campaign, CaseFileReview, Rubric, SchemeCheck

STATUS_CODES = {code for code, _ in SAMPLE_STATUSES}
DECISION_KINDS = {"penalty", "no_penalty"}


def may_organise(user: Any) -> bool:
    """Supervisors (执法监督人员) of an agency, and superusers, organise campaigns."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or (user.agency_id is not None and user.has_role(roles.SUPERVISOR)))


def may_manage(user: Any, campaign: Campaign) -> bool:
    """Supervisors of the organising agency or above, and superusers."""
    if not may_organise(user):
        return False
    return bool(user.is_superuser or campaign.agency.path.startswith(user.agency.path))


@dataclass(frozen=True)
class CampaignSpec:
    name: str
    agencies: list[int]
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    kind: str = CampaignKind.CASE_FILES
    statuses: tuple[str, ...] = ("closed", "archived")
    decision_kinds: tuple[str, ...] = ()
    ratio: Decimal | None = None
    min_per_agency: int = 1
    rubric: int | None = None


def create_campaign(spec: CampaignSpec, *, actor: Any) -> Campaign:
    """Preconditions: the actor may organise; every agency lies in the actor's subtree; a case campaign
    names a published rubric. Effects: a draft campaign, ``supervision.campaign_create``."""
    if not may_organise(actor):
        raise NotAllowed("只有执法监督人员可以组织案卷评查")
    fields: dict[str, list[str]] = {}
    if not spec.name.strip():
        fields["name"] = ["请填写评查活动名称"]
    if spec.period_end < spec.period_start:
        fields["period_end"] = ["期间止不得早于期间起"]
    if not spec.agencies:
        fields["agencies"] = ["请选择被评查机构"]
    kind = spec.kind
    if kind not in CampaignKind.values:
        fields["kind"] = ["评查类别无效"]
    ratio = spec.ratio if spec.ratio is not None else Decimal(30 if kind == CampaignKind.CASE_FILES else 20)
    floor = Decimal(30 if kind == CampaignKind.CASE_FILES else 20)
    if ratio < floor or ratio > 100:
        fields["ratio"] = [f"抽取比例须在 {floor}% 至 100% 之间"]
    if spec.min_per_agency < 0:
        fields["min_per_agency"] = ["最少抽取数不能为负数"]
    bad = set(spec.statuses) - STATUS_CODES
    if kind == CampaignKind.CASE_FILES and (bad or not spec.statuses):
        fields["statuses"] = ["请选择案卷范围（已结案、已归档等）"]
    if set(spec.decision_kinds) - DECISION_KINDS:
        fields["decision_kinds"] = ["决定类型无效"]
    agencies = list(Agency.objects.filter(pk__in=spec.agencies))
    if len(agencies) != len(set(spec.agencies)):
        fields["agencies"] = ["被评查机构不存在"]
    elif not actor.is_superuser and any(not a.path.startswith(actor.agency.path) for a in agencies):
        fields["agencies"] = ["只能评查本机构及下级机构的案卷"]
    rubric = None
    if kind == CampaignKind.CASE_FILES:
        rubric = (
            Rubric.objects.filter(pk=spec.rubric, status=RubricStatus.PUBLISHED).first()
            if spec.rubric
            else None
        )
        if rubric is None:
            fields["rubric"] = ["请选择已发布的评查标准"]
    if fields:
        raise InvalidInput("评查活动信息有误", fields=fields)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            kind=kind,
            name=spec.name.strip(),
            agency=actor.agency if actor.agency_id else agencies[0],
            period_start=spec.period_start,
            period_end=spec.period_end,
            statuses=list(spec.statuses) if kind == CampaignKind.CASE_FILES else [],
            decision_kinds=list(spec.decision_kinds),
            ratio=ratio,
            min_per_agency=spec.min_per_agency,
            rubric=rubric,
            due_date=spec.due_date,
            created_by=actor,
        )
        campaign.agencies.set(agencies)
        record_event(
            "supervision.campaign_create",
            actor=actor,
            obj=campaign,
            data={"name": campaign.name, "agencies": sorted(a.pk for a in agencies), "ratio": str(ratio)},
        )
    return campaign


# --- the pool and the draw -----------------------------------------------------------------------------


def live_pool(campaign: Campaign) -> list[tuple[int, int]]:
    """(object id, agency id) of every file in scope now, ordered by agency then id (one query)."""
    agency_ids = list(campaign.agencies.values_list("pk", flat=True))
    if campaign.kind == CampaignKind.SCHEMES:
        rows = (
            InspectionScheme.objects.filter(
                agency_id__in=agency_ids,
                status__in=[SchemeStatus.APPROVED, SchemeStatus.DONE],
                window_start__gte=campaign.period_start,
                window_start__lte=campaign.period_end,
            )
            .order_by("agency_id", "pk")
            .values_list("pk", "agency_id")
        )
        return [(int(a), int(b)) for a, b in rows]
    qs = Case.objects.filter(
        deciding_agency_id__in=agency_ids,
        status__in=campaign.statuses,
        decided_on__gte=campaign.period_start,
        decided_on__lte=campaign.period_end,
    )
    if campaign.decision_kinds:
        qs = qs.filter(decisions__kind__in=campaign.decision_kinds).distinct()
    return [
        (int(a), int(b))
        for a, b in qs.order_by("deciding_agency_id", "pk").values_list("pk", "deciding_agency_id")
    ]


def pool_lines(pool: Iterable[tuple[int, int]]) -> list[str]:
    return [f"{obj}:{agency}" for obj, agency in pool]


def derive_sample(
    seed: str, pool: list[tuple[int, int]], ratio: Decimal, minimum: int
) -> list[tuple[int, int]]:
    """The sample a seed draws from a pool: per agency (ascending id), ``sample_size`` ids in rank order."""
    by_agency: dict[int, list[int]] = {}
    for obj, agency in pool:
        by_agency.setdefault(agency, []).append(obj)
    out: list[tuple[int, int]] = []
    for agency in sorted(by_agency):
        ids = by_agency[agency]
        k = rules.sample_size(len(ids), ratio, minimum)
        out.extend((int(str(i)), agency) for i in sampling.draw_k(seed, f"C|{agency}", ids, k))
    return out


def sample_hash(sample: list[tuple[int, int]]) -> str:
    return sampling.sha256_text(json.dumps([list(s) for s in sample], separators=(",", ":")))


def draw_campaign(campaign: Campaign, *, actor: Any, seed: str = "") -> Campaign:
    """抽取: snapshot the pool, draw, create one review (or scheme check) per drawn file, store the record.

    Raises ``NotAllowed`` (not a supervisor of the organising agency), ``InvalidTransition`` (drawn
    already), ``InvalidInput`` (an empty pool or a malformed seed). ``supervision.campaign_draw``."""
    seed = (seed or "").strip()
    if seed and (len(seed) > 64 or not all((c.isascii() and c.isalnum()) or c in "-_" for c in seed)):
        raise InvalidInput(
            "随机种子只能由1至64位字母、数字、下划线或连字符组成", fields={"seed": ["格式无效"]}
        )
    if not may_manage(actor, campaign):
        raise NotAllowed("只有组织机构的执法监督人员可以抽取案卷")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != CampaignStatus.DRAFT:
            raise InvalidTransition("本次评查已经抽取，不能重复抽取")
        pool = live_pool(locked)
        if not pool:
            raise InvalidInput("抽取范围内没有符合条件的案卷", code="empty_pool")
        seed = seed or secrets.token_hex(16)
        sample = derive_sample(seed, pool, locked.ratio, locked.min_per_agency)
        locked.seed = seed
        locked.pool = [list(p) for p in pool]
        locked.pool_hash = sampling.lines_hash(pool_lines(pool))
        locked.sample_hash = sample_hash(sample)
        locked.drawn_at = timezone.now()
        locked.status = CampaignStatus.DRAWN
        locked.save(update_fields=["seed", "pool", "pool_hash", "sample_hash", "drawn_at", "status"])
        if locked.kind == CampaignKind.SCHEMES:
            SchemeCheck.objects.bulk_create(
                SchemeCheck(campaign=locked, scheme_id=obj, agency_id=agency, draw_order=n)
                for n, (obj, agency) in enumerate(sample, start=1)
            )
        else:
            assert locked.rubric_id is not None
            CaseFileReview.objects.bulk_create(
                CaseFileReview(
                    campaign=locked, case_id=obj, agency_id=agency, rubric_id=locked.rubric_id, draw_order=n
                )
                for n, (obj, agency) in enumerate(sample, start=1)
            )
        record_event(
            "supervision.campaign_draw",
            actor=actor,
            obj=locked,
            data={
                "seed": seed,
                "pool_size": len(pool),
                "pool_hash": locked.pool_hash,
                "sample": [s[0] for s in sample],
                "sample_hash": locked.sample_hash,
            },
        )
    return locked


@dataclass(frozen=True)
class CampaignCheck:
    pool_hash_ok: bool
    sample_ok: bool
    pool_unchanged: bool
    sample: tuple[tuple[int, int], ...]

    @property
    def ok(self) -> bool:
        return self.pool_hash_ok and self.sample_ok


def stored_sample(campaign: Campaign) -> list[tuple[int, int]]:
    rows: Any
    if campaign.kind == CampaignKind.SCHEMES:
        rows = campaign.scheme_checks.order_by("draw_order").values_list("scheme_id", "agency_id")
    else:
        rows = campaign.reviews.order_by("draw_order").values_list("case_id", "agency_id")
    return [(int(a), int(b)) for a, b in rows]


def verify_campaign(campaign: Campaign) -> CampaignCheck:
    """Re-derive the sample from the stored seed and pool snapshot: the snapshot hashes to ``pool_hash``,
    the re-derived sample equals the stored one (ids and order), and whether the live pool still matches."""
    pool = [(int(a), int(b)) for a, b in campaign.pool]
    rerun = derive_sample(campaign.seed, pool, campaign.ratio, campaign.min_per_agency)
    return CampaignCheck(
        pool_hash_ok=sampling.lines_hash(pool_lines(pool)) == campaign.pool_hash,
        sample_ok=rerun == stored_sample(campaign) and sample_hash(rerun) == campaign.sample_hash,
        pool_unchanged=live_pool(campaign) == pool,
        sample=tuple(rerun),
    )


@dataclass(frozen=True)
class AgencyProgress:
    agency: Any
    pool: int
    drawn: int
    done: int
    meets_rule: bool


def progress(campaign: Campaign) -> list[AgencyProgress]:
    """Per agency: pool size, drawn, finished, and whether the sampling rule is met."""
    pool: dict[int, int] = {}
    for _, agency in campaign.pool:
        pool[agency] = pool.get(agency, 0) + 1
    drawn: dict[int, int] = {}
    done: dict[int, int] = {}
    rows: Iterable[tuple[int, str]]
    if campaign.kind == CampaignKind.SCHEMES:
        rows = campaign.scheme_checks.values_list("agency_id", "status")
        finished = {"compliant", "returned"}
    else:
        rows = campaign.reviews.values_list("agency_id", "status")
        finished = {ReviewStatus.SUBMITTED, ReviewStatus.FINAL, ReviewStatus.OBJECTED}
    for agency, status in rows:
        drawn[agency] = drawn.get(agency, 0) + 1
        done[agency] = done.get(agency, 0) + (1 if status in finished else 0)
    out = []
    for agency in campaign.agencies.order_by("path"):
        n, k = pool.get(agency.pk, 0), drawn.get(agency.pk, 0)
        out.append(
            AgencyProgress(
                agency,
                n,
                k,
                done.get(agency.pk, 0),
                rules.meets_rule(n, k, campaign.ratio, campaign.min_per_agency),
            )
        )
    return out


def close_campaign(campaign: Campaign, *, actor: Any) -> Campaign:
    """结束: every drawn file has been reviewed (or checked); the campaign is closed."""
    if not may_manage(actor, campaign):
        raise NotAllowed("只有组织机构的执法监督人员可以结束评查")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != CampaignStatus.DRAWN:
            raise InvalidTransition("只有评查中的活动可以结束")
        open_reviews = locked.reviews.filter(status__in=[ReviewStatus.PENDING, ReviewStatus.ASSIGNED]).count()
        open_checks = locked.scheme_checks.filter(status="pending").count()
        if open_reviews or open_checks:
            raise InvalidTransition(f"尚有 {open_reviews + open_checks} 份未完成评查，不能结束")
        locked.status = CampaignStatus.CLOSED
        locked.save(update_fields=["status"])
        record_event("supervision.campaign_close", actor=actor, obj=locked, data={"name": locked.name})
    return locked
