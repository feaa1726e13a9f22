"""Summary procedure (简易程序, 当场处罚) as data and pure rules (spec §1.13).

- 行政处罚法 Art 51: facts certain and a legal basis; a **warning**, or a fine of **200 yuan or less for a
  citizen** / **3,000 yuan or less for a legal person or other organisation** (以下 includes the figure).
- Art 68: on-the-spot collection only for a fine of **100 yuan or less**, or where it would be hard to
  collect afterwards (a reason is recorded); Art 70: an official receipt; Art 71: the officer hands the
  cash to the agency within **2 (working, Art 85) days**.
- Art 52: the decision is filed back (备案) with the officer's agency; the period is agency data (15号令
  practice: 5 days ◐).
- 行政复议法 (2023) Art 23 ¶1(1): for an on-the-spot penalty reconsideration comes before suing, from its
  effective date 2024-01-01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WARNING, FINE = "warning", "fine"
INDIVIDUAL, UNIT = "individual", "unit"


@dataclass(frozen=True)
class SummaryLimits:
    """The Art 51 ceilings (inclusive) per party type and the Art 68 cash ceiling (inclusive)."""

    individual: int = 200
    unit: int = 3_000
    cash: int = 100

    def fine_ceiling(self, party_type: str) -> int:
        return self.individual if party_type == INDIVIDUAL else self.unit


LIMITS = SummaryLimits()
CASH_HANDOVER_WORKING_DAYS = 2  # Art 71, Art 85 (二日 = working days)
DEFAULT_FILING_BACK_DAYS = 5  # 15号令 practice ◐ (spec §1.13); agency data in CaseSettings
RECONSIDERATION_FIRST_FROM = dt.date(2024, 1, 1)  # 行政复议法 (2023 revision) in force


def penalty_refusal(
    party_type: str, penalty: str, amount: int | None, limits: SummaryLimits = LIMITS
) -> str | None:
    """Why the summary procedure may not impose this penalty (Art 51), or None."""
    if penalty == WARNING:
        return None if not amount else "警告不应同时填写罚款数额"
    if penalty != FINE:
        return "简易程序只能给予警告或者罚款（行政处罚法第五十一条）"
    if amount is None or amount <= 0:
        return "请填写罚款数额（元）"
    ceiling = limits.fine_ceiling(party_type)
    if amount > ceiling:
        who = "公民" if party_type == INDIVIDUAL else "法人或者其他组织"
        return f"对{who}当场处以罚款不得超过{ceiling}元（行政处罚法第五十一条），拟罚{amount}元应适用普通程序"
    return None


def cash_refusal(amount: int | None, hard_reason: str, limits: SummaryLimits = LIMITS) -> str | None:
    """May the officers collect this fine on the spot (Art 68)? None when they may."""
    if not amount:
        return "只有罚款可以当场收缴（行政处罚法第六十八条）"
    if amount <= limits.cash:
        return None
    if hard_reason.strip():
        return None
    return (
        f"罚款超过{limits.cash}元的，只有不当场收缴事后难以执行时才可当场收缴，须写明理由"
        "（行政处罚法第六十八条）"
    )


def reconsideration_first(decided_on: dt.date) -> bool:
    """Must the party apply for reconsideration before suing (行政复议法 Art 23 ¶1(1), from 2024-01-01)?"""
    return decided_on >= RECONSIDERATION_FIRST_FROM


def remedy_text(decided_on: dt.date, body: str) -> str:
    """The remedy paragraph of a 当场处罚决定书 (Art 52; 行政复议法 Art 20, 23; 行政诉讼法 Art 45, 46)."""
    if reconsideration_first(decided_on):
        return (
            f"如不服本决定，应当自收到本决定书之日起六十日内向{body}申请行政复议；"
            "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼"
            "（对当场作出的行政处罚决定不服的，应当先申请行政复议，《中华人民共和国行政复议法》第二十三条）。"
        )
    return (
        f"如不服本决定，可以自收到本决定书之日起六十日内向{body}申请行政复议，"
        "或者在六个月内依法向人民法院提起行政诉讼。"
    )
