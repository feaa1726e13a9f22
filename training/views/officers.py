"""Officer register, officer record, profile/qualification/training entry, XLSX import, requirements."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.downloads import content_disposition
from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.services.uploads import download_response
from enforcement.core.views.imports import queue_if_large

from .. import services
from ..choices import CertificateAction
from ..forms import ImportForm, ProfileForm, QualificationForm, RequirementForm, TrainingRecordForm
from ..guards import may_enforce, may_enforce_many, may_review
from ..models import (
    Certificate,
    CertificateEvent,
    Officer,
    OfficerProfile,
    ProfessionalQualification,
    TrainingRecord,
)
from ..panels import standing
from ..permissions import can_manage_agency, can_manage_some_agency, can_see_personal_records
from ..requirements import effective_requirement
from ..workflow import TRANSITIONS, available_actions
from .common import chosen_agency, domain_error, form_page, get_officer_for_user, submit_for_officer


@login_required
def officer_list(request: HttpRequest) -> HttpResponse:
    """执法人员名册: who may enforce today, with the reasons for those who may not."""
    qs = Officer.objects.register().visible_to(request.user).with_assistant_flag().select_related("agency")
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(real_name__icontains=q))
    page = Paginator(qs.order_by("agency__path", "username"), 50).get_page(request.GET.get("page"))
    verdicts = may_enforce_many(page.object_list, timezone.localdate())
    rows = [{"officer": o, "verdict": verdicts.get(o.pk)} for o in page.object_list]
    return render(request, "training/officer_list.html", {"page": page, "rows": rows, "q": q})


def offered_actions(cert: Certificate, today: dt.date) -> list[str]:
    """The moves the table allows from the certificate's state, less those its guards would refuse on an
    expired certificate (年审 and 暂扣 need an unexpired one: an expired certificate is renewed)."""
    expired = cert.is_expired(today)
    return [
        a for a in available_actions(cert.status) if not (expired and "not_expired" in TRANSITIONS[a].guards)
    ]


@login_required
def officer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One officer: profile, qualifications, certificate history timeline, training records."""
    officer = get_officer_for_user(request.user, pk)
    today = timezone.localdate()
    own_or_subtree = can_see_personal_records(request.user, officer)
    certificates: list[Certificate] = []
    records: list[TrainingRecord] = []
    qualifications: list[ProfessionalQualification] = []
    year_hours = None
    if own_or_subtree:
        user = request.user
        certificates = list(
            Certificate.objects.visible_to(user)
            .filter(holder=officer)
            .select_related("replaces")
            .prefetch_related(
                Prefetch("events", CertificateEvent.objects.select_related("actor"), to_attr="timeline"),
                "annual_reviews",
            )
            .order_by("-id")
        )
        records = list(
            TrainingRecord.objects.visible_to(user).filter(officer=officer).order_by("-start_on", "-id")[:200]
        )
        qualifications = list(ProfessionalQualification.objects.visible_to(user).filter(officer=officer))
        year_hours = services.training.hours_in_year(officer, today.year)
    profile = OfficerProfile.objects.filter(user=officer).first()
    manage = can_manage_agency(request.user, officer.agency)
    verdict = may_enforce(officer, today)
    return render(
        request,
        "training/officer_detail.html",
        {
            "officer": officer,
            "profile": profile,
            "today": today,
            "verdict": verdict,
            "standing": standing(officer, today, verdict) if own_or_subtree else None,
            "review_verdict": may_review(officer, today) if officer.has_role(roles.LEGAL_REVIEWER) else None,
            "certificates": [
                {"cert": c, "status": c.display_status(today), "actions": offered_actions(c, today)}
                for c in certificates
            ],
            "records": records,
            "qualifications": qualifications,
            "show_records": own_or_subtree,
            "manage": manage,
            "can_apply": manage
            and not any(c.status in ("applied", "issued", "suspended") for c in certificates),
            "action_labels": dict(CertificateAction.choices),
            "year_hours": year_hours,
            "required_hours": effective_requirement(officer.agency, today.year).annual_hours
            if officer.agency
            else None,
        },
    )


