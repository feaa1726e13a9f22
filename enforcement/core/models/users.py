"""User accounts. Roles are Django groups (see core.roles)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from .. import roles


class User(AbstractUser):
    """A platform user: officer, reviewer, head, supervisor, admin or assistant of one agency."""

    real_name = models.CharField("姓名", max_length=50, blank=True)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name="所属机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField("手机号", max_length=20, blank=True)
    must_change_password = models.BooleanField(
        "下次登录须修改密码", default=False, help_text="管理员重置密码或新建账号后，用户须先设置自己的密码"
    )
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return self.real_name or self.username

    @property
    def display_name(self) -> str:
        return self.real_name or self.username

    def role_names(self) -> set[str]:
        cached = getattr(self, "_role_names", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._role_names = cached
        return cached

    def has_role(self, *names: str) -> bool:
        return bool(self.role_names() & set(names))

    @property
    def is_assistant(self) -> bool:
        return self.has_role(roles.ASSISTANT)

    @property
    def sees_subtree(self) -> bool:
        return self.has_role(*roles.SUBTREE_ROLES)


class PasswordHistory(models.Model):
    """A password hash the user has held, kept so the last few cannot be used again (never the password)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = "历史密码"
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"
