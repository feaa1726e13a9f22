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
otherwise to whole yuan. 减轻 (only with a statutory 减轻 circumstance, Art 30/32) moves the band below
the statutory minimum to [0, minimum − 1] and flags legal review and collective discussion.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .facts import all_met, describe_conditions, fact_label, missing_facts, validate_facts
from .numerals import provision_label
from .types import (
    CalculationError,
    Catalog,
    CircumstanceSpec,
    Fine,
    FirstOffenceSpec,
    MeasureSpec,
    RangeSpec,
    Recommendation,
    RecommendationRequest,
    TierSpec,
    VersionSpec,
    ViolationSpec,
)

UNIT, RESPONSIBLE, MAIN, INDIVIDUAL = "unit", "responsible_person", "main_person", "individual"
SUBJECT_ORDER = (UNIT, MAIN, RESPONSIBLE, INDIVIDUAL)
SUBJECT_LABEL = {
    UNIT: "单位",
    MAIN: "主要负责人",
    RESPONSIBLE: "直接负责的主管人员和其他直接责任人员",
    INDIVIDUAL: "个人",
}
STAGE_LABEL = {"first": "首次处罚", "overdue": "逾期未改正（拒不改正）"}
PARTY_TYPES = ("unit", "individual")
JURISDICTION_RANK = {"national": 0, "province": 1, "city": 2}
MEASURE_SEVERITY = {
    "order_correction": 0,
    "other": 0,
    "warning": 1,
    "confiscation": 3,
    "suspension": 4,
    "production_halt": 5,
    "revocation": 6,
    "closure": 7,
}
FINE_SEVERITY = 2
STEP = 0.2  # share of the band one net circumstance moves the recommendation
REDUCTION_BASIS = "减轻处罚低于法定最低限，属情节复杂或重大违法行为，应当法制审核并集体讨论（行政处罚法第五十七条第二款、第五十八条；spec §7 ◐）"


def yuan(n: int | None) -> str:
    return "不设上限" if n is None else f"{n:,}元"


def _round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class _Band:
    subject: str
    statutory_min: int | None
    statutory_max: int | None
    lo: int
    hi: int
    range_basis: str


@dataclass
class _Outcome:
    version: VersionSpec
    violation: ViolationSpec
    when: str
    bands: list[_Band]
    tier: TierSpec | None
    measures: list[MeasureSpec]
    key: tuple[float, float, int, float, float]
    lines: list[str] = field(default_factory=list)


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


# ---------------------------------------------------------------- step 1: candidates


def version_in_force(
    versions: Sequence[VersionSpec], on: dt.date, violation_code: str | None = None
) -> VersionSpec | None:
    """The published version in force on ``on``: the most specific jurisdiction, then the newest; with
    ``violation_code``, the first such version that catalogues that violation (a city or province
    supplement need not repeat every national row)."""
    in_force = sorted(
        (v for v in versions if v.in_force(on)),
        key=lambda v: (JURISDICTION_RANK.get(v.jurisdiction, 0), v.effective_from),
        reverse=True,
    )
    if violation_code is not None:
        in_force = [v for v in in_force if any(x.code == violation_code for x in v.violations)] or in_force
    return in_force[0] if in_force else None


