"""API shapes of the discretion app (CONTRACT.md "Discretion calculator" and the violations list)."""

from __future__ import annotations

import math
from typing import Any

from rest_framework import serializers

from ..choices import PartyType, Stage
from ..models import BenchmarkVersion, StatutoryRange, Violation
from ..services.maintenance import tier_dict


def statutory_range_data(r: StatutoryRange) -> dict[str, Any]:
    data: dict[str, Any] = {
        "subject": r.subject,
        "stage": r.stage,
        "min": r.min_amount,
        "max": r.max_amount,
        "basis": r.basis,
    }
    if r.income_share_min is not None or r.income_share_max is not None:
        data["income_share"] = {
            "min": float(r.income_share_min if r.income_share_min is not None else r.income_share_max or 0),
            "max": float(r.income_share_max if r.income_share_max is not None else r.income_share_min or 0),
        }
    if r.gains_multiple_min is not None or r.gains_multiple_max is not None:
        data["illegal_gains_multiple"] = {
            "min": float(r.gains_multiple_min or 0),
            "max": float(r.gains_multiple_max or 0),
        }
    if r.conditions:
        data["conditions"] = r.conditions
    return data


class ViolationSerializer(serializers.ModelSerializer):
    """One catalogue violation: code, name, penalty_basis, statutory_ranges (CONTRACT.md) and extras."""

    penalty_basis = serializers.SerializerMethodField()
    statutory_ranges = serializers.SerializerMethodField()
    version = serializers.CharField(source="version.code", read_only=True)
    enforcement_item = serializers.SerializerMethodField()
    other_measures = serializers.SerializerMethodField()

    class Meta:
        model = Violation
        fields = [
            "id",
            "code",
            "name",
            "penalty_basis",
            "statutory_ranges",
            "other_measures",
            "violated_provision",
            "penalty_text",
            "enforcement_item",
            "keywords",
            "version",
            "act_code",
            "law_effective_from",
            "law_effective_to",
            "verification",
            "basis_note",
        ]

    def get_penalty_basis(self, obj: Violation) -> dict[str, Any]:
        return {"law": obj.law, "article": obj.article, "paragraph": obj.paragraph, "item": obj.item}

    def get_statutory_ranges(self, obj: Violation) -> list[dict[str, Any]]:
        return [statutory_range_data(r) for r in obj.statutory_ranges.all()]

    def get_enforcement_item(self, obj: Violation) -> dict[str, str] | None:
        item = obj.enforcement_item
        return {"code": item.code, "name": item.name} if item is not None else None

    def get_other_measures(self, obj: Violation) -> list[dict[str, Any]]:
        return [
            {"stage": m.stage, "kind": m.kind, "text": m.text, "conditions": m.conditions}
            for m in obj.measures.all()
        ]


class ViolationDetailSerializer(ViolationSerializer):
    tiers = serializers.SerializerMethodField()

    class Meta(ViolationSerializer.Meta):
        fields = [*ViolationSerializer.Meta.fields, "tiers"]

    def get_tiers(self, obj: Violation) -> list[dict[str, Any]]:
        return [tier_dict(t) for t in obj.tiers.all()]


class BenchmarkVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenchmarkVersion
        fields = [
            "id",
            "code",
            "name",
            "issuing_authority",
            "document_number",
            "jurisdiction",
            "region",
            "effective_from",
            "effective_to",
            "status",
            "verification",
            "note",
        ]


# The calculator's documented maximum for money facts (上一年年收入, 违法所得): 1 万亿元. Larger values are
# refused (400) rather than carried into decimal arithmetic that cannot represent them.
MAX_MONEY_FACT = 10**12
MONEY_FACTS = ("prior_year_income", "illegal_gains")


class RecommendRequestSerializer(serializers.Serializer):
    """Request of POST /api/v1/discretion/recommend/ (CONTRACT.md)."""

    violation = serializers.CharField(max_length=40)
    party_type = serializers.ChoiceField(choices=PartyType.choices)
    tier = serializers.CharField(max_length=20, required=False, allow_blank=True, allow_null=True)
    circumstances = serializers.ListField(
        child=serializers.CharField(max_length=40), required=False, default=list
    )
    facts = serializers.DictField(required=False, default=dict)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False, default=Stage.FIRST)
    violation_date = serializers.DateField()
    decision_date = serializers.DateField()
    same_act = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        max_length=10,
        help_text="同一违法行为同时违反的其他违法行为编码（行政处罚法第二十九条：按罚款数额高的规定处罚）",
    )

    def validate_facts(self, facts: dict[str, Any]) -> dict[str, Any]:
        """Money facts are numbers of yuan; every number is finite and within ±MAX_MONEY_FACT (the calculator
        refuses negative money facts itself, with its own message)."""
        errors: list[str] = []
        for key, value in facts.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if not math.isfinite(value) or abs(value) > MAX_MONEY_FACT:
                errors.append(f"{key} 超出计算器支持的范围（绝对值不超过 {MAX_MONEY_FACT} 元）")
        for key in MONEY_FACTS:
            if key not in facts or facts[key] is None:
                continue
            value = facts[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                errors.append(f"{key} 应为数字（元）")
        if errors:
            raise serializers.ValidationError(errors)
        return facts
