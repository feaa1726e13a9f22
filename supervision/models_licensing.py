"""行政许可 figures of the 年报 (spec §10 item 2), entered by hand: licensing runs in another system (the
政务服务 platform), so the agency's head or supervisor enters its yearly counts here. A dated history: a new
entry supersedes the previous one, which stays, so a report as of a date reads what was entered by then."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.access import NOTHING

# (field, label) of the five counts, in the order of the published 年报 templates.
LICENSING_FIELDS: tuple[tuple[str, str], ...] = (
    ("applied", "行政许可申请数"),
    ("accepted", "行政许可受理数"),
    ("granted", "准予行政许可数"),
    ("refused", "不予行政许可数"),
    ("revoked", "撤销行政许可数"),
)


class LicensingFiguresQuerySet(models.QuerySet["LicensingFigures"]):
    def visible_to(self, user: Any) -> LicensingFiguresQuerySet:
        """As the 年报: supervisors and heads see the figures of the agencies of their subtree."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.filter(NOTHING)
        if user.is_superuser:
            return self
        if user.agency_id is None or not user.has_role(roles.SUPERVISOR, roles.HEAD):
            return self.filter(NOTHING)
        return self.filter(agency__path__startswith=user.agency.path)


class LicensingFigures(models.Model):
    """One entry of an agency's 行政许可 counts for a year; the latest entry by a date is the one in force."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="机关")
    year = models.PositiveSmallIntegerField("统计年度")
    applied = models.PositiveIntegerField("申请数")
    accepted = models.PositiveIntegerField("受理数")
    granted = models.PositiveIntegerField("准予许可数")
    refused = models.PositiveIntegerField("不予许可数")
    revoked = models.PositiveIntegerField("撤销数")
    source_note = models.CharField("数据来源", max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("填报时间", default=timezone.now)

    objects = LicensingFiguresQuerySet.as_manager()

    class Meta:
        verbose_name = "行政许可统计数据"
        verbose_name_plural = "行政许可统计数据"
        ordering = ["agency_id", "year", "-entered_at", "-id"]
        indexes = [models.Index(fields=["agency", "year", "entered_at"], name="licensing_agency_year_at")]

    def __str__(self) -> str:
        return f"{self.year}年度行政许可统计数据"

    def counts(self) -> dict[str, int]:
        return {f: int(getattr(self, f)) for f, _ in LICENSING_FIELDS}
