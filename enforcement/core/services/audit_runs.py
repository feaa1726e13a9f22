"""校验审计链 from the audit page: a run row, walked by a background task that writes its progress.

Supervisors, agency administrators and superusers may start a run (``may_view_audit``). The whole chain
is always checked (a hash chain cannot be verified in parts); what the requester is shown depends on
their scope: a superuser the exact place and problem, anyone else pass/fail and — only when the broken
event is in their scope — where it is (ERRATA: audit chain verification).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ..access import may_view_audit
from ..exceptions import NotAllowed
from ..models import AuditEvent, AuditVerification, VerificationStatus
from .audit import record_event
from .audit_display import action_label
from .audit_verify import KIND_LABELS, ChainBreak, verify_chain

# A run still queued or running after this long is taken as lost (worker restarted): a new one may start.
STALE_AFTER = dt.timedelta(minutes=15)


def start_verification(*, actor: Any) -> tuple[AuditVerification, bool]:
    """Open a verification run for ``actor``; returns (run, created).

    Guard: supervisors, agency administrators and superusers only (``NotAllowed`` otherwise, nothing
    written). While the actor already has a run queued or running (younger than ``STALE_AFTER``) that
    run is returned and nothing new is written. Effects: the run row and one ``audit.verify`` event;
    the caller enqueues ``verify_audit_chain_task`` on commit.
    """
    if not may_view_audit(actor):
        raise NotAllowed("仅执法监督人员、系统管理员可校验审计链")
    with transaction.atomic():
        pending = (
            AuditVerification.objects.select_for_update()
            .filter(
                requested_by=actor,
                status__in=(VerificationStatus.QUEUED, VerificationStatus.RUNNING),
                created_at__gte=timezone.now() - STALE_AFTER,
            )
            .first()
        )
        if pending is not None:
            return pending, False
        run = AuditVerification.objects.create(requested_by=actor)
        record_event("audit.verify", actor=actor, agency_id=actor.agency_id, data={"run": run.pk})
    return run, True


def run_verification(run_id: int) -> AuditVerification:
    """Walk the chain for run ``run_id``, writing progress as it goes (called by the task; idempotent:
    a finished run is left as it is). A failure of the walk itself marks the run 未能完成 and re-raises."""
    run = AuditVerification.objects.get(pk=run_id)
    if run.finished:
        return run
    runs = AuditVerification.objects.filter(pk=run_id)
    runs.update(status=VerificationStatus.RUNNING, checked=0)

    def progress(checked: int, total: int) -> None:
        runs.update(checked=checked, total=total)

    try:
        report = verify_chain(progress=progress)
    except Exception:
        runs.update(status=VerificationStatus.FAILED, finished_at=timezone.now())
        raise
    brk: ChainBreak | None = report.first_break
    runs.update(
        status=VerificationStatus.DONE,
        finished_at=timezone.now(),
        total=report.head_seq or report.count,
        checked=report.count,
        intact=report.intact,
        head_hash=report.head_hash or "",
        break_kind=brk.kind if brk else "",
        break_seq=brk.seq if brk else None,
        break_event_id=brk.event_id if brk else None,
        break_problem=brk.problem_zh if brk else "",
    )
    run.refresh_from_db()
    return run


def get_verification_for_user(user: Any, pk: int) -> AuditVerification:
    """A run its requester (or a superuser) may look at; 404 for anyone else."""
    run = AuditVerification.objects.filter(pk=pk).select_related("requested_by").first()
    if run is None or not may_view_audit(user) or (run.requested_by_id != user.pk and not user.is_superuser):
        raise Http404("没有这次校验记录")
    return run


@dataclass(frozen=True)
class Outcome:
    """What the page says about a run, in Chinese. ``level``: info / success / danger."""

    level: str
    headline: str
    details: tuple[str, ...] = ()
    event_id: int | None = None


def outcome_for(run: AuditVerification, user: Any) -> Outcome:
    """The result of ``run`` as ``user`` may see it (see the module docstring)."""
    if run.status == VerificationStatus.QUEUED:
        return Outcome("info", "已提交，等待后台开始校验……")
    if run.status == VerificationStatus.RUNNING:
        return Outcome("info", f"正在校验：已校验 {run.checked} 条，共 {run.total} 条")
    if run.status == VerificationStatus.FAILED:
        return Outcome("danger", "校验未能完成（后台任务出错），请稍后重试或联系平台管理员。")
    if run.intact:
        return Outcome("success", f"审计链完整：已校验全部 {run.checked} 条记录，未发现删除、篡改或调换。")

    headline = f"审计链校验未通过：{KIND_LABELS.get(run.break_kind, '发现异常')}。"
    event = (
        AuditEvent.objects.visible_to(user).filter(pk=run.break_event_id).first()
        if run.break_event_id is not None
        else None
    )
    if user.is_superuser:
        where = f"第 {run.break_seq} 条记录" if run.break_seq is not None else "链尾"
        return Outcome(
            "danger",
            headline,
            (f"{where}：{run.break_problem}", f"链头哈希：{run.head_hash or '—'}"),
            event.pk if event else None,
        )
    if event is not None:
        when = timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S")
        return Outcome(
            "danger",
            headline,
            (
                f"问题出现在您查看范围内的第 {event.seq} 条记录（{when}，{action_label(event.action)}）。",
                "请立即报告平台管理员核查。",
            ),
            event.pk,
        )
    return Outcome("danger", headline, ("问题记录不在您的查看范围内，请报告平台管理员核查。",))
