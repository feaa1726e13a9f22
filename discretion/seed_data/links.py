"""Which core enforcement item (执法事项, ``enforcement/core/demo_data.py`` CATALOG) each seed violation
belongs to: the item whose legal basis cites the violation's penalty article. Violations without a
matching item in the core catalogue (中介机构 Art 92, Art 93, the 危化条例 items other than Art 77 ¶3,
the 许可证条例/应急条例 rows and the 15号令/16号令 rows) stay unlinked.

Each entry is (violation code prefix, enforcement item code); a prefix matches the code itself and
every code that continues it after a hyphen (``AQ-097`` → ``AQ-097-I1`` … ``AQ-097-I7``).
"""

from __future__ import annotations

ENFORCEMENT_ITEM_LINKS: tuple[tuple[str, str], ...] = (
    ("AQ-094", "YJ-CF-094"),  # 安全生产法 Art 94 — item basis 第二十一条、第九十四条
    ("AQ-095", "YJ-CF-095"),  # Art 95 (accident grades 一般…特别重大)
    ("AQ-096", "YJ-CF-096"),
    ("AQ-097", "YJ-CF-097"),  # Art 97 items (1)–(7)
    ("AQ-098", "YJ-CF-098"),  # Art 98 items (1)–(4)
    ("AQ-099", "YJ-CF-099"),  # Art 99 items (1)–(8)
    ("AQ-100", "YJ-CF-100"),
    ("AQ-101", "YJ-CF-101"),  # Art 101 items (1)–(5)
    ("AQ-102", "YJ-CF-102"),
    ("AQ-103", "YJ-CF-103"),  # Art 103 ¶1 and ¶2
    ("AQ-104", "YJ-CF-104"),
    ("AQ-105", "YJ-CF-105"),
    ("AQ-106", "YJ-CF-106"),
    ("AQ-108", "YJ-CF-108"),
    ("AQ-109", "YJ-CF-109"),
    ("AQ-110", "YJ-CF-110"),  # Art 110 ¶1 and ¶2
    ("AQ-114", "YJ-CF-114"),  # Art 114 accident grades
    ("WH-077-P3", "YJ-CF-WH77"),  # 危险化学品安全管理条例 Art 77 ¶3 — item basis 第三十三条、第七十七条第三款
)


def enforcement_item_code(violation_code: str) -> str:
    """The enforcement item code a seed violation links to, or "" when none matches."""
    for prefix, item_code in ENFORCEMENT_ITEM_LINKS:
        if violation_code == prefix or violation_code.startswith(prefix + "-"):
            return item_code
    return ""
