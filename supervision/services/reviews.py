"""The review of one sampled case: assignment (with its per-object grant), scoring, submission (locked),
one objection by the agency, the re-check by a second reviewer, and 优秀案卷."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from cases.models import Case, CaseHandler, CaseReview
from enforcement.core import roles
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import Document
from enforcement.core.services.audit import record_event

from .. import rules
from ..choices import AutoCheck, Grade, ReviewStatus
from ..models import CaseFileReview, ReviewScore, RubricItem
from .campaigns import may_manage
from .dossier import dossier_facts

VIEW_CASE = "cases.view_case"


def _lock(review: CaseFileReview) -> CaseFileReview:
    return (
        CaseFileReview.objects.select_for_update()
        .select_related("campaign__agency", "case", "rubric")
        .get(pk=review.pk)
    )


def reviewer_refusals(review: CaseFileReview, user: Any) -> list[str]:
    """Why ``user`` may not review this case (empty when they may): not from the reviewed agency, never
    a handler or the legal reviewer of the case (回避)."""
    out = []
    if user is None or not user.is_active:
        return ["评查人员账号不可用"]
    if user.agency_id == review.agency_id:
        out.append("评查人员不得来自被评查机构")
    if CaseHandler.objects.filter(case_id=review.case_id, user_id=user.pk).exists():
        out.append("评查人员曾承办本案，应当回避")
    if CaseReview.objects.filter(case_id=review.case_id, reviewer_id=user.pk).exists():
        out.append("评查人员曾对本案进行法制审核，应当回避")
    if review.case.created_by_id == user.pk:
        out.append("评查人员曾登记本案，应当回避")
    return out


def _grant(user: Any, case: Case) -> None:
    assign_perm(VIEW_CASE, user, case)


def _revoke(user: Any, case: Case) -> None:
    if user is not None:
        remove_perm(VIEW_CASE, user, case)


def has_grant(user: Any, case: Case) -> bool:
    """The per-object grant of a campaign reviewer (django-guardian), held while the review is with them."""
    from guardian.core import ObjectPermissionChecker

    return bool(ObjectPermissionChecker(user).has_perm("view_case", case))


def assign_reviewer(review: CaseFileReview, reviewer: Any, *, actor: Any) -> CaseFileReview:
    """分派: the reviewer gets the case (guardian grant) and a score sheet with the system's pre-marks.

    Raises ``NotAllowed`` (not a supervisor of the campaign), ``InvalidTransition`` (already submitted),
    ``GuardFailed`` (code ``reviewer_conflict``: the reviewer is from the agency or handled the case)."""
    with transaction.atomic():
        locked = _lock(review)
        if not may_manage(actor, locked.campaign):
            raise NotAllowed("只有组织评查的执法监督人员可以分派评查人员")
        if locked.status not in (ReviewStatus.PENDING, ReviewStatus.ASSIGNED):
            raise InvalidTransition("评查已提交，不能重新分派")
        refusals = reviewer_refusals(locked, reviewer)
        if refusals:
            raise GuardFailed("；".join(refusals), code="reviewer_conflict")
        previous = locked.reviewer
        if previous is not None and previous.pk != reviewer.pk:
            _revoke(previous, locked.case)
        locked.reviewer = reviewer
        locked.status = ReviewStatus.ASSIGNED
        locked.assigned_at = timezone.now()
        locked.save(update_fields=["reviewer", "status", "assigned_at"])
        _grant(reviewer, locked.case)
        if not locked.scores.exists():
            _create_sheet(locked)
        record_event(
            "supervision.review_assign",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={
                "reviewer": reviewer.pk,
                "case": locked.case_id,
                "previous": previous.pk if previous else None,
            },
        )
    return locked


def _create_sheet(review: CaseFileReview) -> None:
    marks = rules.premarks(dossier_facts(review.case))
    rows = []
    for item in RubricItem.objects.filter(section__rubric_id=review.rubric_id).order_by(
        "section__order", "order"
    ):
        mark = marks.get(item.auto_check) if item.auto_check else None
        rows.append(
            ReviewScore(
                review=review,
                item=item,
                premark=bool(mark and mark.fault),
                premark_reason=mark.reason[:500] if mark else "",
            )
        )
    ReviewScore.objects.bulk_create(rows)


def may_score(review: CaseFileReview, user: Any) -> bool:
    if review.status == ReviewStatus.ASSIGNED:
        return user.pk == review.reviewer_id
    if review.status == ReviewStatus.OBJECTED:
        return review.rechecker_id is not None and user.pk == review.rechecker_id
    return False


def save_scores(
    review: CaseFileReview, entries: Iterable[Mapping[str, Any]], *, actor: Any
) -> CaseFileReview:
    """Record points, veto hits, findings and cited documents (``[{"item", "awarded", "veto_hit",
    "finding", "document", "confirmed"}]``). Only the assigned reviewer (or, during a re-check, the
    re-checker) while the review is open; a cited document must be one of the case's."""
    with transaction.atomic():
        locked = _lock(review)
        if not may_score(locked, actor):
            if locked.locked:
                raise InvalidTransition("评查已提交并锁定，不能修改")
            raise NotAllowed("只有分派的评查人员可以打分")
        scores = {s.item_id: s for s in locked.scores.select_related("item").select_for_update(of=("self",))}
        case_ct = ContentType.objects.get_for_model(Case)
        fields: dict[str, list[str]] = {}
        changed = []
        for e in entries:
            try:
                item_id = int(e["item"])
            except (KeyError, TypeError, ValueError):
                raise InvalidInput("评查项目无效", fields={"item": ["评查项目无效"]})
            row = scores.get(item_id)
            if row is None:
                raise InvalidInput("评查项目不属于本次评查标准", fields={"item": [str(item_id)]})
            key = row.item.code
            if row.item.is_veto:
                row.veto_hit = bool(e.get("veto_hit"))
                row.awarded = None
            else:
                raw = e.get("awarded")
                if raw in (None, ""):
                    row.awarded = None
                else:
                    try:
                        value = int(str(raw))
                    except (TypeError, ValueError):
                        fields[key] = ["得分须为整数"]
                        continue
                    if value < 0 or value > row.item.points:
                        fields[key] = [f"得分须在 0 至 {row.item.points} 分之间"]
                        continue
                    row.awarded = value
            row.finding = str(e.get("finding") or "").strip()
            doc = e.get("document")
            if doc in (None, ""):
                row.document = None
            elif not str(doc).isdigit():
                fields[key] = ["引用的文书无效"]
                continue
            else:
                document = Document.objects.filter(
                    pk=int(str(doc)), content_type=case_ct, object_id=locked.case_id
                ).first()
                if document is None:
                    fields[key] = ["引用的文书不属于本案"]
                    continue
                row.document = document
            if "confirmed" in e:
                row.confirmed = bool(e.get("confirmed"))
            changed.append(row)
        if fields:
            raise InvalidInput("评分有误", fields=fields)
        ReviewScore.objects.bulk_update(changed, ["awarded", "veto_hit", "finding", "document", "confirmed"])
        record_event(
            "supervision.review_score",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"items": sorted(r.item.code for r in changed)},
        )
    return locked


