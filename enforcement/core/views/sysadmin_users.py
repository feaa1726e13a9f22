"""系统管理 › 用户账号: agency admins manage the accounts of their agency's subtree (the superuser all).

Everyone else gets 403 on every page here; an admin gets 404 for an account outside their subtree.
Every change goes through ``services.users``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ..client_ip import audit_ip
from ..exceptions import DomainError
from ..forms.accounts import AccountFilterForm, AccountForm, DeactivateForm
from ..forms.coredata import add_domain_error
from ..models import User
from ..permissions import get_managed_user_or_404, managed_agencies, managed_users, may_administer
from ..services import users as user_services

PAGE_SIZE = 50


def sysadmin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in (else the login page) and an agency admin or the superuser (else 403)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_administer(request.user):
            raise PermissionDenied("只有系统管理员可以进入系统管理")
        return view(request, *args, **kwargs)

    return wrapper


def _issued(request: HttpRequest, user: User, password: str, *, created: bool) -> HttpResponse:
    """The page that shows a temporary password once (never cached, never stored in clear)."""
    response = render(
        request,
        "core/sysadmin/password_issued.html",
        {"account": user, "password": password, "created": created},
    )
    response["Cache-Control"] = "no-store"
    return response


@sysadmin_required
def user_list(request: HttpRequest) -> HttpResponse:
    actor = request.user
    agencies = managed_agencies(actor)
    form = AccountFilterForm(request.GET or None, agencies=agencies)
    qs = managed_users(actor).select_related("agency").prefetch_related(Prefetch("groups"))
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            qs = qs.filter(Q(username__icontains=q) | Q(real_name__icontains=q))
        if data["agency"]:
            qs = qs.filter(agency__path__startswith=data["agency"].path)
        if data["role"]:
            qs = qs.filter(groups__name=data["role"])
        if data["status"] == "active":
            qs = qs.filter(is_active=True)
        elif data["status"] == "inactive":
            qs = qs.filter(is_active=False)
        elif data["status"] == "locked":
            qs = qs.filter(username__in=user_services.locked_usernames(None))
    page = Paginator(qs.order_by("agency__path", "username"), PAGE_SIZE).get_page(request.GET.get("page"))
    locked = user_services.locked_usernames(u.username for u in page.object_list)
    rows = [
        {"user": u, "roles": sorted(g.name for g in u.groups.all()), "locked": u.username in locked}
        for u in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/sysadmin/user_list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "section": "users"},
    )


@sysadmin_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    agencies = managed_agencies(request.user)
    actor_agency = getattr(request.user, "agency", None)
    form = AccountForm(request.POST or None, agencies=agencies, initial={"agency": actor_agency})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user, password = user_services.create_account(
                    user_services.AccountData(
                        username=data["username"],
                        real_name=data["real_name"],
                        phone=data["phone"],
                        agency=data["agency"],
                        roles=data["roles"],
                    ),
                    actor=request.user,
                    ip_address=audit_ip(request),
                )
                return _issued(request, user, password, created=True)
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    return render(request, "core/sysadmin/user_form.html", {"form": form, "section": "users"}, status=status)


@sysadmin_required
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_managed_user_or_404(request.user, pk)
    current_roles = sorted(account.groups.values_list("name", flat=True))
    initial = {
        "real_name": account.real_name,
        "phone": account.phone,
        "agency": account.agency_id,
        "roles": current_roles,
    }
    agencies = managed_agencies(request.user)
    form = AccountForm(request.POST or None, agencies=agencies, editing=True, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user_services.update_account(
                    account,
                    user_services.AccountData(
                        real_name=data["real_name"],
                        phone=data["phone"],
                        agency=data["agency"],
                        roles=data["roles"],
                    ),
                    actor=request.user,
                    ip_address=audit_ip(request),
                )
                messages.success(request, "已保存用户信息")
                return redirect("core:sysadmin_user", pk=account.pk)
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    context = {
        "account": account,
        "roles": current_roles,
        "form": form,
        "deactivate_form": DeactivateForm(),
        "locked": account.username in user_services.locked_usernames([account.username]),
        "is_self": account.pk == request.user.pk,
        "section": "users",
    }
    return render(request, "core/sysadmin/user_detail.html", context, status=status)


@sysadmin_required
@require_POST
def user_reset_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_managed_user_or_404(request.user, pk)
    try:
        password = user_services.reset_password(account, actor=request.user, ip_address=audit_ip(request))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("core:sysadmin_user", pk=account.pk)
    account.refresh_from_db()
    return _issued(request, account, password, created=False)


def _act(request: HttpRequest, pk: int, action: Callable[[User], Any], done: str) -> HttpResponse:
    account = get_managed_user_or_404(request.user, pk)
    try:
        action(account)
        messages.success(request, done.format(name=account.display_name))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("core:sysadmin_user", pk=account.pk)


@sysadmin_required
@require_POST
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request,
        pk,
        lambda u: user_services.deactivate_account(
            u, actor=request.user, reason=reason, ip_address=audit_ip(request)
        ),
        "已停用{name}的账号",
    )


@sysadmin_required
@require_POST
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda u: user_services.reactivate_account(u, actor=request.user, ip_address=audit_ip(request)),
        "已启用{name}的账号",
    )


@sysadmin_required
@require_POST
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda u: user_services.unlock_login(u, actor=request.user, ip_address=audit_ip(request)),
        "已解除{name}的登录锁定",
    )
