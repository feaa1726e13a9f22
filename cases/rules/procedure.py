"""Procedure guards before the decision (pure): 告知 (Art 44, 62), the defence and hearing windows
(Art 62, 64), hearing triggers (Art 63, thresholds as data per party type), 法制审核 triggers (Art 58,
spec §7), 集体讨论 triggers (Art 57 ¶2, spec §1.9), no heavier penalty after defence (Art 45 ¶2), the
hearing chair and notice (Art 64), and the order of 告知/法制审核 (spec §2.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

HEAVY_MEASURES = ("停产停业", "关闭", "吊销", "撤销", "降低资质", "限制从业", "没收")


@dataclass(frozen=True)
class Thresholds:
    """较大数额罚款 per party type, inclusive (spec §1.11 ◐, §2.3 "以上" includes the number)."""

    unit: int = 50_000
    person: int = 20_000

    def for_party(self, party_type: str) -> int:
        return self.person if party_type == "individual" else self.unit


def heavy_measures(measures: Iterable[str]) -> list[str]:
    return [m for m in measures if any(k in m for k in HEAVY_MEASURES)]


def hearing_reasons(
    party_type: str, total_fine: int, measures: Sequence[str], thresholds: Thresholds
) -> list[str]:
    """Why the party must be told of a hearing right (行政处罚法 Art 63); empty when none applies."""
    out = []
    limit = thresholds.for_party(party_type)
    if total_fine >= limit:
        who = "个人" if party_type == "individual" else "单位"
        out.append(
            f"较大数额罚款（{who}{limit}元以上，本案{total_fine}元）（行政处罚法第六十三条第一款第一项）"
        )
    for m in heavy_measures(measures):
        out.append(f"{m}（行政处罚法第六十三条第一款）")
    return out


def review_reasons(
    *,
    party_type: str,
    total_fine: int,
    measures: Sequence[str],
    thresholds: Thresholds,
    calculator_reasons: Sequence[str] = (),
    outside_recommendation: bool = False,
    reduced: bool = False,
    hearing_held: bool = False,
    proposal: str = "penalty",
) -> list[str]:
    """Why 法制审核 is required (Art 58 and the spec §7 catalogue); empty when it is not."""
    out = [f"计算器：{r}" for r in calculator_reasons]
    if proposal == "penalty" and total_fine >= thresholds.for_party(party_type):
        out.append("较大数额罚款（重大执法决定目录）")
    out += [f"{m}（重大执法决定目录）" for m in heavy_measures(measures)]
    if reduced:
        out.append("减轻处罚（低于法定最低限）")
    if outside_recommendation:
        out.append("罚款数额超出裁量基准推荐范围")
    if proposal == "transfer":
        out.append("移送司法机关")
    if hearing_held:
        out.append("经过听证程序（行政处罚法第五十八条第一款第二项）")
    return list(dict.fromkeys(out))


def collective_reasons(
    *,
    party_type: str,
    total_fine: int,
    measures: Sequence[str],
    thresholds: Thresholds,
    calculator_requires: bool = False,
    reduced: bool = False,
) -> list[str]:
    """Why 集体讨论 is required before a penalty (Art 57 ¶2, spec §1.9 ◐ the 较大数额 threshold)."""
    out = []
    if calculator_requires:
        out.append("裁量计算结果要求集体讨论")
    if total_fine >= thresholds.for_party(party_type):
        out.append("较大数额罚款，属重大违法行为（行政处罚法第五十七条第二款）")
    out += [f"{m}（行政处罚法第五十七条第二款）" for m in heavy_measures(measures)]
    if reduced:
        out.append("减轻处罚，情节复杂（行政处罚法第五十七条第二款）")
    return list(dict.fromkeys(out))


def notice_refusal(proposal: str, notice_date: dt.date | None) -> str | None:
    """Art 44, 62: no penalty decision without prior 告知."""
    if proposal != "penalty" or notice_date is not None:
        return None
    return "作出行政处罚决定前未告知当事人拟处罚内容及其陈述、申辩、听证权利，不得作出决定（行政处罚法第四十四条、第六十二条）"


def window_refusal(
    on: dt.date,
    *,
    proposal: str,
    defence_due: dt.date | None,
    hearing_request_due: dt.date | None,
    defence_on: dt.date | None,
    waived_on: dt.date | None,
    hearing_requested: bool,
    hearing_held: bool,
) -> str | None:
    """Art 62, 64: the decision waits until the party stated its case, waived, or the windows passed; a
    requested hearing must have been held."""
    if proposal != "penalty":
        return None
    if hearing_requested and not hearing_held:
        return "当事人已申请听证，听证结束前不得作出决定（行政处罚法第六十四条、第六十五条）"
    if waived_on is not None:
        return None
    open_windows = [d for d in (defence_due, hearing_request_due) if d is not None and on <= d]
    if hearing_request_due is not None and on <= hearing_request_due and not hearing_held:
        return (
            f"听证申请期限（至{hearing_request_due.isoformat()}）尚未届满且当事人未放弃，不得作出决定"
            "（行政处罚法第六十二条、第六十四条）"
        )
    if open_windows and defence_on is None:
        return (
            f"陈述申辩期限（至{max(open_windows).isoformat()}）尚未届满且当事人未放弃，不得作出决定"
            "（行政处罚法第六十二条）"
        )
    return None


def aggravation_refusal(
    notified: Mapping[tuple[int, str, str], int], decided: Mapping[tuple[int, str, str], int]
) -> str | None:
    """Art 45 ¶2: no heavier penalty because the party defended — no decided amount above the notified one
    and no fine on a subject that was not notified."""
    for key, amount in decided.items():
        before = notified.get(key)
        if before is None and amount > 0:
            return "决定的罚款对象未经告知，不得加重处罚（行政处罚法第四十五条第二款）"
        if before is not None and amount > before:
            return f"决定罚款{amount}元高于告知的{before}元，不得因当事人陈述申辩而加重处罚（行政处罚法第四十五条第二款）"
    return None


def chair_refusal(chair_id: int | None, handler_ids: Iterable[int]) -> str | None:
    """Art 64(4): the hearing is chaired by a person designated by the agency who did not investigate."""
    if chair_id is None:
        return "请指定听证主持人"
    if chair_id in set(handler_ids):
        return "听证主持人不得由本案调查人员担任（行政处罚法第六十四条第四项）"
    return None


def hearing_notice_refusal(notice_on: dt.date, latest_notice: dt.date) -> str | None:
    """Art 64(2) with Art 85 (ERRATA): notify ≥ 7 working days before the hearing."""
    if notice_on <= latest_notice:
        return None
    return (
        f"听证通知应当在举行听证的7个工作日前送达（最迟{latest_notice.isoformat()}），"
        "请另定听证日期（行政处罚法第六十四条第二项、第八十五条）"
    )


def hearing_request_refusal(on: dt.date, hearing_right: bool, request_due: dt.date | None) -> str | None:
    """Art 63–64(1): a hearing on request, within 5 working days of the notice."""
    if not hearing_right:
        return "本案拟作出的处罚不属于应当告知听证权利的情形（行政处罚法第六十三条）"
    if request_due is not None and on > request_due:
        return f"听证申请期限已于{request_due.isoformat()}届满（行政处罚法第六十四条第一项）"
    return None


def review_order_refusal(
    *, review_before_notice: bool, notified: bool, hearing_requested: bool, hearing_held: bool
) -> str | None:
    """spec §2.1: the order of 告知 and 法制审核 is the agency's; a requested hearing comes first (Art 58(2))."""
    if hearing_requested and not hearing_held:
        return "已申请听证的，法制审核应在听证之后进行（行政处罚法第五十八条第一款第二项）"
    if not review_before_notice and not notified:
        return "本机关规定先告知、后法制审核：请先告知当事人"
    return None


def review_passed_refusal(
    required: bool, approved_on: dt.date | None, hearing_held_on: dt.date | None
) -> str | None:
    """Art 58: no decision without a passed review where one is required; after a hearing, a review
    completed after it."""
    if not required:
        return None
    if approved_on is None:
        return (
            "本案属于应当法制审核的情形，未经法制审核或者审核未通过的，不得作出决定（行政处罚法第五十八条）"
        )
    if hearing_held_on is not None and approved_on < hearing_held_on:
        return "听证后须重新进行法制审核（行政处罚法第五十八条第一款第二项）"
    return None


def collective_refusal(required: bool, discussed_on: dt.date | None) -> str | None:
    if not required or discussed_on is not None:
        return None
    return "情节复杂或重大违法行为给予处罚，应当由行政机关负责人集体讨论决定（行政处罚法第五十七条第二款）"
