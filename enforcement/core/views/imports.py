"""导入任务 page: the progress bar of a queued import (HTMX polls it) and its report at the end.

``queue_if_large`` is what an import view calls first: a file over the inline limit is queued as a
task and the view redirects here; a small one is imported in the request as before.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render

from ..models import ImportJob
from ..registry import REGISTRY
from ..services.imports import queue_import_if_large


def queue_if_large(
    request: HttpRequest, kind: str, upload: Any, params: dict[str, Any] | None = None
) -> HttpResponseRedirect | None:
    """Redirect to the job page when the upload was queued as a task; None when it is small enough to
    import now. Raises DomainError (row cap, unreadable file, not allowed) for the caller's form."""
    job = queue_import_if_large(kind, upload, actor=request.user, params=params)
    if job is None:
        return None
    return redirect("core:import_job", pk=job.pk)


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)
    importer = REGISTRY.importers.get(job.kind)
    context = {
        "job": job,
        "report": job.report,
        "back_url": importer.back_url(job.params) if importer else "/",
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/imports/_progress.html", context)
    return render(request, "core/imports/job.html", cast(dict[str, Any], context))
