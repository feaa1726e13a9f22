"""Violation pages of the discretion app: officers' lookup and search, violation page with a live calculator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from enforcement.core.exceptions import DomainError

from .. import services
from ..forms import CalculatorForm
from ..models import BenchmarkVersion, Circumstance, FirstOffenceEntry, Violation, is_benchmark_admin
from ..officer_text import officer_recommendation, officer_text, status_line
from ..rules.calculator import SUBJECT_LABEL
from ..rules.facts import FACTS
from ..rules.types import RecommendationRequest

RESULT_LIMIT = 30


def get_violation_for_user(user: Any, pk: int) -> Violation:
    """One violation with its details, 404 when the user may not see it."""
    obj = Violation.objects.visible_to(user).with_details().filter(pk=pk).first()
    if obj is None:
        raise Http404("违法行为不存在或无权查看")
    return obj


def _search(request: HttpRequest) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()
    version = request.GET.get("version") or None
    qs = (
        services.search_violations(request.user, q, version=version)
        .select_related("version", "enforcement_item")
        .prefetch_related("statutory_ranges")
    )
    results = list(qs.order_by("version_id", "order", "id")[: RESULT_LIMIT + 1])
    return {
        "q": q,
        "results": results[:RESULT_LIMIT],
        "more": len(results) > RESULT_LIMIT,
        "version": version or "",
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """违法行为 lookup: type a few characters and matching violations appear (htmx, debounced)."""
    context = _search(request)
    context["versions"] = BenchmarkVersion.objects.visible_to(request.user)
    context["is_admin"] = is_benchmark_admin(request.user)
    return render(request, "discretion/index.html", context)


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """htmx partial: the result list for ``?q=``."""
    return render(request, "discretion/_results.html", _search(request))


def _first_offence_entries(violation: Violation) -> list[FirstOffenceEntry]:
    """首违不罚 list items (spec §6.6) naming this violation, in force today or later (one query)."""
    codes = {violation.code, violation.act_code}
    today = timezone.localdate()
    entries = FirstOffenceEntry.objects.select_related("offence_list").filter(
        Q(offence_list__effective_to__isnull=True) | Q(offence_list__effective_to__gte=today)
    )
    return [e for e in entries if codes & set(e.violation_codes)]


def _fact_keys(violation: Violation, entries: list[FirstOffenceEntry]) -> list[str]:
    """The facts the calculator asks for on this violation: those its ranges, tiers and measures test,
    and the 首违不罚 conditions only where a list names the violation."""
    keys: list[str] = []
    for r in violation.statutory_ranges.all():
        if r.income_share_min is not None or r.income_share_max is not None:
            keys.append("prior_year_income")
        if r.gains_multiple_min is not None or r.gains_multiple_max is not None:
            keys.append("illegal_gains")
        keys += [c.get("fact", "") for c in r.conditions]
    for t in violation.tiers.all():
        keys += [c.get("fact", "") for c in t.conditions]
    for m in violation.measures.all():
        keys += [c.get("fact", "") for c in m.conditions]
    for e in entries:
        keys += [c.get("fact", "") for c in e.offence_list.conditions]
        keys += [c.get("fact", "") for c in e.scope_conditions]
    return [k for k in dict.fromkeys(keys) if k]


# Circumstance groups on the calculator, in the order an officer checks them (行政处罚法 Art 30–33 first).
CIRCUMSTANCE_GROUPS = (
    ("no_penalty", "不予处罚（行政处罚法第三十条、第三十一条、第三十三条；首违不罚为“可以”）"),
    ("reduced", "从轻或者减轻（法定减轻情节可低于法定最低限，需法制审核、集体讨论）"),
    ("lighter", "从轻"),
    ("heavier", "从重"),
)


def _calculator_form(
    violation: Violation, entries: list[FirstOffenceEntry], data: Any = None
) -> CalculatorForm:
    circumstances = Circumstance.objects.filter(
        Q(version__isnull=True) | Q(version_id=violation.version_id)
    ).order_by("-statutory", "order", "id")
    grouped: dict[str, list[tuple[str, str]]] = {kind: [] for kind, _ in CIRCUMSTANCE_GROUPS}
    for c in circumstances:
        source = officer_text(c.article) if c.statutory else "裁量基准"
        grouped.setdefault(c.kind, []).append(
            (c.code, f"{c.name}（{'应当' if c.mandatory else '可以'}；{source}）")
        )
    return CalculatorForm(
        data,
        tiers=[(t.code, f"{t.name}（{t.conditions_text}）") for t in violation.tiers.all()],
        circumstances=[(label, grouped[kind]) for kind, label in CIRCUMSTANCE_GROUPS if grouped.get(kind)],
        fact_keys=_fact_keys(violation, entries),
    )


@login_required
@require_GET
def violation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_violation_for_user(request.user, pk)
    entries = _first_offence_entries(violation)
    return render(
        request,
        "discretion/violation_detail.html",
        {
            "violation": violation,
            "first_offence_entries": entries,
            "form": _calculator_form(violation, entries),
            "selected_circumstances": [],
            "subject_labels": SUBJECT_LABEL,
            "facts": FACTS,
            **_detail_context(request, violation),
        },
    )


def _detail_context(request: HttpRequest, violation: Violation) -> dict[str, Any]:
    """Verification shown by who reads it: officers a plain status, admins the maintainers' note too."""
    return {
        "is_admin": is_benchmark_admin(request.user),
        "verification_status": status_line(violation.verification, violation.version.updated_at.date()),
    }


