"""Calibration against published decisions (``make bench``): the table of decisions kept in the repository
(benchmarks/data/calibration_decisions.tsv) and the calculator's recommendation for each of them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..choices import PartyType, Stage
from ..rules.calibration import range_share
from ..rules.types import RecommendationRequest
from ..search.evaluation import Case
from .catalog import recommend


@dataclass(frozen=True)
class PublishedDecision:
    code: str  # violation code of the seed catalogue
    decided: int  # fine decided on the unit, yuan
    facts: dict[str, Any]  # calculator facts known from the source (e.g. uncertified_persons)
    agency: str
    decided_on: str  # as published ("2023-06", "2024-08-22")
    summary: str
    source: str  # URL — title


@dataclass(frozen=True)
class CalibrationRow:
    decision: PublishedDecision
    recommended: int
    statutory_min: int | None
    statutory_max: int
    tier: str  # tier code the calculator chose, "" for the statutory range
    share: float


def read_decisions(path: Path) -> list[PublishedDecision]:
    """Rows ``code, decided, facts JSON, agency, date, summary, source`` (tab-separated; ``#`` comments)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, decided, facts, agency, on, summary, source = line.split("\t")
        rows.append(
            PublishedDecision(code, int(decided), json.loads(facts), agency, on, summary, source.strip())
        )
    return rows


def calibrate(decisions: Sequence[PublishedDecision], on: dt.date) -> list[CalibrationRow]:
    """The recommendation for each decision's violation and facts as if decided on ``on`` (first instance,
    a unit, no circumstances), with its distance from the decided fine as a share of the statutory range.
    Reads only."""
    out = []
    for d in decisions:
        result = recommend(
            RecommendationRequest(
                violation=d.code,
                party_type=PartyType.UNIT,
                violation_date=on,
                decision_date=on,
                stage=Stage.FIRST,
                facts=d.facts,
            )
        )
        fine = next(f for f in result.fines if f.subject == "unit")
        if fine.statutory_max is None:
            continue
        out.append(
            CalibrationRow(
                decision=d,
                recommended=fine.recommended,
                statutory_min=fine.statutory_min,
                statutory_max=fine.statutory_max,
                tier=result.tier.code if result.tier else "",
                share=range_share(fine.recommended, d.decided, fine.statutory_min, fine.statutory_max),
            )
        )
    return out


def decision_cases(decisions: Sequence[PublishedDecision]) -> list[Case]:
    """The decisions' fact summaries as a further evaluation split of the fact lookup ("decisions"):
    facts as published decisions state them, never used for tuning."""
    return [
        Case("decisions", frozenset({d.code}), d.summary.split("note:")[0].strip(" 。")) for d in decisions
    ]
