"""The change history on a catalog item's page reads in Chinese: field names and choice labels, not codes."""

import datetime as dt

import pytest
from django.test import Client

from enforcement.core.services.catalog import ItemData, create_item, suspend_item, update_item

pytestmark = pytest.mark.django_db


def test_history_lines_use_field_names_and_choice_labels(client: Client, personas) -> None:
    item = create_item(
        ItemData(
            code="YJ-CF-102",
            name="对生产经营单位未采取措施消除事故隐患的处罚",
            kind="penalty",
            legal_basis="《中华人民共和国安全生产法》第一百零二条",
            effective_from=dt.date(2021, 9, 1),
        ),
        actor=personas.cityadmin,
    )
    update_item(item, {"level": "district"}, actor=personas.cityadmin)
    suspend_item(item, actor=personas.cityadmin, reason="依据文件修订")
    created, updated, suspended = item.changes.order_by("id")
    assert (created.kind_label, updated.kind_label, suspended.kind_label) == ("新增", "修改", "状态变更")
    assert created.display_lines() == [
        "事项编码：YJ-CF-102",
        "事项名称：对生产经营单位未采取措施消除事故隐患的处罚",
        "事项类别：行政处罚",
        "设定依据：《中华人民共和国安全生产法》第一百零二条",
        "行使层级：省市县三级",
        "状态：有效",
        "生效日期：2021-09-01",
    ]
    assert updated.display_lines() == ["行使层级：省市县三级 → 县级"]
    assert suspended.display_lines() == ["状态：有效 → 暂停", "原因：依据文件修订"]

    client.force_login(personas.cityadmin)
    html = client.get(f"/catalog/{item.pk}/").content.decode()
    assert "<li>状态：有效 → 暂停</li>" in html
    assert '<td class="text-nowrap">陈管理</td><td class="text-nowrap">状态变更</td>' in html
    for code in ("penalty", "district", "active", "suspended", "effective_from", "legal_basis"):
        assert f"：{code}" not in html and f"{code}：" not in html
    assert 'placeholder="变更原因（必填），如：依据文件废止"' in html
