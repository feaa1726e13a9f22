"""Compliance dashboard, drill-downs and XLSX export."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from enforcement.core.downloads import content_disposition

from .. import dashboard
from ..permissions import can_manage_agency, can_see_dashboard
from .common import chosen_agency, chosen_date


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """持证上岗与培训合规看板 for heads, supervisors, agency admins; others go to their own record."""
    if not can_see_dashboard(request.user):
        return redirect(reverse("training:officer_detail", args=[request.user.pk]))
    root = chosen_agency(request)
    on = chosen_date(request, timezone.localdate())
    rows = dashboard.compute(root, on)
    return render(
        request,
        "training/dashboard.html",
        {
            "root": root,
            "on": on,
            "summary": rows[0],
            "rows": rows,
            "figures": dashboard.FIGURES,
            "can_manage": can_manage_agency(request.user, root),
        },
    )


@login_required
def dashboard_figure(request: HttpRequest, figure: str) -> HttpResponse:
    """The names behind one figure."""
    if not can_see_dashboard(request.user):
        raise PermissionDenied("无权查看合规看板")
    if figure not in dashboard.FIGURES:
        raise Http404("无此指标")
    root = chosen_agency(request)
    on = chosen_date(request, timezone.localdate())
    page = Paginator(dashboard.drilldown(root, figure, on), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "training/drilldown.html",
        {"root": root, "on": on, "figure": figure, "label": dashboard.FIGURES[figure], "page": page},
    )


@login_required
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """XLSX: one sheet of figures per agency (rolled up), one sheet of officers with their flags."""
    from openpyxl import Workbook

    if not can_see_dashboard(request.user):
        raise PermissionDenied("无权查看合规看板")
    root = chosen_agency(request)
    on = chosen_date(request, timezone.localdate())
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总"
    ws.append(
        [
            "机构",
            *[dashboard.FIGURES[k] for k in dashboard.COUNTED],
            "持证率%",
            "相关学历/资格占比%",
            "轮训完成率%",
        ]
    )
    for row in dashboard.compute(root, on):
        ws.append(
            [
                "　" * row.depth + row.agency.name,
                *[row.counts[k] for k in dashboard.COUNTED],
                _num(row.valid_share),
                _num(row.qualified_share),
                _num(row.rotation_share),
            ]
        )
    people = wb.create_sheet("人员明细")
    people.append(
        [
            "用户名",
            "姓名",
            "机构",
            "本年学时",
            "应训学时",
            "持有效证",
            "90日内到期",
            "年审逾期",
            "学时不足",
            "完成轮训",
            "相关学历/资格",
        ]
    )
    for p in dashboard.officer_rows(root, on):
        people.append(
            [
                p["username"],
                p["real_name"],
                p["agency__name"],
                float(p["hours_year"]),
                float(p["required_hours"]),
                *[
                    "是" if p[k] else "否"
                    for k in (
                        "valid",
                        "expiring",
                        "review_overdue",
                        "hours_short",
                        "rotation_done",
                        "qualified",
                    )
                ],
            ]
        )
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = content_disposition(
        f"执法人员培训合规-{root.name}-{on:%Y%m%d}.xlsx", f"training-compliance-{root.code}-{on:%Y%m%d}.xlsx"
    )
    return response


def _num(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]  # Decimal | None
