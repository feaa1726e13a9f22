"""The discretion calculator (裁量计算器): a pure function over frozen dataclasses.

Steps, each producing one explanation line:
1. version and law — 从旧兼从轻 (行政处罚法 Art 37 for laws; by analogy for benchmark versions): the
   version/provision in force on the violation date and the one in force on the decision date are both
   evaluated and the lighter for the party wins; a tie keeps the rule of the violation date.
   "Lighter" = lower statutory maximum over the party's subjects, then lower minimum, then milder other
   measures (警告 < 罚款 < 没收 < 暂扣 < 停产停业 < 吊销 < 关闭), then the lower tier band.
2. statutory range per subject for the stage (first instance or 逾期未改正) — a hard clamp (spec §6.2).
3. tier (裁量阶次): the one named in the request, else the first whose structured conditions hold.
4. circumstances (行政处罚法 Art 30–33 and the benchmark's own lists); 首违不罚 lists (spec §6.6).
5. recommended amount per subject (rule below); legal review / collective discussion / hearing (spec §7).

Recommended amount (❓ unverified — spec §6.1/§14 item 5: whether 应急〔2024〕90号 uses middle values or
percentage bands is not known; this is the reading a bureau would expect, following 国办发〔2022〕27号's
"从轻 below the middle, 从重 not below it"): the band is the tier range clamped to the statutory range
(or the statutory range when no tier applies); with no circumstances the recommendation is its middle
and the answer range is the whole band; net 从轻 (lighter − heavier > 0) narrows the range to the lower
half, net 从重 to the upper half; the recommendation sits at 50 % ± 20 % per net circumstance of the band
(clamped to 0–100 %), rounded to whole hundreds of yuan when the band is at least 2,000 yuan wide,
otherwise to whole yuan; a recommended fine is never 0 yuan (a fine is a positive amount: the lowest
is one grain, 100 or 1 yuan). 减轻 (only with a statutory 减轻 circumstance, Art 30/32) moves the band
below the statutory minimum to [0, minimum − 1] and flags legal review and collective discussion.

One act violating several provisions (``same_act``, 行政处罚法 Art 29): each provision is evaluated as
above and only the one with the higher fine (statutory maximum, then minimum, for the party's subjects)
is applied; the others are named in the explanation and fine nothing.
Modules: ``choice`` (which rule: Art 37, Art 29), ``review`` (法制审核 flags, basis wording), ``facts``,
``bounds`` (statutory fine bounds).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .bounds import _money_bounds
from .choice import (
    Band,
    Outcome,
    candidates,
    heaviness_key,
    same_act_reason,
    version_in_force,
    version_reason,
    yuan,
)
from .facts import all_met, describe_conditions, fact_label, missing_facts, validate_facts
from .numerals import provision_label
from .review import (
    INDIVIDUAL,
    KIND_LABEL,
    MAIN,
    RESPONSIBLE,
    SUBJECT_LABEL,
    UNIT,
    ReviewFlags,
    basis_lines,
    review_flags,
    review_line,
)
from .types import (
    CalculationError,
    Catalog,
    CircumstanceSpec,
    Fine,
    FirstOffenceSpec,
    Recommendation,
    RecommendationRequest,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

__all__ = [
    "SUBJECT_LABEL",
    "STAGE_LABEL",
    "recommend",
    "version_in_force",
    "yuan",
]

SUBJECT_ORDER = (UNIT, MAIN, RESPONSIBLE, INDIVIDUAL)
STAGE_LABEL = {"first": "首次处罚", "overdue": "逾期未改正（拒不改正）"}
PARTY_TYPES = ("unit", "individual")
# 行政处罚法 (2021) Art 30 (minors) and Art 31 (mental illness / intellectual disability) concern natural
# persons only: circumstance code (seed data, discretion/seed_data/lists.py) → the article.
NATURAL_PERSON_ONLY = {
    "ART30-UNDER14": "行政处罚法第三十条",
    "ART30-MINOR": "行政处罚法第三十条",
    "ART31-INCAPABLE": "行政处罚法第三十一条",
    "ART31-PARTIAL": "行政处罚法第三十一条",
}
STEP = 0.2  # share of the band one net circumstance moves the recommendation


# ---------------------------------------------------------------- validation


def _validate(req: RecommendationRequest) -> dict[str, Any]:
    if req.party_type not in PARTY_TYPES:
        raise CalculationError("当事人类型应为 unit（单位）或 individual（个人）", field="party_type")
    if req.stage not in STAGE_LABEL:
        raise CalculationError("阶段应为 first（首次处罚）或 overdue（逾期未改正）", field="stage")
    if not isinstance(req.violation_date, dt.date) or not isinstance(req.decision_date, dt.date):
        raise CalculationError("日期格式应为 YYYY-MM-DD", field="violation_date")
    if req.decision_date < req.violation_date:
        raise CalculationError("作出决定日期不得早于违法行为发生日期", field="decision_date")
    return validate_facts(req.facts)


def _check_tier(req: RecommendationRequest, rows: Sequence[ViolationSpec]) -> None:
    """A named tier must exist in one of the candidate provisions (else 400)."""
    if not req.tier:
        return
    known = list(dict.fromkeys(t.code for row in rows for t in row.tiers))
    if req.tier not in known:
        listed = (
            f"（可选：{'、'.join(known)}）" if known else "（该违法行为未细化阶次，请留空按事实自动选择）"
        )
        raise CalculationError(f"未知的裁量阶次编码：{req.tier}{listed}", field="tier")


# ---------------------------------------------------------------- step 2–3: ranges and tier


def _subjects(req: RecommendationRequest, v: ViolationSpec) -> tuple[dict[str, str], str]:
    """Map statute subjects to answer subjects for this party (一案双罚 for units, spec §6.4)."""
    if req.party_type == "unit":
        return {UNIT: UNIT, MAIN: MAIN, RESPONSIBLE: RESPONSIBLE}, ""
    if any(r.subject == UNIT for r in v.ranges):
        return (
            {UNIT: INDIVIDUAL},
            "当事人为个人且该条罚则针对生产经营单位：按个人经营的生产经营单位适用单位罚款幅度",
        )
    if any(r.subject == INDIVIDUAL for r in v.ranges):
        # one natural person, one fine: e.g. Art 106 names 主要负责人 and 个人经营的投资人 side by side
        return {INDIVIDUAL: INDIVIDUAL}, ""
    return {MAIN: MAIN, RESPONSIBLE: RESPONSIBLE}, ""


def _choose_tier(
    req: RecommendationRequest, v: ViolationSpec, facts: Mapping[str, Any], lines: list[str]
) -> TierSpec | None:
    for_stage = [t for t in v.tiers if any(tr.stage == req.stage for tr in t.ranges)]
    if req.tier:
        tier = next((t for t in v.tiers if t.code == req.tier), None)
        if tier is None:
            lines.append(f"本版本无阶次“{req.tier}”，改为按事实自动选择阶次")
        elif tier not in for_stage:
            raise CalculationError(
                f"裁量阶次“{tier.name}”没有{STAGE_LABEL[req.stage]}阶段的幅度", field="tier"
            )
        else:
            if all_met(tier.conditions, facts):
                lines.append(
                    f"裁量阶次：按选择适用{tier.name}（{tier.conditions_text or describe_conditions(tier.conditions)}）"
                )
            else:
                lines.append(
                    f"裁量阶次：按选择适用{tier.name}；注意其适用条件（{describe_conditions(tier.conditions)}）"
                    "与所填事实不完全相符，需在案件处理呈批表中说明理由"
                )
            return tier
    if not for_stage:
        lines.append("裁量阶次：本基准对该违法行为此阶段未细化阶次，按法定幅度裁量")
        return None
    for tier in for_stage:
        if all_met(tier.conditions, facts):
            lines.append(
                f"裁量阶次：事实符合{tier.name}（{tier.conditions_text or describe_conditions(tier.conditions)}）"
            )
            return tier
    missing = sorted({f for t in for_stage for f in missing_facts(t.conditions, facts)})
    hint = f"；可补充事实：{'、'.join(fact_label(f) for f in missing)}" if missing else ""
    lines.append(f"裁量阶次：事实不符合任何已细化阶次的适用条件，按法定幅度裁量{hint}")
    return None


def _evaluate(
    req: RecommendationRequest,
    facts: Mapping[str, Any],
    version: VersionSpec,
    v: ViolationSpec,
    when: str,
) -> Outcome:
    lines: list[str] = []
    mapping, note = _subjects(req, v)
    if note:
        lines.append(note)
    stage_label = STAGE_LABEL[req.stage]
    tier = _choose_tier(req, v, facts, lines)
    bands: list[Band] = []
    for statute_subject in SUBJECT_ORDER:
        if statute_subject not in mapping:
            continue
        rows = [r for r in v.ranges if r.stage == req.stage and r.subject == statute_subject]
        if not rows:
            continue
        matching = [r for r in rows if all_met(r.conditions, facts)]
        if not matching:
            missing = sorted({f for r in rows for f in missing_facts(r.conditions, facts)})
            if missing:
                raise CalculationError(
                    f"计算{SUBJECT_LABEL[statute_subject]}罚款需要提供：{'、'.join(fact_label(f) for f in missing)}",
                    field="facts",
                )
            continue
        row = max(matching, key=lambda r: len(r.conditions))
        smin, smax = _money_bounds(row, facts)
        if smax is None:
            continue  # a range row without a money ceiling is not a fine the calculator can set
        subject = mapping[statute_subject]
        lo, hi = smin or 0, smax
        tier_range = None
        if tier is not None:
            tier_range = next(
                (tr for tr in tier.ranges if tr.stage == req.stage and tr.subject == statute_subject), None
            )
        if tier_range is not None:
            tlo = (tier_range.min or 0) + (0 if tier_range.lower_inclusive else 1)
            thi = hi if tier_range.max is None else tier_range.max - (0 if tier_range.upper_inclusive else 1)
            if max(lo, tlo) <= min(hi, thi):
                lo, hi = max(lo, tlo), min(hi, thi)
            else:
                lines.append(f"{SUBJECT_LABEL[subject]}：阶次幅度与法定幅度不相交，按法定幅度")
        bands.append(Band(subject, smin, smax, lo, hi, row.basis))
        lines.append(
            f"{SUBJECT_LABEL[subject]}（{stage_label}）法定幅度：{row.basis or ''}"
            f"→ {yuan(smin or 0)}至{yuan(smax)}"
            + (f"；阶次幅度 {yuan(lo)}至{yuan(hi)}" if tier_range is not None else "")
        )
    if not bands:
        lines.append(f"{stage_label}阶段该违法行为对本当事人无罚款规定")
    measures = [m for m in v.measures if m.stage == req.stage and all_met(m.conditions, facts)]
    for m in v.measures:
        if m.stage == req.stage and m not in measures and missing_facts(m.conditions, facts):
            lines.append(f"如{describe_conditions(m.conditions)}，还应{m.text}")
    return Outcome(version, v, when, bands, tier, measures, heaviness_key(bands, measures), lines)


# ---------------------------------------------------------------- step 4–5


def _split(lo: int, hi: int, net: int) -> tuple[int, int, int]:
    """(range lo, range hi, recommended) for a band and the net number of 从重 minus 从轻 circumstances."""
    width = hi - lo
    position = min(1.0, max(0.0, 0.5 + STEP * net))
    raw = lo + position * width
    grain = 100 if width >= 2000 else 1
    rec = min(
        hi, max(lo, int(Decimal(str(raw / grain)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * grain)
    )
    if rec <= 0 < hi:
        rec = min(hi, grain)  # a fine is a positive amount: the lowest is one grain
    if net < 0:
        r_lo, r_hi = lo, lo + math.ceil(width / 2)
    elif net > 0:
        r_lo, r_hi = lo + width // 2, hi
    else:
        r_lo, r_hi = lo, hi
    return r_lo, r_hi, min(r_hi, max(r_lo, rec))


def _first_offence(
    req: RecommendationRequest,
    facts: Mapping[str, Any],
    v: ViolationSpec,
    entries: Sequence[FirstOffenceSpec],
) -> tuple[FirstOffenceSpec | None, list[str]]:
    lines: list[str] = []
    for e in entries:
        if not e.in_force(req.violation_date) or not ({v.code, v.act} & set(e.violation_codes)):
            continue
        conds = e.list_conditions + e.scope_conditions
        scope = f"（范围：{e.scope_text}）" if e.scope_text else ""
        if all_met(conds, facts):
            lines.append(
                f"首违不罚：符合《{e.list_name}》第{e.number}项“{e.description}”{scope}及清单全部条件，可以不予行政处罚"
                "（行政处罚法第三十三条第一款）；不予处罚的应当对当事人进行教育（第三十三条第三款）"
            )
            return e, lines
        missing = missing_facts(conds, facts)
        if missing:
            lines.append(
                f"首违不罚：可能适用《{e.list_name}》第{e.number}项“{e.description}”{scope}，需核实："
                + "、".join(fact_label(f) for f in missing)
            )
        else:
            failed = [c for c in conds if not all_met((c,), facts)]
            lines.append(
                f"首违不罚：不符合《{e.list_name}》第{e.number}项的条件（{describe_conditions(failed)}不成立）"
            )
    return None, lines


def recommend(req: RecommendationRequest, catalog: Catalog) -> Recommendation:
    """Recommend the penalty for one violation (spec §6.2 calculator rules). With ``req.same_act``
    (other provisions the same act violates) only the provision with the higher fine is applied
    (行政处罚法 Art 29). Raises CalculationError (a Chinese message) on bad input."""
    if not req.same_act:
        return _recommend_one(req, catalog)[0]
    codes = list(dict.fromkeys((req.violation, *req.same_act)))
    results = [
        _recommend_one(
            replace(req, violation=code, same_act=(), tier=req.tier if code == req.violation else None),
            catalog,
        )
        for code in codes
    ]
    # the higher fine wins: statutory maximum, then minimum; equal → the provision listed first
    best = max(range(len(results)), key=lambda i: (results[i][1].key[:2], -i))
    chosen, outcome = results[best]
    reason = same_act_reason([o for _, o in results], outcome)
    explanation = (f"法条竞合：{reason}", *chosen.explanation)
    return replace(chosen, same_act_reason=reason, explanation=explanation)


def _recommend_one(req: RecommendationRequest, catalog: Catalog) -> tuple[Recommendation, Outcome]:
    facts = _validate(req)
    found = candidates(req, catalog.versions)
    _check_tier(req, [row for _, row, _, _ in found])
    outcomes = [
        _evaluate(req, facts, version, row, f"{v_when}的基准、{l_when}的罚则")
        for version, row, v_when, l_when in found
    ]
    chosen = min(outcomes, key=lambda o: o.key)  # min() keeps the first of equals: the violation-date rule
    explanation: list[str] = []
    reason = version_reason(req, outcomes, chosen)
    explanation.append(f"版本选择：{reason}")
    v = chosen.violation
    version = chosen.version
    flags = ReviewFlags()
    if (
        v.law_effective_to is not None
        and v.law_effective_to < req.decision_date
        and not any(o.violation.law_in_force(req.decision_date) for o in outcomes)
    ):
        explanation.append(
            f"罚则于{v.law_effective_to}失效，决定时施行的新规定尚未录入本基准：暂按行为时规定，须对照新规定核对轻重"
        )
        flags.reasons.append("决定时施行的新规定尚未录入，需法制审核核对从旧兼从轻")
        flags.legal_review = True
    explanation.append(
        f"违法事实适用：违反{v.violated_provision or '相关规定'}，依据"
        f"{provision_label(v.law_full_name, v.article, v.paragraph, v.item)}（{STAGE_LABEL[req.stage]}）"
    )
    explanation.extend(chosen.lines)

    applied, net, reduce, no_penalty_required, no_penalty_possible = _circumstances(
        req, catalog, outcomes, chosen, explanation
    )
    first_offence, fo_lines = _first_offence(req, facts, v, catalog.first_offence)
    explanation.extend(fo_lines)
    if first_offence is not None:
        no_penalty_possible = True

    fines: list[Fine] = []
    reduced_any = False
    if no_penalty_required:
        explanation.append(
            "依法应当不予行政处罚（行政处罚法第三十条、第三十一条或第三十三条），不计算罚款；应当责令改正并对当事人进行教育"
        )
    else:
        for b in chosen.bands:
            fine, line, reduced = _fine(b, net, reduce)
            reduced_any |= reduced
            explanation.extend(line)
            fines.append(fine)

    measures = [m for m in chosen.measures if not no_penalty_required or m.kind == "order_correction"]
    review_flags(fines, measures, reduced_any, catalog.review_criteria, flags)
    explanation.extend(flags.hints)
    explanation.append(review_line(flags))

    recommendation = Recommendation(
        violation=v,
        version=version,
        version_reason=reason,
        tier=chosen.tier,
        fines=tuple(fines),
        other_measures=tuple(m.text for m in measures),
        no_penalty_possible=no_penalty_possible,
        no_penalty_required=no_penalty_required,
        requires_legal_review=flags.legal_review,
        requires_collective_discussion=flags.collective_discussion,
        hearing_right=flags.hearing,
        reduced=reduced_any,
        review_reasons=tuple(flags.reasons),
        basis=tuple(basis_lines(v, version, chosen.tier, applied, first_offence, fines, measures)),
        explanation=tuple(explanation),
        first_offence=first_offence,
    )
    return recommendation, chosen


def _circumstances(
    req: RecommendationRequest,
    catalog: Catalog,
    outcomes: Sequence[Outcome],
    chosen: Outcome,
    explanation: list[str],
) -> tuple[list[CircumstanceSpec], int, bool, bool, bool]:
    """Step 4 (行政处罚法 Art 30–33, the benchmark's own lists): (applied, net 从重 − 从轻, statutory
    减轻, 不予处罚 required, 不予处罚 possible). Unknown codes, and Art 30/31 circumstances for a unit
    (natural persons only), are a CalculationError."""
    version = chosen.version
    known_anywhere = {c.code for c in catalog.statutory_circumstances} | {
        c.code for o in outcomes for c in o.version.circumstances
    }
    unknown = [c for c in req.circumstances if c not in known_anywhere]
    if unknown:
        raise CalculationError(f"未知的情节编码：{'、'.join(unknown)}", field="circumstances")
    lookup: dict[str, CircumstanceSpec] = {c.code: c for c in catalog.statutory_circumstances}
    lookup.update({c.code: c for c in version.circumstances})
    if req.party_type == "unit":
        refused = [c for c in dict.fromkeys(req.circumstances) if c in NATURAL_PERSON_ONLY]
        if refused:
            raise CalculationError(
                "；".join(
                    f"“{lookup[c].name if c in lookup else c}”仅适用于自然人当事人（{NATURAL_PERSON_ONLY[c]}）"
                    for c in refused
                )
                + "，本案当事人为单位",
                field="circumstances",
            )
    applied = [lookup[c] for c in dict.fromkeys(req.circumstances) if c in lookup]
    for code in req.circumstances:
        if code not in lookup:
            explanation.append(f"情节“{code}”不属于所适用的{version.label}，未予考虑")
    no_penalty_required = any(c.kind == "no_penalty" and c.mandatory for c in applied)
    no_penalty_possible = no_penalty_required or any(c.kind == "no_penalty" for c in applied)
    lighter = sum(1 for c in applied if c.kind == "lighter" or (c.kind == "reduced" and not c.statutory))
    heavier = sum(1 for c in applied if c.kind == "heavier")
    reduce = any(c.kind == "reduced" and c.statutory for c in applied)
    if applied:
        explanation.append(
            "情节："
            + "；".join(
                f"{c.name}（{'应当' if c.mandatory else '可以'}{KIND_LABEL[c.kind]}，{c.article}）"
                for c in applied
            )
            + f"。从重{heavier}项、从轻{lighter}项"
            + ("、法定减轻情节" if reduce else "")
        )
        if any(c.kind == "reduced" and not c.statutory for c in applied):
            explanation.append("非法定的减轻情节不得低于法定最低限，按从轻处理")
    else:
        explanation.append("情节：无从重、从轻、减轻或不予处罚情节")
    return applied, heavier - lighter, reduce, no_penalty_required, no_penalty_possible


def _fine(b: Band, net: int, reduce: bool) -> tuple[Fine, list[str], bool]:
    """The fine of one subject: its answer range, recommendation and explanation line."""
    label = SUBJECT_LABEL[b.subject]
    if reduce and (b.statutory_min or 0) > 0:
        r_lo, r_hi, rec = _split(0, (b.statutory_min or 0) - 1, net)
        line = [
            f"{label}：具有法定减轻情节，在法定最低限{yuan(b.statutory_min)}以下裁量"
            f"（{yuan(r_lo)}至{yuan(r_hi)}），推荐{yuan(rec)}（❓减轻幅度未经核实，待本地细则确认）"
        ]
        return Fine(b.subject, r_lo, r_hi, rec, b.statutory_min, b.statutory_max, b.range_basis), line, True
    line = []
    if reduce:
        net -= 1
        line.append(f"{label}：法定幅度无最低限，减轻情节按从轻处理")
    r_lo, r_hi, rec = _split(b.lo, b.hi, net)
    if net == 0:
        how = "无从重从轻，取幅度中间值"
    elif net < 0:
        how = f"净从轻{-net}项，在幅度下半段裁量"
    else:
        how = f"净从重{net}项，在幅度上半段裁量"
    line.append(
        f"{label}：裁量幅度{yuan(b.lo)}至{yuan(b.hi)}，{how}（{yuan(r_lo)}至{yuan(r_hi)}），推荐{yuan(rec)}"
    )
    return Fine(b.subject, r_lo, r_hi, rec, b.statutory_min, b.statutory_max, b.range_basis), line, False
