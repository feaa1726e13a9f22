"""裁量计算单: the calculator's answer as a PDF an officer can print or keep.

The sheet is a working paper, not a 文书: it carries no document number and no seal (ERRATA). It is
rendered by the core WeasyPrint document service with the CJK fonts of every document.
"""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.downloads import content_disposition
from enforcement.core.models import User
from enforcement.core.pdf import render_pdf

from .violations import calculation_context, get_violation_for_user

SHEET_TITLE = "裁量计算单"


@login_required
@require_POST
def calculation_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF of the posted calculation; a form that does not calculate gives the Chinese error (400)."""
    violation = get_violation_for_user(request.user, pk)
    context = calculation_context(request, violation)
    if "result" not in context:
        return render(
            request, "discretion/error.html", {"message": context.get("error") or "无法计算"}, status=400
        )
    user = cast(User, request.user)
    now = timezone.localtime()
    context["document"] = {
        "title": SHEET_TITLE,
        "number": "",
        "agency_name": user.agency.name if user.agency else "",
        "issued_on": now.date(),
    }
    context["calculated_by"] = user.display_name
    context["calculated_at"] = now
    pdf = render_pdf("documents/discretion_sheet.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{SHEET_TITLE}-{violation.code}-{now:%Y%m%d}.pdf"
    response["Content-Disposition"] = content_disposition(
        filename, f"calculation-{now:%Y%m%d}.pdf", inline=True
    )
    return response
