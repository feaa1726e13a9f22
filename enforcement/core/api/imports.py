"""Read-only API for import jobs: ``/api/v1/import-jobs/`` — progress and report of the user's own imports."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions, serializers, viewsets

from ..models import ImportJob
from ..models.imports import ImportJobQuerySet


class ImportErrorSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    key = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class ImportReportSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    errors = ImportErrorSerializer(many=True)  # type: ignore[assignment]  # a field named like Serializer.errors


class ImportJobSerializer(serializers.ModelSerializer[ImportJob]):
    percent = serializers.IntegerField(read_only=True)
    report = ImportReportSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "kind",
            "label",
            "status",
            "filename",
            "total_rows",
            "done_rows",
            "percent",
            "report",
            "error",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class ImportJobViewSet(viewsets.ReadOnlyModelViewSet[ImportJob]):
    """The imports the caller started, newest first; a queued or running job shows its progress."""

    serializer_class = ImportJobSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> ImportJobQuerySet:
        return ImportJob.objects.visible_to(self.request.user).order_by("-created_at", "-id")