def calculation_context(request: HttpRequest, violation: Violation) -> dict[str, Any]:
    """Runs the same service as the API on the posted calculator form; the result as officers read it."""
    entries = _first_offence_entries(violation)
    form = _calculator_form(violation, entries, request.POST)
    context: dict[str, Any] = {
        "form": form,
        "violation": violation,
        "first_offence_entries": entries,
        "subject_labels": SUBJECT_LABEL,
        "selected_circumstances": request.POST.getlist("circumstances"),
        "posted": [(k, v) for k, vs in request.POST.lists() if k != "csrfmiddlewaretoken" for v in vs],
    }
    if form.is_valid():
        violation_date, decision_date = form.dates()
        try:
            result = services.recommend(
                RecommendationRequest(
                    violation=violation.code,
                    party_type=form.cleaned_data["party_type"],
                    stage=form.cleaned_data["stage"],
                    tier=form.cleaned_data.get("tier") or None,
                    circumstances=tuple(form.cleaned_data.get("circumstances") or ()),
                    facts=form.facts(),
                    violation_date=violation_date,
                    decision_date=decision_date,
                )
            )
        except DomainError as exc:
            context["error"] = exc.message
        else:
            context["result"] = officer_recommendation(result)
            context["chosen_circumstances"] = _chosen_circumstances(form)
    else:
        context["error"] = "；".join(
            f"{form.fields[k].label if k in form.fields else k}：{'，'.join(str(e) for e in v)}"
            for k, v in form.errors.items()
        )
    return context


def _chosen_circumstances(form: CalculatorForm) -> list[str]:
    """The ticked circumstances as their labels on the form (name, 应当/可以, source)."""
    chosen = set(form.cleaned_data.get("circumstances") or ())
    field: Any = form.fields["circumstances"]
    groups = field.choices  # [(group label, [(code, text), …]), …]
    return [officer_text(text) for _, options in groups for code, text in options if code in chosen]


@login_required
@require_POST
def calculate(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx partial: runs the same service as the API on the form and shows the explanation lines."""
    violation = get_violation_for_user(request.user, pk)
    context = calculation_context(request, violation)
    if not getattr(request, "htmx", False):  # without JavaScript: the whole page with the result
        context.update({"facts": FACTS, "calculated": True})
        context.update(_detail_context(request, violation))
        return render(request, "discretion/violation_detail.html", context)
    return render(request, "discretion/_calculation.html", context)
