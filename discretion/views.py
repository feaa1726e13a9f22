"""Pages of the discretion app: officers' lookup, violation page with a live calculator, versions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from . import services
from .forms import CalculatorForm, ImportForm, VersionCopyForm
from .models import BenchmarkVersion, Circumstance, FirstOffenceEntry, Violation, is_benchmark_admin
from .rules.calculator import SUBJECT_LABEL
from .rules.facts import FACTS
from .rules.types import RecommendationRequest
from .services.xlsx import export_benchmark_xlsx, import_benchmark_xlsx

RESULT_LIMIT = 30


def get_violation_for_user(user: Any, pk: int) -> Violation:
    """One violation with its details, 404 when the user may not see it."""
    obj = Violation.objects.visible_to(user).with_details().filter(pk=pk).first()
    if obj is None:
        raise Http404("违法行为不存在或无权查看")
    return obj


def get_version_for_user(user: Any, pk: int) -> BenchmarkVersion:
    obj = BenchmarkVersion.objects.visible_to(user).filter(pk=pk).first()
    if obj is None:
        raise Http404("裁量基准版本不存在或无权查看")
    return obj


def _forbidden(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return render(request, "discretion/error.html", {"message": exc.message}, status=exc.status_code)


def _version_for_admin(request: HttpRequest, pk: int) -> BenchmarkVersion | HttpResponse:
    """The version for an admin page: 404 when invisible, the 403 page when visible but not an admin."""
    version = get_version_for_user(request.user, pk)
    if not is_benchmark_admin(request.user):
        return _forbidden(request, NotAllowed("只有系统管理员可以维护裁量基准"))
    return version


def _search(request: HttpRequest) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()
    version = request.GET.get("version") or None
    result = services.lookup_violations(request.user, q, version=version, limit=RESULT_LIMIT)
    return {
        "q": q,
        "hits": result.hits,
        "weak": result.weak,
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
        source = c.article if c.statutory else "裁量基准"
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
        },
    )


@login_required
@require_POST
def calculate(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx partial: runs the same service as the API on the form and shows the explanation lines."""
    violation = get_violation_for_user(request.user, pk)
    entries = _first_offence_entries(violation)
    form = _calculator_form(violation, entries, request.POST)
    context: dict[str, Any] = {
        "form": form,
        "violation": violation,
        "first_offence_entries": entries,
        "subject_labels": SUBJECT_LABEL,
        "selected_circumstances": request.POST.getlist("circumstances"),
    }
    if form.is_valid():
        violation_date, decision_date = form.dates()
        try:
            context["result"] = services.recommend(
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
        context["error"] = "；".join(
            f"{form.fields[k].label if k in form.fields else k}：{'，'.join(str(e) for e in v)}"
            for k, v in form.errors.items()
        )
    if not getattr(request, "htmx", False):  # without JavaScript: the whole page with the result
        context.update({"facts": FACTS, "calculated": True})
        return render(request, "discretion/violation_detail.html", context)
    return render(request, "discretion/_calculation.html", context)


@login_required
@require_GET
def version_list(request: HttpRequest) -> HttpResponse:
    versions = BenchmarkVersion.objects.visible_to(request.user).select_related("copied_from")
    return render(
        request,
        "discretion/version_list.html",
        {"versions": versions, "is_admin": is_benchmark_admin(request.user)},
    )


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    paginator = Paginator(
        version.violations.order_by("order", "id").only(
            "id", "version_id", "code", "name", "law", "article", "paragraph", "item", "verification"
        ),
        100,
    )
    page = paginator.get_page(request.GET.get("page"))
    others = BenchmarkVersion.objects.visible_to(request.user).exclude(pk=version.pk)
    return render(
        request,
        "discretion/version_detail.html",
        {"version": version, "page": page, "others": others, "is_admin": is_benchmark_admin(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Admins: start a new draft version as a copy of this one."""
    source = _version_for_admin(request, pk)
    if isinstance(source, HttpResponse):
        return source
    form = VersionCopyForm(request.POST or None, initial={"name": source.name})
    if request.method == "POST" and form.is_valid():
        try:
            new = services.create_version_copy(source, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            if exc.status_code == 403:
                return _forbidden(request, exc)
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已创建草稿版本 {new.code}（{new.violations.count()} 项违法行为）")
            return redirect("discretion:version_detail", pk=new.pk)
    return render(request, "discretion/version_copy.html", {"source": source, "form": form})


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    try:
        services.publish_version(version, actor=request.user)
    except DomainError as exc:
        if exc.status_code == 403:
            return _forbidden(request, exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{version.code} 已发布")
    return redirect("discretion:version_detail", pk=version.pk)


@login_required
@require_GET
def version_compare(request: HttpRequest) -> HttpResponse:
    """Compare two versions item by item (added / removed / changed)."""
    try:
        a = get_version_for_user(request.user, int(request.GET.get("a", "")))
        b = get_version_for_user(request.user, int(request.GET.get("b", "")))
    except ValueError:
        raise Http404("请选择两个版本")
    return render(
        request,
        "discretion/version_compare.html",
        {"diff": services.compare_versions(a, b), "subject_labels": SUBJECT_LABEL},
    )


@login_required
@require_GET
def version_export(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_version_for_user(request.user, pk)
    response = HttpResponse(
        export_benchmark_xlsx(version),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="discretion-{version.code}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def version_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Admins: XLSX import into a draft, with a validation report (nothing imported if any row fails)."""
    version = _version_for_admin(request, pk)
    if isinstance(version, HttpResponse):
        return version
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = import_benchmark_xlsx(version, form.cleaned_data["file"], actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if report.ok:
                messages.success(request, f"导入成功：新增 {report.created} 项，替换 {report.replaced} 项")
                return redirect("discretion:version_detail", pk=version.pk)
    status = 400 if report is not None and not report.ok else 200
    return render(
        request,
        "discretion/version_import.html",
        {"version": version, "form": form, "report": report},
        status=status,
    )