def _candidates(
    req: RecommendationRequest, catalog: Catalog
) -> list[tuple[VersionSpec, ViolationSpec, str, str]]:
    """(version, provision row, which version date, which law date) in preference order for ties."""
    by_date = [
        ("行为时", version_in_force(catalog.versions, req.violation_date, req.violation)),
        ("决定时", version_in_force(catalog.versions, req.decision_date, req.violation)),
    ]
    if by_date[0][1] is None and by_date[1][1] is None:
        raise CalculationError(
            f"违法行为发生日（{req.violation_date}）和作出决定日（{req.decision_date}）均无施行中的裁量基准",
            field="violation_date",
        )
    out: list[tuple[VersionSpec, ViolationSpec, str, str]] = []
    found = False
    both = "行为时及决定时"
    versions: list[tuple[str, VersionSpec]] = []
    if by_date[0][1] is not None and by_date[0][1] is by_date[1][1]:
        versions.append((both, by_date[0][1]))
    else:
        versions.extend((w, v) for w, v in by_date if v is not None)
    for v_when, version in versions:
        row = next((x for x in version.violations if x.code == req.violation), None)
        if row is None:
            continue
        found = True
        group = [x for x in version.violations if x.act == row.act]
        law_v = next((x for x in group if x.law_in_force(req.violation_date)), None)
        law_d = next((x for x in group if x.law_in_force(req.decision_date)), None)
        if law_v is not None and law_v is law_d:
            out.append((version, law_v, v_when, both))
            continue
        if law_v is not None:
            out.append((version, law_v, v_when, "行为时"))
        if law_d is not None:
            out.append((version, law_d, v_when, "决定时"))
    if not found:
        raise CalculationError(f"未知的违法行为编码：{req.violation}", field="violation")
    if not any(l_when != "决定时" for *_, l_when in out):
        raise CalculationError(
            f"违法行为发生时（{req.violation_date}），该违法行为的罚则不在施行期间，不得依据其后施行的规定处罚"
            "（行政处罚法第三十七条）",
            field="violation_date",
        )
    return out


# ---------------------------------------------------------------- step 2–3: ranges and tier


def _money_bounds(r: RangeSpec, facts: Mapping[str, Any]) -> tuple[int | None, int | None]:
    if r.income_share is not None:
        income = facts.get("prior_year_income")
        if income is None:
            raise CalculationError(
                "该罚款按上一年年收入的比例计算，请提供上一年年收入（prior_year_income）", field="facts"
            )
        base = Decimal(str(income))
        return _round_half_up(r.income_share[0] * base), _round_half_up(r.income_share[1] * base)
    if r.gains_multiple is not None:
        gains = facts.get("illegal_gains")
        if gains is None:
            raise CalculationError(
                "该罚款按违法所得的倍数计算，请提供违法所得（illegal_gains）", field="facts"
            )
        base = Decimal(str(gains))
        return _round_half_up(r.gains_multiple[0] * base), _round_half_up(r.gains_multiple[1] * base)
    return r.min, r.max


def _subjects(req: RecommendationRequest, v: ViolationSpec) -> tuple[dict[str, str], str]:
    """Map statute subjects to answer subjects for this party (一案双罚 for units, spec §6.4)."""
    if req.party_type == "unit":
        return {UNIT: UNIT, MAIN: MAIN, RESPONSIBLE: RESPONSIBLE}, ""
    if any(r.subject == UNIT for r in v.ranges):
        return (
            {UNIT: INDIVIDUAL},
            "当事人为个人且该条罚则针对生产经营单位：按个人经营的生产经营单位适用单位罚款幅度",
        )
    return {INDIVIDUAL: INDIVIDUAL, MAIN: MAIN, RESPONSIBLE: RESPONSIBLE}, ""


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
) -> _Outcome:
    lines: list[str] = []
    mapping, note = _subjects(req, v)
    if note:
        lines.append(note)
    stage_label = STAGE_LABEL[req.stage]
    tier = _choose_tier(req, v, facts, lines)
    bands: list[_Band] = []
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
        bands.append(_Band(subject, smin, smax, lo, hi, row.basis))
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
    severity = max([MEASURE_SEVERITY.get(m.kind, 0) for m in measures] + [FINE_SEVERITY if bands else 0])
    stat_max = (
        math.inf if any(b.statutory_max is None for b in bands) else sum(b.statutory_max or 0 for b in bands)
    )
    key = (
        float(stat_max),
        float(sum(b.statutory_min or 0 for b in bands)),
        severity,
        float(sum(b.hi for b in bands)),
        float(sum(b.lo for b in bands)),
    )
    return _Outcome(version, v, when, bands, tier, measures, key, lines)


