"""Periods of the evidence measures taken during an investigation (spec §2.2 rows 3–4, §5) — pure.

- 先行登记保存 (✅ 行政处罚法 Art 56): 在证据可能灭失或者以后难以取得的情况下，经行政机关负责人批准，可以先行
  登记保存，并应当在**七日内**及时作出处理决定; Art 85: 七日 are **working** days (PRESERVE_DECIDE).
- 查封、扣押 (✅ 行政强制法 Art 25 ¶1): 期限不得超过**三十日**；情况复杂的，经行政机关负责人批准，可以延长，
  但是延长期限不得超过三十日 (one extension); Art 69 makes only periods of ten days or less working days,
  so thirty is **calendar** (SEIZE_MAX / SEIZE_EXT), with the end-date roll-over of 民事诉讼法 Art 85.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from enforcement.core.rules.calendar import KIND_CALENDAR, KIND_WORKING, CalendarData, DueDate, add_period


@dataclass(frozen=True)
class Period:
    days: int
    kind: str
    basis: str


PRESERVATION = Period(
    7,
    KIND_WORKING,
    "《中华人民共和国行政处罚法》第五十六条、第八十五条：先行登记保存后七个工作日内作出处理决定",
)
SEIZURE = Period(
    30,
    KIND_CALENDAR,
    "《中华人民共和国行政强制法》第二十五条第一款：查封、扣押的期限不得超过三十日",
)
SEIZURE_EXTENSION_MAX = 30
SEIZURE_EXTENSIONS_ALLOWED = 1
SEIZURE_EXTENSION_BASIS = (
    "《中华人民共和国行政强制法》第二十五条第一款：情况复杂的，经行政机关负责人批准，可以延长，"
    "但是延长期限不得超过三十日"
)

TESTING_BASIS = (
    "《中华人民共和国行政强制法》第二十五条第三款：检测、检验、检疫或者技术鉴定的期间不计入查封、扣押期间，"
    "并应当书面告知当事人"
)


def preservation_due(start: dt.date, cal: CalendarData) -> DueDate:
    """The last day for the handling decision: 7 working days after the preservation (the day after counts
    first; holidays skipped, 调休 workdays counted)."""
    return add_period(start, PRESERVATION.days, PRESERVATION.kind, cal)


def seizure_due(decided_on: dt.date, extension_days: int, cal: CalendarData) -> DueDate:
    """The end of a 查封/扣押 decided on ``decided_on``: 30 calendar days, plus an approved extension, counted
    from the decision as one period (so the extension never exceeds 30 days beyond the statutory 30)."""
    return add_period(decided_on, SEIZURE.days + extension_days, SEIZURE.kind, cal)


def seizure_extension_refusal(days: int, extensions_done: int) -> str | None:
    """行政强制法 Art 25 ¶1: one extension, of at most 30 days, approved by the head."""
    if extensions_done >= SEIZURE_EXTENSIONS_ALLOWED:
        return "查封、扣押期限已延长过一次，不能再次延长（行政强制法第二十五条）"
    if days < 1 or days > SEIZURE_EXTENSION_MAX:  # 延长期限不得超过三十日
        return f"延长期限应为1至{SEIZURE_EXTENSION_MAX}日（行政强制法第二十五条第一款）"
    return None
