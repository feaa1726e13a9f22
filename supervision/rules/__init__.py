"""Pure rules of 案卷评查: scoring against a rubric, grade bands, sample sizes and the pre-marks the system
can read from a dossier. No database.

The default rubric's 卷面 20 / 内容 80 split, its veto list and the bands (≥ 90 优秀, 60–89 合格, < 60 or any
veto → 不合格) are a labelled default taken from other sectors' published 评查标准 (spec §8 ◐), not the
weights of DB 32/T 4181—2021 (not retrievable, ❓): they are data in the rubric, not code here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

EXCELLENT = "excellent"
PASS = "pass"
FAIL = "fail"


class ScoreError(ValueError):
    """A score outside the item's points (the message is Chinese, for the reviewer)."""


@dataclass(frozen=True)
class ItemScore:
    code: str
    points: int  # the item's maximum
    is_veto: bool
    awarded: int | None  # None: not scored yet
    veto_hit: bool = False


@dataclass(frozen=True)
class ScoreResult:
    total: int
    grade: str
    veto_hit: bool
    vetoes: tuple[str, ...]
    missing: tuple[str, ...]  # items not scored yet

    @property
    def complete(self) -> bool:
        return not self.missing


def grade_for(total: int, veto_hit: bool, *, excellent_min: int = 90, pass_min: int = 60) -> str:
    """优秀 / 合格 / 不合格 from the total and the bands; any veto hit is 不合格 whatever the points."""
    if veto_hit:
        return FAIL
    if total >= excellent_min:
        return EXCELLENT
    if total >= pass_min:
        return PASS
    return FAIL


def score(items: Iterable[ItemScore], *, excellent_min: int = 90, pass_min: int = 60) -> ScoreResult:
    """Sum the awarded points of the scored items; a veto hit sets the total to 0 (基本标准: "any failure ⇒
    score 0 / 不合格卷", spec §8 ◐). Raises ``ScoreError`` for points below 0 or above the item's maximum."""
    total = 0
    vetoes: list[str] = []
    missing: list[str] = []
    for it in items:
        if it.is_veto:
            if it.veto_hit:
                vetoes.append(it.code)
            continue
        if it.awarded is None:
            missing.append(it.code)
            continue
        if it.awarded < 0 or it.awarded > it.points:
            raise ScoreError(f"{it.code} 的得分须在 0 至 {it.points} 分之间（当前为 {it.awarded}）")
        total += it.awarded
    veto_hit = bool(vetoes)
    if veto_hit:
        total = 0
    return ScoreResult(
        total=total,
        grade=grade_for(total, veto_hit, excellent_min=excellent_min, pass_min=pass_min),
        veto_hit=veto_hit,
        vetoes=tuple(vetoes),
        missing=tuple(missing),
    )


def check_bands(excellent_min: int, pass_min: int, max_points: int) -> list[str]:
    """Problems of a rubric's bands and points (empty when it may be published)."""
    problems = []
    if not 0 < pass_min < excellent_min <= max_points:
        problems.append(
            f"分数线须满足 0 < 合格线（{pass_min}） < 优秀线（{excellent_min}） ≤ 总分（{max_points}）"
        )
    return problems


# --- sampling ------------------------------------------------------------------------------------------


def sample_size(pool: int, ratio_percent: Decimal, minimum: int) -> int:
    """How many of an agency's ``pool`` files to draw: at least ``ratio`` % (rounded up, so the share is
    never below the rule) and at least ``minimum``, never more than the pool (seed 004 ◐: ≥ 30 % of cases,
    ≥ 20 % of schemes)."""
    if pool <= 0:
        return 0
    by_ratio = math.ceil(Decimal(pool) * ratio_percent / 100) if ratio_percent > 0 else 0
    return min(pool, max(int(by_ratio), minimum))


def meets_rule(pool: int, drawn: int, ratio_percent: Decimal, minimum: int) -> bool:
    if pool == 0:
        return drawn == 0
    return drawn * 100 >= ratio_percent * pool and drawn >= min(pool, minimum)


# --- pre-marks from the dossier ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the case (a timeline event) and how many of its handlers might enforce on that day."""

    action: str
    label: str
    on: dt.date
    qualified: int
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class DossierFacts:
    review_required: bool
    review_approved: bool
    decided_on: dt.date | None
    decision_due: dt.date | None
    overdue_reason: str
    steps: Sequence[Step] = ()
    # (decision number or party, served_on or None, proof of service on file) of each decision in force;
    # the proof is the 送达回执 (or what stands for it: the postal receipt date, the electronic arrival,
    # the 公告 publication)
    decisions: Sequence[tuple[str, dt.date | None, bool]] = field(default_factory=tuple)
    # (decision number or party, the 公示 due date — 7 working days after the decision —, first published
    # on or None) of each penalty decision
    publications: Sequence[tuple[str, dt.date, dt.date | None]] = field(default_factory=tuple)