def current_result(review: CaseFileReview) -> rules.ScoreResult:
    rows = review.scores.select_related("item")
    return rules.score(
        (rules.ItemScore(r.item.code, r.item.points, r.item.is_veto, r.awarded, r.veto_hit) for r in rows),
        excellent_min=review.rubric.excellent_min,
        pass_min=review.rubric.pass_min,
    )


def _finish(locked: CaseFileReview, actor: Any) -> rules.ScoreResult:
    result = current_result(locked)
    if result.missing:
        raise GuardFailed("以下评查项目尚未打分：" + "、".join(result.missing), code="scores_missing")
    unconfirmed = [s.item.code for s in locked.scores.select_related("item") if s.premark and not s.confirmed]
    if unconfirmed:
        raise GuardFailed("系统预判的问题须逐项确认：" + "、".join(unconfirmed), code="premarks_unconfirmed")
    locked.total = result.total
    locked.grade = result.grade
    locked.veto_hit = result.veto_hit
    return result


def submit_review(review: CaseFileReview, *, actor: Any, summary: str = "") -> CaseFileReview:
    """提交: every item scored and every pre-mark confirmed; the grade is computed and the review locked;
    the reviewer's grant on the case ends (read-only through the review afterwards)."""
    with transaction.atomic():
        locked = _lock(review)
        if locked.status != ReviewStatus.ASSIGNED:
            raise InvalidTransition("当前状态不能提交评查")
        if actor.pk != locked.reviewer_id:
            raise NotAllowed("只有分派的评查人员可以提交评查")
        result = _finish(locked, actor)
        locked.summary = summary.strip()
        locked.status = ReviewStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["total", "grade", "veto_hit", "summary", "status", "submitted_at"])
        _revoke(locked.reviewer, locked.case)
        record_event(
            "supervision.review_submit",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"total": result.total, "grade": result.grade, "vetoes": list(result.vetoes)},
        )
    return locked


