"""XLSX export/import of a benchmark version: round trip, all-or-nothing with a validation report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from discretion.models import BenchmarkVersion, Violation
from discretion.services import compare_versions
from discretion.services.xlsx import export_benchmark_xlsx, import_benchmark_xlsx
from enforcement.core.exceptions import InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def draft(code="IMPORT-1") -> BenchmarkVersion:
    return BenchmarkVersion.objects.create(
        code=code,
        name="导入测试",
        issuing_authority="测试",
        jurisdiction="province",
        region="江苏省",
        effective_from=dt.date(2026, 1, 1),
    )


def test_export_then_import_round_trips(benchmark, personas):
    data = export_benchmark_xlsx(benchmark)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["违法行为", "法定幅度", "裁量阶次", "其他措施"]
    assert wb["违法行为"].max_row == 90  # header + 89
    target = draft()
    report = import_benchmark_xlsx(target, io.BytesIO(data), actor=personas.cityadmin)
    assert (report.ok, report.created, report.replaced) == (True, 89, 0)
    diff = compare_versions(benchmark, target)
    assert (diff.added, diff.removed, diff.changed, diff.unchanged) == ([], [], [], 89)
    assert AuditEvent.objects.filter(action="discretion.import").count() == 1
    again = import_benchmark_xlsx(target, io.BytesIO(data), actor=personas.cityadmin)
    assert (again.created, again.replaced) == (0, 89)
    assert target.violations.count() == 89


def _broken_workbook(benchmark) -> bytes:
    wb = load_workbook(io.BytesIO(export_benchmark_xlsx(benchmark)))
    ranges = wb["法定幅度"]
    header = [c.value for c in ranges[1]]
    ranges.cell(row=2, column=header.index("min") + 1, value=900000)  # min > max
    violations = wb["违法行为"]
    vheader = [c.value for c in violations[1]]
    violations.cell(row=3, column=vheader.index("article") + 1, value="九十三")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_any_invalid_row_imports_nothing_and_reports_each_error(benchmark, personas):
    target = draft()
    events = AuditEvent.objects.count()
    report = import_benchmark_xlsx(target, io.BytesIO(_broken_workbook(benchmark)), actor=personas.cityadmin)
    assert report.ok is False
    assert report.errors == [
        ("违法行为", 3, "article", "应为整数"),
        ("法定幅度", 2, "max", "最高罚款不得低于最低罚款"),
    ]
    assert target.violations.count() == 0 and AuditEvent.objects.count() == events


def test_import_refuses_published_versions_and_non_admins(benchmark, personas):
    data = export_benchmark_xlsx(benchmark)
    with pytest.raises(InvalidTransition):
        import_benchmark_xlsx(benchmark, io.BytesIO(data), actor=personas.cityadmin)
    with pytest.raises(NotAllowed):
        import_benchmark_xlsx(draft(), io.BytesIO(data), actor=personas.officer1)
    assert Violation.objects.filter(version__code="IMPORT-1").count() == 0


def test_not_an_xlsx_file(benchmark, personas):
    report = import_benchmark_xlsx(draft(), io.BytesIO(b"hello"), actor=personas.cityadmin)
    assert report.errors == [("", 0, "", "文件不是有效的 XLSX 工作簿")]
