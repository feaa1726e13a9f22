"""行政执法统计年报: start a build (page, API, command, beat), build it (the Celery task), edit the narrative.

Who: supervisors and heads for an agency of their subtree; superusers for any. A build writes its progress
on the row (the page's progress bar polls it), then the figures, the drafted narrative, the PDF and the
XLSX, each file stored with its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Agency
from enforcement.core.services.audit import record_event

from ..models_report import AnnualReport, ReportStatus
from ..rules import statistics as rules
from . import licensing
from .report_figures import compute_figures
from .report_output import render_report_pdf, render_xlsx

FIRST_YEAR = 2000


def reads_supervision(user: Any) -> bool:
    """Who may open the supervision instruments (统计年报, 执法效能评估, 行政许可 figures): a superuser, or a
    supervisor or head of an agency (each sees its own subtree through the models' ``visible_to``)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or (user.agency_id and user.has_role(roles.SUPERVISOR, roles.HEAD)))


def may_build_for(user: Any, agency: Agency) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.agency_id is None or not user.has_role(roles.SUPERVISOR, roles.HEAD):
        return False
    return agency.path.startswith(user.agency.path)


def get_report_for_user(user: Any, pk: Any) -> AnnualReport:
    """404 when ``user`` may not see the report (or it does not exist)."""
    try:
        return AnnualReport.objects.visible_to(user).select_related("agency").get(pk=int(pk))
    except (AnnualReport.DoesNotExist, TypeError, ValueError):
        raise Http404("年报不存在或无权查看") from None


def start_report(*, year: int, agency: Agency, actor: Any, as_of: dt.date | None = None) -> AnnualReport:
    """Open a queued build of ``agency``'s report for ``year`` as of ``as_of`` (default: 31 January of the
    next year, or today when that is still ahead). Guard: ``may_build_for`` (``NotAllowed``); the year must
    be over (``InvalidInput``). Effects: the row and an ``annual_report.start`` event; the caller enqueues
    ``build_annual_report_task`` on commit. ``actor`` None is the beat schedule."""
    today = timezone.localdate()
    if actor is not None and not may_build_for(actor, agency):
        raise NotAllowed("仅本机关及上级机关的执法监督人员、负责人可生成统计年报")
    if not (FIRST_YEAR <= year < today.year):
        raise InvalidInput("统计年度须为已结束的年度", fields={"year": ["统计年度须为已结束的年度"]})
    as_of = as_of or min(rules.default_as_of(year), today)
    if as_of < dt.date(year, 12, 31) or as_of > today:
        raise InvalidInput(
            "数据截止日须在统计年度结束之后、且不晚于今天", fields={"as_of": ["数据截止日无效"]}
        )
    with transaction.atomic():
        report = AnnualReport.objects.create(year=year, agency=agency, as_of=as_of, requested_by=actor)
        record_event(
            "annual_report.start",
            actor=actor,
            obj=report,
            agency_id=agency.pk,
            data={"year": year, "as_of": as_of.isoformat()},
        )
    return report


def build_report(report_id: int) -> AnnualReport:
    """Compute the figures, draft the narrative, render PDF and XLSX (idempotent: a finished build is kept).
    Progress: 1 figures, 2 narrative, 3 PDF, 4 XLSX. A failure marks the row 未能完成 and re-raises."""
    report = AnnualReport.objects.select_related("agency").get(pk=report_id)
    if report.finished:
        return report
    rows = AnnualReport.objects.filter(pk=report_id)
    rows.update(status=ReportStatus.RUNNING, step=0)
    try:
        report.figures = licensing.attach(
            compute_figures(report.agency, report.year, report.as_of),
            report.agency,
            report.year,
            report.as_of,
        )
        rows.update(step=1, figures=report.figures)
        if not report.narrative:
            drafted = rules.draft_narrative(report.year, report.agency.name, report.headline)
            report.narrative = "\n".join(filter(None, [drafted, licensing.narrative_line(report.figures)]))
        rows.update(step=2, narrative=report.narrative)
        _store_files(report, pdf=True)
        rows.update(step=3)
        _store_files(report, xlsx=True)
    except Exception as exc:
        rows.update(status=ReportStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:300])
        raise
    with transaction.atomic():
        report.status, report.step, report.finished_at = ReportStatus.DONE, report.steps, timezone.now()
        report.save()
        record_event(
            "annual_report.build",
            obj=report,
            agency_id=report.agency_id,
            data={"pdf_sha256": report.pdf_sha256, "xlsx_sha256": report.xlsx_sha256},
        )
    return report


def _store_files(report: AnnualReport, *, pdf: bool = False, xlsx: bool = False) -> None:
    base = f"annual-{report.agency.code}-{report.year}-{report.pk}"
    if pdf:
        content = render_report_pdf(report)
        report.pdf_sha256 = hashlib.sha256(content).hexdigest()
        report.pdf.save(f"{base}.pdf", ContentFile(content), save=False)
        AnnualReport.objects.filter(pk=report.pk).update(pdf=report.pdf.name, pdf_sha256=report.pdf_sha256)
    if xlsx:
        content = render_xlsx(report)
        report.xlsx_sha256 = hashlib.sha256(content).hexdigest()
        report.xlsx.save(f"{base}.xlsx", ContentFile(content), save=False)
        AnnualReport.objects.filter(pk=report.pk).update(
            xlsx=report.xlsx.name, xlsx_sha256=report.xlsx_sha256
        )


def update_narrative(report: AnnualReport, text: str, *, actor: Any) -> AnnualReport:
    """The head edits the 行政执法情况说明; the PDF and XLSX are re-rendered with it (new hashes).
    Guard: ``may_build_for`` and a finished build (``NotAllowed`` / ``InvalidInput``)."""
    if not may_build_for(actor, report.agency):
        raise NotAllowed("仅本机关及上级机关的执法监督人员、负责人可修改情况说明")
    if report.status != ReportStatus.DONE:
        raise InvalidInput("年报生成完成后方可修改情况说明")
    text = (text or "").strip()
    if not text:
        raise InvalidInput("情况说明不能为空", fields={"narrative": ["情况说明不能为空"]})
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
        locked.narrative = text
        locked.save(update_fields=["narrative"])
        _store_files(locked, pdf=True, xlsx=True)
        record_event(
            "annual_report.narrative",
            actor=actor,
            obj=locked,
            agency_id=locked.agency_id,
            data={"pdf_sha256": locked.pdf_sha256, "xlsx_sha256": locked.xlsx_sha256},
        )
    return locked


def build_now(*, year: int, agency: Agency, actor: Any = None, as_of: dt.date | None = None) -> AnnualReport:
    """Start and build in this process (the command, seed_demo, tests)."""
    return build_report(start_report(year=year, agency=agency, actor=actor, as_of=as_of).pk)


def root_agencies() -> list[Agency]:
    return list(Agency.objects.filter(parent__isnull=True, is_active=True).order_by("path"))
