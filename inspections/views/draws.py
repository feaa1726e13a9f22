"""Pages: 双随机 draws (list, new, detail with run / verify / publish), recusals (回避), 综合联检, and the public
draw results under /public/draws/ (no login; only published draws)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from enforcement.core.exceptions import DomainError, NotAllowed

from ..choices import DrawStatus, JointStatus
from ..forms_draws import DrawForm, JointForm, RecusalForm
from ..models import DrawSelection, Inspection, JointInspection, OfficerRecusal, RandomDraw
from ..services import draw_checks, draws, joint, recusals
from ..services.common import is_head_of, is_officer_of
from .common import refuse

LIST_SIZE = 50


def _may_prepare(user: Any) -> bool:
    return user.agency_id is not None and is_officer_of(user, user.agency_id)


def _rows(draw: RandomDraw) -> list[dict[str, Any]]:
    selections = list(DrawSelection.objects.filter(draw=draw).select_related("enterprise"))
    names = draws.officer_names(o for s in selections for o in s.officers)
    field = draw.parameters.get("stratify_by", "")
    return [
        {
            "position": s.position,
            "enterprise": s.enterprise,
            "stratum": draws.stratum_label(field, s.stratum),
            "officers": "、".join(names.get(o, str(o)) for o in s.officers),
        }
        for s in selections
    ]


@login_required
def draw_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = (
        RandomDraw.objects.visible_to(user)
        .select_related("agency")
        .defer("result", "parameters")
        .annotate(selected=Count("selections"))
        .order_by("-created_at", "-id")
    )
    context = {"draws": qs[:LIST_SIZE], "may_prepare": _may_prepare(user)}
    return render(request, "inspections/draw_list.html", context)


@login_required
def draw_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_prepare(user):
        refuse(request, NotAllowed("只有执法人员或负责人可以组织双随机抽查"))
    form = DrawForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            spec = draws.DrawSpec(
                title=d["title"],
                year=d["year"],
                period_start=d["period_start"],
                period_end=d["period_end"],
                items=tuple(i.code for i in d["items"]),
                ratios=form.ratios(),
                sectors=tuple(d["sectors"]),
                credit_statuses=tuple(d["credit_statuses"]),
                include_key=d["include_key"],
                team_size=d["team_size"],
                witnesses=d["witnesses"],
            )
            try:
                draw = draws.create_draw(spec, actor=user)
            except DomainError as exc:
                refuse(request, exc)
                status = exc.status_code
            else:
                messages.success(request, "抽查任务已创建，请在监督人见证下实施抽取")
                return redirect("inspections:draw_detail", draw.pk)
    return render(request, "inspections/draw_form.html", {"form": form}, status=status)


def _detail_context(user: Any, draw: RandomDraw) -> dict[str, Any]:
    return {
        "draw": draw,
        "rows": _rows(draw) if draw.status != DrawStatus.DRAFT else [],
        "may_run": draw.status == DrawStatus.DRAFT and is_officer_of(user, draw.agency_id),
        "may_publish": draw.status == DrawStatus.DRAWN and is_head_of(user, draw.agency_id),
        "may_verify": draw.status != DrawStatus.DRAFT,
        "params": draw.parameters,
    }


@login_required
def draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = draws.get_draw_for_user(request.user, pk)
    return render(request, "inspections/draw_detail.html", _detail_context(request.user, draw))


@login_required
@require_POST
def draw_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    draw = draws.get_draw_for_user(request.user, pk)
    try:
        if action == "run":
            draws.run_draw(draw, actor=request.user, seed=request.POST.get("seed", ""))
            messages.success(request, "已完成抽取")
        elif action == "publish":
            draws.publish_draw(draw, actor=request.user)
            messages.success(request, "抽查结果已公示")
        elif action == "verify":
            check = draw_checks.verify_draw(draw, actor=request.user)
            context = {**_detail_context(request.user, draw), "check": check}
            return render(request, "inspections/draw_detail.html", context)
        else:
            refuse(request, NotAllowed("无此操作"))
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:draw_detail", draw.pk)


@login_required
def recusal_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = RecusalForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                recusals.declare_recusal(
                    actor=user, officer=d["officer"], enterprise=d["enterprise"], reason=d["reason"]
                )
            except DomainError as exc:
                refuse(request, exc)
                status = exc.status_code
            else:
                messages.success(request, "已登记回避")
                return redirect("inspections:recusal_list")
    rows = (
        OfficerRecusal.objects.visible_to(user).active().select_related("officer", "enterprise")[:LIST_SIZE]
    )
    context = {"recusals": rows, "form": form, "may_declare": _may_prepare(user)}
    return render(request, "inspections/recusal_list.html", context, status=status)


# --- 综合联检 ---------------------------------------------------------------------------------------------


@login_required
def joint_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = (
        JointInspection.objects.visible_to(user)
        .select_related("enterprise", "lead_agency")
        .annotate(n_participants=Count("participants"))
        .order_by("-scheduled_on", "-id")
    )
    return render(
        request, "inspections/joint_list.html", {"joints": qs[:LIST_SIZE], "may_prepare": _may_prepare(user)}
    )


@login_required
def joint_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not _may_prepare(user):
        refuse(request, NotAllowed("只有执法人员或负责人可以牵头安排联合检查"))
    form = JointForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = joint.create_joint(
                    actor=user,
                    enterprise=d["enterprise"],
                    scheduled_on=d["scheduled_on"],
                    participants=form.participants(),
                    title=d["title"],
                    note=d["note"],
                )
            except DomainError as exc:
                refuse(request, exc)
                status = exc.status_code
            else:
                messages.success(request, "已安排综合联检")
                return redirect("inspections:joint_detail", item.pk)
    return render(request, "inspections/joint_form.html", {"form": form}, status=status)


@login_required
def joint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    item = joint.get_joint_for_user(user, pk)
    inspections = (
        Inspection.objects.filter(enterprise_id=item.enterprise_id, agency_id=item.lead_agency_id).order_by(
            "-started_at"
        )[:10]
        if item.status == JointStatus.PLANNED
        else []
    )
    context = {
        "joint": item,
        "participants": item.participants.select_related("agency"),
        "may_act": item.status == JointStatus.PLANNED and is_officer_of(user, item.lead_agency_id),
        "inspections": inspections,
    }
    return render(request, "inspections/joint_detail.html", context)


@login_required
@require_POST
def joint_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    item = joint.get_joint_for_user(request.user, pk)
    try:
        if action == "complete":
            picked = request.POST.get("inspection", "")
            inspection = (
                Inspection.objects.visible_to(request.user).filter(pk=int(picked)).first()
                if picked.isdigit()
                else None
            )
            joint.complete_joint(item, actor=request.user, inspection=inspection)
            messages.success(request, "已登记联合检查实施")
        elif action == "cancel":
            joint.cancel_joint(item, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, "已取消")
        else:
            refuse(request, NotAllowed("无此操作"))
    except DomainError as exc:
        refuse(request, exc)
    return redirect("inspections:joint_detail", item.pk)


# --- public (no login) ------------------------------------------------------------------------------------


def _published() -> Any:
    return RandomDraw.objects.filter(status=DrawStatus.PUBLISHED).select_related("agency")


def public_draw_list(request: HttpRequest) -> HttpResponse:
    qs = _published().defer("result", "parameters").annotate(selected=Count("selections"))
    return render(request, "public/draw_list.html", {"draws": qs.order_by("-published_at", "-id")[:100]})


def public_draw_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draw = get_object_or_404(_published(), pk=pk)
    return render(request, "public/draw_detail.html", {"draw": draw, "rows": _rows(draw)})
