"""Recall@k and MRR of the fact lookup over an evaluation set (used by the test and ``make bench``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    split: str  # "tune" or "heldout"
    codes: frozenset[str]
    text: str


@dataclass(frozen=True)
class Scores:
    n: int
    recall_at_1: float
    recall_at_5: float
    mrr: float
    misses: tuple[str, ...]  # texts whose right violation is not in the first five


def read_cases(path: Path) -> list[Case]:
    """Rows ``split<TAB>code|code<TAB>text``; ``#`` lines are comments."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        split, codes, text = line.split("\t", 2)
        cases.append(Case(split.strip(), frozenset(codes.split("|")), text.strip()))
    return cases


def score(cases: Sequence[Case], ranked_codes: Callable[[str], list[str]]) -> Scores:
    """A hit at rank r counts when any of the case's codes is there."""
    r1 = r5 = 0
    rr = 0.0
    misses = []
    for case in cases:
        codes = ranked_codes(case.text)
        rank = next((i + 1 for i, c in enumerate(codes) if c in case.codes), None)
        if rank == 1:
            r1 += 1
        if rank is not None and rank <= 5:
            r5 += 1
        else:
            misses.append(case.text)
        if rank is not None:
            rr += 1 / rank
    n = len(cases) or 1
    return Scores(len(cases), r1 / n, r5 / n, rr / n, tuple(misses))