def _require_manager(request: HttpRequest, officer: Officer) -> None:
    if not can_manage_agency(request.user, officer.agency):
        raise PermissionDenied("只有本机构或上级机构的系统管理员可以办理")


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_officer_for_user(request.user, pk)
    _require_manager(request, officer)
    title = f"编辑档案：{officer.display_name}"
    profile = OfficerProfile.objects.filter(user=officer).first()
    initial = {f: getattr(profile, f) for f in services.officers.PROFILE_FIELDS} if profile else {}
    form = ProfileForm(request.POST or None, initial=initial)
    return submit_for_officer(
        request,
        officer,
        form,
        title,
        lambda data: services.update_officer_profile(officer, actor=request.user, **data),
        "档案已保存",
    )


@login_required
def qualification_add(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_officer_for_user(request.user, pk)
    _require_manager(request, officer)
    title = f"登记职业资格：{officer.display_name}"
    form = QualificationForm(request.POST or None, request.FILES or None)
    return submit_for_officer(
        request,
        officer,
        form,
        title,
        lambda data: services.add_qualification(officer, actor=request.user, **data),
        "职业资格已登记",
    )


@login_required
def qualification_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file of a qualification, for those who may see the holder's records (404 otherwise);
    files are never served from a public media URL."""
    qualification = ProfessionalQualification.objects.visible_to(request.user).filter(pk=pk).first()
    if qualification is None or not qualification.evidence:
        raise Http404("证明材料不存在或无权查看")
    return download_response(qualification.evidence)


@login_required
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    officer = get_officer_for_user(request.user, pk)
    _require_manager(request, officer)
    title = f"录入培训记录：{officer.display_name}"
    form = TrainingRecordForm(request.POST or None)
    return submit_for_officer(
        request,
        officer,
        form,
        title,
        lambda data: services.record_training(officer, actor=request.user, **data),
        "培训记录已保存",
    )


@login_required
def training_import(request: HttpRequest) -> HttpResponse:
    """XLSX import of training records with a row-by-row report."""
    user = request.user
    if not can_manage_some_agency(user):
        raise PermissionDenied("只有系统管理员可以导入培训记录")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            queued = queue_if_large(request, "training", form.cleaned_data["file"])
            if queued is not None:
                return queued
            report = services.import_training_records(form.cleaned_data["file"], actor=user)
        except DomainError as exc:
            if isinstance(exc, NotAllowed):
                raise PermissionDenied(exc.message)
            form.add_error("file", exc.message)
            status = exc.status_code
    return render(request, "training/import.html", {"form": form, "report": report}, status=status)


@login_required
def training_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        services.training.import_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = content_disposition(
        "执法人员培训导入模板.xlsx", "training-import-template.xlsx"
    )
    return response


@login_required
def requirement_edit(request: HttpRequest) -> HttpResponse:
    """年度培训要求 of an agency (``?agency=``), by its admins."""
    agency = chosen_agency(request)
    if not can_manage_agency(request.user, agency):
        raise PermissionDenied("只有本机构或上级机构的系统管理员可以设置培训要求")
    title = f"年度培训要求：{agency.name}"
    current = effective_requirement(agency, timezone.localdate().year)
    form = RequirementForm(
        request.POST or None,
        initial={
            "annual_hours": current.annual_hours,
            "rotation_start": current.rotation_start,
            "rotation_deadline": current.rotation_deadline,
            "review_due": "{:02d}-{:02d}".format(*current.review_due),
            "qualification_target_pct": current.qualification_target_pct,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_training_requirement(agency, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            return domain_error(request, form, title, None, exc)
        messages.success(request, "培训要求已保存")
        return redirect(f"/training/?agency={agency.pk}")
    return form_page(request, form, title)