KEY_LABELS = (
    "法定最高罚款合计",
    "法定最低罚款合计",
    "其他处罚种类的轻重",
    "阶次幅度上限合计",
    "阶次幅度下限合计",
)


def _describe(o: _Outcome) -> str:
    return f"{o.when}（{o.version.label}·{provision_label(o.violation.law_full_name, o.violation.article, o.violation.paragraph, o.violation.item)}）"


def _version_reason(req: RecommendationRequest, outcomes: list[_Outcome], chosen: _Outcome) -> str:
    if len(outcomes) == 1:
        return (
            f"违法行为发生日（{req.violation_date}）与作出决定日（{req.decision_date}）适用同一规定：{_describe(chosen)}"
            if chosen.when.count("行为时及决定时") == 2
            else f"仅有一个可适用的规定：{_describe(chosen)}"
        )
    parts = []
    for other in outcomes:
        if other is chosen:
            continue
        idx = next((i for i in range(len(chosen.key)) if chosen.key[i] != other.key[i]), None)
        if idx is None:
            parts.append(f"与{_describe(other)}轻重相同，依行政处罚法第三十七条适用违法行为发生时的规定")
        else:
            a, b = chosen.key[idx], other.key[idx]
            if idx == 2:
                cmp = "其他处罚种类较轻"
            else:
                cmp = f"{KEY_LABELS[idx]}{yuan(int(a))} < {yuan(None if b == math.inf else int(b))}"
            parts.append(f"比{_describe(other)}对当事人较轻（{cmp}）")
    return f"从旧兼从轻（行政处罚法第三十七条；基准版本参照适用）：适用{_describe(chosen)}，" + "；".join(
        parts
    )


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
    """Recommend the penalty for one violation (spec §6.2 calculator rules). Raises CalculationError."""
    facts = _validate(req)
    candidates = _candidates(req, catalog)
    outcomes = []
    for version, row, v_when, l_when in candidates:
        when = f"{v_when}的基准、{l_when}的罚则"
        outcomes.append(_evaluate(req, facts, version, row, when))
    chosen = min(outcomes, key=lambda o: o.key)  # min() keeps the first of equals: the violation-date rule
    explanation: list[str] = []
    version_reason = _version_reason(req, outcomes, chosen)
    explanation.append(f"版本选择：{version_reason}")
    v = chosen.violation
    version = chosen.version
    review_reasons: list[str] = []
    legal_review = collective = hearing = False
    if (
        v.law_effective_to is not None
        and v.law_effective_to < req.decision_date
        and not any(o.violation.law_in_force(req.decision_date) for o in outcomes)
    ):
        explanation.append(
            f"罚则于{v.law_effective_to}失效，决定时施行的新规定尚未录入本基准：暂按行为时规定，须对照新规定核对轻重"
        )
        review_reasons.append("决定时施行的新规定尚未录入，需法制审核核对从旧兼从轻")
        legal_review = True
    explanation.append(
        f"违法事实适用：违反{v.violated_provision or '相关规定'}，依据"
        f"{provision_label(v.law_full_name, v.article, v.paragraph, v.item)}（{STAGE_LABEL[req.stage]}）"
    )
    explanation.extend(chosen.lines)

    # circumstances
    known_anywhere = {c.code for c in catalog.statutory_circumstances} | {
        c.code for o in outcomes for c in o.version.circumstances
    }
    unknown = [c for c in req.circumstances if c not in known_anywhere]
    if unknown:
        raise CalculationError(f"未知的情节编码：{'、'.join(unknown)}", field="circumstances")
    lookup: dict[str, CircumstanceSpec] = {c.code: c for c in catalog.statutory_circumstances}
    lookup.update({c.code: c for c in version.circumstances})
    applied = [lookup[c] for c in dict.fromkeys(req.circumstances) if c in lookup]
    for code in req.circumstances:
        if code not in lookup:
            explanation.append(f"情节“{code}”不属于所适用的{version.label}，未予考虑")
    no_penalty_required = any(c.kind == "no_penalty" and c.mandatory for c in applied)
    no_penalty_possible = no_penalty_required or any(c.kind == "no_penalty" for c in applied)
    lighter = sum(1 for c in applied if c.kind == "lighter" or (c.kind == "reduced" and not c.statutory))
    heavier = sum(1 for c in applied if c.kind == "heavier")
    reduce = any(c.kind == "reduced" and c.statutory for c in applied)
    net = heavier - lighter
    if applied:
        explanation.append(
            "情节："
            + "；".join(
                f"{c.name}（{'应当' if c.mandatory else '可以'}{_KIND_LABEL[c.kind]}，{c.article}）"
                for c in applied
            )
            + f"。从重{heavier}项、从轻{lighter}项"
            + ("、法定减轻情节" if reduce else "")
        )
        if any(c.kind == "reduced" and not c.statutory for c in applied):
            explanation.append("非法定的减轻情节不得低于法定最低限，按从轻处理")
    else:
        explanation.append("情节：无从重、从轻、减轻或不予处罚情节")

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
            subject_net = net
            if reduce and (b.statutory_min or 0) > 0:
                lo, hi = 0, (b.statutory_min or 0) - 1
                reduced_any = True
                r_lo, r_hi, rec = _split(lo, hi, subject_net)
                explanation.append(
                    f"{SUBJECT_LABEL[b.subject]}：具有法定减轻情节，在法定最低限{yuan(b.statutory_min)}以下裁量"
                    f"（{yuan(r_lo)}至{yuan(r_hi)}），推荐{yuan(rec)}（❓减轻幅度未经核实，待本地细则确认）"
                )
            else:
                if reduce:
                    subject_net -= 1
                    explanation.append(f"{SUBJECT_LABEL[b.subject]}：法定幅度无最低限，减轻情节按从轻处理")
                r_lo, r_hi, rec = _split(b.lo, b.hi, subject_net)
                how = (
                    "无从重从轻，取幅度中间值"
                    if subject_net == 0
                    else (
                        f"净从轻{-subject_net}项，在幅度下半段裁量"
                        if subject_net < 0
                        else f"净从重{subject_net}项，在幅度上半段裁量"
                    )
                )
                explanation.append(
                    f"{SUBJECT_LABEL[b.subject]}：裁量幅度{yuan(b.lo)}至{yuan(b.hi)}，{how}（{yuan(r_lo)}至{yuan(r_hi)}），推荐{yuan(rec)}"
                )
            fines.append(Fine(b.subject, r_lo, r_hi, rec, b.statutory_min, b.statutory_max, b.range_basis))

    measures = [m for m in chosen.measures if not no_penalty_required or m.kind == "order_correction"]

    # legal review, collective discussion, hearing (spec §7, §1.11)
    for f in fines:
        group = "unit" if f.subject == UNIT else "person"
        for crit in catalog.review_criteria:
            if crit.kind != "fine_amount" or crit.subject_group != group or crit.threshold is None:
                continue
            if f.recommended >= crit.threshold:
                review_reasons.append(
                    f"{crit.name}：{SUBJECT_LABEL[f.subject]}罚款{yuan(f.recommended)}≥{yuan(crit.threshold)}（{crit.basis}）"
                )
                legal_review |= crit.legal_review
                collective |= crit.collective_discussion
                hearing |= crit.hearing
            elif f.max >= crit.threshold:
                explanation.append(
                    f"提示：{SUBJECT_LABEL[f.subject]}罚款如达到{yuan(crit.threshold)}以上，属{crit.name}，"
                    + "、".join(
                        x
                        for x, on in (
                            ("需法制审核", crit.legal_review),
                            ("集体讨论", crit.collective_discussion),
                            ("告知听证权利", crit.hearing),
                        )
                        if on
                    )
                )
    for m in measures:
        for crit in catalog.review_criteria:
            if crit.kind == "measure" and crit.measure_kind == m.kind:
                review_reasons.append(f"{crit.name}：{m.text}（{crit.basis}）")
                legal_review |= crit.legal_review
                collective |= crit.collective_discussion
                hearing |= crit.hearing
    if reduced_any:
        crit_basis = next(
            (c.basis for c in catalog.review_criteria if c.kind == "reduction"), REDUCTION_BASIS
        )
        review_reasons.append(f"减轻处罚（低于法定最低限）：{crit_basis}")
        legal_review = collective = True
    explanation.append(
        "法制审核："
        + (
            "需要——" + "；".join(review_reasons)
            if legal_review or collective or hearing
            else "未触发重大执法决定法制审核情形"
        )
    )

    basis = [f"违反了{v.violated_provision}的规定"] if v.violated_provision else []
    basis.append(f"依据{provision_label(v.law_full_name, v.article, v.paragraph, v.item)}的规定")
    if chosen.tier is not None:
        basis.append(
            f"参照{version.label}“{v.name}”{chosen.tier.name}（{chosen.tier.conditions_text or describe_conditions(chosen.tier.conditions)}）"
        )
    else:
        basis.append(f"参照{version.label}")
    for c in applied:
        basis.append(
            f"当事人{c.name}，根据{c.article}的规定，{'应当' if c.mandatory else '可以'}{_KIND_LABEL[c.kind]}"
        )
    if first_offence is not None:
        basis.append(
            f"符合《{first_offence.list_name}》第{first_offence.number}项，根据《中华人民共和国行政处罚法》第三十三条第一款的规定，可以不予行政处罚"
        )
    for f in fines:
        basis.append(f"对{SUBJECT_LABEL[f.subject]}处罚款人民币{f.recommended:,}元")
    basis.extend(m.text for m in measures if m.kind != "order_correction")

    return Recommendation(
        violation=v,
        version=version,
        version_reason=version_reason,
        tier=chosen.tier,
        fines=tuple(fines),
        other_measures=tuple(m.text for m in measures),
        no_penalty_possible=no_penalty_possible,
        no_penalty_required=no_penalty_required,
        requires_legal_review=legal_review,
        requires_collective_discussion=collective,
        hearing_right=hearing,
        reduced=reduced_any,
        review_reasons=tuple(review_reasons),
        basis=tuple(basis),
        explanation=tuple(explanation),
        first_offence=first_offence,
    )


