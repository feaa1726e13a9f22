"""执法效能评估: build (the 5 July / 5 January beat, or a supervisor on demand), publish, read.

Who: supervisors and heads for an agency of their subtree; superusers for any (``report.may_build_for``).
A build computes every agency's figures of the subtree in the database (``efficacy_figures``), stores
each figure's numerator and denominator per agency, the lagging figures (thresholds and subtree medians),
the composite score and rank and the trend over the last four half-years — in one transaction with an
audit event. A draft may be rebuilt; publishing freezes it and stores its PDF with the SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from enforcement.core.exceptions import DomainError, InvalidInput, NotAllowed
from enforcement.core.models import Agency, User
from enforcement.core.services.audit import record_event
from enforcement.core.services.notifications import notify

from ..models import EfficacyEvaluation, EfficacyRow, EvaluationStatus
from ..rules import efficacy as rules
from .efficacy_figures import compute
from .report import may_build_for, root_agencies

TREND_PERIODS = 4

Parts = dict[int, dict[str, list[int | None]]]


def get_evaluation_for_user(user: Any, pk: Any) -> EfficacyEvaluation:
    """404 when ``user`` may not see the evaluation (or it does not exist)."""
    try:
        return EfficacyEvaluation.objects.visible_to(user).select_related("agency").get(pk=int(pk))
    except (EfficacyEvaluation.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404("评估不存在或无权查看") from None


def values_of(parts: dict[str, list[int | None]]) -> dict[str, Decimal | None]:
    return {f.key: rules.value_of(f, *parts.get(f.key, [0, 0])) for f in rules.FIGURES}


def assess(parts: Parts, half: int) -> dict[int, dict[str, Any]]:
    """Per agency: values, lagging reasons (threshold / subtree median), score and rank (pure over parts)."""
    values = {aid: values_of(p) for aid, p in parts.items()}
    medians = {f.key: rules.median(v[f.key] for v in values.values()) for f in rules.FIGURES}
    scores = [(aid, rules.composite_score(values[aid])) for aid in parts]
    ranks = rules.rank(scores)
    out: dict[int, dict[str, Any]] = {}
    for aid, score in scores:
        lagging = {}
        for f in rules.FIGURES:
            reasons = rules.lag_reasons(f, values[aid][f.key], medians[f.key], half)
            if reasons:
                lagging[f.key] = reasons
        out[aid] = {"values": values[aid], "lagging": lagging, "score": score, "rank": ranks[aid]}
    return out


def _history(agency: Agency, period: rules.Period, as_of: dt.date, current: Parts) -> dict[str, Any]:
    """The trend: every figure's value per agency over the last ``TREND_PERIODS`` half-years, oldest first —
    from the published evaluation of that half where there is one, else computed now."""
    periods = period.history(TREND_PERIODS)
    published = {
        (e.year, e.half): e
        for e in EfficacyEvaluation.objects.filter(
            agency=agency, status=EvaluationStatus.PUBLISHED, year__gte=periods[0].year
        ).prefetch_related("rows")
    }
    series: dict[str, dict[str, list[str | None]]] = {}
    for p in periods:
        if p == period:
            parts = current
        elif (p.year, p.half) in published:
            parts = {r.agency_id: r.parts for r in published[(p.year, p.half)].rows.all()}
        else:
            parts = compute(agency, p, min(as_of, p.due))
        for aid in current:
            vals = values_of(parts.get(aid) or {})
            row = series.setdefault(str(aid), {f.key: [] for f in rules.FIGURES})
            for f in rules.FIGURES:
                v = vals[f.key]
                row[f.key].append(None if v is None else str(v))
    return {"periods": [p.code for p in periods], "labels": [p.label for p in periods], "series": series}


def check_build(
    *, agency: Agency, period: rules.Period, actor: Any = None, as_of: dt.date | None = None
) -> dt.date:
    """The guards of ``build_evaluation`` (raised before any figure is computed); returns the as-of date."""
    today = timezone.localdate()
    if actor is not None and not may_build_for(actor, agency):
        raise NotAllowed("仅本机关及上级机关的执法监督人员、负责人可生成执法效能评估")
    if period.start > today:
        raise InvalidInput("评估的半年度尚未开始", fields={"period": ["评估的半年度尚未开始"]})
    as_of = as_of or today
    if as_of < period.start or as_of > today:
        raise InvalidInput("数据截止日须在半年度开始之后、且不晚于今天", fields={"as_of": ["数据截止日无效"]})
    if EfficacyEvaluation.objects.filter(
        agency=agency, year=period.year, half=period.half, status=EvaluationStatus.PUBLISHED
    ).exists():
        raise InvalidInput("已发布的评估不能重新生成")
    return as_of


def build_requested(*, agency_id: int, period_code: str, actor_id: int) -> EfficacyEvaluation | None:
    """A supervisor's on-demand build, run by the worker (``build_efficacy_evaluation_task``): at 10⁶
    cases the first build of a subtree takes tens of seconds, too long for a request. The requester is told
    in the inbox either way — the evaluation's link, or why it could not be built."""
    actor = User.objects.select_related("agency").get(pk=actor_id)
    agency = Agency.objects.get(pk=agency_id)
    period = rules.parse_period(period_code)
    assert period is not None
    try:
        evaluation = build_evaluation(agency=agency, period=period, actor=actor)
    except DomainError as exc:
        with transaction.atomic():
            notify([actor], f"{agency.name}{period.label}执法效能评估未能生成", body=str(exc))
        return None
    with transaction.atomic():
        notify(
            [actor],
            f"{agency.name}{period.label}执法效能评估已生成",
            url=reverse("supervision:efficacy_detail", args=[evaluation.pk]),
            subject=evaluation,
        )
    return evaluation


