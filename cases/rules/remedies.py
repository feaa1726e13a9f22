"""Reconsideration (行政复议) and litigation (行政诉讼) against a decision as pure rules (spec §1.16, §5).

Windows of the party, counted from the day service counts (the party knows of the decision then):
- RECON_WINDOW: 60 days (行政复议法 Art 20 ¶1: 自知道或者应当知道该行政行为之日起六十日内); a calendar period
  (Art 88 names only 三日、五日、七日、十日 as working days) — the start day not counted, and a last day on a
  statutory rest day moves to the next working day (Art 88 → 民事诉讼法 Art 85; spec rule D5).
- SUIT_WINDOW: 6 months (行政诉讼法 Art 46 ¶1); the corresponding day of the sixth month, or its last day
  when it has none (民法典 Art 202), rolled forward over a rest day (行政诉讼法 Art 101 → 民事诉讼法 Art 85,
  民法典 Art 203). A 调休 make-up Saturday is a working day: a window ending on it does not move.

The agency's answer:
- RECON_ANSWER: the written answer with the evidence within 10 days of receiving the application copy
  (行政复议法 Art 48), working days (Art 88).
- SUIT_ANSWER: the evidence and the defence within 15 days of receiving the complaint copy (行政诉讼法
  Art 67), a calendar period (rolled forward like the windows).

Outcomes (ERRATA): 维持 (复议 Art 68; a court 驳回诉讼请求, 诉讼 Art 69), 变更 (复议 Art 63, 诉讼 Art 77 —
never to the party's detriment: 复议 Art 63 ¶2, 诉讼 Art 77 ¶2), 撤销 / 撤销并责令重新作出 (复议 Art 64, 诉讼
Art 70), 确认违法 (复议 Art 65, 诉讼 Art 74), 确认无效 (复议 Art 67, 诉讼 Art 75), 调解/和解 (复议 Art 73–74,
诉讼 Art 60), 撤回 (复议 Art 74, 诉讼 Art 62). No 责令履行 for a penalty.

纠错率 (supervision): corrected / concluded remedies, where corrected = 变更 + 撤销 + 撤销并责令重新作出 +
确认违法 + 确认无效 and concluded = every remedy with an outcome (withdrawn and settled included: they are
审结 too). Reading stated in the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from enforcement.core.rules.calendar import CalendarData, add_calendar_days, add_months, add_working_days

RECONSIDERATION, LITIGATION = "reconsideration", "litigation"
KINDS = (RECONSIDERATION, LITIGATION)
RECON_WINDOW_DAYS = 60
SUIT_WINDOW_MONTHS = 6
RECON_ANSWER_WORKING_DAYS = 10
SUIT_ANSWER_DAYS = 15

UPHELD, VARIED, REVOKED, REVOKED_REDO = "upheld", "varied", "revoked", "revoked_redo"
ILLEGAL, VOID, SETTLED, WITHDRAWN = "illegal", "void", "settled", "withdrawn"
OUTCOMES = (UPHELD, VARIED, REVOKED, REVOKED_REDO, ILLEGAL, VOID, SETTLED, WITHDRAWN)
CORRECTED = frozenset({VARIED, REVOKED, REVOKED_REDO, ILLEGAL, VOID})
ENDS_DECISION = frozenset({REVOKED, REVOKED_REDO, VOID})
REOPENS_CASE = frozenset({REVOKED_REDO})
CHANGES_AMOUNT = frozenset({VARIED, SETTLED})

WINDOW_LABELS = {RECONSIDERATION: "申请行政复议期限", LITIGATION: "提起行政诉讼期限"}
WINDOW_BASIS = {
    RECONSIDERATION: "行政复议法第二十条：自知道该行政行为之日起六十日内提出行政复议申请",
    LITIGATION: "行政诉讼法第四十六条：自知道作出行政行为之日起六个月内提出诉讼",
}
ANSWER_BASIS = {
    RECONSIDERATION: "行政复议法第四十八条、第八十八条：自收到申请书副本之日起十个工作日内提出书面答复并提交证据",
    LITIGATION: "行政诉讼法第六十七条：自收到起诉状副本之日起十五日内提交作出行政行为的证据和依据，并提出答辩状",
}
OUTCOME_BASIS = {
    UPHELD: {RECONSIDERATION: "行政复议法第六十八条", LITIGATION: "行政诉讼法第六十九条（驳回诉讼请求）"},
    VARIED: {RECONSIDERATION: "行政复议法第六十三条", LITIGATION: "行政诉讼法第七十七条"},
    REVOKED: {RECONSIDERATION: "行政复议法第六十四条", LITIGATION: "行政诉讼法第七十条"},
    REVOKED_REDO: {RECONSIDERATION: "行政复议法第六十四条", LITIGATION: "行政诉讼法第七十条"},
    ILLEGAL: {RECONSIDERATION: "行政复议法第六十五条", LITIGATION: "行政诉讼法第七十四条"},
    VOID: {RECONSIDERATION: "行政复议法第六十七条", LITIGATION: "行政诉讼法第七十五条"},
    SETTLED: {RECONSIDERATION: "行政复议法第七十三条、第七十四条", LITIGATION: "行政诉讼法第六十条"},
    WITHDRAWN: {RECONSIDERATION: "行政复议法第七十四条", LITIGATION: "行政诉讼法第六十二条"},
}


@dataclass(frozen=True)
class Window:
    """A party's remedy window: the last day, whether it is provisional (year not in the calendar), why."""

    kind: str
    label: str
    start: dt.date
    end: dt.date
    provisional: bool
    basis: str

    def open_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def remedy_windows(served_on: dt.date, cal: CalendarData) -> list[Window]:
    """The reconsideration and litigation windows of a decision served (counting) on ``served_on``."""
    recon = add_calendar_days(served_on, RECON_WINDOW_DAYS, cal)
    suit = add_months(served_on, SUIT_WINDOW_MONTHS, cal)
    start = served_on.isoformat()
    return [
        Window(
            RECONSIDERATION,
            WINDOW_LABELS[RECONSIDERATION],
            served_on,
            recon.due,
            recon.provisional,
            f"{WINDOW_BASIS[RECONSIDERATION]}；自{start}送达起算。{recon.basis}",
        ),
        Window(
            LITIGATION,
            WINDOW_LABELS[LITIGATION],
            served_on,
            suit.due,
            suit.provisional,
            f"{WINDOW_BASIS[LITIGATION]}；自{start}送达起算。{suit.basis}",
        ),
    ]


