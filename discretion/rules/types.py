"""Frozen dataclasses the calculator works on (no ORM): the benchmark data, the request, the answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


class CalculationError(ValueError):
    """Bad input to the calculator; the message is Chinese and shown to the user (HTTP 400)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Condition:
    """One structured fact test, e.g. uncertified_persons ≥ 3. ``default`` stands in for an absent fact;
    without a default an absent fact fails the test."""

    fact: str
    op: str  # eq ne lt lte gt gte
    value: Any
    default: Any = None


@dataclass(frozen=True)
class RangeSpec:
    """Statutory range for one subject and stage; min/max None = no money bound in the law."""

    subject: str
    stage: str
    min: int | None = None
    max: int | None = None
    income_share: tuple[Decimal, Decimal] | None = None
    gains_multiple: tuple[Decimal, Decimal] | None = None
    conditions: tuple[Condition, ...] = ()
    basis: str = ""


@dataclass(frozen=True)
class TierRangeSpec:
    subject: str
    stage: str
    min: int | None = None
    max: int | None = None
    lower_inclusive: bool = True
    upper_inclusive: bool = True


@dataclass(frozen=True)
class TierSpec:
    code: str
    name: str
    conditions: tuple[Condition, ...] = ()
    ranges: tuple[TierRangeSpec, ...] = ()
    conditions_text: str = ""
    source: str = ""


@dataclass(frozen=True)
class MeasureSpec:
    stage: str
    kind: str
    text: str
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class ViolationSpec:
    code: str
    name: str
    law: str
    law_full_name: str
    article: int
    paragraph: int | None = None
    item: int | None = None
    act_code: str = ""
    violated_provision: str = ""
    law_effective_from: dt.date | None = None
    law_effective_to: dt.date | None = None
    ranges: tuple[RangeSpec, ...] = ()
    tiers: tuple[TierSpec, ...] = ()
    measures: tuple[MeasureSpec, ...] = ()
    verification: str = ""

    @property
    def act(self) -> str:
        return self.act_code or self.code

    def law_in_force(self, on: dt.date) -> bool:
        return (self.law_effective_from is None or self.law_effective_from <= on) and (
            self.law_effective_to is None or on <= self.law_effective_to
        )


@dataclass(frozen=True)
class CircumstanceSpec:
    code: str
    name: str
    kind: str  # no_penalty / lighter / reduced / heavier
    statutory: bool = False
    mandatory: bool = True
    article: str = ""


@dataclass(frozen=True)
class VersionSpec:
    code: str
    name: str
    document_number: str = ""
    jurisdiction: str = "national"
    effective_from: dt.date = dt.date(1900, 1, 1)
    effective_to: dt.date | None = None
    violations: tuple[ViolationSpec, ...] = ()
    circumstances: tuple[CircumstanceSpec, ...] = ()

    @property
    def label(self) -> str:
        return f"《{self.name}》" + (f"（{self.document_number}）" if self.document_number else "")

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class FirstOffenceSpec:
    """One item of a 首违不罚 list with its list's conditions and period."""

    list_code: str
    list_name: str
    number: int
    description: str
    violation_codes: tuple[str, ...]
    effective_from: dt.date
    effective_to: dt.date | None = None
    list_conditions: tuple[Condition, ...] = ()
    scope_conditions: tuple[Condition, ...] = ()
    scope_text: str = ""

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class ReviewCriterionSpec:
    code: str
    name: str
    kind: str  # fine_amount / measure / reduction
    basis: str
    subject_group: str = ""  # unit / person
    threshold: int | None = None
    measure_kind: str = ""
    legal_review: bool = True
    collective_discussion: bool = False
    hearing: bool = False


@dataclass(frozen=True)
class Catalog:
    """Everything the calculator may use for one request, loaded by services.load_catalog."""

    versions: tuple[VersionSpec, ...] = ()
    statutory_circumstances: tuple[CircumstanceSpec, ...] = ()
    first_offence: tuple[FirstOffenceSpec, ...] = ()
    review_criteria: tuple[ReviewCriterionSpec, ...] = ()


@dataclass(frozen=True)
class RecommendationRequest:
    """The calculator's input (CONTRACT.md "Discretion calculator")."""

    violation: str
    party_type: str
    violation_date: dt.date
    decision_date: dt.date
    stage: str = "first"
    tier: str | None = None
    circumstances: tuple[str, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)
    # other violation codes the same act also violates (行政处罚法 Art 29: one fine, the higher provision)
    same_act: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fine:
    subject: str
    min: int
    max: int
    recommended: int
    statutory_min: int | None
    statutory_max: int | None
    basis: str = ""


@dataclass(frozen=True)
class Recommendation:
    violation: ViolationSpec
    version: VersionSpec
    version_reason: str
    tier: TierSpec | None
    fines: tuple[Fine, ...]
    other_measures: tuple[str, ...]
    no_penalty_possible: bool
    no_penalty_required: bool
    requires_legal_review: bool
    requires_collective_discussion: bool
    hearing_right: bool
    reduced: bool
    review_reasons: tuple[str, ...]
    basis: tuple[str, ...]
    explanation: tuple[str, ...]
    first_offence: FirstOffenceSpec | None = None
    same_act_reason: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON answer of POST /api/v1/discretion/recommend/ (CONTRACT.md), plus extensions."""
        v = self.violation
        return {
            "violation": {
                "code": v.code,
                "name": v.name,
                "penalty_basis": {
                    "law": v.law,
                    "article": v.article,
                    "paragraph": v.paragraph,
                    "item": v.item,
                },
            },
            "benchmark_version": self.version.code,
            "benchmark_version_name": self.version.label,
            "version_reason": self.version_reason,
            "same_act_reason": self.same_act_reason,
            "tier": {"code": self.tier.code, "name": self.tier.name} if self.tier else None,
            "fines": [
                {
                    "subject": f.subject,
                    "min": f.min,
                    "max": f.max,
                    "recommended": f.recommended,
                    "statutory_min": f.statutory_min,
                    "statutory_max": f.statutory_max,
                }
                for f in self.fines
            ],
            "other_measures": list(self.other_measures),
            "no_penalty_possible": self.no_penalty_possible,
            "no_penalty_required": self.no_penalty_required,
            "requires_legal_review": self.requires_legal_review,
            "requires_collective_discussion": self.requires_collective_discussion,
            "hearing_right": self.hearing_right,
            "reduced": self.reduced,
            "review_reasons": list(self.review_reasons),
            "first_offence": (
                {
                    "list": self.first_offence.list_name,
                    "number": self.first_offence.number,
                    "description": self.first_offence.description,
                }
                if self.first_offence
                else None
            ),
            "basis": list(self.basis),
            "explanation": list(self.explanation),
        }