_KIND_LABEL = {
    "no_penalty": "不予处罚",
    "lighter": "从轻处罚",
    "reduced": "从轻或者减轻处罚",
    "heavier": "从重处罚",
}


def statutory_bounds(
    v: ViolationSpec, subject: str, stage: str, facts: Mapping[str, Any] | None = None
) -> tuple[int | None, int] | None:
    """(min or None, max) of the statutory fine for a statute subject and stage; None if the law sets none."""
    facts = facts or {}
    rows = [r for r in v.ranges if r.stage == stage and r.subject == subject and all_met(r.conditions, facts)]
    if not rows:
        return None
    lo, hi = _money_bounds(max(rows, key=lambda r: len(r.conditions)), facts)
    return None if hi is None else (lo, hi)


def amount_within_statutory(
    v: ViolationSpec,
    subject: str,
    stage: str,
    amount: int,
    facts: Mapping[str, Any] | None = None,
    *,
    reduced: bool = False,
) -> bool:
    """Whether a fine of ``amount`` yuan is lawful: "X以上Y以下" is X ≤ amount ≤ Y (spec §2.3, the ceiling
    is reachable); a fine is a positive amount; below the minimum only with a statutory 减轻 circumstance
    (行政处罚法 Art 30, 32)."""
    bounds = statutory_bounds(v, subject, stage, facts)
    if bounds is None or amount <= 0:
        return False
    lo, hi = bounds
    if amount > hi:
        return False
    return reduced or lo is None or amount >= lo
