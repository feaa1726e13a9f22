"""双随机 draws (spec §3.3): the record keeps seed, pool hash, parameters and result so anyone with it can
re-run the draw and get the same answer (and detect a changed pool)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..choices import DrawStatus
from .scoped import ByAgencyQuerySet


class RandomDraw(models.Model):
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    plan = models.ForeignKey(
        "inspections.AnnualPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="draws"
    )
    title = models.CharField("抽查任务", max_length=200)
    period_start = models.DateField("检查期间起")
    period_end = models.DateField("检查期间止")
    seed = models.CharField("随机种子", max_length=64)
    pool_hash = models.CharField("名录库快照哈希", max_length=64)  # SHA-256 of the sorted candidate ids
    pool_size = models.PositiveIntegerField("名录库企业数")
    officer_pool_hash = models.CharField("人员库快照哈希", max_length=64, blank=True)
    parameters = models.JSONField("抽取参数", default=dict)  # sectors, classes, ratios, exclusions, item
    result = models.JSONField("抽取结果", default=list)  # [{"enterprise": id, "officers": [id, id]}]
    witnesses = models.CharField("监督人", max_length=200, blank=True)
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, default=DrawStatus.DRAWN)
    drawn_at = models.DateTimeField("抽取时间")
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    publish_due = models.DateField("公示截止", null=True, blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)

    objects = ByAgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "双随机抽查"
        verbose_name_plural = "双随机抽查"
        ordering = ["-drawn_at", "-id"]
        indexes = [models.Index(fields=["agency", "-drawn_at"])]

    def __str__(self) -> str:
        return self.title
