"""文书 — numbering patterns, counters and issued documents."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..rules.numbering import validate_pattern


class SequenceSource(models.TextChoices):
    """Where a document number's sequence comes from (spec §4.2: some systems number every document
    of one case with the case number)."""

    COUNTER = "counter", "本机构按年流水号"
    CASE = "case", "使用案件编号（同案文书同号）"


class NumberingPattern(models.Model):
    """How one agency numbers one kind of document, e.g. ``（{short}）应急罚〔{year}〕{seq}号``."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE, related_name="numbering_patterns")
    kind = models.CharField("文书种类", max_length=40)
    pattern = models.CharField(
        "编号格式",
        max_length=100,
        validators=[validate_pattern],
        help_text="占位符：{short} 机构简称、{code} 文书代字、{year} 年份、{seq} 序号；如（{short}）应急罚〔{year}〕{seq}号",
    )
    sequence_source = models.CharField(
        "序号来源", max_length=10, choices=SequenceSource.choices, default=SequenceSource.COUNTER
    )

    class Meta:
        verbose_name = "文书编号格式"
        verbose_name_plural = "文书编号格式"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="uniq_numbering_pattern")]

    def __str__(self) -> str:
        return f"{self.agency} {self.kind}: {self.pattern}"


class DocumentCounter(models.Model):
    """Last sequence number issued per agency, year and document kind; allocated under a row lock."""

    agency = models.ForeignKey("core.Agency", on_delete=models.CASCADE)
    kind = models.CharField(max_length=40)
    year = models.PositiveIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year"], name="uniq_document_counter")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last_value}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: object) -> DocumentQuerySet:
        """Documents of the agencies in the user's scope (officer: own agency; subtree roles: subtree);
        a document about an object whose app registered an object scope (a case) only where the user
        may see that object (ERRATA: a decision PDF is visible exactly as its case is)."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Q

        from ..access import agency_scope_filter
        from ..registry import object_scopes

        # A document about a scoped object is visible exactly as that object is (so a per-object read
        # grant, e.g. a campaign reviewer's on a case of another agency, reaches its documents too);
        # any other document by the agency scope.
        q = agency_scope_filter(user, "agency")
        scoped = Q()
        for label, scope in object_scopes().items():
            ct = ContentType.objects.get_by_natural_key(*label.split("."))
            q &= ~Q(content_type=ct)
            scoped |= Q(content_type=ct, object_id__in=scope(user))
        if scoped:
            q |= scoped
        return self.filter(q).select_related("agency")


class Document(models.Model):
    """文书: an issued, numbered PDF with its SHA-256."""

    kind = models.CharField("文书种类", max_length=40)
    title = models.CharField("标题", max_length=200)
    number = models.CharField("文号", max_length=100, blank=True)
    year = models.PositiveIntegerField("编号年度", null=True, blank=True)
    # The counter sequence; null when unnumbered or when the number borrows the case number
    # (SequenceSource.CASE), where several documents legitimately share one sequence.
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="documents")
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    file = models.FileField(upload_to="documents/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "seq"],
                name="uniq_document_number",
                condition=models.Q(seq__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"
