"""整改: a locked review's findings go to the reviewed agency with a deadline (core deadline service); the
agency answers with evidence (core uploads); the supervisor accepts or returns; late answers escalate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases.models import CaseHandler
from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import User
from enforcement.core.registry import DeadlineKind
from enforcement.core.services import deadlines as deadline_service
from enforcement.core.services.audit import record_event
from enforcement.core.services.notifications import notify
from enforcement.core.services.uploads import MB, UploadPolicy, check_upload, stored_file

from ..choices import RectificationStatus, ReviewStatus
from ..models import CaseFileReview, Rectification, RectificationEvidence
from .campaigns import may_manage

RECTIFICATION_KIND = "supervision.rectification"
# reminders 3 and 1 days before, on the day, and an overdue notice the day after (escalation)
DEADLINE_KINDS = [
    DeadlineKind(
        RECTIFICATION_KIND,
        "案卷评查整改期限",
        basis="行政执法监督：评查问题整改（◐ 地方规定）",
        reminder_days=(3, 1, 0, -1),
    ),
]
RECTIFICATION_EVIDENCE = UploadPolicy("整改证明材料", frozenset({"image", "pdf", "office"}), 50 * MB)
OPEN_STATUSES = (RectificationStatus.OPEN, RectificationStatus.RETURNED, RectificationStatus.ESCALATED)


def _agency_heads(agency_id: int) -> list[User]:
    return list(User.objects.filter(agency_id=agency_id, is_active=True, groups__name=roles.HEAD).distinct())


def may_answer(user: Any, rect: Rectification) -> bool:
    """The head of the agency, or a handler of the reviewed case."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.agency_id == rect.agency_id and user.has_role(roles.HEAD):
        return True
    return CaseHandler.objects.filter(case_id=rect.review.case_id, user_id=user.pk).exists()


def _open(rect: Rectification, due: dt.date, actor: Any) -> None:
    rect.deadline = deadline_service.open_deadline(
        subject=rect,
        kind=RECTIFICATION_KIND,
        title=f"案卷评查整改：{rect.review.case}",
        agency_id=rect.agency_id,
        due_date=due,
        responsible=_agency_heads(rect.agency_id) + [rect.issued_by],
        actor=actor,
    )


def issue_rectification(
    review: CaseFileReview, *, actor: Any, findings: str, due_date: dt.date
) -> Rectification:
    """整改通知 for a locked review: the findings and a due date (not in the past)."""
    fields: dict[str, list[str]] = {}
    if not findings.strip():
        fields["findings"] = ["请填写需整改的问题"]
    today = timezone.localdate()
    if due_date <= today:
        fields["due_date"] = ["整改期限须晚于今天"]
    if fields:
        raise InvalidInput("整改通知信息有误", fields=fields)
    with transaction.atomic():
        locked = (
            CaseFileReview.objects.select_for_update()
            .select_related("campaign__agency", "case")
            .get(pk=review.pk)
        )
        if not may_manage(actor, locked.campaign):
            raise NotAllowed("只有组织评查的执法监督人员可以下发整改通知")
        if locked.status not in (ReviewStatus.SUBMITTED, ReviewStatus.FINAL, ReviewStatus.OBJECTED):
            raise InvalidTransition("评查提交后才能下发整改通知")
        if Rectification.objects.filter(review=locked).exists():
            raise InvalidTransition("本案卷已下发整改通知")
        rect = Rectification.objects.create(
            review=locked,
            agency_id=locked.agency_id,
            findings=findings.strip(),
            issued_on=today,
            due_date=due_date,
            issued_by=actor,
        )
        _open(rect, due_date, actor)
        rect.save(update_fields=["deadline"])
        notify(
            _agency_heads(rect.agency_id),
            f"案卷评查整改通知：{locked.case}",
            body=rect.findings,
            url=f"/supervision/rectifications/{rect.pk}/",
            subject=rect,
        )
        record_event(
            "supervision.rectification_issue",
            actor=actor,
            obj=rect,
            data={"review": locked.pk, "due_date": due_date.isoformat()},
        )
    return rect


