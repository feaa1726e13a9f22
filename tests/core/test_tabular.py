"""The shared spreadsheet reader used by every import (enterprises, catalog, training records)."""

from __future__ import annotations

import io

import pytest

from enforcement.core.exceptions import InvalidInput
from enforcement.core.tabular import read_rows, write_xlsx


def test_xlsx_rows_come_back_by_header_with_row_numbers_and_blank_rows_skipped():
    raw = write_xlsx("导入", ["用户名", "学时"], [["officer1", 8], ["", ""], ["officer2", 2.5]])
    rows = list(read_rows(io.BytesIO(raw), "t.xlsx", required=["用户名", "学时"]))
    assert rows == [(2, {"用户名": "officer1", "学时": "8"}), (4, {"用户名": "officer2", "学时": "2.5"})]


def test_gb18030_csv_is_read():
    raw = "用户名,学时\n王执法,8\n".encode("gb18030")
    assert list(read_rows(io.BytesIO(raw), "t.csv")) == [(2, {"用户名": "王执法", "学时": "8"})]


def test_a_missing_required_column_is_named_in_chinese():
    raw = write_xlsx("导入", ["用户名"], [["officer1"]])
    with pytest.raises(InvalidInput) as exc:
        list(read_rows(io.BytesIO(raw), "t.xlsx", required=["用户名", "学时"]))
    assert exc.value.message == "表头须包含：用户名、学时（缺少：学时）"


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(InvalidInput) as exc:
        list(read_rows(io.BytesIO(b"not a spreadsheet"), "x.xlsx"))
    assert exc.value.message == "无法读取该Excel文件，请确认是 .xlsx 格式"


def test_the_row_cap_is_checked_before_any_row_is_handed_out(monkeypatch):
    from enforcement.core import tabular

    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    csv_text = "名称\n" + "".join(f"第{i}行\n" for i in range(4))
    seen = []
    with pytest.raises(InvalidInput) as exc:
        for number, _row in read_rows(io.BytesIO(csv_text.encode()), "a.csv"):
            seen.append(number)
    assert (exc.value.message, seen) == ("一次最多导入3行，请分批导入", [])


def test_a_damaged_or_bomb_xlsx_is_a_report_not_a_500():
    from tests.core.test_uploads import zip_bomb_xlsx

    with pytest.raises(InvalidInput) as exc:
        list(read_rows(io.BytesIO(zip_bomb_xlsx()), "bomb.xlsx"))
    assert exc.value.message == "Office 文档解压后体积异常（疑似压缩炸弹），已拒收"
    good = write_xlsx("表", ["名称"], [[f"单位{i}"] for i in range(200)])
    with pytest.raises(InvalidInput) as exc:
        list(read_rows(io.BytesIO(good[: len(good) // 2]), "cut.xlsx"))
    assert exc.value.fields == {"file": ["文件格式无效"]}
