"""Enforcement-item catalog: create/update with change history, status transitions, XLSX import/export."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, EnforcementItem, EnforcementItemChange
from enforcement.core.services.catalog import (
    TRANSITIONS,
    ItemData,
    cancel_item,
    create_item,
    export_items_xlsx,
    import_items,
    resume_item,
    suspend_item,
    update_item,
)
from tests.factories import EnforcementItemFactory

pytestmark = pytest.mark.django_db


def _data(code="YJ-CF-102"):
    return ItemData(
        code=code,
        name="对生产经营单位未采取措施消除事故隐患的处罚",
        kind="penalty",
        legal_basis="《中华人民共和国安全生产法》第一百零二条",
        effective_from=dt.date(2021, 9, 1),
    )


def test_admin_creates_and_updates_with_field_diff_history(personas):
    item = create_item(_data(), actor=personas.cityadmin)
    update_item(item, {"name": "新名称", "level": "district"}, actor=personas.cityadmin)
    changes = list(item.changes.order_by("id").values_list("change_kind", "diff"))
    assert changes[0][0] == "created"
    assert changes[0][1]["code"] == [None, "YJ-CF-102"]
    assert changes[1] == (
        "updated",
        {"name": ["对生产经营单位未采取措施消除事故隐患的处罚", "新名称"], "level": ["all", "district"]},
    )
    assert list(AuditEvent.objects.order_by("seq").values_list("action", flat=True)) == [
        "item.create",
        "item.update",
    ]


@pytest.mark.parametrize("who", ["officer1", "head", "supervisor"])
def test_only_admins_maintain_the_catalog(personas, who):
    item = EnforcementItemFactory()
    with pytest.raises(NotAllowed):
        create_item(_data(), actor=getattr(personas, who))
    with pytest.raises(NotAllowed):
        suspend_item(item, actor=getattr(personas, who), reason="x")
    assert (
        EnforcementItem.objects.count(),
        AuditEvent.objects.count(),
        EnforcementItemChange.objects.count(),
    ) == (1, 0, 0)


def test_duplicate_code_and_bad_dates_are_refused(personas):
    create_item(_data(), actor=personas.admin)
    with pytest.raises(InvalidInput) as exc:
        create_item(_data(), actor=personas.admin)
    assert exc.value.fields == {"code": ["事项编码YJ-CF-102已存在"]}
    with pytest.raises(InvalidInput) as exc:
        create_item(
            ItemData(**{**_data("X-1").__dict__, "effective_to": dt.date(2020, 1, 1)}), actor=personas.admin
        )
    assert exc.value.fields == {"effective_to": ["失效日期不能早于生效日期"]}


@pytest.mark.parametrize("start", ["active", "suspended", "cancelled"])
@pytest.mark.parametrize("action", ["suspend", "resume", "cancel"])
def test_every_status_action_pair(personas, start, action):
    item = EnforcementItemFactory(status=start)
    func = {"suspend": suspend_item, "resume": resume_item, "cancel": cancel_item}[action]
    target = TRANSITIONS.get((start, action))
    if target is None:
        with pytest.raises(InvalidTransition):
            func(item, actor=personas.admin, reason="测试")
        item.refresh_from_db()
        assert (item.status, AuditEvent.objects.count()) == (start, 0)
    else:
        func(item, actor=personas.admin, reason="测试")
        item.refresh_from_db()
        assert item.status == target
        change = item.changes.get()
        assert (change.change_kind, change.diff["status"], change.diff["reason"]) == (
            "status",
            [start, target],
            [None, "测试"],
        )


def test_export_then_import_round_trip_upserts_by_code(personas):
    a = EnforcementItemFactory(code="YJ-A", name="甲", effective_from=dt.date(2021, 9, 1))
    EnforcementItemFactory(code="YJ-B", name="乙", effective_from=dt.date(2021, 9, 1))
    data = export_items_xlsx(EnforcementItem.objects.order_by("code"))
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert [c.value for c in ws[1]] == [
        "事项编码",
        "事项名称",
        "事项类别",
        "设定依据",
        "行使层级",
        "状态",
        "生效日期",
        "失效日期",
        "备注",
    ]
    ws["B2"] = "甲（修订）"
    ws["F3"] = "暂停"
    ws.append(
        ["YJ-C", "丙", "行政检查", "《安全生产法》第六十五条", "县级", "有效", "2021-09-01", None, None]
    )
    ws.append(["YJ-D", "丁", "行政奖励", "某依据", "县级", "有效", "2021-09-01", None, None])
    ws.append(["YJ-E", "戊", "行政检查", "某依据", "县级", "有效", "2021/13/01", None, None])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    report = import_items(out, "catalog.xlsx", actor=personas.cityadmin)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (1, 2, 0, 2)
    assert [(e.row, e.key) for e in report.errors] == [(5, "YJ-D"), (6, "YJ-E")]
    assert report.errors[0].message == (
        "执法事项信息有误：“行政奖励”不是有效的选项，可选：行政处罚、行政强制、行政检查、行政许可、行政确认、行政给付、其他"
    )
    assert report.errors[1].message == "执法事项信息有误：日期“2021/13/01”格式应为YYYY-MM-DD"
    a.refresh_from_db()
    assert a.name == "甲（修订）"
    assert EnforcementItem.objects.get(code="YJ-B").status == "suspended"
    assert EnforcementItem.objects.get(code="YJ-C").kind == "inspection"
    assert not EnforcementItem.objects.filter(code__in=["YJ-D", "YJ-E"]).exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["item.import"]
