"""Deadlines the inspections app opens (core deadline service; reminders by core's daily scan)."""

from __future__ import annotations

from enforcement.core.registry import DeadlineKind

KIND_RECTIFICATION = "inspections.rectification"
KIND_RECHECK = "inspections.recheck"
KIND_EXTENSION_DECISION = "inspections.extension_decision"
KIND_INSPECTION_DUE = "inspections.inspection_due"
KIND_DRAW_PUBLICATION = "inspections.draw_publication"

DEADLINE_KINDS = (
    DeadlineKind(
        KIND_RECTIFICATION, "隐患整改期限", "责令限期整改指令书（安全生产法第六十五条）", (3, 1, 0, -1)
    ),
    DeadlineKind(
        KIND_RECHECK, "整改复查期限", "整改期限届满或复查申请之日起10日内复查（15号令，待核实）", (3, 1, 0)
    ),
    DeadlineKind(
        KIND_EXTENSION_DECISION, "延期申请答复期限", "延期整改申请答复（15号令，期间待核实）", (1, 0)
    ),
    DeadlineKind(KIND_INSPECTION_DUE, "检查方案实施期限", "检查方案确定的检查时间", (3, 0)),
    DeadlineKind(
        KIND_DRAW_PUBLICATION,
        "双随机抽查结果公示期限",
        "年度监督检查计划确定的公示期限（双随机、一公开）",
        (3, 1, 0),
    ),
)
