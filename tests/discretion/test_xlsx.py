"""XLSX export/import of a benchmark version: round trip, all-or-nothing with a validation report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from discretion.models import BenchmarkVersion, Violation
from discretion.services import compare_versions, load_seed_benchmark
from discretion.services.xlsx import export_benchmark_xlsx, import_benchmark_xlsx
from enforcement.core.exceptions import InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent
from tests.factories import EnforcementItemFactory

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
    assert wb.sheetnames == ["违法行为", "法定幅度", "裁量阶次", "其他措施", "检索同义词"]
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


def test_round_trip_keeps_enforcement_item_links_and_reports_unknown_items(benchmark, personas):
    EnforcementItemFactory(code="YJ-CF-097", name="对未按规定设置安全生产管理机构等行为的处罚")
    assert load_seed_benchmark()["enforcement_item_links"] == 7
    data = export_benchmark_xlsx(benchmark)
    wb = load_workbook(io.BytesIO(data))
    sheet = wb["违法行为"]
    header = [c.value for c in sheet[1]]
    linked = [
        row[header.index("code")]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[header.index("enforcement_item_code")]
    ]
    assert linked == [f"AQ-097-I{i}" for i in range(1, 8)]
    target = draft()
    assert import_benchmark_xlsx(target, io.BytesIO(data), actor=personas.cityadmin).ok
    diff = compare_versions(benchmark, target)
    assert (diff.changed, diff.unchanged) == ([], 89)
    assert target.violations.get(code="AQ-097-I7").enforcement_item.code == "YJ-CF-097"
    # an unknown item code is one error of the report, and nothing is imported
    sheet.cell(row=2, column=header.index("enforcement_item_code") + 1, value="NO-SUCH-ITEM")
    buf = io.BytesIO()
    wb.save(buf)
    other = draft("IMPORT-2")
    report = import_benchmark_xlsx(other, io.BytesIO(buf.getvalue()), actor=personas.cityadmin)
    assert report.errors == [("违法行为", 2, "enforcement_item_code", "执法事项 NO-SUCH-ITEM 不存在")]
    assert other.violations.count() == 0


def test_synonyms_travel_with_the_catalogue_xlsx(benchmark, personas):
    from discretion.models import Synonym

    count = Synonym.objects.count()
    data = export_benchmark_xlsx(benchmark)
    wb = load_workbook(io.BytesIO(data))
    assert wb["检索同义词"].max_row == count + 1
    assert [c.value for c in wb["检索同义词"][1]] == ["group", "officer_terms", "law_terms", "note"]
    wb["检索同义词"].append(["特种作业", "呱呱", "特种作业操作证", "导入测试"])
    first = Synonym.objects.order_by("group", "id").first()
    assert first is not None
    wb["检索同义词"].cell(row=2, column=3, value="封堵 锁闭")
    buf = io.BytesIO()
    wb.save(buf)
    report = import_benchmark_xlsx(draft(), io.BytesIO(buf.getvalue()), actor=personas.cityadmin)
    assert report.ok and report.synonyms == 2
    assert Synonym.objects.count() == count + 1
    assert Synonym.objects.get(officer_terms="呱呱").law_terms == "特种作业操作证"
    assert Synonym.objects.get(pk=first.pk).law_terms == "封堵 锁闭"
    assert AuditEvent.objects.get(action="discretion.import").data["synonyms"] == 2
