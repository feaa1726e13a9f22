"""Step 5 of the calculator: 重大执法决定 flags (法制审核, 集体讨论, 听证 — spec §7, §1.11) and the basis
wording ready for a decision document. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .choice import yuan
from .facts import describe_conditions
from .numerals import provision_label
from .types import (
    CircumstanceSpec,
    Fine,
    FirstOffenceSpec,
    MeasureSpec,
    ReviewCriterionSpec,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

UNIT, RESPONSIBLE, MAIN, INDIVIDUAL = "unit", "responsible_person", "main_person", "individual"
SUBJECT_LABEL = {
    UNIT: "单位",
    MAIN: "主要负责人",
    RESPONSIBLE: "直接负责的主管人员和其他直接责任人员",
    INDIVIDUAL: "个人",
}
KIND_LABEL = {
    "no_penalty": "不予处罚",
    "lighter": "从轻处罚",
    "reduced": "从轻或者减轻处罚",
    "heavier": "从重处罚",
}
REDUCTION_BASIS = "减轻处罚低于法定最低限，属情节复杂或重大违法行为，应当法制审核并集体讨论（行政处罚法第五十七条第二款、第五十八条；spec §7 ◐）"


@dataclass
class ReviewFlags:
    legal_review: bool = False
    collective_discussion: bool = False
    hearing: bool = False
    reasons: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def review_flags(
    fines: Sequence[Fine],
    measures: Sequence[MeasureSpec],
    reduced: bool,
    criteria: Sequence[ReviewCriterionSpec],
    flags: ReviewFlags,
) -> ReviewFlags:
    """Add the spec §7 criteria the proposed penalty meets: 较大数额 fines (threshold inclusive, unit vs
    person), measures such as 责令停产停业/吊销/关闭, and 减轻 below the statutory minimum."""
    for f in fines:
        group = "unit" if f.subject == UNIT else "person"
        for crit in criteria:
            if crit.kind != "fine_amount" or crit.subject_group != group or crit.threshold is None:
                continue
            if f.recommended >= crit.threshold:
                flags.reasons.append(
                    f"{crit.name}：{SUBJECT_LABEL[f.subject]}罚款{yuan(f.recommended)}≥{yuan(crit.threshold)}（{crit.basis}）"
                )
                flags.legal_review |= crit.legal_review
                flags.collective_discussion |= crit.collective_discussion
                flags.hearing |= crit.hearing
            elif f.max >= crit.threshold:
                needs = "、".join(
                    x
                    for x, on in (
                        ("需法制审核", crit.legal_review),
                        ("集体讨论", crit.collective_discussion),
                        ("告知听证权利", crit.hearing),
                    )
                    if on
                )
                flags.hints.append(
                    f"提示：{SUBJECT_LABEL[f.subject]}罚款如达到{yuan(crit.threshold)}以上，属{crit.name}，{needs}"
                )
    for m in measures:
        for crit in criteria:
            if crit.kind == "measure" and crit.measure_kind == m.kind:
                flags.reasons.append(f"{crit.name}：{m.text}（{crit.basis}）")
                flags.legal_review |= crit.legal_review
                flags.collective_discussion |= crit.collective_discussion
                flags.hearing |= crit.hearing
    if reduced:
        crit_basis = next((c.basis for c in criteria if c.kind == "reduction"), REDUCTION_BASIS)
        flags.reasons.append(f"减轻处罚（低于法定最低限）：{crit_basis}")
        flags.legal_review = flags.collective_discussion = True
    return flags


def review_line(flags: ReviewFlags) -> str:
    if flags.legal_review or flags.collective_discussion or flags.hearing:
        return "法制审核：需要——" + "；".join(flags.reasons)
    return "法制审核：未触发重大执法决定法制审核情形"


def basis_lines(
    v: ViolationSpec,
    version: VersionSpec,
    tier: TierSpec | None,
    applied: Sequence[CircumstanceSpec],
    first_offence: FirstOffenceSpec | None,
    fines: Sequence[Fine],
    measures: Sequence[MeasureSpec],
) -> list[str]:
    """The wording a 行政处罚决定书 uses: provision violated, penalty basis, benchmark and tier,
    circumstances with their articles, the amounts and the other measures."""
    basis = [f"违反了{v.violated_provision}的规定"] if v.violated_provision else []
    basis.append(f"依据{provision_label(v.law_full_name, v.article, v.paragraph, v.item)}的规定")
    if tier is not None:
        basis.append(
            f"参照{version.label}“{v.name}”{tier.name}（{tier.conditions_text or describe_conditions(tier.conditions)}）"
        )
    else:
        basis.append(f"参照{version.label}")
    for c in applied:
        # a benchmark's own circumstance is cited by the benchmark, not by its source note
        source = c.article if c.statutory else version.label
        basis.append(
            f"当事人{c.name}，根据{source}的规定，{'应当' if c.mandatory else '可以'}{KIND_LABEL[c.kind]}"
        )
    if first_offence is not None:
        basis.append(
            f"符合《{first_offence.list_name}》第{first_offence.number}项，根据《中华人民共和国行政处罚法》第三十三条第一款的规定，可以不予行政处罚"
        )
    for f in fines:
        basis.append(f"对{SUBJECT_LABEL[f.subject]}处罚款人民币{f.recommended:,}元")
    basis.extend(m.text for m in measures if m.kind != "order_correction")
    return basis
