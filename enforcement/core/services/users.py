"""User accounts (用户账号) and passwords: every change an administrator or a user makes to an account.

Agency admins (系统管理员) manage the accounts of their agency's subtree; the platform superuser manages
all. Each service runs in one transaction, locks the account row, checks its guards (raising
``NotAllowed``/``InvalidInput``/``InvalidTransition`` with a Chinese message and changing nothing) and
writes one audit event. Passwords never reach the audit trail.

Resets by an administrator (and new accounts) get a random temporary password that meets the policy,
shown once to the administrator, and the account must set its own password at the next login
(``must_change_password``): the administrator never knows a password the user keeps, which is what
a bureau's security officer expects (等级保护: 口令由用户本人设定).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import roles
from ..exceptions import InvalidInput, InvalidTransition, NotAllowed
from ..models import Agency, PasswordHistory, User
from ..permissions import managed_agencies, may_administer, may_manage_user
from ..rules import passwords as password_rules
from .audit import record_event

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.\-]{3,30}$")
AUDIT_ACTIONS = {
    "user.create": "新增用户",
    "user.update": "修改用户",
    "user.password": "重置用户密码",
    "user.change_password": "修改本人密码",
    "user.deactivate": "停用用户",
    "user.reactivate": "启用用户",
    "user.unlock": "解除登录锁定",
}


@dataclass(frozen=True)
class AccountData:
    """What an administrator fills in for an account (the username only when creating)."""

    real_name: str
    agency: Agency | None
    roles: Sequence[str]
    phone: str = ""
    username: str = ""


def register() -> None:
    from ..registry import register_audit_actions

    register_audit_actions(AUDIT_ACTIONS)


# --- passwords -------------------------------------------------------------------------------------


def recent_password_hashes(user: Any) -> list[str]:
    """The hashes of the user's last ``HISTORY_DEPTH`` passwords, the current one included."""
    if not getattr(user, "pk", None):
        return []
    hashes = list(
        PasswordHistory.objects.filter(user_id=user.pk)
        .order_by("-created_at", "-id")
        .values_list("password", flat=True)[: password_rules.HISTORY_DEPTH]
    )
    current = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
    if current and current not in hashes:
        hashes = [current, *hashes][: password_rules.HISTORY_DEPTH]
    return hashes


def was_used_recently(user: Any, password: str) -> bool:
    return any(check_password(password, encoded) for encoded in recent_password_hashes(user) if encoded)


