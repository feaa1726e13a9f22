"""Serializers of /api/v1/officers/, /api/v1/certificates/, /api/v1/training-records/ (CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from ..choices import ReviewResult, TrainingKind, TrainingResult
from ..models import Certificate, CertificateEvent, Officer, TrainingRecord


class OfficerSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", default=None, read_only=True)
    is_assistant = serializers.SerializerMethodField()
    may_enforce = serializers.SerializerMethodField()

    class Meta:
        model = Officer
        fields = ["id", "username", "real_name", "agency", "agency_name", "is_assistant", "may_enforce"]

    def get_is_assistant(self, obj: Any) -> bool:
        return bool(getattr(obj, "assistant_flag", False))

    def get_may_enforce(self, obj: Any) -> dict[str, Any]:
        verdict = self.context["verdicts"].get(obj.pk)
        return verdict.as_dict() if verdict is not None else {"allowed": False, "reasons": []}


class CertificateEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = CertificateEvent
        fields = ["action", "from_status", "to_status", "on_date", "reason", "data", "actor", "created_at"]


class CertificateSerializer(serializers.ModelSerializer):
    holder_username = serializers.CharField(source="holder.username", read_only=True)
    holder_name = serializers.CharField(source="holder.display_name", read_only=True)
    expired = serializers.SerializerMethodField(help_text="derived from expires_on; never stored")

    class Meta:
        model = Certificate
        fields = [
            "id",
            "holder",
            "holder_username",
            "holder_name",
            "agency",
            "number",
            "issuing_authority",
            "areas",
            "categories",
            "status",
            "expired",
            "applied_on",
            "issued_on",
            "expires_on",
            "suspended_from",
            "suspended_until",
            "status_reason",
            "status_changed_on",
            "replaces",
        ]
        read_only_fields = fields

    def get_expired(self, obj: Certificate) -> bool:
        return obj.is_expired(self.context.get("on") or timezone.localdate())


class CertificateDetailSerializer(CertificateSerializer):
    events = CertificateEventSerializer(many=True, read_only=True)
    annual_reviews = serializers.SerializerMethodField()

    class Meta(CertificateSerializer.Meta):
        fields = [*CertificateSerializer.Meta.fields, "events", "annual_reviews"]
        read_only_fields = fields

    def get_annual_reviews(self, obj: Certificate) -> list[dict[str, Any]]:
        return [
            {"year": r.year, "result": r.result, "reviewed_on": r.reviewed_on.isoformat()}
            for r in obj.annual_reviews.all()
        ]


class ApplyInput(serializers.Serializer):
    holder = serializers.IntegerField()
    applied_on = serializers.DateField(required=False)
    areas = serializers.CharField(required=False, allow_blank=True, default="")
    categories = serializers.CharField(required=False, default="安全生产")


class IssueInput(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    issuing_authority = serializers.CharField(max_length=100)
    issued_on = serializers.DateField(required=False)
    expires_on = serializers.DateField(required=False)
    areas = serializers.CharField(required=False, allow_blank=True, default="")


class AnnualReviewInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    result = serializers.ChoiceField(choices=ReviewResult.choices)
    reviewed_on = serializers.DateField(required=False)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class RenewInput(serializers.Serializer):
    number = serializers.CharField(max_length=40)
    issued_on = serializers.DateField(required=False)
    expires_on = serializers.DateField(required=False)
    issuing_authority = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, default="换发")


class SuspendInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    suspended_from = serializers.DateField(required=False)
    suspended_until = serializers.DateField(required=False, allow_null=True)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    on_date = serializers.DateField(required=False)


class LiftInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    on_date = serializers.DateField(required=False)


class TrainingRecordSerializer(serializers.ModelSerializer):
    officer_username = serializers.CharField(source="officer.username", read_only=True)
    officer_name = serializers.CharField(source="officer.display_name", read_only=True)
    kind = serializers.ChoiceField(choices=TrainingKind.choices)
    result = serializers.ChoiceField(choices=TrainingResult.choices)

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "officer",
            "officer_username",
            "officer_name",
            "agency",
            "course",
            "kind",
            "title",
            "start_on",
            "hours",
            "result",
            "score",
            "remarks",
            "created_at",
        ]
        read_only_fields = ["id", "officer_username", "officer_name", "agency", "course", "created_at"]
        extra_kwargs = {"officer": {"queryset": Officer.objects.none()}}
