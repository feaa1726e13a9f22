"""The case (案件) and its handlers (承办人). Workflow logic lives in ``cases.services``."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from enforcement.core import roles
from enforcement.core.access import NOTHING

from ..choices import CaseSource, CaseStatus, ExtensionStatus, PartyKind, Procedure, Proposal, ReviewStatus


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: Any) -> CaseQuerySet:
        """ARCHITECTURE "Access" for cases: the handlers; heads of the deciding agency and its ancestors and
        supervisors of the subtree (both read, heads act only on their own agency's cases); the legal
        reviewer a case was sent to (read-only once the review is over) and the reviewer pool of the
        deciding agency while a review waits to be taken (ERRATA); a holder of a per-object ``cases.view_case``
        grant (a campaign reviewer, read only). Everyone else: nothing (404)."""
        return self.filter(case_scope_filter(user))


def object_grants(user_id: int) -> Any:
    """The ids of the cases ``user_id`` holds a per-object ``cases.view_case`` grant on (django-guardian's
    generic rows, e.g. a campaign reviewer's while the review is with them), as one subquery. Read only:
    the workflow's relational roles never look at it, so such a user gets no actions."""
    from guardian.models import UserObjectPermission

    return (
        UserObjectPermission.objects.filter(
            user_id=user_id,
            permission__codename="view_case",
            permission__content_type__app_label="cases",
            content_type__app_label="cases",
            content_type__model="case",
        )
        .annotate(case_pk=Cast("object_pk", models.BigIntegerField()))
        .values("case_pk")
    )


def case_scope_filter(user: Any, prefix: str = "") -> Q:
    """The Q of cases ``user`` may see (``prefix`` e.g. ``"case__"`` for rows hanging off a case)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()
    handler_model = apps.get_model("cases", "CaseHandler")
    review_model = apps.get_model("cases", "CaseReview")
    q = Q(**{f"{prefix}pk__in": handler_model.objects.filter(user_id=user.pk, active=True).values("case_id")})
    q |= Q(**{f"{prefix}pk__in": object_grants(user.pk)})
    if user.agency_id is None:
        return q
    if user.has_role(roles.HEAD, roles.SUPERVISOR):
        q |= Q(**{f"{prefix}deciding_agency__path__startswith": user.agency.path})
    if user.has_role(roles.LEGAL_REVIEWER):
        q |= Q(**{f"{prefix}pk__in": review_model.objects.filter(reviewer_id=user.pk).values("case_id")})
        q |= Q(
            **{
                f"{prefix}review_status": ReviewStatus.PENDING,
                f"{prefix}deciding_agency_id": user.agency_id,
            }
        )
    return q


class Case(models.Model):
    """One 行政处罚 case against one party, from 预立案 to the decision (part 1)."""

    number = models.CharField("案件编号", max_length=60, null=True, blank=True, unique=True)
    deciding_agency = models.ForeignKey(
        "core.Agency", verbose_name="办案机关", on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        "状态", max_length=30, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    procedure = models.CharField(
        "程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY, db_index=True
    )
    # --- party (当事人) ---
    party_kind = models.CharField("当事人类型", max_length=20, choices=PartyKind.choices)
    enterprise = models.ForeignKey(
        "core.Enterprise", verbose_name="生产经营单位", null=True, blank=True, on_delete=models.PROTECT
    )
    party_name = models.CharField("当事人名称/姓名", max_length=200)
    party_id_number = models.CharField("身份证号码", max_length=18, blank=True)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    party_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    party_address = models.CharField("住所/地址", max_length=200, blank=True)
    # --- source, cause, dates ---
    source = models.CharField("案件来源", max_length=20, choices=CaseSource.choices)
    source_ref = models.JSONField("来源", default=dict, blank=True)
    hazard = models.ForeignKey(
        "inspections.Hazard", verbose_name="来源隐患", null=True, blank=True, on_delete=models.PROTECT
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name="来源检查", null=True, blank=True, on_delete=models.PROTECT
    )
    cause = models.CharField("案由", max_length=300)
    item = models.ForeignKey(
        "core.EnforcementItem", verbose_name="执法事项", null=True, blank=True, on_delete=models.PROTECT
    )
    violation_date = models.DateField("违法行为发生日")
    violation_end = models.DateField("连续或继续状态终了日", null=True, blank=True)
    discovered_on = models.DateField("发现日")
    life_health_harm = models.BooleanField(
        "涉及生命健康安全、金融安全且有危害后果",
        default=False,
        help_text="行政处罚法第三十六条：追责期限五年",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_step_on = models.DateField("上一步骤日期", null=True, blank=True)
    # --- filing ---
    submitted_on = models.DateField("报请立案日", null=True, blank=True)
    filed_on = models.DateField("立案日", null=True, blank=True)
    filing_opinion = models.TextField("立案审批意见", blank=True)
    # --- investigation ---
    concluded_on = models.DateField("调查终结日", null=True, blank=True)
    proposal = models.CharField("处理意见", max_length=20, choices=Proposal.choices, blank=True)
    facts = models.TextField("查明的违法事实", blank=True)
    # --- notice, defence, hearing ---
    notice_date = models.DateField("告知日", null=True, blank=True)
    hearing_right = models.BooleanField("告知听证权利", default=False)
    notified_total = models.BigIntegerField("告知罚款合计（元）", null=True, blank=True)
    defence_on = models.DateField("陈述申辩日", null=True, blank=True)
    defence_text = models.TextField("陈述申辩意见", blank=True)
    defence_adopted = models.BooleanField("陈述申辩是否采纳", null=True, blank=True)
    waived_on = models.DateField("放弃陈述申辩日", null=True, blank=True)
    hearing_requested_on = models.DateField("申请听证日", null=True, blank=True)
    hearing_at = models.DateTimeField("听证时间", null=True, blank=True)
    hearing_place = models.CharField("听证地点", max_length=200, blank=True)
    hearing_chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="听证主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    hearing_held_on = models.DateField("听证日", null=True, blank=True)
    hearing_record = models.TextField("听证笔录要点", blank=True)
    # --- legal review, collective discussion ---
    review_required = models.BooleanField("须法制审核", default=False)
    review_reasons = models.JSONField("法制审核理由", default=list, blank=True)
    review_status = models.CharField(
        "法制审核", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.NONE, blank=True
    )
    review_approved_on = models.DateField("法制审核通过日", null=True, blank=True)
    collective_required = models.BooleanField("须集体讨论", default=False)
    collective_reasons = models.JSONField("集体讨论理由", default=list, blank=True)
    collective_on = models.DateField("集体讨论日", null=True, blank=True)
    collective_participants = models.JSONField("参加人", default=list, blank=True)
    collective_conclusion = models.TextField("集体讨论结论", blank=True)
    # --- decision deadline ---
    decision_due = models.DateField("办案期限届满日", null=True, blank=True)
    extension_status = models.CharField(
        "延期", max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.NONE, blank=True
    )
    extension_until = models.DateField("申请延长至", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extensions = models.PositiveSmallIntegerField("已批准延期次数", default=0)
    # --- decision ---
    decided_on = models.DateField("决定日", null=True, blank=True)
    overdue_reason = models.TextField("超期作出决定的理由", blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "案件"
        verbose_name_plural = "案件"
        indexes = [
            models.Index(fields=["deciding_agency", "-id"], name="case_agency_id"),
            models.Index(fields=["status", "-id"], name="case_status_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.party_name}{self.cause}案"

    @property
    def party_type(self) -> str:
        """The calculator's ``party_type``: ``individual`` for a natural person, else ``unit``."""
        return "individual" if self.party_kind == PartyKind.PERSON else "unit"

    @property
    def violation_end_date(self) -> Any:
        return self.violation_end or self.violation_date


class CaseHandler(models.Model):
    """A handler (承办人) of a case; ``active`` False once reassigned or recused (history kept)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handler_rows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_handler_rows"
    )
    is_lead = models.BooleanField("主办人", default=False)
    active = models.BooleanField("在办", default=True)
    assigned_on = models.DateField("指定日")
    removed_on = models.DateField("变更日", null=True, blank=True)
    recusal_requested = models.BooleanField("申请回避待决定", default=False)
    recusal_reason = models.CharField("回避理由", max_length=300, blank=True)

    class Meta:
        verbose_name = "承办人"
        verbose_name_plural = "承办人"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(active=True), name="case_handler_active_once"
            ),
        ]
        indexes = [models.Index(fields=["user", "active"], name="case_handler_user")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.case_id}"