@dataclass(frozen=True)
class PreMark:
    check: str
    fault: bool
    reason: str


def premark_legal_review(f: DossierFacts) -> PreMark:
    """行政处罚法 Art 58 ✅: a decision the law sends to 法制审核 needs an approved review before it is made."""
    if not f.review_required:
        return PreMark("legal_review", False, "本案不属于应当法制审核的情形")
    if f.review_approved:
        return PreMark("legal_review", False, "已经法制审核并通过")
    return PreMark(
        "legal_review", True, "本案属于应当进行法制审核的情形（行政处罚法第五十八条），但案卷中无审核通过记录"
    )


def premark_decision_deadline(f: DossierFacts) -> PreMark:
    """行政处罚法 Art 60 ✅ / 15号令: a decision after the case period (ERRATA: overdue needs a recorded reason
    and is flagged here)."""
    if f.decided_on is None:
        return PreMark("decision_deadline", False, "尚未作出决定")
    if f.decision_due is not None and f.decided_on > f.decision_due:
        reason = f"决定日 {f.decided_on.isoformat()} 晚于办案期限届满日 {f.decision_due.isoformat()}"
        if f.overdue_reason:
            reason += f"（记录的超期理由：{f.overdue_reason}）"
        return PreMark("decision_deadline", True, reason)
    if f.overdue_reason:
        return PreMark("decision_deadline", True, f"案卷记录了超期作出决定的理由：{f.overdue_reason}")
    return PreMark("decision_deadline", False, "在办案期限内作出决定")


def premark_two_officers(f: DossierFacts) -> PreMark:
    """行政处罚法 Art 42 ✅: at least two officers with enforcement qualification at every step."""
    short = [s for s in f.steps if s.qualified < 2]
    if not short:
        return PreMark("two_officers", False, f"{len(f.steps)} 个办案环节均有两名以上具备执法资格的承办人员")
    parts = []
    for s in short:
        text = f"{s.on.isoformat()}「{s.label}」仅 {s.qualified} 名"
        if s.refused:
            text += "（" + "；".join(s.refused) + "）"
        parts.append(text)
    return PreMark("two_officers", True, "具备执法资格的承办人员不足两名：" + "，".join(parts))


def premark_service(f: DossierFacts) -> PreMark:
    """行政处罚法 Art 61 ✅: the decision is served; a decision without a service date has no 送达回证."""
    if not f.decisions:
        return PreMark("service", False, "本案无处罚决定")
    unserved = [name for name, served, _ in f.decisions if served is None]
    if unserved:
        return PreMark("service", True, "以下决定书无送达记录（送达回证）：" + "、".join(unserved))
    unproven = [name for name, _, proof in f.decisions if not proof]
    if unproven:
        return PreMark("service", True, "以下决定书已登记送达但案卷中无送达回执：" + "、".join(unproven))
    return PreMark("service", False, "决定书均已送达并附送达回执")


def premark_publication(f: DossierFacts) -> PreMark:
    """安全生产法 Art 78 ✅ / spec §1.15: a penalty decision is published within 7 working days."""
    if not f.publications:
        return PreMark("publication", False, "本案无应当公示的行政处罚决定")
    missing = [name for name, _due, published in f.publications if published is None]
    if missing:
        return PreMark("publication", True, "以下处罚决定未公示：" + "、".join(missing))
    late = [
        f"{name}（应于 {due.isoformat()} 前公示，{published.isoformat()} 公示）"
        for name, due, published in f.publications
        if published is not None and published > due
    ]
    if late:
        return PreMark("publication", True, "以下处罚决定未在作出之日起7个工作日内公示：" + "、".join(late))
    return PreMark("publication", False, "处罚决定均在7个工作日内公示")


PREMARKS = {
    "legal_review": premark_legal_review,
    "decision_deadline": premark_decision_deadline,
    "two_officers": premark_two_officers,
    "service": premark_service,
    "publication": premark_publication,
}


def premarks(f: DossierFacts) -> dict[str, PreMark]:
    """Every check the system can judge from the dossier."""
    return {code: fn(f) for code, fn in PREMARKS.items()}
