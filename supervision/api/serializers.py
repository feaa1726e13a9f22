from __future__ import annotations

from typing import Any

from rest_framework import serializers

from ..models import CaseFileReview, ReviewScore


class ScoreSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # DRF generic
    item = serializers.CharField(source="item.code")
    text = serializers.CharField(source="item.text")
    points = serializers.IntegerField(source="item.points")
    is_veto = serializers.BooleanField(source="item.is_veto")

    class Meta:
        model = ReviewScore
        fields = [
            "item",
            "text",
            "points",
            "is_veto",
            "awarded",
            "veto_hit",
            "finding",
            "document",
            "premark",
            "premark_reason",
            "confirmed",
        ]


class ReviewSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]  # DRF generic
    campaign = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    rubric = serializers.SerializerMethodField()
    reviewer = serializers.CharField(source="reviewer.username", default=None)

    class Meta:
        model = CaseFileReview
        fields = [
            "id",
            "campaign",
            "case",
            "agency",
            "rubric",
            "reviewer",
            "status",
            "total",
            "grade",
            "veto_hit",
            "excellent",
            "submitted_at",
        ]

    def get_campaign(self, obj: CaseFileReview) -> dict[str, Any]:
        return {"id": obj.campaign_id, "name": obj.campaign.name}

    def get_case(self, obj: CaseFileReview) -> dict[str, Any]:
        return {"id": obj.case_id, "number": obj.case.number, "cause": obj.case.cause}

    def get_rubric(self, obj: CaseFileReview) -> dict[str, Any]:
        return {"code": obj.rubric.code, "version": obj.rubric.version}


class ReviewDetailSerializer(ReviewSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    rechecker = serializers.CharField(source="rechecker.username", default=None)

    class Meta(ReviewSerializer.Meta):
        fields = [
            *ReviewSerializer.Meta.fields,
            "summary",
            "objection",
            "rechecker",
            "recheck_opinion",
            "first_total",
            "first_grade",
            "scores",
        ]
