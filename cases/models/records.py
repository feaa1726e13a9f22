"""Structured evidence (笔录 and 凭证) of a case: 询问笔录, 勘验笔录/现场笔录, 抽样取证 (spec §1.8, §4.1 rows
03–05; 行政处罚法 Art 55). Each is written once by the handlers through ``cases.services.records`` and issued
as a numbered 文书; like uploads, never deleted once filed."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RecordBase(models.Model):
    """What every record carries: the case, the officers present (a snapshot of name and certificate number
    on the day, 行政处罚法 Art 42/55), who wrote it and the issued 文书."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    officers = models.JSONField("执法人员", default=list)  # [{"id", "name", "certificate"}]
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    document = models.ForeignKey(
        "core.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["id"]

    @property
    def officer_names(self) -> str:
        return "、".join(o["name"] for o in self.officers)


class Interview(RecordBase):
    """询问笔录: who was questioned, when and where, by whom, the rights read, the questions and answers."""

    interviewee_name = models.CharField("被询问人", max_length=50)
    interviewee_id_number = models.CharField("身份证号码", max_length=18, blank=True)
    interviewee_role = models.CharField("工作单位及职务/与当事人关系", max_length=100)
    interviewee_phone = models.CharField("联系电话", max_length=30, blank=True)
    started_at = models.DateTimeField("询问开始时间")
    ended_at = models.DateTimeField("询问结束时间")
    place = models.CharField("询问地点", max_length=200)
    recorder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    rights_statement = models.TextField("告知内容")
    qa = models.JSONField("问答", default=list)  # [{"q": "...", "a": "..."}] in order

    class Meta(RecordBase.Meta):
        verbose_name = "询问笔录"
        verbose_name_plural = "询问笔录"

    def __str__(self) -> str:
        return f"询问笔录（{self.interviewee_name}）"


class SiteRecordKind(models.TextChoices):
    INSPECTION = "inspection", "勘验笔录"
    SCENE = "scene", "现场笔录"


class SiteRecord(RecordBase):
    """勘验笔录 / 现场笔录: time, place, persons present, findings, the sketch and photos among the uploads."""

    kind = models.CharField("笔录种类", max_length=12, choices=SiteRecordKind.choices)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    place = models.CharField("地点", max_length=200)
    present = models.JSONField("在场人员", default=list)  # ["姓名（身份）", ...]
    findings = models.TextField("勘验/检查情况")
    evidence = models.ManyToManyField(
        "cases.CaseEvidence", blank=True, related_name="+", verbose_name="附图/照片"
    )

    class Meta(RecordBase.Meta):
        verbose_name = "勘验笔录/现场笔录"
        verbose_name_plural = "勘验笔录/现场笔录"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.place}）"


class Sampling(RecordBase):
    """抽样取证: the items sampled (name, specification, quantity, batch), where and how; 抽样取证凭证."""

    sampled_at = models.DateTimeField("抽样时间")
    place = models.CharField("抽样地点", max_length=200)
    holder = models.CharField("被抽样单位/人", max_length=200)
    method = models.CharField("抽样方式", max_length=200, blank=True)
    items = models.JSONField("抽样物品", default=list)  # [{"name", "spec", "quantity", "batch"}]

    class Meta(RecordBase.Meta):
        verbose_name = "抽样取证"
        verbose_name_plural = "抽样取证"

    def __str__(self) -> str:
        return f"抽样取证（{self.place}）"