def password_problems(password: str, user: Any) -> list[str]:
    """Every reason the password is refused: Django's configured validators (AUTH_PASSWORD_VALIDATORS,
    which include the policy and the history) — the same list the forms show."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _set_password(user: User, password: str, *, chosen: bool) -> None:
    """Store a new password on the locked row; a password the user chose goes into the history."""
    user.set_password(password)
    user.must_change_password = not chosen
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    if chosen:
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = (
            PasswordHistory.objects.filter(user=user)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[: password_rules.HISTORY_DEPTH]
        )
        PasswordHistory.objects.filter(user=user).exclude(id__in=list(keep)).delete()


def change_own_password(user: Any, *, old_password: str, new_password: str, ip_address: str = "") -> User:
    """A user sets their own password. Guards: the current password is right; the new one meets the
    policy and is none of the last 5. Raises InvalidInput (per field) and changes nothing on refusal."""
    if not getattr(user, "pk", None) or not user.is_active:
        raise NotAllowed("请先登录")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.check_password(old_password):
            raise InvalidInput("当前密码不正确", fields={"old_password": ["当前密码不正确"]})
        problems = password_problems(new_password, locked)
        if problems:
            raise InvalidInput("新密码不符合要求：" + "；".join(problems), fields={"new_password1": problems})
        _set_password(locked, new_password, chosen=True)
        record_event("user.change_password", actor=locked, obj=locked, data={}, ip_address=ip_address)
    user.password = locked.password
    user.must_change_password = False
    return locked


def reset_password(target: User | int, *, actor: Any, ip_address: str = "") -> str:
    """An administrator gives the account a random temporary password that meets the policy and makes
    it change the password at next login; also lifts a login lock. Returns the temporary password
    (shown once, never stored in clear or audited)."""
    with transaction.atomic():
        locked = _lock_managed(target, actor, "重置密码")
        temporary = password_rules.generate_temporary_password()
        _set_password(locked, temporary, chosen=False)
        removed = _reset_attempts(locked.username)
        record_event(
            "user.password",
            actor=actor,
            obj=locked,
            data={"temporary": True, "unlocked": removed > 0},
            ip_address=ip_address,
        )
    return temporary


# --- accounts --------------------------------------------------------------------------------------


def _lock_managed(target: User | int, actor: Any, what: str) -> User:
    pk = target.pk if isinstance(target, User) else target
    locked = User.objects.select_for_update().filter(pk=pk).first()
    if locked is None or not may_manage_user(actor, locked):
        raise NotAllowed(f"该用户不在您的管理范围内，不能{what}")
    return locked


def _check_account(data: AccountData, *, actor: Any, instance: User | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if instance is None:
        username = data.username.strip()
        if not USERNAME_RE.fullmatch(username):
            errors["username"] = ["用户名为3–30位字母、数字或 _ . -"]
        elif User.objects.filter(username__iexact=username).exists():
            errors["username"] = [f"用户名“{username}”已被使用"]
    real_name = data.real_name.strip()
    if not real_name:
        errors["real_name"] = ["请填写姓名"]
    elif len(real_name) > 50:
        errors["real_name"] = ["姓名不超过50个字"]
    phone = data.phone.strip()
    if phone and not re.fullmatch(r"[0-9\-+ ]{5,20}", phone):
        errors["phone"] = ["手机号格式不正确"]
    agency = data.agency
    if agency is None:
        errors["agency"] = ["请选择所属机构"]
    elif not managed_agencies(actor).filter(pk=agency.pk).exists():
        errors["agency"] = ["只能选择您管理范围内的机构"]
    elif not agency.is_active:
        errors["agency"] = [f"{agency.name}已撤销，不能再分配用户"]
    wanted = list(dict.fromkeys(data.roles))
    unknown = [r for r in wanted if r not in roles.ALL_ROLES]
    if unknown:
        errors["roles"] = [f"未知角色：{'、'.join(unknown)}"]
    elif not wanted:
        errors["roles"] = ["请至少选择一个角色"]
    if instance is not None and instance.pk == getattr(actor, "pk", None) and not actor.is_superuser:
        if agency is not None and agency.pk != instance.agency_id:
            errors["agency"] = ["不能修改自己的所属机构，请联系上级系统管理员"]
        if roles.AGENCY_ADMIN not in wanted:
            errors["roles"] = ["不能取消自己的系统管理员角色，请联系上级系统管理员"]
    if errors:
        raise InvalidInput(
            "用户信息有误：" + "；".join(m for ms in errors.values() for m in ms), fields=errors
        )
    return {"real_name": real_name, "phone": phone, "agency": agency, "roles": wanted}


def _set_roles(user: User, wanted: Iterable[str]) -> None:
    groups = [Group.objects.get_or_create(name=name)[0] for name in wanted]
    user.groups.set(groups)
    user._role_names = {g.name for g in groups}  # type: ignore[attr-defined]  # the model's cache


def create_account(data: AccountData, *, actor: Any, ip_address: str = "") -> tuple[User, str]:
    """Create an account in the actor's subtree with the chosen roles and a temporary password (which
    must be changed at the first login). Returns the user and the temporary password."""
    if not may_administer(actor):
        raise NotAllowed("只有系统管理员可以新增用户")
    with transaction.atomic():
        values = _check_account(data, actor=actor, instance=None)
        user = User(
            username=data.username.strip(),
            real_name=values["real_name"],
            phone=values["phone"],
            agency=values["agency"],
            is_staff=False,
            is_superuser=False,
        )
        temporary = password_rules.generate_temporary_password()
        user.set_password(temporary)
        user.must_change_password = True
        user.password_changed_at = timezone.now()
        user.save()
        _set_roles(user, values["roles"])
        record_event(
            "user.create",
            actor=actor,
            obj=user,
            data={"username": user.username, "agency": user.agency_id, "roles": sorted(values["roles"])},
            ip_address=ip_address,
        )
    return user, temporary


def update_account(target: User | int, data: AccountData, *, actor: Any, ip_address: str = "") -> User:
    """Change an account's name, phone, agency and roles (the username stays). Audited as a diff."""
    with transaction.atomic():
        locked = _lock_managed(target, actor, "修改")
        values = _check_account(data, actor=actor, instance=locked)
        before = {
            "real_name": locked.real_name,
            "phone": locked.phone,
            "agency": locked.agency_id,
            "roles": sorted(locked.groups.values_list("name", flat=True)),
        }
        after = {
            "real_name": values["real_name"],
            "phone": values["phone"],
            "agency": values["agency"].pk,
            "roles": sorted(values["roles"]),
        }
        diff = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        if not diff:
            return locked
        locked.real_name, locked.phone, locked.agency = values["real_name"], values["phone"], values["agency"]
        locked.save(update_fields=["real_name", "phone", "agency"])
        if "roles" in diff:
            _set_roles(locked, values["roles"])
        record_event("user.update", actor=actor, obj=locked, data={"diff": diff}, ip_address=ip_address)
    return locked


