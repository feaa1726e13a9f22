"""Reminder stages of a deadline kind — pure functions, no ORM.

A kind's ``reminder_days`` (``DeadlineKind.reminder_days``) lists offsets from the due date:

* ``N > 0`` → stage ``"d-N"``: N calendar days before the due date;
* ``0``     → stage ``"d0"``: the due date itself;
* ``-N``    → stage ``"d+N"``: N calendar days after the due date (a repeated overdue notice;
  ``-1`` is the ``overdue`` stage itself).

Every kind also has the stage ``"overdue"``: the first scan after the due date has passed (the day the
deadline is marked overdue).

On a given day only the **current** stage of a deadline is sent — the most urgent stage already
reached. A stage that was skipped (the deadline was opened late, or the scan did not run that day) is
not sent afterwards: an officer whose deadline is due tomorrow gets "d-1", not "d-7", "d-3" and "d-1"
at once. Reminder offsets count calendar days (how close the due date is), whatever the deadline's
own day type; the due date itself is computed by the calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

OVERDUE = "overdue"


def stage_name(offset: int) -> str:
    """``7 → "d-7"``, ``0 → "d0"``, ``-3 → "d+3"``."""
    if offset > 0:
        return f"d-{offset}"
    if offset == 0:
        return "d0"
    return f"d+{-offset}"


@dataclass(frozen=True)
class StageWindow:
    """The days-left range in which ``stage`` is a deadline's current stage.

    ``min_left``/``max_left`` are inclusive bounds on ``due_date - today`` in days; ``None`` = unbounded.
    """

    stage: str
    min_left: int | None
    max_left: int | None

    def contains(self, days_left: int) -> bool:
        return (self.min_left is None or days_left >= self.min_left) and (
            self.max_left is None or days_left <= self.max_left
        )


def stage_windows(reminder_days: Iterable[int]) -> tuple[StageWindow, ...]:
    """The disjoint windows of a schedule, most distant stage first, ``overdue`` and ``d+N`` last.

    >>> [(w.stage, w.min_left, w.max_left) for w in stage_windows((7, 3, 0))]
    [('d-7', 4, 7), ('d-3', 1, 3), ('d0', 0, 0), ('overdue', None, -1)]
    """
    before = sorted({d for d in reminder_days if d >= 0}, reverse=True)
    # Lateness in days, ascending; one day late is the "overdue" stage itself, so -1 adds nothing.
    after = sorted({-d for d in reminder_days if d < -1})
    windows: list[StageWindow] = []
    for i, offset in enumerate(before):
        nearer = before[i + 1] if i + 1 < len(before) else -1
        windows.append(StageWindow(stage_name(offset), nearer + 1, offset))
    # After the due date: "overdue" from 1 day late until the first d+N, each d+N until the next.
    lateness = [1, *after]
    for i, late in enumerate(lateness):
        later = lateness[i + 1] if i + 1 < len(lateness) else None
        stage = OVERDUE if i == 0 else stage_name(-late)
        windows.append(StageWindow(stage, None if later is None else -(later - 1), -late))
    return tuple(windows)


def current_stage(reminder_days: Iterable[int], days_left: int) -> str | None:
    """The stage to send today for a running deadline ``days_left`` days from due, or None."""
    for window in stage_windows(reminder_days):
        if window.contains(days_left):
            return window.stage
    return None


def stages_not_reached(
    reminder_days: Iterable[int], days_left: int, *, include_current: bool = False
) -> set[str]:
    """Stages that lie ahead of a deadline ``days_left`` days from due (more urgent than today's),
    plus today's current stage when ``include_current``."""
    windows = stage_windows(reminder_days)
    return {
        w.stage
        for w in windows
        if (w.max_left is not None and w.max_left < days_left) or (include_current and w.contains(days_left))
    }
