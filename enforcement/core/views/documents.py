"""Pages for 文书: download an issued PDF; issue the 执法事项目录 printout."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..access import visible_agencies
from ..exceptions import DomainError
from ..models import Document, User
from ..services.documents import (
    CATALOG_KIND,
    get_document_for_user,
    issue_catalog_printout,
    may_print_catalog,
)


@login_required
def document_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an issued document's stored PDF (inline). 404 outside the user's agency scope."""
    document = get_document_for_user(request.user, pk)
    label = f"{document.title}{document.number}" if document.number else document.title
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("文书文件缺失")
    response = FileResponse(
        handle, content_type="application/pdf", filename=f"{label}.pdf", as_attachment=False
    )
    response["X-Document-SHA256"] = document.sha256
    return response


@login_required
@require_http_methods(["GET", "POST"])
def catalog_print(request: HttpRequest) -> HttpResponse:
    """印发执法事项目录: GET shows the form and earlier printouts, POST issues one and opens its PDF.

    Agency admins and superusers only (others 403). The issuing agency is the user's own, or one
    chosen from the agencies in their scope.
    """
    user = cast(User, request.user)
    if not may_print_catalog(user):
        raise PermissionDenied("仅系统管理员可以印发执法事项目录")
    agencies = visible_agencies(user).filter(is_active=True).order_by("path")
    error = ""
    if request.method == "POST":
        agency = user.agency
        chosen = request.POST.get("agency", "").strip()
        if chosen:
            agency = agencies.filter(pk=chosen).first() if chosen.isdigit() else None
        if agency is None:
            error = "请选择印发机构"
        else:
            try:
                document = issue_catalog_printout(agency=agency, actor=user)
            except DomainError as exc:
                if exc.status_code == 403:
                    raise PermissionDenied(exc.message)
                error = exc.message
            else:
                return redirect("core:document-pdf", pk=document.pk)
    recent = Document.objects.visible_to(user).filter(kind=CATALOG_KIND)[:10]
    return render(
        request,
        "documents/catalog_print.html",
        {"agencies": agencies, "recent": recent, "error": error},
        status=400 if error else 200,
    )
