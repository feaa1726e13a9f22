"""Evidence (证据) of a case: uploaded with kind, collector, time and place of capture; SHA-256, size and
sniffed type on arrival; never deleted once the case is filed (superseded with a reason); every download
is logged (chain of custody)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EvidenceKind(models.TextChoices):
    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY = "party", "当事人陈述"
    EXPERT = "expert", "鉴定意见"
    INSPECTION_RECORD = "inspection_record", "勘验笔录、现场笔录"
    PHOTO = "photo", "现场照片"


class CaseEvidence(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind.choices)
    description = models.CharField("证明内容", max_length=300)
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)
    collected_at = models.DateTimeField("取证时间", null=True, blank=True)
    place = models.CharField("取证地点", max_length=200, blank=True)
    collector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField("作废时间", null=True, blank=True)
    superseded_reason = models.CharField("作废理由", max_length=300, blank=True)
    superseded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"


class EvidenceDownload(models.Model):
    evidence = models.ForeignKey(CaseEvidence, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.evidence_id} ← {self.user_id}"
