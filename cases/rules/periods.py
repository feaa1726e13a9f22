"""办案期限 — the decision deadline from 立案 (行政处罚法 Art 60; 15号令 Art 31 ◐).

ERRATA: the applicable rule is fixed by the **filing date**: filed before 2026-02-01 → 15号令 (30 days,
extension to 90 by the department head, to 180 by the next-higher department); otherwise the statute's
90 days (no extension is provided until the new rule's figures are entered as data). Calendar days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RULE_15_UNTIL = dt.date(2026, 2, 1)
HEAD, HIGHER = "head", "higher"


@dataclass(frozen=True)
class DecisionPeriod:
    days: int
    basis: str
    # (total days from filing, who approves) for the 1st, 2nd, … extension
    extensions: tuple[tuple[int, str], ...] = ()


RULE_15 = DecisionPeriod(
    30,
    "《安全生产违法行为行政处罚办法》（原国家安全监管总局令第15号）第三十一条：立案之日起30日内作出决定",
    ((90, HEAD), (180, HIGHER)),
)
STATUTE = DecisionPeriod(90, "《中华人民共和国行政处罚法》第六十条：立案之日起90日内作出决定")


def decision_period(filed_on: dt.date) -> DecisionPeriod:
    return RULE_15 if filed_on < RULE_15_UNTIL else STATUTE


def next_extension(filed_on: dt.date, done: int) -> tuple[int, str] | None:
    """The next extension step (total days, approver) after ``done`` approved ones, or None."""
    steps = decision_period(filed_on).extensions
    return steps[done] if done < len(steps) else None


def extension_refusal(
    filed_on: dt.date, done: int, until: dt.date | None, current_due: dt.date
) -> str | None:
    step = next_extension(filed_on, done)
    if step is None:
        if not decision_period(filed_on).extensions:
            return "本案立案于2026年2月1日以后，适用行政处罚法第六十条90日期限，现行规定未设延期；超期作出决定须写明理由"
        return "延期次数已用尽（15号令第三十一条：最长180日）"
    limit = filed_on + dt.timedelta(days=step[0])
    if until is None or until <= current_due:
        return f"申请延长至的日期须晚于现办案期限（{current_due.isoformat()}）"
    if until > limit:
        return f"本次延期最长至立案之日起{step[0]}日（{limit.isoformat()}）"
    return None


def decision_deadline_refusal(on: dt.date, due: dt.date | None, overdue_reason: str) -> str | None:
    """ERRATA: an overdue decision is not blocked for ever, but needs a recorded reason (and is flagged)."""
    if due is None or on <= due or overdue_reason.strip():
        return None
    return f"已超过办案期限（{due.isoformat()}），作出决定须写明超期理由（行政处罚法第六十条）"
