"""执法效能评估 pages: the list (and the on-demand build), the evaluation (table, ranking, trend charts,
lagging figures highlighted), publish, the PDF, and the drill-down behind every figure."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cases.models import Case, CaseRemedy
from cases.models.case import case_scope_filter
from enforcement.core.exceptions import DomainError
from enforcement.core.models import Agency, Deadline, Enterprise
from inspections.models import Hazard, Inspection, PlanQuota
from training.models import Officer

from ..models import CaseFileReview, EfficacyEvaluation, SchemeCheck
from ..rules import efficacy as rules
from ..services.efficacy import check_build, get_evaluation_for_user, publish_evaluation
from ..services.efficacy_figures import drill_queryset
from ..services.efficacy_output import chart_data, ranking, render_evaluation_pdf, table
from ..services.report import may_build_for, reads_supervision
from ..tasks import build_efficacy_evaluation_task
from .common import refuse

DRILL_LIMIT = 500


def _require_reader(user: Any) -> None:
    if not reads_supervision(user):
        raise PermissionDenied("仅执法监督人员、负责人可查看执法效能评估")


@login_required
@require_GET
def evaluation_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    user: Any = request.user
    agencies = Agency.objects.filter(is_active=True).order_by("path")
    if not user.is_superuser:
        agencies = agencies.filter(path__startswith=user.agency.path)
    today = timezone.localdate()
    context = {
        "evaluations": EfficacyEvaluation.objects.visible_to(user).select_related("agency")[:100],
        "agencies": list(agencies),
        "periods": rules.period_of(today).history(4)[::-1],
    }
    return render(request, "supervision/efficacy_list.html", context)


@login_required
@require_POST
def evaluation_build(request: HttpRequest) -> HttpResponse:
    """On demand: the guards answer now; the build (tens of seconds at a province's volume) is queued to
    the worker, which puts the evaluation's link in the requester's inbox when it is ready."""
    _require_reader(request.user)
    agency = Agency.objects.filter(pk=_int(request.POST.get("agency"))).first()
    period = rules.parse_period(request.POST.get("period", ""))
    if agency is None or period is None:
        messages.error(request, "请选择机关和半年度")
        return redirect("supervision:efficacy_list")
    try:
        check_build(agency=agency, period=period, actor=request.user)
    except DomainError as exc:
        refuse(request, exc)
        return redirect("supervision:efficacy_list")
    queue = partial(build_efficacy_evaluation_task.delay, agency.pk, period.code, request.user.pk)
    transaction.on_commit(queue)
    messages.success(request, f"正在生成{agency.name}{period.label}执法效能评估，完成后将在消息中通知您")
    return redirect("supervision:efficacy_list")


@login_required
@require_GET
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, pk)
    rows = table(evaluation)
    context = {
        "evaluation": evaluation,
        "figures": rules.FIGURES,
        "rows": rows,
        "ranking": ranking(rows),
        "lagging": [r for r in rows if r.lagging_count],
        "charts": chart_data(evaluation, rows),
        "may_publish": not evaluation.published and may_build_for(request.user, evaluation.agency),
    }
    return render(request, "supervision/efficacy_detail.html", context)


@login_required
@require_POST
def evaluation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for_user(request.user, pk)
    try:
        publish_evaluation(evaluation, actor=request.user)
    except DomainError as exc:
        refuse(request, exc)
    else:
        messages.success(request, "评估已发布，数据已固定")
    return redirect("supervision:efficacy_detail", pk=evaluation.pk)


@login_required
@require_GET
def evaluation_pdf(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """A published evaluation's stored PDF; a draft's rendered now from its stored figures."""
    evaluation = get_evaluation_for_user(request.user, pk)
    name = f"{evaluation.agency.name}{evaluation.period.label}执法效能评估.pdf"
    if evaluation.pdf:
        return FileResponse(evaluation.pdf.open("rb"), as_attachment=True, filename=name)
    response = HttpResponse(render_evaluation_pdf(evaluation), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _int(text: Any) -> int:
    s = str(text or "")
    return int(s) if s.isascii() and s.isdigit() and len(s) < 19 else 0


# --- drill-down ------------------------------------------------------------------------------------


def _case_row(c: Case) -> list[Any]:
    return [c.number or c.title, c.title, c.get_status_display(), c.filed_on, c.decided_on]


DESCRIBE: dict[type, tuple[list[str], Any, str]] = {
    Case: (["案件编号", "案件", "状态", "立案日", "决定日"], _case_row, "cases:detail"),
    Inspection: (
        ["检查对象", "开始时间", "检查地点"],
        lambda i: [i.enterprise.name, timezone.localtime(i.started_at).strftime("%Y-%m-%d %H:%M"), i.place],
        "inspections:record",
    ),
    Hazard: (
        ["企业", "隐患", "整改期限", "复查", "状态"],
        lambda h: [
            h.enterprise.name,
            h.description[:60],
            h.deadline,
            f"{h.get_recheck_result_display()} {h.rechecked_on or ''}".strip(),
            h.get_status_display(),
        ],
        "inspections:hazard_detail",
    ),
    Enterprise: (["企业", "统一社会信用代码"], lambda e: [e.name, e.credit_code], "core:enterprise_detail"),
    Deadline: (
        ["事项", "届满日", "状态", "完成时间"],
        lambda d: [
            d.title,
            d.due_date,
            d.get_status_display(),
            d.closed_at and timezone.localtime(d.closed_at).date(),
        ],
        "",
    ),
    CaseFileReview: (
        ["案件", "得分", "等次", "提交时间"],
        lambda r: [
            r.case.number or r.case.title,
            r.total,
            r.get_grade_display(),
            timezone.localtime(r.submitted_at).date(),
        ],
        "supervision:review",
    ),
    SchemeCheck: (
        ["检查方案", "结论", "审查时间"],
        lambda s: [
            str(s.scheme),
            s.get_status_display(),
            s.checked_at and timezone.localtime(s.checked_at).date(),
        ],
        "supervision:scheme_check",
    ),
    CaseRemedy: (
        ["案件", "类型", "结果", "审结日"],
        lambda r: [
            r.decision.case.number or r.decision.case.title,
            r.get_kind_display(),
            r.get_outcome_display(),
            r.outcome_on,
        ],
        "",
    ),
    Officer: (
        ["执法人员", "机构"],
        lambda o: [o.display_name, o.agency.name if o.agency else ""],
        "training:officer_detail",
    ),
    PlanQuota: (
        ["计划", "类型", "月份", "计划家次"],
        lambda q: [str(q.version.plan), q.get_kind_display(), q.month or "全年分摊", q.count],
        "inspections:plan_detail",
    ),
}
RELATED = {
    Inspection: ["enterprise"],
    Hazard: ["enterprise"],
    CaseFileReview: ["case"],
    SchemeCheck: ["scheme"],
    CaseRemedy: ["decision__case"],
    Officer: ["agency"],
    PlanQuota: ["version__plan"],
}


def _scoped(qs: Any, user: Any) -> Any:
    if qs.model is CaseRemedy:
        return qs.filter(case_scope_filter(user, prefix="decision__case__"))
    return qs.visible_to(user)


def _link(obj: Any, name: str) -> str:
    if not name:
        return ""
    pk = obj.version.plan_id if isinstance(obj, PlanQuota) else obj.pk
    return reverse(name, args=[pk])


def _stored(evaluation: EfficacyEvaluation, row: Any, key: str, index: int, subtree: bool) -> int | None:
    """The stored part the drill-down explains (the sum over the rows for the subtree total)."""
    rows = list(evaluation.rows.all()) if subtree else [row]
    values = [(r.parts.get(key) or [None, None])[index] for r in rows]
    return None if all(v is None for v in values) else sum(v or 0 for v in values)


@login_required
@require_GET
def evaluation_drill(request: HttpRequest, pk: int, key: str, part: str) -> HttpResponse:
    """The records behind one figure of one agency of the evaluation, as the viewer may see them."""
    evaluation = get_evaluation_for_user(request.user, pk)
    figure = rules.FIGURE_BY_KEY.get(key)
    if figure is None or part not in ("num", "den"):
        raise Http404("指标不存在")
    row = evaluation.rows.select_related("agency").filter(agency_id=_int(request.GET.get("agency"))).first()
    if row is None:
        raise Http404("该机构不在本次评估范围内")
    subtree = request.GET.get("subtree") == "1" and row.agency_id == evaluation.agency_id
    qs = drill_queryset(key, part, row.agency, evaluation.period, evaluation.as_of, subtree=subtree)
    qs = _scoped(qs, request.user).select_related(*RELATED.get(qs.model, [])).order_by("pk")
    header, describe, url_name = DESCRIBE[qs.model]
    items = list(qs[:DRILL_LIMIT])
    what = figure.numerator if part == "num" or figure.kind == rules.COUNT else figure.denominator
    context = {
        "evaluation": evaluation,
        "figure": figure,
        "agency": row.agency,
        "subtree": subtree,
        "what": what,
        "header": header,
        "rows": [(describe(o), _link(o, url_name)) for o in items],
        "stored": _stored(
            evaluation, row, key, 0 if part == "num" or figure.kind == rules.COUNT else 1, subtree
        ),
        "limit": DRILL_LIMIT,
    }
    return render(request, "supervision/efficacy_drill.html", context)
