"""Reading the archived file: only the head of the deciding agency or an approved borrower; every read is
logged (who, when, which version) in the audit trail."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404

from enforcement.core.exceptions import NotAllowed
from enforcement.core.services.audit import record_event
from enforcement.core.services.uploads import download_response

from ..models import Case, CaseDossier
from .closing import may_read_dossier


def dossier_response(user: Any, case: Case) -> FileResponse:
    latest = CaseDossier.objects.filter(case=case).order_by("-version").first()
    if latest is None:
        raise Http404("本案尚未归档")
    if not may_read_dossier(user, case):
        raise NotAllowed("调阅归档案卷须经本机关负责人批准借阅")
    record_event(
        "case.download_dossier",
        actor=user,
        obj=case,
        data={"dossier": latest.version, "sha256": latest.sha256},
    )
    return download_response(
        latest.file, download_name=f"案卷-{case.number or case.pk}-v{latest.version}.pdf"
    )
