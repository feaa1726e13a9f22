"""Yearly frequency caps of enforcement inspections per enterprise (spec §3.2 table, as data).

国办发〔2024〕54号 asks each province's department to publish a yearly cap per enterprise; the rows below are the
example of 山西省应急管理厅 (2025-04-23, ◐), jurisdiction prefix "14". Other provinces add their own rows
(admin); no Jiangsu numbers are known (❓), so none are seeded. Loaded by migration 0003; re-runnable.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

BASIS = "山西省应急管理厅2025年4月23日公布的执法检查频次上限（国办发〔2024〕54号）"
EFFECTIVE = dt.date(2025, 4, 23)
SHANXI = "14"
STANDARDIZED = ("标准化一级", "标准化二级", "标准化三级", "未定级")
GRADED = ("A类", "B类", "C类", "D类")

# (sector group, sector codes of the core Sector choices, classes, maxima in class order)
GROUPS: list[tuple[str, list[str], tuple[str, ...], tuple[int, ...]]] = [
    ("煤矿", [], GRADED, (2, 4, 6, 4)),  # no coal sector code in the core list yet: data only
    ("非煤矿山", ["mining"], GRADED, (1, 1, 2, 4)),
    ("危险化学品和金属冶炼", ["hazchem", "metallurgy", "nonferrous"], STANDARDIZED, (2, 4, 8, 12)),
    (
        "非高危行业",
        ["building_materials", "machinery", "light_industry", "textiles", "tobacco", "trade", "other"],
        STANDARDIZED,
        (1, 2, 4, 6),
    ),
]


def rows() -> list[dict[str, Any]]:
    out = []
    for group, sectors, classes, maxima in GROUPS:
        for label, top in zip(classes, maxima, strict=True):
            out.append(
                {
                    "jurisdiction": SHANXI,
                    "sector_group": group,
                    "sectors": sectors,
                    "class_label": label,
                    "max_per_year": top,
                    "basis": BASIS,
                    "effective_from": EFFECTIVE,
                }
            )
    return out


def load(apps: Any = None) -> None:
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    Cap = apps.get_model("inspections", "FrequencyCap")
    for row in rows():
        key = {k: row.pop(k) for k in ("jurisdiction", "sector_group", "class_label", "effective_from")}
        Cap.objects.update_or_create(**key, defaults=row)
