"""Fact lookup data: the synonym table, case fact texts, and the search index's change stamp."""

from __future__ import annotations

from django.db import models


class Synonym(models.Model):
    """同义词: words officers use (堵死, 上锁, 气割工) for the words the law uses (封堵, 锁闭, 特种作业).

    A query containing any officer term also searches the law terms. Maintained by catalog admins in
    the admin (audited) and exported/imported with the catalogue XLSX.
    """

    group = models.CharField("分组", max_length=60)
    officer_terms = models.CharField("执法人员用语", max_length=300, help_text="以空格或逗号分隔")
    law_terms = models.CharField("法律用语", max_length=300, help_text="以空格或逗号分隔")
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索同义词"
        verbose_name_plural = "检索同义词"
        ordering = ["group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "officer_terms"], name="discretion_synonym_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group}：{self.officer_terms} → {self.law_terms}"

    @staticmethod
    def split(value: str) -> tuple[str, ...]:
        return tuple(t for t in value.replace("，", " ").replace(",", " ").replace("、", " ").split() if t)


class CaseFactText(models.Model):
    """案件事实文本: a case's de-identified fact text pushed by cases for the violation it chose.

    Searchable text of that violation (matched by code or act code in every version); used to rank
    for every agency, never shown or highlighted (``agency`` keeps whose case it was).
    """

    agency = models.ForeignKey(
        "core.Agency", verbose_name="办案机构", on_delete=models.PROTECT, related_name="+"
    )
    case_ref = models.CharField("案件标识", max_length=60)
    violation_code = models.CharField("违法行为编码", max_length=40)
    text = models.TextField("事实（已脱敏）")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "案件事实文本"
        verbose_name_plural = "案件事实文本"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["case_ref", "violation_code"], name="discretion_case_fact_unique")
        ]
        indexes = [models.Index(fields=["violation_code"], name="discretion_casefact_code")]

    def __str__(self) -> str:
        return f"{self.case_ref} → {self.violation_code}"


class SearchIndexState(models.Model):
    """One row: a token that changes whenever something the search index is built from changes."""

    token = models.CharField(max_length=40)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索索引状态"
        verbose_name_plural = "检索索引状态"

    def __str__(self) -> str:
        return self.token
