"""Closing and the sealed archive (spec §2.2 rows 15–16; 15号令 Art 65): the 结案 record, the dossier
versions (the first at 归档, a new one with a new hash when a later fact is appended as a supplement —
ERRATA), supplements, and borrowing with the head's approval."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CloseGround(models.TextChoices):
    PERFORMED = "performed", "当事人已履行"
    COURT_ENFORCED = "court_enforced", "人民法院已强制执行"
    NO_PENALTY = "no_penalty", "决定不予行政处罚"
    TRANSFERRED = "transferred", "已移送有关机关"
    OTHER = "other", "其他结案情形"


class CaseClosure(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="closure")
    ground = models.CharField("结案理由", max_length=16, choices=CloseGround.choices)
    note = models.TextField("结案说明", blank=True)
    closed_on = models.DateField("结案日")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    document = models.ForeignKey(
        "core.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="结案审批表",
    )

    class Meta:
        verbose_name = "结案"
        verbose_name_plural = "结案"

    def __str__(self) -> str:
        return f"结案 {self.case_id}"


class CaseDossier(models.Model):
    """One version of the archived file as a single PDF: 案卷首页, 卷内目录, the materials, 备考表."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="dossiers")
    version = models.PositiveSmallIntegerField("版本")
    file = models.FileField(upload_to="dossiers/%Y/")
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField("总页数")
    material_pages = models.PositiveIntegerField("卷内材料页数")
    items = models.PositiveIntegerField("卷内材料件数")
    reason = models.CharField("生成原因", max_length=200)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "案卷"
        verbose_name_plural = "案卷"
        ordering = ["case_id", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="uniq_dossier_version")]

    def __str__(self) -> str:
        return f"案卷 {self.case_id} v{self.version}"


class CaseSupplement(models.Model):
    """A fact that came after archiving (a litigation outcome, a withdrawal, a credit repair …): appended
    to the file, never written into it; the dossier is re-issued with the supplement in its 备考表."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="supplements")
    title = models.CharField("事项", max_length=200)
    text = models.TextField("说明")
    on_date = models.DateField("发生日")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "归档后补充材料"
        verbose_name_plural = "归档后补充材料"
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.title


class BorrowingStatus(models.TextChoices):
    PENDING = "pending", "待批准"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "不予批准"
    RETURNED = "returned", "已归还"


class CaseBorrowing(models.Model):
    """借阅: a request, the head's approval, the period, the return; every dossier download is logged."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="borrowings")
    borrower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField("借阅事由", max_length=300)
    until = models.DateField("借阅期限")
    status = models.CharField(
        "状态", max_length=10, choices=BorrowingStatus.choices, default=BorrowingStatus.PENDING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    opinion = models.CharField("审批意见", max_length=300, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "案卷借阅"
        verbose_name_plural = "案卷借阅"
        ordering = ["case_id", "-id"]

    def __str__(self) -> str:
        return f"借阅 {self.case_id} {self.get_status_display()}"
