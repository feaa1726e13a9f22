"""信用 consequences of decisions per enterprise (spec §12): ``CreditRecord`` (行政处罚信息 pushed with every
penalty decision, 严重失信主体名单 entries, 联合惩戒 entries), the serious-dishonesty listing as its own
procedure (``DishonestyListing``: notice, written decision, service, objection; ERRATA) and 信用修复
requests (``CreditRepair``). Scoped like the source decision's case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q


class CreditKind(models.TextChoices):
    PENALTY_INFO = "penalty_info", "行政处罚信息"
    DISHONEST_LIST = "dishonest_list", "严重失信主体名单"
    JOINT_PUNISHMENT = "joint_punishment", "联合惩戒"


def _scoped(qs: Any, user: Any) -> Any:
    from .case import case_scope_filter

    return qs.filter(case_scope_filter(user, prefix="decision__case__"))


class CreditRecordQuerySet(models.QuerySet["CreditRecord"]):
    def visible_to(self, user: Any) -> CreditRecordQuerySet:
        result: CreditRecordQuerySet = _scoped(self, user)
        return result

    def shown(self, on: Any) -> CreditRecordQuerySet:
        """Displayed on ``on``: started, not ended early, display period not over."""
        return self.filter(starts_on__lte=on, ended_on__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class CreditRecord(models.Model):
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="credit_records")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(
        "cases.CaseDecision", on_delete=models.PROTECT, related_name="credit_records", verbose_name="来源决定"
    )
    listing = models.ForeignKey(
        "cases.DishonestyListing", null=True, blank=True, on_delete=models.PROTECT, related_name="records"
    )
    kind = models.CharField("信用信息类别", max_length=20, choices=CreditKind.choices)
    title = models.CharField("事项", max_length=300)
    legal_basis = models.CharField("依据", max_length=300)
    starts_on = models.DateField("起始日")
    ends_on = models.DateField("公示/管理期满日", null=True, blank=True)
    ended_on = models.DateField("提前终止日", null=True, blank=True)
    ended_reason = models.CharField("终止理由", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreditRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"], condition=Q(kind="penalty_info"), name="credit_penalty_info_once"
            )
        ]
        indexes = [models.Index(fields=["enterprise", "-starts_on"], name="credit_enterprise")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"


class ListingStatus(models.TextChoices):
    NOTICED = "noticed", "已告知拟列入"
    DECIDED = "decided", "已作出列入决定"
    SERVED = "served", "已送达（列入名单）"
    OBJECTED = "objected", "异议处理中"
    REVOKED = "revoked", "异议成立，撤销列入"
    ENDED = "ended", "已移出名单"


class ListingQuerySet(models.QuerySet["DishonestyListing"]):
    def visible_to(self, user: Any) -> ListingQuerySet:
        result: ListingQuerySet = _scoped(self, user)
        return result


class DishonestyListing(models.Model):
    """列入严重失信主体名单 (◐ 应急管理部令第11号): 谁处罚、谁决定 — prior notice, a written decision, its
    service and the handling of an objection; a 3-year management period from the decision."""

    decision = models.ForeignKey("cases.CaseDecision", on_delete=models.PROTECT, related_name="listings")
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        "状态", max_length=10, choices=ListingStatus.choices, default=ListingStatus.NOTICED
    )
    situation = models.CharField("列入情形", max_length=300)
    notice_on = models.DateField("告知日")
    notice_text = models.TextField("告知内容")
    decided_on = models.DateField("列入决定日", null=True, blank=True)
    decision_text = models.TextField("列入决定书内容", blank=True)
    served_on = models.DateField("送达日", null=True, blank=True)
    objection_on = models.DateField("提出异议日", null=True, blank=True)
    objection_text = models.TextField("异议内容", blank=True)
    objection_result = models.TextField("异议处理结果", blank=True)
    ends_on = models.DateField("管理期满日", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = "严重失信主体名单列入"
        verbose_name_plural = "严重失信主体名单列入"
        ordering = ["-notice_on", "-id"]

    def __str__(self) -> str:
        return f"严重失信 {self.enterprise_id} {self.get_status_display()}"


class RepairStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "准予修复"
    REJECTED = "rejected", "不予修复"


class CreditRepairQuerySet(models.QuerySet["CreditRepair"]):
    def visible_to(self, user: Any) -> CreditRepairQuerySet:
        from .case import case_scope_filter

        return self.filter(case_scope_filter(user, prefix="record__decision__case__"))


class CreditRepair(models.Model):
    """信用修复 request against one credit record (◐ 58号令): the party's application with its evidence of
    correction, the head's outcome. Approval ends the record's display and withdraws the publication."""

    record = models.ForeignKey(CreditRecord, on_delete=models.PROTECT, related_name="repairs")
    applied_on = models.DateField("申请日")
    applicant = models.CharField("申请人", max_length=200)
    reason = models.TextField("申请理由（纠正失信行为情况）")
    evidence = models.TextField("证明材料")
    status = models.CharField(
        "结果", max_length=10, choices=RepairStatus.choices, default=RepairStatus.PENDING
    )
    decided_on = models.DateField("审核日", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("审核意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CreditRepairQuerySet.as_manager()

    class Meta:
        verbose_name = "信用修复申请"
        verbose_name_plural = "信用修复申请"
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"], condition=Q(status="pending"), name="credit_repair_pending_once"
            )
        ]

    def __str__(self) -> str:
        return f"信用修复 {self.record_id} {self.get_status_display()}"
