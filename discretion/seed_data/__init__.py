"""Seed benchmark: every row of the domain spec §6.5 (violation → penalty catalogue), its published tier
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

from ._helpers import OD, RP, F, U, cond
from .anqfa import _anqfa
from .links import ENFORCEMENT_ITEM_LINKS, enforcement_item_code
from .lists import (
    BENCHMARK_CIRCUMSTANCES,
    FIRST_OFFENCE_CONDITIONS,
    FIRST_OFFENCE_LISTS,
    FIRST_OFFENCE_TEXT,
    REVIEW_CRITERIA,
    REVIEW_CRITERIA_EFFECTIVE,
    STATUTORY_CIRCUMSTANCES,
)
from .others import _others, _weihua
from .tiers import NATIONAL_TIERS

__all__ = [
    "BENCHMARK_CIRCUMSTANCES",
    "ENFORCEMENT_ITEM_LINKS",
    "FIRST_OFFENCE_CONDITIONS",
    "FIRST_OFFENCE_LISTS",
    "FIRST_OFFENCE_TEXT",
    "NATIONAL_TIERS",
    "NATIONAL_VERSION",
    "REVIEW_CRITERIA",
    "REVIEW_CRITERIA_EFFECTIVE",
    "SHANXI_VERSION",
    "STATUTORY_CIRCUMSTANCES",
    "enforcement_item_code",
    "shanxi_violations",
    "violations",
]


def violations() -> list[dict[str, Any]]:
    rows = _anqfa() + _weihua() + _others()
    for row in rows:
        row["enforcement_item_code"] = enforcement_item_code(row["code"])
    for row in rows:  # published tiers of 应急〔2024〕90号 with their sources (seed_data.tiers)
        if row["code"] in NATIONAL_TIERS:
            row["tiers"] = [dict(t) for t in NATIONAL_TIERS[row["code"]]]
    return rows


NATIONAL_VERSION = {
    "code": "YJ-2024-90",
    "name": "应急管理行政处罚裁量权基准",
    "issuing_authority": "应急管理部",
    "document_number": "应急〔2024〕90号",
    "jurisdiction": "national",
    "region": "全国",
    "effective_from": dt.date(2024, 11, 1),
    "effective_to": None,
    "status": "published",
    "verification": "◐",
    "note": (
        "spec §6.1：2024-11-01施行，覆盖除消防、矿山、地震外的应急管理违法行为，仅规范罚款数额；全文❓（spec §14 第5项），"
        "此处录入 spec §6.5 全部违法行为的法定幅度及已公开的阶次；未公开阶次的违法行为按法定幅度裁量。"
    ),
}

SHANXI_VERSION = {
    "code": "SX-2021-260",
    "name": "山西省应急管理行政处罚自由裁量基准（参考）",
    "issuing_authority": "山西省应急管理厅",
    "document_number": "晋应急发〔2021〕260号",
    "jurisdiction": "province",
    "region": "山西省",
    "effective_from": dt.date(2021, 1, 1),
    "effective_to": None,
    "status": "reference",
    "verification": "◐",
    "note": "外省基准，阶次数值按 spec §6.5 公布示例录入（◐）；施行日期❓（录为2021-01-01）；仅供比较，不参与计算。",
}


def shanxi_violations() -> list[dict[str, Any]]:
    """The three Shanxi tier splits quoted in spec §6.5 (◐), on copies of the statutory rows."""
    by_code = {row["code"]: row for row in violations()}
    src = "晋应急发〔2021〕260号（山西）◐"
    note = "“以下”不含本数（spec §2.3，15号令第67条口径 ◐）；来源对上下限的定义❓"
    out = []
    row = dict(by_code["AQ-108"])
    row["tiers"] = [
        {
            "code": "A",
            "name": "从业人员100人以下",
            "conditions": [cond("staff_count", "lte", 99)],
            "conditions_text": "从业人员不足100人",
            "source": src,
            "note": note,
            "ranges": [
                {"subject": U, "stage": OD, "min": 20000, "max": 100000, "upper_inclusive": False},
                {"subject": RP, "stage": OD, "min": 10000, "max": 20000},
            ],
        },
        {
            "code": "B",
            "name": "从业人员100人以上",
            "conditions": [cond("staff_count", "gte", 100)],
            "conditions_text": "从业人员100人以上",
            "source": src,
            "ranges": [
                {"subject": U, "stage": OD, "min": 100000, "max": 200000},
                {"subject": RP, "stage": OD, "min": 10000, "max": 20000},
            ],
        },
    ]
    out.append(row)
    row = dict(by_code["AQ-099-I6"])
    row["tiers"] = [
        {
            "code": "A",
            "name": "涉及3台套以下",
            "conditions": [cond("equipment_count", "lte", 2)],
            "conditions_text": "涉及设备、容器不足3台套",
            "source": src,
            "note": note,
            "ranges": [
                {"subject": U, "stage": F, "min": 20000, "max": 40000, "upper_inclusive": False},
                {"subject": U, "stage": OD, "min": 100000, "max": 150000, "upper_inclusive": False},
                {"subject": RP, "stage": OD, "min": 15000, "max": 15000},
            ],
        },
        {
            "code": "B",
            "name": "涉及3台套以上",
            "conditions": [cond("equipment_count", "gte", 3)],
            "conditions_text": "涉及设备、容器3台套以上",
            "source": src,
            "ranges": [
                {"subject": U, "stage": F, "min": 40000, "max": 50000},
                {"subject": U, "stage": OD, "min": 150000, "max": 200000},
                {"subject": RP, "stage": OD, "min": 20000, "max": 20000},
            ],
        },
    ]
    out.append(row)
    row = dict(by_code["AQ-098-I3"])
    row["tiers"] = [
        {
            "code": "E",
            "name": "投资额7000万元以上",
            "conditions": [cond("investment", "gte", 70000000)],
            "conditions_text": "建设项目投资额7000万元以上",
            "source": src + "；较低投资额阶次❓",
            "ranges": [
                {"subject": U, "stage": F, "min": 400000, "max": 500000},
                {"subject": RP, "stage": F, "min": 40000, "max": 50000},
                {"subject": U, "stage": OD, "min": 900000, "max": 1000000},
                {"subject": RP, "stage": OD, "min": 90000, "max": 100000},
            ],
        }
    ]
    out.append(row)
    return out
