"""Serializers of /api/v1/inspections/ and /api/v1/hazards/ (CONTRACT.md)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..choices import RecheckResult
from ..models import Hazard, HazardEvent, Inspection, InspectionAttachment, InspectionCheck


class InspectionSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    record_number = serializers.CharField(source="record_document.number", default="", read_only=True)

    class Meta:
        model = Inspection
        fields = [
            "id",
            "scheme",
            "agency",
            "enterprise",
            "enterprise_name",
            "status",
            "started_at",
            "ended_at",
            "place",
            "record_number",
        ]


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionCheck
        fields = ["order", "text", "legal_basis", "violation_code", "result", "note"]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionAttachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "caption", "hazard", "uploaded_at"]


class InspectionDetailSerializer(InspectionSerializer):
    checks = CheckSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    officers = serializers.SerializerMethodField()
    hazards = serializers.SerializerMethodField()

    class Meta(InspectionSerializer.Meta):
        fields = [
            *InspectionSerializer.Meta.fields,
            "main_person_present",
            "safety_managers_present",
            "operators_present",
            "summary",
            "handling",
            "signed_by",
            "signed_at",
            "refused_to_sign",
            "witness",
            "officers",
            "checks",
            "attachments",
            "hazards",
        ]

    def get_officers(self, obj: Inspection) -> list[dict[str, Any]]:
        return [{"id": u.pk, "name": u.display_name} for u in sorted(obj.officers.all(), key=lambda u: u.pk)]

    def get_hazards(self, obj: Inspection) -> list[int]:
        return sorted(h.pk for h in obj.hazards.all())


class HazardSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    standard_item = serializers.CharField(source="standard_item.code", default=None, read_only=True)

    class Meta:
        model = Hazard
        fields = [
            "id",
            "inspection",
            "agency",
            "enterprise",
            "enterprise_name",
            "level",
            "status",
            "description",
            "standard_item",
            "violation_code",
            "deadline",
            "recheck_due",
            "recheck_result",
            "closed_at",
        ]


class HazardEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = HazardEvent
        fields = ["action", "from_status", "to_status", "on_date", "data", "actor", "at"]


class HazardDetailSerializer(HazardSerializer):
    events = HazardEventSerializer(many=True, read_only=True)
    documents = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()
    blocked_actions = serializers.SerializerMethodField()

    class Meta(HazardSerializer.Meta):
        fields = [
            *HazardSerializer.Meta.fields,
            "location",
            "onsite_measures",
            "ordered_on",
            "original_deadline",
            "rechecked_on",
            "documents",
            "case",
            "events",
            "available_actions",
            "blocked_actions",
        ]

    def get_documents(self, obj: Hazard) -> list[dict[str, Any]]:
        docs = [obj.order_document, obj.measures_document, *[r.document for r in obj.rechecks.all()]]
        return [
            {
                "id": d.pk,
                "kind": d.kind,
                "title": d.title,
                "number": d.number,
                "pdf": f"/documents/{d.pk}/pdf/",
            }
            for d in docs
            if d is not None
        ]

    def get_case(self, obj: Hazard) -> int | None:
        return obj.case_object_id

    def get_available_actions(self, obj: Hazard) -> list[str]:
        return list(self.context["actions"][0])

    def get_blocked_actions(self, obj: Hazard) -> list[dict[str, Any]]:
        return list(self.context["actions"][1])


class OrderInput(serializers.Serializer):
    deadline = serializers.DateField()
    onsite_measures = serializers.CharField(required=False, allow_blank=True, default="")


class ExtensionInput(serializers.Serializer):
    requested_deadline = serializers.DateField()
    reason = serializers.CharField()
    requested_on = serializers.DateField(required=False)


class DecisionInput(serializers.Serializer):
    approved = serializers.BooleanField()
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class RecheckInput(serializers.Serializer):
    result = serializers.ChoiceField(choices=RecheckResult.choices)
    date = serializers.DateField(required=False)
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


ACTION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "order_rectification": OrderInput,
    "request_extension": ExtensionInput,
    "decide_extension": DecisionInput,
    "recheck": RecheckInput,
    "escalate": ReasonInput,
    "file_case": ReasonInput,
}
