"""Transfer of a suspected crime (移送, 行刑衔接) as data (spec §11, 国务院令第310号).

The periods of 国务院令310 are written "三日" without a day type; spec §1.1 reads them as calendar days
(❓ unverified), kept here as data so a confirmed reading changes one line.
"""

from __future__ import annotations

POLICE_DECISION_DAYS = 3  # Art 8: the police review the transfer and decide on 立案 within 3 days of receipt
RECONSIDER_REQUEST_DAYS = 3  # Art 9: the agency may ask the police to reconsider within 3 days of the notice
HANDOVER_DAYS = 3  # Art 12: items and materials handed to the police within 3 days of their 立案 notice
DAY_TYPE = "calendar"  # spec §1.1: "not defined → treat as calendar days" (❓)
MIN_REPORTING_OFFICERS = 2  # Art 5: a special team of at least two officers reports


def decline_refusal(outcome: str, reason: str) -> str | None:
    """A declined transfer must say why (Art 8: the police notify in writing with reasons)."""
    if outcome == "declined" and not reason.strip():
        return "不予受理（不予立案）的，请记录接收机关说明的理由（国务院令第310号第八条）"
    return None
