"""Seed benchmark helpers and law table. The seed covers every row of the domain spec §6.5 (violation → penalty catalogue), its published tier
splits, the statutory circumstances (行政处罚法 Art 30–33, 49), the Jiangsu 首违不罚 lists (§6.6) and the
legal-review criteria (§7, §1.11). Copied into the project with citations; the project never reads the spec.

Statutory ranges are transcribed exactly as the spec writes them (money in yuan; "≤X" = no minimum).
Each violation keeps the spec's verification mark (✅ statute text / ◐ secondary / ❓ unverified) in
``verification`` and says in ``basis_note`` what was checked and what was not. One violation per
(law, article, paragraph, item) (CONTRACT.md): a spec row listing several items or accident grades
becomes one violation per item or grade. Item wordings were written out from the statute text by the
developer where the spec only summarises them; where that wording is not backed by the spec it says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

F, OD = "first", "overdue"
U, RP, MP, IND = "unit", "responsible_person", "main_person", "individual"
CORRECT, WARN, CONFISCATE, SUSPEND, HALT, REVOKE, CLOSE, OTHER = (
    "order_correction",
    "warning",
    "confiscation",
    "suspension",
    "production_halt",
    "revocation",
    "closure",
    "other",
)

# code prefix → (short name, full name, penalty provisions in force from, until, note)
LAWS: dict[str, tuple[str, str, dt.date | None, dt.date | None, str]] = {
    "AQ": (
        "安全生产法",
        "中华人民共和国安全生产法",
        dt.date(2021, 9, 1),
        None,
        "2021年第三次修正，修正决定2021-09-01施行（✅ 条文 / ◐ 施行日期，spec §0.1）；此前的违法行为适用旧法，旧法罚则未录入",
    ),
    "WH": (
        "危险化学品安全管理条例",
        "危险化学品安全管理条例",
        dt.date(2011, 12, 1),
        dt.date(2026, 4, 30),
        "国务院令第591号（2013年修订）；2026-05-01起危险化学品安全法施行，本条例罚则适用于此前的行为（◐ spec §0.1）；危险化学品安全法罚则❓待录入为新版本",
    ),
    "XK": ("安全生产许可证条例", "安全生产许可证条例", None, None, "国务院令第397号（2014年修订）✅ 条文"),
    "YJ": (
        "生产安全事故应急条例",
        "生产安全事故应急条例",
        dt.date(2019, 4, 1),
        None,
        "国务院令第708号 ✅ 条文",
    ),
    "YH": (
        "安全生产事故隐患排查治理暂行规定",
        "安全生产事故隐患排查治理暂行规定",
        dt.date(2008, 2, 1),
        None,
        "原国家安监总局令第16号 ◐；是否已被新规章取代❓（spec §14 第13项）",
    ),
    "CF": (
        "安全生产违法行为行政处罚办法",
        "安全生产违法行为行政处罚办法",
        dt.date(2015, 5, 1),
        dt.date(2026, 1, 31),
        "原国家安监总局令第15号（第77号令修正，2015-05-01）◐；2026-02-01起由应急管理部令第18号取代，新办法内容❓",
    ),
}

AQ_CITE = "《中华人民共和国安全生产法》"


def r(subject: str, stage: str, lo: int | None, hi: int | None, basis: str, **extra: Any) -> dict[str, Any]:
    return {"subject": subject, "stage": stage, "min": lo, "max": hi, "basis": basis, **extra}


def share(subject: str, stage: str, lo: str, hi: str, basis: str, **extra: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "stage": stage,
        "min": None,
        "max": None,
        "income_share": (lo, hi),
        "basis": basis,
        **extra,
    }


def m(stage: str, kind: str, text: str, conditions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"stage": stage, "kind": kind, "text": text, "conditions": conditions or []}


def cond(fact: str, op: str, value: Any, default: Any = None) -> dict[str, Any]:
    c = {"fact": fact, "op": op, "value": value}
    if default is not None:
        c["default"] = default
    return c


def v(
    code: str,
    name: str,
    *,
    article: int,
    paragraph: int | None = None,
    item: int | None = None,
    violated: str,
    ranges: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    keywords: str,
    spec_row: str,
    mark: str = "✅",
    note: str = "",
    penalty_text: str = "",
    tiers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    prefix = code.split("-")[0]
    law, full, since, until, law_note = LAWS[prefix]
    return {
        "code": code,
        "act_code": code,
        "name": name,
        "law": law,
        "law_full_name": full,
        "article": article,
        "paragraph": paragraph,
        "item": item,
        "violated_provision": violated,
        "penalty_text": penalty_text,
        "keywords": keywords,
        "law_effective_from": since,
        "law_effective_to": until,
        "verification": mark,
        "basis_note": f"spec §6.5 {spec_row}：幅度按 spec 原样录入（{mark}）。{law_note}。{note}".rstrip("。")
        + "。",
        "ranges": ranges,
        "measures": measures,
        "tiers": tiers or [],
    }


def _items(
    prefix: str,
    article: int,
    items: list[tuple[str, str, str]],
    make: Any,
    *,
    spec_row: str,
    paragraph: int | None = None,
    mark: str = "✅",
    note: str = "",
) -> list[dict[str, Any]]:
    out = []
    for n, (name, violated, keywords) in enumerate(items, start=1):
        ranges, measures = make()
        code = f"{prefix}-{article:03d}" + (f"-P{paragraph}" if paragraph else "") + f"-I{n}"
        out.append(
            v(
                code,
                name,
                article=article,
                paragraph=paragraph,
                item=n,
                violated=violated,
                ranges=ranges,
                measures=measures,
                keywords=keywords,
                spec_row=spec_row,
                mark=mark,
                note=note,
            )
        )
    return out
