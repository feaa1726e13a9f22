"""Violation codes in an imported benchmark are restricted to code characters (they appear in URLs)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from discretion.models import BenchmarkVersion
from discretion.services.xlsx import export_benchmark_xlsx, import_benchmark_xlsx

pytestmark = pytest.mark.django_db


def test_a_violation_code_with_a_slash_or_control_character_is_reported_and_nothing_imported(
    benchmark, personas
):
    wb = load_workbook(io.BytesIO(export_benchmark_xlsx(benchmark)))
    sheet = wb["违法行为"]
    column = [c.value for c in sheet[1]].index("code") + 1
    sheet.cell(row=2, column=column, value="AQ/095")
    sheet.cell(row=3, column=column, value="AQ 096")
    buf = io.BytesIO()
    wb.save(buf)
    target = BenchmarkVersion.objects.create(
        code="IMPORT-CODES",
        name="导入测试",
        issuing_authority="测试",
        jurisdiction="province",
        region="江苏省",
        effective_from=dt.date(2026, 1, 1),
    )
    report = import_benchmark_xlsx(target, io.BytesIO(buf.getvalue()), actor=personas.cityadmin)
    message = "编码只能包含英文字母、数字和“-”“_”“.”，且以字母或数字开头"
    assert [e for e in report.errors if e[0] == "违法行为"] == [
        ("违法行为", 2, "code", message),
        ("违法行为", 3, "code", message),
    ]
    assert target.violations.count() == 0
