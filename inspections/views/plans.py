"""Pages of the 年度监督检查计划: list, new, detail (capacity, warnings, quotas, versions, moves), the plan
dashboard with drill-down lists and XLSX export, and the published plans under /public/plans/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from enforcement.core.downloads import content_disposition
from enforcement.core.exceptions import DomainError, NotAllowed
from enforcement.core.models.enterprise import Sector

from ..choices import PlanStatus, QuotaKind
from ..models import AnnualPlan
from ..services import plan_dashboard, plans
from ..services.common import is_officer_of
from .common import refuse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INPUT_LABELS = [
    ("officers", "执法人员数"),
    ("other_enforcement_days", "其他执法工作日"),
    ("non_enforcement_days", "非执法工作日"),
    ("key_days", "重点检查工作日"),
    ("days_per_inspection", "每次检查所需工作日"),
    ("publish_draws_within_days", "抽查结果公示期限（日）"),
]


def _inputs(post: Any) -> dict[str, Any]:
    return {name: post.get(name, "") for name, _ in INPUT_LABELS if post.get(name, "") != ""}


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    items = AnnualPlan.objects.visible_to(user).select_related("agency", "current_version")
    may_create = user.agency_id is not None and is_officer_of(user, user.agency_id)
    return render(request, "inspections/plan_list.html", {"plans": items, "may_create": may_create})


@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.agency_id is None or not is_officer_of(user, user.agency_id):
        refuse(request, NotAllowed("只有执法人员或负责人可以编制年度计划"))
    status = 200
    year = timezone.localdate().year
    if request.method == "POST":
        try:
            plan = plans.create_plan(
                actor=user,
                agency=user.agency,
                year=int(request.POST.get("year") or year),
                inputs=_inputs(request.POST),
                title=request.POST.get("title", ""),
            )
        except (DomainError, ValueError) as exc:
            if isinstance(exc, DomainError):
                refuse(request, exc)
                status = exc.status_code
            else:
                messages.error(request, "年度须为数字")
                status = 400
        else:
            messages.success(request, "年度计划已创建，请补充双随机抽查和专项检查指标")
            return redirect("inspections:plan_detail", plan.pk)
    context = {
        "fields": [(n, label, request.POST.get(n, "")) for n, label in INPUT_LABELS],
        "year": request.POST.get("year", year),
        "title": request.POST.get("title", ""),
    }
    return render(request, "inspections/plan_form.html", context, status=status)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    version = plan.current_version
    assert version is not None
    context = {
        "plan": plan,
        "version": version,
        "capacity": plans.capacity_of(version),
        "warnings": plans.warnings_of(version),
        "quotas": version.quotas.all(),
        "versions": plan.versions.select_related("created_by").order_by("-number"),
        "actions": plans.actions_for(request.user, plan),
        "may_edit": plan.status == PlanStatus.DRAFT and is_officer_of(request.user, plan.agency_id),
        "labels": [(name, label, getattr(version, name)) for name, label in INPUT_LABELS],
        "kinds": [(k.value, k.label) for k in QuotaKind if k != QuotaKind.KEY],
        "sectors": Sector.choices,
    }
    return render(request, "inspections/plan_detail.html", context)


@login_required
@require_POST
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    try:
        plans.update_plan(plan, actor=request.user, inputs=_inputs(request.POST))
        messages.success(request, "测算参数已保存")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:plan_detail", plan.pk)


@login_required
@require_POST
def plan_quota(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    try:
        if request.POST.get("remove"):
            plans.remove_quota(plan, int(request.POST["remove"]), actor=request.user)
        else:
            plans.add_quota(plan, actor=request.user, quota=request.POST.dict())
        messages.success(request, "检查指标已更新")
    except DomainError as exc:
        refuse(request, exc)
    except ValueError:
        messages.error(request, "指标编号有误")
    return redirect("inspections:plan_detail", plan.pk)


@login_required
@require_POST
def plan_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    post = request.POST
    params: dict[str, Any] = {}
    if action == "approve":
        params = {k: post.get(k, "") for k in ("approved_by", "approval_ref", "filed_with")}
        try:
            params["approved_on"] = dt.date.fromisoformat(post.get("approved_on", ""))
        except ValueError:
            params["approved_on"] = None
    elif action == "adjust":
        params = {"inputs": _inputs(post)}
    try:
        plans.transition_plan(plan, action, actor=request.user, params=params, reason=post.get("reason", ""))
        messages.success(request, "已办理")
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:plan_detail", plan.pk)


# --- dashboard -------------------------------------------------------------------------------------


@login_required
def plan_dashboard_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    board = plan_dashboard.build(plan)
    context = {"plan": plan, "board": board, "chart": board.chart(), "drills": plan_dashboard.DRILLS}
    return render(request, "inspections/plan_dashboard.html", context)


@login_required
def plan_drill(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    if kind not in plan_dashboard.DRILLS:
        raise Http404("无此列表")
    month = request.GET.get("month", "")
    drill = plan_dashboard.drill(
        plan, kind, month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None
    )
    rows = list(zip(drill.rows, drill.links, strict=True))
    return render(request, "inspections/plan_drill.html", {"plan": plan, "drill": drill, "rows": rows})


@login_required
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plans.get_plan_for_user(request.user, pk)
    data = plan_dashboard.export_xlsx(plan_dashboard.build(plan))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(
        f"{plan.year}年度监督检查计划执行情况.xlsx", f"plan-{plan.year}-{plan.pk}.xlsx"
    )
    return response


# --- public ----------------------------------------------------------------------------------------


def public_plans(request: HttpRequest) -> HttpResponse:
    items = (
        AnnualPlan.objects.filter(status=PlanStatus.PUBLISHED)
        .select_related("agency")
        .order_by("-year", "agency_id")
    )
    return render(request, "inspections/public_plans.html", {"plans": items})


def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(
        AnnualPlan.objects.select_related("agency", "current_version"), pk=pk, status=PlanStatus.PUBLISHED
    )
    version = plan.current_version
    assert version is not None
    context = {
        "plan": plan,
        "version": version,
        "capacity": plans.capacity_of(version),
        "quotas": version.quotas.all(),
        "versions": plan.versions.order_by("-number"),
    }
    return render(request, "inspections/public_plan.html", context)
