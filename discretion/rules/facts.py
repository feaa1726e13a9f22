"""The structured facts tiers, ranges and lists test, and how conditions on them are evaluated. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .types import CalculationError, Condition


@dataclass(frozen=True)
class FactSpec:
    key: str
    label: str
    kind: str  # money / count / bool


FACTS: dict[str, FactSpec] = {
    f.key: f
    for f in (
        FactSpec("prior_year_income", "上一年年收入（元）", "money"),
        FactSpec("illegal_gains", "违法所得（元）", "money"),
        FactSpec("uncertified_persons", "未持证上岗人次", "count"),
        FactSpec("hazard_count", "事故隐患数量（处）", "count"),
        FactSpec("staff_count", "从业人员人数", "count"),
        FactSpec("equipment_count", "涉及设备、容器数量（台套）", "count"),
        FactSpec("persons_involved", "涉及人数", "count"),
        FactSpec("investment", "项目投资额（元）", "money"),
        FactSpec("accident", "导致发生生产安全事故", "bool"),
        FactSpec("major_hazard", "属重大事故隐患", "bool"),
        FactSpec("serious", "情节严重", "bool"),
        FactSpec("particularly_serious", "情节特别严重、影响特别恶劣", "bool"),
        FactSpec("rectified_in_time", "按期改正", "bool"),
        FactSpec("liability_exempted", "协议免除（而非减轻）对从业人员的责任", "bool"),
        FactSpec("first_violation", "首次违法（清单施行后首次发现，且无同类现场检查记录）", "bool"),
        FactSpec("harm_minor", "危害后果轻微", "bool"),
        FactSpec("corrected", "已及时改正", "bool"),
        FactSpec("fatal_accident_3y", "近三年发生过生产安全死亡事故", "bool"),
        FactSpec("serious_dishonesty", "被列入安全生产严重失信主体名单", "bool"),
    )
}

OPS = {"eq": "=", "ne": "≠", "lt": "<", "lte": "≤", "gt": ">", "gte": "≥"}


def parse_conditions(raw: Iterable[Mapping[str, Any]] | None) -> tuple[Condition, ...]:
    """Turn stored JSON ``[{"fact": .., "op": .., "value": .., "default": ..}]`` into Conditions."""
    out = []
    for entry in raw or ():
        if not isinstance(entry, Mapping) or "fact" not in entry or "value" not in entry:
            raise CalculationError("适用条件格式应为 {fact, op, value}")
        op = entry.get("op", "eq")
        if op not in OPS:
            raise CalculationError(f"不支持的比较方式：{op}")
        out.append(Condition(str(entry["fact"]), op, entry["value"], entry.get("default")))
    return tuple(out)


def conditions_to_json(conditions: Iterable[Condition]) -> list[dict[str, Any]]:
    out = []
    for c in conditions:
        entry: dict[str, Any] = {"fact": c.fact, "op": c.op, "value": c.value}
        if c.default is not None:
            entry["default"] = c.default
        out.append(entry)
    return out


def condition_met(cond: Condition, facts: Mapping[str, Any]) -> bool:
    value = facts.get(cond.fact, cond.default)
    if value is None:
        return False
    try:
        if cond.op == "eq":
            return bool(value == cond.value)
        if cond.op == "ne":
            return bool(value != cond.value)
        if cond.op == "lt":
            return bool(value < cond.value)
        if cond.op == "lte":
            return bool(value <= cond.value)
        if cond.op == "gt":
            return bool(value > cond.value)
        return bool(value >= cond.value)
    except TypeError:
        return False


def all_met(conditions: Iterable[Condition], facts: Mapping[str, Any]) -> bool:
    return all(condition_met(c, facts) for c in conditions)


def missing_facts(conditions: Iterable[Condition], facts: Mapping[str, Any]) -> list[str]:
    return [c.fact for c in conditions if c.fact not in facts and c.default is None]


def fact_label(key: str) -> str:
    spec = FACTS.get(key)
    return spec.label if spec else key


def describe_condition(cond: Condition) -> str:
    label = fact_label(cond.fact)
    if isinstance(cond.value, bool):
        positive = (cond.op == "eq") == cond.value
        return label if positive else f"非“{label}”"
    return f"{label}{OPS[cond.op]}{cond.value}"


def describe_conditions(conditions: Iterable[Condition]) -> str:
    return "且".join(describe_condition(c) for c in conditions) or "无条件"


def validate_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """Check known facts' types; money and counts are whole, non-negative numbers. Raises CalculationError."""
    if not isinstance(facts, Mapping):
        raise CalculationError("facts 应为对象", field="facts")
    clean: dict[str, Any] = {}
    for key, value in facts.items():
        spec = FACTS.get(key)
        if spec is None:
            if not isinstance(value, str | int | float | bool) and value is not None:
                raise CalculationError(f"事实项 {key} 的值应为数字、文字或是否", field="facts")
            clean[key] = value
            continue
        if spec.kind == "bool":
            if not isinstance(value, bool):
                raise CalculationError(f"{spec.label}应为是或否（true/false）", field="facts")
        else:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise CalculationError(f"{spec.label}应为数字", field="facts")
            if value < 0:
                raise CalculationError(f"{spec.label}不能为负数", field="facts")
            if spec.kind == "count" and int(value) != value:
                raise CalculationError(f"{spec.label}应为整数", field="facts")
        clean[key] = value
    return clean