def answer_rectification(
    rect: Rectification, *, actor: Any, answer: str, files: Iterable[Any] = ()
) -> Rectification:
    """报送整改情况 with evidence files (checked by core's upload service); closes the running deadline."""
    if not answer.strip():
        raise InvalidInput("请填写整改情况", fields={"answer": ["请填写整改情况"]})
    checked = [check_upload(f, RECTIFICATION_EVIDENCE, field="files") for f in files]
    with transaction.atomic():
        locked = Rectification.objects.select_for_update().select_related("review").get(pk=rect.pk)
        if not may_answer(actor, locked):
            raise NotAllowed("只有被评查机构的负责人或本案承办人员可以报送整改情况")
        if locked.status not in OPEN_STATUSES:
            raise InvalidTransition("当前状态不能报送整改情况")
        for c in checked:
            RectificationEvidence.objects.create(
                rectification=locked,
                file=stored_file(c),
                original_name=c.original_name[:200],
                content_type=c.content_type,
                size=c.size,
                sha256=c.sha256,
                uploaded_by=actor,
            )
        locked.answer = answer.strip()
        locked.answered_on = timezone.localdate()
        locked.answered_by = actor
        locked.rounds += 1
        late = locked.answered_on > locked.due_date
        locked.status = RectificationStatus.ANSWERED
        locked.save(update_fields=["answer", "answered_on", "answered_by", "rounds", "status"])
        deadline_service.close_deadlines(subject=locked, kind=RECTIFICATION_KIND, actor=actor)
        record_event(
            "supervision.rectification_answer",
            actor=actor,
            obj=locked,
            data={"files": [c.sha256 for c in checked], "late": late},
        )
    return locked


def decide_rectification(
    rect: Rectification, *, actor: Any, accepted: bool, opinion: str, due_date: dt.date | None = None
) -> Rectification:
    """Accept the answer, or return it with an opinion and a new due date (a new deadline)."""
    if not accepted and (not opinion.strip() or due_date is None or due_date <= timezone.localdate()):
        raise InvalidInput(
            "退回须填写意见和新的整改期限（晚于今天）", fields={"opinion": ["请填写退回意见和新的整改期限"]}
        )
    with transaction.atomic():
        locked = (
            Rectification.objects.select_for_update()
            .select_related("review__campaign__agency", "review__case")
            .get(pk=rect.pk)
        )
        if not may_manage(actor, locked.review.campaign):
            raise NotAllowed("只有组织评查的执法监督人员可以审核整改情况")
        if locked.status != RectificationStatus.ANSWERED:
            raise InvalidTransition("整改情况报送后才能审核")
        locked.opinion = opinion.strip()
        if accepted:
            locked.status = RectificationStatus.ACCEPTED
        else:
            assert due_date is not None
            locked.status = RectificationStatus.RETURNED
            locked.due_date = due_date
            _open(locked, due_date, actor)
        locked.save(update_fields=["opinion", "status", "due_date", "deadline"])
        record_event(
            "supervision.rectification_decide",
            actor=actor,
            obj=locked,
            data={"accepted": accepted, "opinion": locked.opinion},
        )
    return locked


def escalate_overdue(today: dt.date | None = None) -> int:
    """Daily: open rectifications past their due date become 逾期未报送; the organising supervisors and the
    heads of the agency's parent are told (once: an escalated row is not escalated again)."""
    today = today or timezone.localdate()
    count = 0
    ids = list(
        Rectification.objects.filter(
            status__in=[RectificationStatus.OPEN, RectificationStatus.RETURNED], due_date__lt=today
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        with transaction.atomic():
            rect = (
                Rectification.objects.select_for_update()
                .select_related("agency", "review__campaign", "review__case")
                .get(pk=pk)
            )
            if (
                rect.status not in (RectificationStatus.OPEN, RectificationStatus.RETURNED)
                or rect.due_date >= today
            ):
                continue
            rect.status = RectificationStatus.ESCALATED
            rect.save(update_fields=["status"])
            recipients = list(
                User.objects.filter(
                    is_active=True, agency_id=rect.review.campaign.agency_id, groups__name=roles.SUPERVISOR
                ).distinct()
            )
            if rect.agency.parent_id:
                recipients += _agency_heads(rect.agency.parent_id)
            notify(
                recipients,
                f"整改逾期未报送：{rect.agency.name}",
                body=rect.findings,
                url=f"/supervision/rectifications/{rect.pk}/",
                subject=rect,
            )
            record_event(
                "supervision.rectification_escalate", obj=rect, data={"due_date": rect.due_date.isoformat()}
            )
            count += 1
    return count