def deactivate_account(target: User | int, *, actor: Any, reason: str, ip_address: str = "") -> User:
    """停用: the account can no longer sign in (its open sessions end at their next request). Needs a
    reason; an administrator cannot deactivate their own account."""
    with transaction.atomic():
        locked = _lock_managed(target, actor, "停用")
        if locked.pk == getattr(actor, "pk", None):
            raise NotAllowed("不能停用自己的账号")
        if not locked.is_active:
            raise InvalidTransition(f"{locked.display_name}的账号已停用")
        reason = reason.strip()
        if not reason:
            raise InvalidInput("请填写停用原因", fields={"reason": ["请填写停用原因"]})
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        record_event(
            "user.deactivate", actor=actor, obj=locked, data={"reason": reason[:200]}, ip_address=ip_address
        )
    return locked


def reactivate_account(target: User | int, *, actor: Any, ip_address: str = "") -> User:
    """启用 a deactivated account again (its password is unchanged)."""
    with transaction.atomic():
        locked = _lock_managed(target, actor, "启用")
        if locked.is_active:
            raise InvalidTransition(f"{locked.display_name}的账号已是启用状态")
        if locked.agency is not None and not locked.agency.is_active:
            raise InvalidInput(f"{locked.agency.name}已撤销，请先调整该用户的所属机构")
        locked.is_active = True
        locked.save(update_fields=["is_active"])
        record_event("user.reactivate", actor=actor, obj=locked, data={}, ip_address=ip_address)
    return locked


# --- login locks (django-axes) ---------------------------------------------------------------------


def _reset_attempts(username: str) -> int:
    from axes.utils import reset

    return int(reset(username=username) or 0)


def locked_usernames(usernames: Iterable[str] | None) -> set[str]:
    """Which of these usernames (None: any) are locked out now, from any address, in one query."""
    from axes.models import AccessAttempt

    if not getattr(settings, "AXES_ENABLED", True):
        return set()
    limit = int(getattr(settings, "AXES_FAILURE_LIMIT", 5))
    hours = getattr(settings, "AXES_COOLOFF_TIME", None)
    rows = AccessAttempt.objects.filter(failures_since_start__gte=limit)
    if usernames is not None:
        names = [u for u in usernames if u]
        if not names:
            return set()
        rows = rows.filter(username__in=names)
    if isinstance(hours, int | float):
        rows = rows.filter(attempt_time__gte=timezone.now() - dt.timedelta(hours=hours))
    return set(rows.values_list("username", flat=True))


def unlock_login(target: User | int, *, actor: Any, ip_address: str = "") -> int:
    """Lift the login lock of an account (every address); returns how many lock records were removed.
    Raises InvalidTransition when the account is not locked."""
    with transaction.atomic():
        locked = _lock_managed(target, actor, "解除锁定")
        if locked.username not in locked_usernames([locked.username]):
            raise InvalidTransition(f"{locked.display_name}的账号当前没有被锁定")
        removed = _reset_attempts(locked.username)
        record_event(
            "user.unlock", actor=actor, obj=locked, data={"attempts": removed}, ip_address=ip_address
        )
    return removed
