"""The 样稿 button beside an action on the case page: the action's form posted here renders the 文书 the
action would issue (nothing issued, numbered or stored); see ``cases.services.preview``. And the page
that checks the case's issued 文书 (SHA-256 and re-rendering, ``cases.services.verify``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from .api.documents import pdf_response
from .forms import ACTION_FORMS, form_params
from .services.common import get_case_for_user
from .services.preview import ISSUING_ACTIONS, preview_action
from .services.verify import check_case_documents


@login_required
@require_POST
def preview(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    if name not in ACTION_FORMS or name not in ISSUING_ACTIONS:
        raise Http404("此操作不出具文书")
    case = get_case_for_user(request.user, pk)
    form = ACTION_FORMS[name](request.POST, prefix=name)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("cases:detail", case.pk)
    try:
        drafts = preview_action(case, name, actor=request.user, params=form_params(form))
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        messages.error(request, f"无法预览：{exc.message}")
        return redirect("cases:detail", case.pk)
    index = request.POST.get("preview_index", "0")
    n = int(index) if index.isdigit() else 0
    if not drafts:
        messages.info(request, "按当前情况，本次办理不出具文书")
        return redirect("cases:detail", case.pk)
    draft = drafts[min(n, len(drafts) - 1)]
    return pdf_response(draft.pdf, f"{draft.title}（样稿）")


@login_required
def check(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    checks = check_case_documents(case)
    return render(
        request,
        "cases/documents_check.html",
        {"case": case, "checks": checks, "all_ok": all(c.ok for c in checks)},
    )
