"""The case creation page (预立案) and its enterprise search (htmx partial of ``<option>`` rows).

The page only shapes the input: ``cases.services.create.create_case`` validates and writes, so a refused
input (a wrong 身份证 check digit, an unknown credit code, one handler…) saves nothing and says why in
Chinese beside the field. What is typed is kept in localStorage as a draft until the case is created."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from enforcement.core.exceptions import InvalidInput, NotAllowed

from .forms_create import CaseCreateForm, enterprise_options
from .services.create import create_case
from .templatetags.case_tags import may_create_case

# service field names → form fields the message is shown beside
FIELD_OF = {
    "party": "party_kind",
    "source_ref": "source_link",
    "handlers": "others",
}


def _may_create(user: object) -> bool:
    return may_create_case(user)


def _initial(request: HttpRequest) -> dict[str, object]:
    initial: dict[str, object] = {"lead": request.user.pk}
    for key in ("hazard", "inspection"):
        value = request.GET.get(key, "")
        if value.isdigit():
            initial["source"] = "inspection"
            initial["source_link"] = f"{key}:{value}"
    if request.GET.get("enterprise", "").isdigit():
        initial["enterprise"] = int(request.GET["enterprise"])
    return initial


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not _may_create(request.user):
        raise PermissionDenied("只有执法人员可以登记案件")
    if request.method == "POST":
        form = CaseCreateForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                case = create_case(actor=request.user, **form.service_kwargs())
            except NotAllowed as exc:
                raise PermissionDenied(exc.message) from exc
            except InvalidInput as exc:
                fields = exc.fields or {}
                if not fields:
                    form.add_error(None, exc.message)
                for name, errors in fields.items():
                    target = FIELD_OF.get(name, name)
                    form.add_error(target if target in form.fields else None, "；".join(errors))
            else:
                messages.success(request, f"已登记案件：{case.party_name}，请提交立案审批")
                return redirect("cases:detail", case.pk)
    else:
        form = CaseCreateForm(initial=_initial(request), user=request.user)
    return render(request, "cases/create.html", {"form": form})


@login_required
@require_GET
def enterprise_search(request: HttpRequest) -> HttpResponse:
    """htmx partial: the ``<option>`` rows of the enterprise select for ``?q=``."""
    if not _may_create(request.user):
        raise PermissionDenied("只有执法人员可以登记案件")
    options = enterprise_options(request.user, request.GET.get("q", ""))
    return render(request, "cases/_enterprise_options.html", {"options": options})
