"""期限计算器 and 工作日历 pages. Reading is open to every logged-in user; changes to 系统管理员/superuser."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..exceptions import DomainError
from ..forms.calendar import CalculatorForm, DayForm, EnterYearForm, RemoveDayForm
from ..models import CalendarDay, CalendarYear
from ..services import calendar as cal_services
from ..services.calendar_coverage import coverage_warning_for

NOT_ADMIN_MESSAGE = "只有系统管理员可以维护工作日历"


def _calculate(form: CalculatorForm) -> dict[str, Any]:
    """Run the calculator for a bound form; returns the template context for the result block."""
    if not form.is_valid():
        return {"form": form}
    start, n, kind = form.cleaned_data["start"], form.cleaned_data["days"], form.cleaned_data["kind"]
    try:
        data = cal_services.load_calendar()
        result = cal_services.add(start, n, kind, cal=data)
    except DomainError as exc:
        form.add_error("days", exc.message)
        return {"form": form}
    skipped = cal_services.skipped_holidays(start, result.due, cal=data) if kind == "working" else []
    # 调休上班日 (make-up Saturdays/Sundays) the count went through: officers check them against the notice
    lo, hi = sorted((start, result.due))
    makeup = [
        {"date": d, "name": data.names.get(d, ""), "weekday": "一二三四五六日"[d.weekday()]}
        for d in sorted(data.workdays)
        if kind == "working" and lo <= d <= hi and d != start
    ]
    return {
        "form": form,
        "result": result,
        "start": start,
        "n": n,
        "abs_n": abs(n),
        "kind_label": cal_services.KIND_LABELS[kind],
        "skipped": skipped,
        "makeup_workdays": makeup,
        "weekday": "一二三四五六日"[result.due.weekday()],
    }


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    """期限计算器: start date + N + kind → due date, provisional flag, basis and skipped holidays (htmx)."""
    if "days" in request.GET:
        context = _calculate(CalculatorForm(request.GET))
    else:
        context = {"form": CalculatorForm(initial={"start": timezone.localdate(), "kind": "working"})}
    if getattr(request, "htmx", False):
        return render(request, "core/calendar_result.html", context)
    context["missing_years"] = coverage_warning_for(request.user)
    context["today"] = timezone.localdate()
    return render(request, "core/calendar.html", context)


@login_required
def days(request: HttpRequest) -> HttpResponse:
    """工作日历: the entered years and the days of one year; admins also get the maintenance forms."""
    years = list(CalendarYear.objects.order_by("-year"))
    today = timezone.localdate()
    try:
        selected = int(request.GET.get("year", ""))
        if not 1 <= selected <= 9999:  # no dates outside these years
            raise ValueError(selected)
    except ValueError:
        selected = years[0].year if years else today.year
    year_row = next((y for y in years if y.year == selected), None)
    rows = list(CalendarDay.objects.filter(date__year=selected).order_by("date"))
    is_admin = cal_services.is_calendar_admin(request.user)
    return render(
        request,
        "core/calendar_days.html",
        {
            "years": years,
            "selected": selected,
            "year_row": year_row,
            "rows": rows,
            "is_admin": is_admin,
            "missing_years": coverage_warning_for(request.user, today),
            "enter_form": EnterYearForm(initial={"year": today.year + 1}) if is_admin else None,
            "day_form": DayForm() if is_admin else None,
        },
    )


def _forbidden(request: HttpRequest) -> HttpResponse | None:
    """403 page with a Chinese message for users who may read the calendar but not maintain it."""
    if cal_services.is_calendar_admin(request.user):
        return None
    return render(request, "core/forbidden.html", {"message": NOT_ADMIN_MESSAGE}, status=403)


@login_required
@require_POST
def enter_year(request: HttpRequest) -> HttpResponse:
    if (denied := _forbidden(request)) is not None:
        return denied
    form = EnterYearForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            row, moved = cal_services.enter_calendar_year(
                d["year"],
                d["holidays_dates"],
                d["workdays_dates"],
                d["basis"],
                actor=request.user,
                names=d["names"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, f"已录入{row.year}年节假日安排；{len(moved)}个临时期限的届满日已重新计算。"
            )
            return redirect(f"/calendar/days/?year={row.year}")
    else:
        labels = {name: str(field.label) for name, field in form.fields.items()}
        errors = "；".join(
            f"{labels.get(f, '')}：{'，'.join(str(x) for x in e)}" for f, e in form.errors.items()
        )
        messages.error(request, f"录入失败——{errors}")
    return redirect("/calendar/days/")


@login_required
@require_POST
def set_day(request: HttpRequest) -> HttpResponse:
    if (denied := _forbidden(request)) is not None:
        return denied
    form = DayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的日期和类型")
        return redirect("/calendar/days/")
    d = form.cleaned_data
    try:
        cal_services.set_calendar_day(d["date"], d["kind"], name=d["name"], actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已保存{d['date'].isoformat()}")
    return redirect(f"/calendar/days/?year={d['date'].year}")


@login_required
@require_POST
def remove_day(request: HttpRequest) -> HttpResponse:
    if (denied := _forbidden(request)) is not None:
        return denied
    form = RemoveDayForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的日期")
        return redirect("/calendar/days/")
    day = form.cleaned_data["date"]
    try:
        cal_services.remove_calendar_day(day, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已删除{day.isoformat()}")
    return redirect(f"/calendar/days/?year={day.year}")
