"""Published tiers (裁量阶次) of the national benchmark 应急管理行政处罚裁量权基准 (应急〔2024〕90号, in force
2024-11-01), by violation code, each with the source it was taken from. Project fixtures: the project never
reads the domain notes at run time.

What is here and what is not (searched in public copies of agency pages, published decisions and the
benchmark's own notice, December 2026):
- The benchmark's notice (应急管理部, 2024-11-01) and the Ministry's summary of its structure were found,
  its full tier tables were not. Local benchmarks that build on it (e.g. 晋江 2025, 珠海补充, 广东补充)
  were found; their tiers are local rules, not the national ones, and are not seeded as national tiers.
- Item (26) tier A (special operators without certificates, one person-time) is known only as quoted by a
  2025 decision of 朝阳市龙城区 (through the project's domain research; the decision itself was not found
  again in the searchable copies). It is the only national tier seeded.
- Jiangsu: no Jiangsu supplement to the national benchmark with its own tiers was found, so no Jiangsu
  version is seeded; a province version added later takes precedence for the violations it catalogues
  (rules/choice.py) while the national version keeps answering for the rest.
Every other violation has no tier: the calculator then says "未公布裁量档次：按法定幅度" and the lookup lists
it among the violations lacking tiers, so admins know what to fill in.
"""

from __future__ import annotations

from typing import Any

from ._helpers import OD, F, U, cond

NATIONAL_TIERS: dict[str, list[dict[str, Any]]] = {
    "AQ-097-I7": [
        {
            "code": "A",
            "name": "阶次A",
            "conditions": [cond("uncertified_persons", "lte", 1)],
            "conditions_text": "特种作业人员未持证上岗1人次",
            "source": "应急〔2024〕90号 第(26)项阶次A，引自2025年朝阳市龙城区应急管理局行政处罚决定 ◐；更高阶次❓",
            "verification": "◐",
            "note": "逾期阶段人员罚款幅度在来源中缺失，按法定幅度；来源决定书原文未能再次检索到",
            "ranges": [
                {"subject": U, "stage": F, "min": None, "max": 30000},
                {"subject": U, "stage": OD, "min": 100000, "max": 130000},
            ],
        }
    ],
}
