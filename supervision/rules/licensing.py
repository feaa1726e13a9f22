"""行政许可 counts of the 年报 (spec §10 item 2: 申请, 受理, 许可, 不予许可, 撤销) — pure, no database.

- The counts are whole numbers, never negative.
- Only an application can be accepted: 受理数 ≤ 申请数.
- Each accepted application ends granted or refused (or is still pending): 准予 + 不予 ≤ 受理数.
  (◐ template note: "许可 changes/renewals count as 许可/不予许可" — so they are counted in 受理 too.)
- 撤销 concerns licences granted in any year, so it is not bounded by this year's 准予.
- Roll-up: an agency's figures with its subtree are the sum of what was entered; an agency (or subtree)
  where nothing was entered is "未填报", never 0.
"""

from __future__ import annotations

from typing import Any

FIELDS: tuple[str, ...] = ("applied", "accepted", "granted", "refused", "revoked")
NOT_ENTERED = "未填报"
MAX_COUNT = 2_147_483_647  # the column's range (PositiveIntegerField on PostgreSQL)


def validate(values: dict[str, Any]) -> dict[str, list[str]]:
    """Field errors (Chinese) of the five counts; empty when they are consistent."""
    errors: dict[str, list[str]] = {}
    n: dict[str, int] = {}
    for f in FIELDS:
        raw = values.get(f)
        try:
            value = int(str(raw).strip())
        except (TypeError, ValueError):
            errors[f] = ["请填写整数"]
            continue
        if value < 0:
            errors[f] = ["不能为负数"]
            continue
        if value > MAX_COUNT:
            errors[f] = [f"数值过大（不超过{MAX_COUNT}）"]
            continue
        n[f] = value
    if errors:
        return errors
    if n["accepted"] > n["applied"]:
        errors["accepted"] = ["受理数不能大于申请数"]
    if n["granted"] + n["refused"] > n["accepted"]:
        errors["granted"] = ["准予许可数与不予许可数之和不能大于受理数"]
    return errors


def roll_up(own: dict[str, dict[str, int] | None], paths: dict[str, str]) -> dict[str, dict[str, Any]]:
    """``own`` (agency id → counts, None when not entered) → per agency ``{"counts": sums over the
    subtree or None when no agency of it entered anything, "missing": agencies of it without figures}``."""
    out: dict[str, dict[str, Any]] = {}
    for aid, path in paths.items():
        total: dict[str, int] | None = None
        missing = 0
        for other, other_path in paths.items():
            if not other_path.startswith(path):
                continue
            counts = own.get(other)
            if counts is None:
                missing += 1
                continue
            total = total or dict.fromkeys(FIELDS, 0)
            for f in FIELDS:
                total[f] += int(counts[f])
        out[aid] = {"counts": total, "missing": missing}
    return out


def cell(entry: dict[str, Any] | None, field: str) -> int | str:
    """What a report cell shows: the count, or 未填报."""
    counts = (entry or {}).get("counts")
    return NOT_ENTERED if counts is None else int(counts[field])


def narrative_line(entry: dict[str, Any] | None) -> str:
    """The 情况说明's 行政许可 sentence for the report's agency with its subtree (``roll_up``'s entry)."""
    counts = (entry or {}).get("counts")
    if counts is None:
        return "行政许可数据未填报。"
    missing = int((entry or {}).get("missing", 0))
    tail = f"（另有{missing}个机关未填报）" if missing else ""
    return (
        f"受理行政许可申请{counts['accepted']}件（收到申请{counts['applied']}件），准予许可{counts['granted']}件，"
        f"不予许可{counts['refused']}件，撤销行政许可{counts['revoked']}件{tail}。"
    )
