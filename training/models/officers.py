"""执法人员 register: the officer view of a user, their profile and professional qualifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from enforcement.core import roles
from enforcement.core.models import User

from ..choices import EducationLevel, QualificationKind

REGISTER_ROLES = [*roles.ENFORCEMENT_ROLES, roles.ASSISTANT]


def _in_roles(names: list[str]) -> Exists:
    through = User.groups.through
    return Exists(through.objects.filter(user_id=OuterRef("pk"), group__name__in=names))


class OfficerQuerySet(models.QuerySet["Officer"]):
    def register(self) -> OfficerQuerySet:
        """Everyone in an enforcement role or an assistant, plus anyone holding a certificate."""
        from .certificates import Certificate

        return self.filter(
            _in_roles(REGISTER_ROLES) | Exists(Certificate.objects.filter(holder_id=OuterRef("pk")))
        )

    def enforcement_staff(self) -> OfficerQuerySet:
        """在岗执法人员: active users in an enforcement role who are not 辅助人员 (dashboard denominator)."""
        return (
            self.filter(is_active=True)
            .filter(_in_roles(list(roles.ENFORCEMENT_ROLES)))
            .exclude(_in_roles([roles.ASSISTANT]))
        )

    def with_assistant_flag(self) -> OfficerQuerySet:
        return self.annotate(assistant_flag=_in_roles([roles.ASSISTANT]))

    def visible_to(self, user: Any) -> OfficerQuerySet:
        from ..permissions import officer_scope_filter

        return self.filter(officer_scope_filter(user))


class Officer(User):
    """执法人员: a proxy of ``core.User`` carrying the register's queryset methods."""

    objects = OfficerQuerySet.as_manager()  # type: ignore[misc,assignment]  # proxy narrows the user manager

    class Meta:
        proxy = True
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员"


class OfficerProfile(models.Model):
    """执法人员档案: post, education and the first 法制审核 date of one user (created on first edit)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="officer_profile",
        verbose_name="用户",
    )
    post = models.CharField("岗位", max_length=100, blank=True)
    education_level = models.CharField(
        "学历", max_length=20, choices=EducationLevel.choices, blank=True, default=EducationLevel.NONE
    )
    education_major = models.CharField("所学专业", max_length=100, blank=True)
    education_related = models.BooleanField(
        "相关专业学历", default=False, help_text="安全工程、法学等与应急执法相关的专业"
    )
    first_review_on = models.DateField(
        "首次从事法制审核日期",
        null=True,
        blank=True,
        help_text="行政处罚法第58条第2款：初次从事法制审核的人员应取得法律职业资格",
    )
    remarks = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "执法人员档案"
        verbose_name_plural = "执法人员档案"

    def __str__(self) -> str:
        return f"{self.user}的档案"


class QualificationQuerySet(models.QuerySet["ProfessionalQualification"]):
    def visible_to(self, user: Any) -> QualificationQuerySet:
        """The holder's own, plus the subtree's for heads, supervisors and agency admins."""
        from ..permissions import personal_record_filter

        return self.filter(personal_record_filter(user, holder_field="officer"))


class ProfessionalQualification(models.Model):
    """职业资格: 注册安全工程师, 法律职业资格 … with dates and evidence."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="qualifications",
        verbose_name="持有人",
    )
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="所属机构"
    )
    kind = models.CharField("资格类别", max_length=20, choices=QualificationKind.choices)
    name = models.CharField("资格名称", max_length=100, blank=True)
    certificate_no = models.CharField("证书编号", max_length=50, blank=True)
    obtained_on = models.DateField("取得日期")
    expires_on = models.DateField("有效期至", null=True, blank=True)
    evidence = models.FileField("证明材料", upload_to="training/qualifications/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = "职业资格"
        verbose_name_plural = "职业资格"
        ordering = ["obtained_on", "id"]
        indexes = [models.Index(fields=["officer", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.certificate_no}".strip()

    def held_on(self, on: dt.date) -> bool:
        return self.obtained_on <= on and (self.expires_on is None or on <= self.expires_on)

    @staticmethod
    def held_q(on: dt.date, prefix: str = "") -> Q:
        return Q(**{f"{prefix}obtained_on__lte": on}) & (
            Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": on})
        )


__all__ = ["Officer", "OfficerProfile", "OfficerQuerySet", "ProfessionalQualification"]
