"""培训课程: list, create, and record attendance (one training record per officer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from enforcement.core.exceptions import DomainError

from .. import services
from ..forms import AttendanceForm, CourseForm
from ..models import Course, Officer, TrainingRecord
from ..permissions import can_manage_agency
from .common import chosen_agency, domain_error, form_page


def get_course_for_user(user: object, pk: int) -> Course:
    course = Course.objects.visible_to(user).select_related("agency").filter(pk=pk).first()
    if course is None:
        raise Http404("课程不存在或无权查看")
    return course


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    """Courses of the agencies in the user's scope, newest first, with the number of attendees."""
    qs = (
        Course.objects.visible_to(request.user)
        .select_related("agency")
        .annotate(attendees=Count("records"))
        .order_by("-start_on", "-id")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    agency = request.user.agency  # type: ignore[union-attr]  # login_required
    return render(
        request,
        "training/course_list.html",
        {"page": page, "can_create": can_manage_agency(request.user, agency)},
    )


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    if not can_manage_agency(request.user, agency):
        raise PermissionDenied(services.courses.NOT_ADMIN)
    title = f"新建培训课程：{agency.name}"
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.create_course(agency, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            return domain_error(request, form, title, None, exc)
        messages.success(request, "课程已创建")
        return redirect("training:course_detail", pk=course.pk)
    return form_page(request, form, title)


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One course with its attendance; its agency's admins record who attended."""
    course = get_course_for_user(request.user, pk)
    manage = can_manage_agency(request.user, course.agency)
    form = None
    status = 200
    if manage:
        eligible = (
            Officer.objects.register()
            .visible_to(request.user)
            .filter(agency__path__startswith=course.agency.path)
            .exclude(training_records__course=course)
            .order_by("agency__path", "username")
        )
        form = AttendanceForm(request.POST or None, officers=eligible)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                created = services.record_attendance(
                    course, data["officers"], actor=request.user, result=data["result"], score=data["score"]
                )
            except DomainError as exc:
                domain_error(request, form, "", None, exc)  # adds the reason to the form (or 403)
                status = exc.status_code
            else:
                messages.success(request, f"已登记{len(created)}人参训")
                return redirect("training:course_detail", pk=course.pk)
    elif request.method == "POST":
        raise PermissionDenied(services.courses.NOT_ADMIN)
    records = (
        TrainingRecord.objects.visible_to(request.user)
        .filter(course=course)
        .select_related("officer", "officer__agency")
        .order_by("officer__agency__path", "officer__username")
    )
    return render(
        request,
        "training/course_detail.html",
        {"course": course, "records": records, "form": form, "manage": manage},
        status=status,
    )
