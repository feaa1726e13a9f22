"""修改密码: every signed-in user changes their own password (and must, after an administrator's reset)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from ..client_ip import audit_ip
from ..exceptions import DomainError
from ..forms.accounts import PasswordChangeForm
from ..forms.coredata import add_domain_error
from ..rules import passwords as password_rules
from ..services.users import change_own_password


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return "/"
    return target


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                change_own_password(
                    request.user,
                    old_password=data["old_password"],
                    new_password=data["new_password1"],
                    ip_address=audit_ip(request),
                )
                update_session_auth_hash(request, request.user)  # type: ignore[arg-type]  # a signed-in User
                messages.success(request, "密码已修改，下次登录请使用新密码")
                return redirect(_next_url(request))
            except DomainError as exc:
                add_domain_error(form, exc)
        status = 400
    context = {
        "form": form,
        "next": _next_url(request),
        "forced": getattr(request.user, "must_change_password", False),
        "policy": password_rules.POLICY_TEXT,
    }
    return render(request, "core/account/password.html", context, status=status)
