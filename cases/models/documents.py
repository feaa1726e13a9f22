"""The render context a case 文书 was issued with (frozen to JSON by the core document renderer), so the
issued PDF can be re-rendered later and compared with the file and SHA-256 kept by core."""

from __future__ import annotations

from django.db import models


class CaseDocument(models.Model):
    document = models.OneToOneField("core.Document", on_delete=models.PROTECT, related_name="case_context")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="document_contexts")
    context = models.JSONField("出具时的文书内容", default=dict)

    class Meta:
        verbose_name = "案件文书内容"
        verbose_name_plural = "案件文书内容"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"文书内容 {self.document_id}"
