"""Stored text: control characters refused (or stripped from pasted documents), codes of code characters."""

from __future__ import annotations

import datetime as dt

import pytest

from enforcement.core.exceptions import InvalidInput
from enforcement.core.models import AuditEvent, EnforcementItem, Enterprise
from enforcement.core.rules import text as text_rules
from enforcement.core.services.catalog import ItemData, create_item
from enforcement.core.services.enterprises import EnterpriseData, create_enterprise

VALID = "91110108551385082Q"


def test_control_characters_are_named_and_line_breaks_kept_in_multiline_text():
    assert text_rules.text_error("正常名称", max_length=10) is None
    assert (
        text_rules.text_error("坏\x00名\x1b称", max_length=10)
        == "含有不可见的控制字符（U+0000、U+001B），请删除后重新输入"
    )
    assert text_rules.text_error("两行\n文字", max_length=10, multiline=True) is None
    assert (
        text_rules.text_error("两行\n文字", max_length=10)
        == "含有不可见的控制字符（U+000A），请删除后重新输入"
    )
    assert text_rules.text_error("长" * 11, max_length=10) == "不得超过10个字符（当前11个）"
    assert text_rules.strip_control_characters("依据\x0c第一条\n\ufeff第二条\x07") == "依据第一条\n第二条"


@pytest.mark.parametrize("code", ["YJ/01", "YJ 01", "-YJ", "YJ<script>", "事项01", ""])
def test_bad_codes(code):
    assert (
        text_rules.code_error(code, max_length=40)
        == "编码只能包含英文字母、数字和“-”“_”“.”，且以字母或数字开头"
    )


@pytest.mark.parametrize("code", ["YJ-CF-102", "330201A01000", "A.1_b"])
def test_good_codes(code):
    assert text_rules.code_error(code, max_length=40) is None


@pytest.mark.django_db
def test_item_code_with_a_slash_is_refused_and_the_public_catalog_stays_up(client, personas):
    """A code with "/" used to be stored and then took down /public/catalog/ (NoReverseMatch, 500)."""
    data = ItemData(
        code="YJ/CF/1",
        name="事项",
        kind="penalty",
        legal_basis="安全生产法\x0c第九十九条",
        effective_from=dt.date(2024, 1, 1),
    )
    with pytest.raises(InvalidInput) as exc:
        create_item(data, actor=personas.cityadmin)
    assert exc.value.fields == {"code": ["编码只能包含英文字母、数字和“-”“_”“.”，且以字母或数字开头"]}
    assert EnforcementItem.objects.count() == 0 and AuditEvent.objects.count() == 0
    item = create_item(ItemData(**{**data.__dict__, "code": "YJ-CF-1"}), actor=personas.cityadmin)
    assert item.legal_basis == "安全生产法第九十九条"  # the form feed of a pasted document is dropped
    assert client.get("/public/catalog/").status_code == 200


@pytest.mark.django_db
def test_enterprise_name_with_control_characters_or_too_long_is_refused(personas):
    with pytest.raises(InvalidInput) as exc:
        create_enterprise(
            EnterpriseData(
                name="坏\x1b[31m公司",
                credit_code=VALID,
                agency=personas.agencies.district_a,
                address="路" * 201,
            ),
            actor=personas.officer1,
        )
    assert exc.value.fields == {
        "name": ["含有不可见的控制字符（U+001B），请删除后重新输入"],
        "address": ["不得超过200个字符（当前201个）"],
    }
    assert Enterprise.objects.count() == 0


def test_exports_never_crash_on_a_stored_control_character():
    """openpyxl refuses control characters (IllegalCharacterError): a legacy stored value used to crash."""
    import io

    from openpyxl import load_workbook

    from enforcement.core.tabular import write_xlsx

    data = write_xlsx("导出", ["名称", "备注"], [["旧\x1b数据\x00", "第一行\n第二行"], [3, None]])
    ws = load_workbook(io.BytesIO(data)).active
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["名称", "备注"],
        ["旧数据", "第一行\n第二行"],
        [3, None],
    ]
