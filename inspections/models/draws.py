"""双随机 draws (spec §3.3): the record keeps seed, pool hash, parameters and result so anyone with it can
re-run the draw and get the same answer (and detect a changed pool). The snapshots live in their own row
so lists never load them; the drawn enterprises are rows too (who had whom last time, public pages)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import DrawStatus
from .scoped import AgencyScopedQuerySet, ByAgencyQuerySet


class RandomDraw(models.Model):
    """双随机抽查: one draw of enterprises from the 检查对象名录库 and officer teams from the 执法检查人员名录库.

    ``year`` + ``agency`` name the annual plan the draw belongs to; ``plan`` links the plan row when the
    agency has one for that year (set by the service)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveIntegerField("计划年度", default=0)
    plan = models.ForeignKey(
        "inspections.AnnualPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="draws"
    )
    title = models.CharField("抽查任务", max_length=200)
    period_start = models.DateField("检查期间起")
    period_end = models.DateField("检查期间止")
    seed = models.CharField("随机种子", max_length=64, blank=True)
    algorithm = models.CharField("抽取算法", max_length=30, blank=True)
    pool_hash = models.CharField("名录库快照哈希", max_length=64, blank=True)  # rules.draws.pool_hash
    pool_size = models.PositiveIntegerField("名录库企业数", default=0)
    officer_pool_hash = models.CharField("人员库快照哈希", max_length=64, blank=True)
    result_hash = models.CharField("抽取结果哈希", max_length=64, blank=True)
    parameters = models.JSONField("抽取参数", default=dict)  # items, filters, stratify_by, ratios, exclusions
    result = models.JSONField("抽取结果", default=list)  # [{"enterprise", "stratum", "officers": [id, id]}]
    witnesses = models.CharField("监督人", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, default=DrawStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True, null=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    publish_due = models.DateField("公示截止", null=True, blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "双随机抽查"
        verbose_name_plural = "双随机抽查"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-drawn_at"]),
            models.Index(fields=["agency", "year", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="draw_period_order"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(drawn_at__isnull=False) & ~Q(seed="")),
                name="draw_drawn_has_seed",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RandomDrawSnapshot(models.Model):
    """The pools as they were at draw time (spec §3.3 "candidate list snapshot"): ``candidates`` is
    ``[[enterprise id, stratum], …]`` in id order; ``officers`` is ``rules.draws.officer_snapshot``."""

    draw = models.OneToOneField(RandomDraw, on_delete=models.CASCADE, related_name="snapshot")
    candidates = models.JSONField("名录库快照", default=list)
    officers = models.JSONField("人员库快照", default=dict)

    class Meta:
        verbose_name = "抽查快照"
        verbose_name_plural = "抽查快照"

    def __str__(self) -> str:
        return f"{self.draw} 快照"


class ByDrawAgencyQuerySet(AgencyScopedQuerySet):
    agency_field = "draw__agency"


class DrawSelection(models.Model):
    """One drawn enterprise with its team (the same facts as the draw's ``result``, as rows)."""

    draw = models.ForeignKey(RandomDraw, on_delete=models.CASCADE, related_name="selections")
    position = models.PositiveIntegerField("序号")
    enterprise = models.ForeignKey("core.Enterprise", on_delete=models.PROTECT, related_name="+")
    stratum = models.CharField("类别", max_length=60)
    officers = models.JSONField("检查人员", default=list)  # user ids, the draw's team order

    objects = ByDrawAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "抽中企业"
        verbose_name_plural = "抽中企业"
        ordering = ["draw_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "enterprise"], name="uniq_draw_enterprise"),
            models.UniqueConstraint(fields=["draw", "position"], name="uniq_draw_position"),
        ]
        indexes = [models.Index(fields=["enterprise", "draw"])]

    def __str__(self) -> str:
        return f"{self.draw} #{self.position}"


class OfficerRecusalQuerySet(AgencyScopedQuerySet):
    agency_field = "agency"

    def active(self) -> OfficerRecusalQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class OfficerRecusal(models.Model):
    """回避: an officer who must not inspect an enterprise (kinship, former employment, interest)."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="执法人员"
    )
    enterprise = models.ForeignKey(
        "core.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name="企业"
    )
    reason = models.CharField("回避事由", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤销时间", null=True, blank=True)

    objects = OfficerRecusalQuerySet.as_manager()

    class Meta:
        verbose_name = "执法人员回避"
        verbose_name_plural = "执法人员回避"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "enterprise"],
                condition=Q(withdrawn_at__isnull=True),
                name="uniq_active_recusal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} 回避 {self.enterprise}"
