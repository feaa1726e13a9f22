"""XLSX import (all-or-nothing, with a validation report) and export of one benchmark version.

Workbook layout (row 1 = column keys; export writes the same, so an export re-imports unchanged):
- 违法行为: one row per violation
- 法定幅度: one row per statutory range (violation_code, subject, stage, min, max, …)
- 裁量阶次: one row per tier range (tier columns repeated on each of the tier's rows)
- 其他措施: one row per other measure
Conditions are JSON lists of {"fact", "op", "value"[, "default"]}.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from django.db import transaction
from openpyxl import Workbook

from enforcement.core.exceptions import InvalidInput, InvalidTransition
from enforcement.core.models import EnforcementItem
from enforcement.core.rules.text import code_error
from enforcement.core.services.audit import record_event
from enforcement.core.tabular import MAX_ROWS, open_workbook

from ..choices import MeasureKind, Stage, Subject, Verification, VersionStatus
from ..models import BenchmarkVersion, Violation
from ..rules.facts import parse_conditions
from ..rules.types import CalculationError
from ..search import store as search_store
from .maintenance import require_admin, violation_dict, write_violations
from .xlsx_synonyms import add_synonym_sheet, merge_synonyms, read_synonym_sheet

SHEETS = {
    "violations": "违法行为",
    "ranges": "法定幅度",
    "tiers": "裁量阶次",
    "measures": "其他措施",
}
COLUMNS = {
    "violations": [
        "code",
        "act_code",
        "name",
        "law",
        "law_full_name",
        "article",
        "paragraph",
        "item",
        "violated_provision",
        "penalty_text",
        "enforcement_item_code",
        "keywords",
        "law_effective_from",
        "law_effective_to",
        "verification",
        "basis_note",
    ],
    "ranges": [
        "violation_code",
        "subject",
        "stage",
        "min",
        "max",
        "income_share_min",
        "income_share_max",
        "gains_multiple_min",
        "gains_multiple_max",
        "conditions",
        "basis",
    ],
    "tiers": [
        "violation_code",
        "tier_code",
        "tier_name",
        "conditions",
        "conditions_text",
        "source",
        "verification",
        "note",
        "subject",
        "stage",
        "min",
        "max",
        "lower_inclusive",
        "upper_inclusive",
    ],
    "measures": ["violation_code", "stage", "kind", "text", "conditions"],
}
REQUIRED = {
    "violations": ["code", "name", "law", "law_full_name", "article"],
    "ranges": ["violation_code", "subject", "stage", "basis"],
    "tiers": ["violation_code", "tier_code", "tier_name", "subject", "stage"],
    "measures": ["violation_code", "stage", "kind", "text"],
}


@dataclass
class ImportReport:
    """Validation report: ``errors`` as (sheet, row, column, message); nothing is written if any."""

    errors: list[tuple[str, int, str, str]] = field(default_factory=list)
    created: int = 0
    replaced: int = 0
    synonyms: int = 0  # synonym rows created or changed
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowReader:
    def __init__(self, report: ImportReport, sheet: str, row: int, values: dict[str, Any]) -> None:
        self.report, self.sheet, self.row, self.values = report, sheet, row, values

    def error(self, column: str, message: str) -> None:
        self.report.errors.append((SHEETS[self.sheet], self.row, column, message))

    def text(self, col: str) -> str:
        value = self.values.get(col)
        return "" if value is None else str(value).strip()

    def integer(self, col: str, *, minimum: int = 0) -> int | None:
        value = self.values.get(col)
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value))
            if number != number.to_integral_value():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.error(col, "应为整数")
            return None
        if number < minimum:
            self.error(col, f"不能小于{minimum}")
            return None
        return int(number)

    def decimal(self, col: str) -> Decimal | None:
        value = self.values.get(col)
        if value in (None, ""):
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(col, "应为数字")
            return None
        if number < 0:
            self.error(col, "不能为负数")
            return None
        return number

    def date(self, col: str) -> dt.date | None:
        value = self.values.get(col)
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.error(col, "日期格式应为 YYYY-MM-DD")
            return None

    def boolean(self, col: str, default: bool) -> bool:
        value = self.values.get(col)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "是", "y", "yes"):
            return True
        if text in ("0", "false", "否", "n", "no"):
            return False
        self.error(col, "应为“是”或“否”")
        return default

    def choice(self, col: str, choices: Any) -> str:
        value = self.text(col)
        if value and value not in choices.values:
            self.error(col, f"应为以下之一：{'、'.join(choices.values)}")
        return value

    def conditions(self, col: str) -> list[dict[str, Any]]:
        raw = self.text(col)
        if not raw:
            return []
        try:
            data = json.loads(raw)
            if not isinstance(data, list):
                raise ValueError
            parse_conditions(data)
        except (ValueError, CalculationError) as exc:
            self.error(col, f"适用条件应为 JSON 列表 [{{fact, op, value}}]（{exc}）")
            return []
        return data


def _read_sheets(file: BinaryIO, report: ImportReport) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    try:
        wb = open_workbook(file.read())  # zip bombs refused before anything is expanded
    except InvalidInput as exc:
        report.errors.append(("", 0, "", exc.message))
        return {}
    out: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for key, title in SHEETS.items():
        if title not in wb.sheetnames:
            if key == "violations":
                report.errors.append((title, 0, "", "缺少工作表"))
            out[key] = []
            continue
        rows = wb[title].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        missing = [c for c in REQUIRED[key] if c not in header]
        if missing:
            report.errors.append((title, 1, "、".join(missing), "缺少列"))
        out[key] = []
        for n, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            if len(out[key]) >= MAX_ROWS:
                report.errors.append((title, n, "", f"一次最多导入{MAX_ROWS}行，请分批导入"))
                break
            out[key].append((n, dict(zip(header, values, strict=False))))
        report.rows[title] = len(out[key])
    wb.close()
    return out


def _validate(
    version: BenchmarkVersion, sheets: dict[str, list[tuple[int, dict[str, Any]]]], report: ImportReport
) -> list[dict[str, Any]]:
    items = {
        i.code: i
        for i in EnforcementItem.objects.filter(
            code__in=[
                str(v.get("enforcement_item_code")).strip()
                for _, v in sheets.get("violations", [])
                if v.get("enforcement_item_code")
            ]
        )
    }
    parsed: dict[str, dict[str, Any]] = {}
    provisions: dict[tuple[str, int, int, int], str] = {}
    for n, values in sheets.get("violations", []):
        rd = _RowReader(report, "violations", n, values)
        for col in REQUIRED["violations"]:
            if not rd.text(col):
                rd.error(col, "必填")
        code = rd.text("code")
        if code in parsed:
            rd.error("code", f"违法行为编码 {code} 重复")
        elif code and (problem := code_error(code, max_length=40)):
            rd.error("code", problem)  # codes appear in URLs and the API
        article = rd.integer("article", minimum=1)
        paragraph = rd.integer("paragraph", minimum=1)
        item_no = rd.integer("item", minimum=1)
        law = rd.text("law").replace("《", "").replace("》", "").replace("中华人民共和国", "")
        date_from, date_to = rd.date("law_effective_from"), rd.date("law_effective_to")
        if date_from and date_to and date_to < date_from:
            rd.error("law_effective_to", "失效日期不得早于施行日期")
        item_code = rd.text("enforcement_item_code")
        if item_code and item_code not in items:
            rd.error("enforcement_item_code", f"执法事项 {item_code} 不存在")
        verification = rd.text("verification") or Verification.UNVERIFIED
        if verification not in Verification.values:
            rd.error("verification", "核实标记应为 ✅、◐ 或 ❓")
        if article is not None and law:
            key = (law, article, paragraph or 0, item_no or 0)
            if key in provisions and provisions[key] != code:
                rd.error("article", f"与 {provisions[key]} 的处罚依据（法、条、款、项）相同")
            provisions[key] = code
        parsed[code] = {
            "code": code,
            "act_code": rd.text("act_code") or code,
            "name": rd.text("name"),
            "law": law,
            "law_full_name": rd.text("law_full_name").strip("《》"),
            "article": article,
            "paragraph": paragraph,
            "item": item_no,
            "violated_provision": rd.text("violated_provision"),
            "penalty_text": rd.text("penalty_text"),
            "keywords": rd.text("keywords"),
            "law_effective_from": date_from,
            "law_effective_to": date_to,
            "verification": verification,
            "basis_note": rd.text("basis_note"),
            "enforcement_item": items.get(item_code),
            "ranges": [],
            "tiers": [],
            "measures": [],
        }
    # a provision may also clash with a row of the version the file does not replace
    for other in (
        Violation.objects.filter(version=version)
        .exclude(code__in=list(parsed))
        .values("code", "law", "article", "paragraph", "item")
    ):
        key = (other["law"], other["article"], other["paragraph"] or 0, other["item"] or 0)
        if key in provisions:
            report.errors.append(
                (
                    SHEETS["violations"],
                    0,
                    "article",
                    f"{provisions[key]} 与本版本已有的 {other['code']} 处罚依据相同",
                )
            )

    def owner(rd: _RowReader) -> dict[str, Any] | None:
        code = rd.text("violation_code")
        if code not in parsed:
            rd.error("violation_code", f"违法行为 {code} 不在“违法行为”表中")
            return None
        return parsed[code]

    for n, values in sheets.get("ranges", []):
        rd = _RowReader(report, "ranges", n, values)
        target = owner(rd)
        subject, stage = rd.choice("subject", Subject), rd.choice("stage", Stage)
        lo, hi = rd.integer("min"), rd.integer("max")
        if lo is not None and hi is not None and hi < lo:
            rd.error("max", "最高罚款不得低于最低罚款")
        shares = (rd.decimal("income_share_min"), rd.decimal("income_share_max"))
        multiples = (rd.decimal("gains_multiple_min"), rd.decimal("gains_multiple_max"))
        if hi is None and shares == (None, None) and multiples == (None, None):
            rd.error("max", "须填写最高罚款、年收入比例或违法所得倍数之一")
        if not rd.text("basis"):
            rd.error("basis", "必填")
        if target is not None:
            target["ranges"].append(
                {
                    "subject": subject,
                    "stage": stage,
                    "min": lo,
                    "max": hi,
                    "income_share_min": shares[0],
                    "income_share_max": shares[1],
                    "gains_multiple_min": multiples[0],
                    "gains_multiple_max": multiples[1],
                    "conditions": rd.conditions("conditions"),
                    "basis": rd.text("basis"),
                }
            )
    for n, values in sheets.get("tiers", []):
        rd = _RowReader(report, "tiers", n, values)
        target = owner(rd)
        lo, hi = rd.integer("min"), rd.integer("max")
        if lo is not None and hi is not None and hi < lo:
            rd.error("max", "上限不得低于下限")
        tier_range = {
            "subject": rd.choice("subject", Subject),
            "stage": rd.choice("stage", Stage),
            "min": lo,
            "max": hi,
            "lower_inclusive": rd.boolean("lower_inclusive", True),
            "upper_inclusive": rd.boolean("upper_inclusive", True),
        }
        conditions = rd.conditions("conditions")
        if target is None:
            continue
        code = rd.text("tier_code")
        tier = next((t for t in target["tiers"] if t["code"] == code), None)
        if tier is None:
            tier = {
                "code": code,
                "name": rd.text("tier_name"),
                "conditions": conditions,
                "conditions_text": rd.text("conditions_text"),
                "source": rd.text("source"),
                "verification": rd.text("verification") or "◐",
                "note": rd.text("note"),
                "ranges": [],
            }
            target["tiers"].append(tier)
        tier["ranges"].append(tier_range)
    for n, values in sheets.get("measures", []):
        rd = _RowReader(report, "measures", n, values)
        target = owner(rd)
        measure = {
            "stage": rd.choice("stage", Stage),
            "kind": rd.choice("kind", MeasureKind),
            "text": rd.text("text"),
            "conditions": rd.conditions("conditions"),
        }
        if not measure["text"]:
            rd.error("text", "必填")
        if target is not None:
            target["measures"].append(measure)
    return list(parsed.values())


def import_benchmark_xlsx(version: BenchmarkVersion, file: BinaryIO, *, actor: Any) -> ImportReport:
    """Import violations into a draft version. Every row is validated first; when any row is invalid
    nothing is written and the report lists each error (sheet, row, column, message). Valid files
    replace the version's violations with the same codes and add new ones, in one transaction with
    one audit event. Raises NotAllowed (non-admin), InvalidTransition (not a draft)."""
    require_admin(actor)
    if version.status != VersionStatus.DRAFT:
        raise InvalidTransition("只能向草稿版本导入；请先复制为新版本")
    report = ImportReport()
    sheets = _read_sheets(file, report)
    if report.errors:
        return report
    rows = _validate(version, sheets, report)
    synonyms = read_synonym_sheet(file, report.errors)
    if report.errors:
        return report
    with transaction.atomic():
        locked = BenchmarkVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.DRAFT:
            raise InvalidTransition("只能向草稿版本导入；请先复制为新版本")
        existing = dict(
            locked.violations.filter(code__in=[r["code"] for r in rows]).values_list("code", "order")
        )
        locked.violations.filter(code__in=list(existing)).delete()
        next_order = (locked.violations.order_by("-order").values_list("order", flat=True).first() or 0) + 1
        batch = []
        for row in rows:
            order = existing.get(row["code"])
            if order is None:
                order, next_order = next_order, next_order + 1
                report.created += 1
            else:
                report.replaced += 1
            batch.append((row, order, row["enforcement_item"]))
        write_violations(locked, batch)
        report.synonyms = merge_synonyms(synonyms)
        search_store.mark_changed()
        record_event(
            "discretion.import",
            actor=actor,
            obj=locked,
            data={"created": report.created, "replaced": report.replaced, "synonyms": report.synonyms},
        )
    return report


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return "" if value is None else value


def export_benchmark_xlsx(version: BenchmarkVersion) -> bytes:
    """The version as a workbook in the import layout."""
    wb = Workbook()
    sheets = {}
    for i, (key, title) in enumerate(SHEETS.items()):
        ws = wb.active if i == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(COLUMNS[key])
        sheets[key] = ws
    for v in version.violations.with_details().order_by("order", "id"):
        d = violation_dict(v)
        sheets["violations"].append([_cell(d[c]) for c in COLUMNS["violations"]])
        for r in d["ranges"]:
            sheets["ranges"].append(
                [_cell(v.code if c == "violation_code" else r[c]) for c in COLUMNS["ranges"]]
            )
        for t in d["tiers"]:
            for tr in t["ranges"]:
                row = {
                    "violation_code": v.code,
                    "tier_code": t["code"],
                    "tier_name": t["name"],
                    "conditions": t["conditions"],
                    "conditions_text": t["conditions_text"],
                    "source": t["source"],
                    "verification": t["verification"],
                    "note": t["note"],
                    **tr,
                }
                sheets["tiers"].append(
                    [
                        ("是" if row[c] else "否") if c.endswith("inclusive") else _cell(row[c])
                        for c in COLUMNS["tiers"]
                    ]
                )
        for m in d["measures"]:
            sheets["measures"].append(
                [_cell(v.code if c == "violation_code" else m[c]) for c in COLUMNS["measures"]]
            )
    add_synonym_sheet(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