def windows_passed_on(served_on: dt.date, cal: CalendarData) -> dt.date:
    """The first day on which both windows have passed (for court enforcement, 行政强制法 Art 53)."""
    return max(w.end for w in remedy_windows(served_on, cal)) + dt.timedelta(days=1)


def answer_due(kind: str, received_on: dt.date, cal: CalendarData) -> tuple[dt.date, bool, str]:
    """The agency's answer deadline for a remedy of ``kind`` whose copy arrived on ``received_on``."""
    if kind == RECONSIDERATION:
        due = add_working_days(received_on, RECON_ANSWER_WORKING_DAYS, cal)
    else:
        due = add_calendar_days(received_on, SUIT_ANSWER_DAYS, cal)
    return due.due, due.provisional, f"{ANSWER_BASIS[kind]}（{received_on.isoformat()}收到）"


def outcome_refusal(
    outcome: str,
    *,
    amount: int,
    new_amount: int | None,
    received_on: dt.date,
    outcome_on: dt.date | None,
    today: dt.date,
) -> str | None:
    """A Chinese refusal when the outcome cannot be recorded as given, else None."""
    if outcome not in OUTCOMES:
        return "请选择复议/诉讼结果"
    if outcome_on is None:
        return "请填写结果作出日"
    if outcome_on > today:
        return "结果作出日不能晚于今天"
    if outcome_on < received_on:
        return "结果作出日不能早于收到申请书/起诉状副本之日"
    if outcome == VARIED and new_amount is None:
        return "变更罚款的，请填写变更后的罚款金额"
    if new_amount is not None:
        if outcome not in CHANGES_AMOUNT:
            return "只有变更或调解/和解结案可以改变罚款金额"
        if new_amount < 0:
            return "变更后的罚款金额不能为负数"
        if new_amount > amount:
            return (
                "不得作出对申请人更为不利的变更：变更后的罚款不得高于原罚款"
                "（行政复议法第六十三条第二款、行政诉讼法第七十七条第二款）"
            )
    return None


@dataclass(frozen=True)
class Rate:
    corrected: int
    concluded: int

    @property
    def rate(self) -> float | None:
        return None if self.concluded == 0 else self.corrected / self.concluded


def correction_rate(outcomes: Iterable[str]) -> Rate:
    """纠错率 of the remedies whose outcomes are given (pending ones, ``""``, are not concluded)."""
    done = [o for o in outcomes if o]
    return Rate(corrected=sum(1 for o in done if o in CORRECTED), concluded=len(done))


def merge_intervals(
    intervals: Iterable[tuple[dt.date, dt.date | None]],
) -> list[tuple[dt.date, dt.date | None]]:
    """Overlapping (start, end-or-None) intervals merged, sorted by start (an open end absorbs the rest)."""
    out: list[tuple[dt.date, dt.date | None]] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if out:
            last_start, last_end = out[-1]
            if last_end is None:
                continue
            if start <= last_end:
                out[-1] = (last_start, None if end is None else max(last_end, end))
                continue
        out.append((start, end))
    return out