def may_object(user: Any, review: CaseFileReview) -> bool:
    """The reviewed agency (its head) may object once, after submission."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.agency_id == review.agency_id
        and user.has_role(roles.HEAD)
        and review.status == ReviewStatus.SUBMITTED
        and review.objected_at is None
    )


def object_review(review: CaseFileReview, *, actor: Any, reason: str) -> CaseFileReview:
    """异议: once per review, by the head of the reviewed agency, with a reason."""
    if not reason.strip():
        raise InvalidInput("请填写异议理由", fields={"reason": ["请填写异议理由"]})
    with transaction.atomic():
        locked = _lock(review)
        if locked.objected_at is not None:
            raise InvalidTransition("每份评查结果只能提出一次异议")
        if locked.status != ReviewStatus.SUBMITTED:
            raise InvalidTransition("当前状态不能提出异议")
        if not may_object(actor, locked):
            raise NotAllowed("只有被评查机构的负责人可以提出异议")
        locked.objection = reason.strip()
        locked.objected_at = timezone.now()
        locked.objected_by = actor
        locked.status = ReviewStatus.OBJECTED
        locked.first_total, locked.first_grade = locked.total, locked.grade
        locked.save(
            update_fields=["objection", "objected_at", "objected_by", "status", "first_total", "first_grade"]
        )
        record_event(
            "supervision.review_object",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"reason": locked.objection},
        )
    return locked


def assign_rechecker(review: CaseFileReview, rechecker: Any, *, actor: Any) -> CaseFileReview:
    """复核 by a second reviewer: not the first reviewer, and the same conflict rules."""
    with transaction.atomic():
        locked = _lock(review)
        if not may_manage(actor, locked.campaign):
            raise NotAllowed("只有组织评查的执法监督人员可以指定复核人员")
        if locked.status != ReviewStatus.OBJECTED or locked.rechecker_id is not None:
            raise InvalidTransition("只有提出异议、尚未指定复核人员的评查可以指定复核")
        refusals = reviewer_refusals(locked, rechecker)
        if rechecker.pk == locked.reviewer_id:
            refusals.insert(0, "复核人员不得为原评查人员")
        if refusals:
            raise GuardFailed("；".join(refusals), code="reviewer_conflict")
        locked.rechecker = rechecker
        locked.save(update_fields=["rechecker"])
        _grant(rechecker, locked.case)
        record_event(
            "supervision.review_recheck_assign",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"rechecker": rechecker.pk},
        )
    return locked


def complete_recheck(review: CaseFileReview, *, actor: Any, opinion: str) -> CaseFileReview:
    """The re-checker confirms or changes the scores (``save_scores``) and closes with an opinion; final."""
    if not opinion.strip():
        raise InvalidInput("请填写复核意见", fields={"opinion": ["请填写复核意见"]})
    with transaction.atomic():
        locked = _lock(review)
        if locked.status != ReviewStatus.OBJECTED or locked.rechecker_id is None:
            raise InvalidTransition("当前状态不能完成复核")
        if actor.pk != locked.rechecker_id:
            raise NotAllowed("只有指定的复核人员可以完成复核")
        result = _finish(locked, actor)
        locked.recheck_opinion = opinion.strip()
        locked.rechecked_at = timezone.now()
        locked.status = ReviewStatus.FINAL
        locked.save(update_fields=["total", "grade", "veto_hit", "recheck_opinion", "rechecked_at", "status"])
        _revoke(locked.rechecker, locked.case)
        record_event(
            "supervision.review_recheck",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"total": result.total, "grade": result.grade, "before": locked.first_total},
        )
    return locked


def mark_excellent(review: CaseFileReview, *, actor: Any) -> CaseFileReview:
    """优秀案卷: a submitted (or re-checked) review graded 优秀 becomes an example for everyone to read."""
    with transaction.atomic():
        locked = _lock(review)
        if not may_manage(actor, locked.campaign):
            raise NotAllowed("只有组织评查的执法监督人员可以评选优秀案卷")
        if (
            locked.status not in (ReviewStatus.SUBMITTED, ReviewStatus.FINAL)
            or locked.grade != Grade.EXCELLENT
        ):
            raise GuardFailed("只有评为优秀等次的案卷可以评为优秀案卷", code="not_excellent")
        if locked.excellent:
            raise InvalidTransition("已评为优秀案卷")
        locked.excellent = True
        locked.excellent_at = timezone.now()
        locked.save(update_fields=["excellent", "excellent_at"])
        record_event(
            "supervision.review_excellent",
            actor=actor,
            obj=locked,
            agency_id=locked.campaign.agency_id,
            data={"case": locked.case_id},
        )
    return locked


AUTO_LABELS = {c.value: str(c.label) for c in AutoCheck}