def build_evaluation(
    *, agency: Agency, period: rules.Period, actor: Any = None, as_of: dt.date | None = None
) -> EfficacyEvaluation:
    """Build (or rebuild a draft of) ``agency``'s evaluation of ``period``. Guards: ``may_build_for``
    (``NotAllowed``; ``actor`` None is the beat schedule); the half-year has begun and ``as_of`` lies in or
    after it and not in the future (a half-year still running gives an interim draft, published only once
    it is over); a published evaluation is not rebuilt (``InvalidInput``)."""
    as_of = check_build(agency=agency, period=period, actor=actor, as_of=as_of)
    parts = compute(agency, period, as_of)
    assessed = assess(parts, period.half)
    trend = _history(agency, period, as_of, parts)
    depth0 = agency.path.count("/")
    paths = dict(Agency.objects.subtree_of(agency).values_list("pk", "path"))
    with transaction.atomic():
        key = {"agency": agency, "year": period.year, "half": period.half}
        try:
            with transaction.atomic():  # a concurrent build (beat and a supervisor) may create the row first
                evaluation, _ = EfficacyEvaluation.objects.select_for_update().get_or_create(
                    **key, defaults={"as_of": as_of, "created_by": actor}
                )
        except IntegrityError:
            evaluation = EfficacyEvaluation.objects.select_for_update().get(**key)
        if evaluation.published:
            raise InvalidInput("已发布的评估不能重新生成")
        evaluation.rows.all().delete()
        EfficacyRow.objects.bulk_create(
            EfficacyRow(
                evaluation=evaluation,
                agency_id=aid,
                depth=paths[aid].count("/") - depth0,
                parts=parts[aid],
                lagging=assessed[aid]["lagging"],
                score=assessed[aid]["score"],
                rank=assessed[aid]["rank"],
            )
            for aid in sorted(parts, key=lambda a: paths[a])
        )
        evaluation.as_of, evaluation.trend, evaluation.built_at = as_of, trend, timezone.now()
        if actor is not None:
            evaluation.created_by = actor
        evaluation.pdf, evaluation.pdf_sha256 = "", ""  # a draft's PDF is rendered on download
        evaluation.save()
        record_event(
            "efficacy.build",
            actor=actor,
            obj=evaluation,
            agency_id=agency.pk,
            data={
                "period": period.code,
                "as_of": as_of.isoformat(),
                "lagging_agencies": sum(1 for a in assessed.values() if a["lagging"]),
            },
        )
    return evaluation


def publish_evaluation(evaluation: EfficacyEvaluation, *, actor: Any) -> EfficacyEvaluation:
    """Publish a draft: frozen from then on; its PDF is rendered and stored with its SHA-256 (a draft's is
    rendered on each download). Guards: may_build_for; a draft built after the half-year ended."""
    if not may_build_for(actor, evaluation.agency):
        raise NotAllowed("仅本机关及上级机关的执法监督人员、负责人可发布执法效能评估")
    with transaction.atomic():
        locked = EfficacyEvaluation.objects.select_for_update().select_related("agency").get(pk=evaluation.pk)
        if locked.published:
            raise InvalidInput("该评估已发布")
        if locked.as_of <= locked.period.end:
            raise InvalidInput("半年度结束后重新生成的评估方可发布（当前为期中数据）")
        locked.status, locked.published_at, locked.published_by = (
            EvaluationStatus.PUBLISHED,
            timezone.now(),
            actor,
        )
        _store_pdf(locked)
        locked.save()
        record_event(
            "efficacy.publish",
            actor=actor,
            obj=locked,
            agency_id=locked.agency_id,
            data={"period": locked.period.code, "pdf_sha256": locked.pdf_sha256},
        )
    return locked


def _store_pdf(evaluation: EfficacyEvaluation) -> None:
    from .efficacy_output import render_evaluation_pdf

    content = render_evaluation_pdf(evaluation)
    evaluation.pdf_sha256 = hashlib.sha256(content).hexdigest()
    name = f"efficacy-{evaluation.agency.code}-{evaluation.period.code}-{evaluation.pk}.pdf"
    evaluation.pdf.save(name, ContentFile(content), save=False)


def schedule_due_evaluations(today: dt.date | None = None) -> list[int]:
    """The beat (5 July / 5 January): the half-year just ended for every top-level agency, once each (a
    draft is rebuilt, a published one left alone). Returns the evaluation ids built."""
    period = rules.last_ended(today or timezone.localdate())
    built = []
    for agency in root_agencies():
        if EfficacyEvaluation.objects.filter(
            agency=agency, year=period.year, half=period.half, status=EvaluationStatus.PUBLISHED
        ).exists():
            continue
        built.append(build_evaluation(agency=agency, period=period).pk)
    return built
