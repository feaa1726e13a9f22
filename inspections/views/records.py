"""The on-site record page (tablet): people present, checklist line by line, photos, hazards, signature.
The form keeps a draft in localStorage (static/js/inspection-draft.js) so a lost connection loses nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError

from ..choices import CheckResult, InspectionStatus
from ..forms import HazardForm
from ..services import hazards, records
from ..services.records import RECORD_FIELDS
from .common import refuse


@login_required
def record_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = records.get_inspection_for_user(request.user, pk)
    if request.method == "POST":
        results = {}
        for check in inspection.checks.all():
            result = request.POST.get(f"result_{check.order}", "")
            note = request.POST.get(f"note_{check.order}", "")
            results[check.order] = (result, note)
        values = {f: request.POST.get(f, "") for f in RECORD_FIELDS if f in request.POST}
        try:
            records.save_record(inspection, actor=request.user, values=values, results=results)
            messages.success(request, "现场检查记录已保存")
        except DomainError as exc:
            refuse(request, exc)
        return redirect("inspections:record", inspection.pk)
    context = {
        "inspection": inspection,
        "checks": inspection.checks.all(),
        "results": CheckResult.choices,
        "attachments": inspection.attachments.all(),
        "hazards": inspection.hazards.select_related("standard_item"),
        "hazard_form": HazardForm(),
        "editable": inspection.status == InspectionStatus.DRAFT
        and inspection.officers.filter(pk=getattr(request.user, "pk", 0)).exists(),
    }
    return render(request, "inspections/record.html", context)


@login_required
@require_POST
def record_attach(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = records.get_inspection_for_user(request.user, pk)
    try:
        records.add_attachment(
            inspection,
            actor=request.user,
            upload=request.FILES.get("file"),
            caption=request.POST.get("caption", ""),
        )
        messages.success(request, "照片已上传")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:record", inspection.pk)


@login_required
@require_POST
def record_hazard(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = records.get_inspection_for_user(request.user, pk)
    form = HazardForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("inspections:record", inspection.pk)
    d = form.cleaned_data
    try:
        hazards.record_hazard(
            inspection,
            actor=request.user,
            level=d["level"],
            description=d["description"],
            location=d["location"],
            standard_item=d["standard_item"],
        )
        messages.success(request, "隐患已认定")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:record", inspection.pk)


@login_required
@require_POST
def record_complete(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = records.get_inspection_for_user(request.user, pk)
    try:
        records.complete_inspection(
            inspection,
            actor=request.user,
            signed_by=request.POST.get("signed_by", ""),
            refused_to_sign=request.POST.get("refused_to_sign") == "on",
            witness=request.POST.get("witness", ""),
        )
        messages.success(request, "现场检查记录已完成，已出具现场检查记录")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:record", inspection.pk)
