"""Page: an agency's 文书编号格式 (document-number pattern per document kind).

Every logged-in user may read it (agencies are reference data); agency admins of the agency or an
ancestor, and the superuser, change it — others get 403 on POST and nothing changes.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from ..exceptions import DomainError
from ..forms.coredata import add_domain_error
from ..models import Agency, SequenceSource
from ..permissions import may_manage_agency
from ..registry import REGISTRY
from ..services.numbering_patterns import (
    PATTERN_MAX_LENGTH,
    numbering_overview,
    reset_numbering_pattern,
    set_numbering_pattern,
)


class NumberingPatternForm(forms.Form):
    kind = forms.ChoiceField(label="文书种类", choices=())
    pattern = forms.CharField(
        label="编号格式",
        max_length=PATTERN_MAX_LENGTH,
        help_text="占位符：{short} 机构简称、{code} 文书代字、{year} 年份、{seq} 序号",
    )
    sequence_source = forms.ChoiceField(
        label="序号来源", choices=SequenceSource.choices, initial=SequenceSource.COUNTER
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # plain Form arguments
        kinds = sorted(REGISTRY.document_kinds.values(), key=lambda k: k.code)
        self.fields["kind"].choices = [(k.code, f"{k.label}（{k.code}）") for k in kinds]  # type: ignore[attr-defined]  # ChoiceField
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


@login_required
@require_http_methods(["GET", "POST"])
def agency_numbering(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the effective pattern of every document kind with an example number. POST ``op=set`` (kind,
    pattern, sequence_source) or ``op=reset`` (kind) for managers of the agency."""
    agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=pk)
    may_edit = may_manage_agency(request.user, agency)
    form = NumberingPatternForm()
    status = 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("只有本机构或上级机构的系统管理员可以设置文书编号格式")
        form = NumberingPatternForm(request.POST)
        op = request.POST.get("op", "set")
        try:
            if op == "reset":
                kind = request.POST.get("kind", "")
                if reset_numbering_pattern(agency, kind, actor=request.user):
                    messages.success(request, "已恢复默认编号格式")
                return redirect("core:agency_numbering", pk=agency.pk)
            if form.is_valid():
                data = form.cleaned_data
                set_numbering_pattern(
                    agency,
                    data["kind"],
                    pattern=data["pattern"],
                    sequence_source=data["sequence_source"],
                    actor=request.user,
                )
                messages.success(request, "已保存编号格式")
                return redirect("core:agency_numbering", pk=agency.pk)
        except DomainError as exc:
            add_domain_error(form, exc)
        status = 400
    return render(
        request,
        "core/agencies/numbering.html",
        {"agency": agency, "rows": numbering_overview(agency), "form": form, "may_edit": may_edit},
        status=status,
    )
