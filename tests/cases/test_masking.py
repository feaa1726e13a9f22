"""De-identification of published decisions (spec §1.15): a table of real-looking decision texts."""

from __future__ import annotations

import pytest

from cases.rules import masking

TABLE = [
    (
        "当事人：张三，男，身份证号码32011119900101123X，住南京市浦口区江浦街道珠江路88号，联系电话13812345678。",
        [],
        "当事人：张某，男，身份证号码320111************，住南京市浦口区****，联系电话138****5678。",
    ),
    (
        "法定代表人：欧阳娜娜，电话025-58123456，开户银行账号6222 0212 3456 7890 123。",
        [],
        "法定代表人：欧阳某某，电话025-********，开户银行账号***************0123。",
    ),
    (
        "经查，王小明于2026年5月1日在江苏省南京市浦口区桥林街道林山村无证作业。",
        ["王小明"],
        "经查，王某某于2026年5月1日在江苏省南京市浦口区****无证作业。",
    ),
    (
        "南京浦口金属制品有限公司（统一社会信用代码91320111MA1W2X3Y4Z）于2026年4月未如实记录安全生产教育和培训情况。",
        [],
        "南京浦口金属制品有限公司（统一社会信用代码91320111MA1W2X3Y4Z）于2026年4月未如实记录安全生产教育和培训情况。",
    ),
    (
        "主要负责人：李四（手机：+86 139 1234 5678，身份证号320102198512120417），罚款人民币20000元。",
        [],
        "主要负责人：李某（手机：139****5678，身份证号320102************），罚款人民币20000元。",
    ),
    (
        "直接负责的主管人员司马光明、赵六，账号6217000010012345678，（宁）应急罚〔2026〕12号。",
        ["司马光明", "赵六"],
        "直接负责的主管人员司马某某、赵某，账号***************5678，（宁）应急罚〔2026〕12号。",
    ),
    (
        "联系人：钱七，固定电话0512-6523 4567转8001，地址苏州市吴中区木渎镇金山路5号3幢201室。",
        [],
        "联系人：钱某，固定电话0512-********，地址苏州市吴中区****。",
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), TABLE)
def test_decision_texts_are_masked(text, names, expected):
    assert masking.mask_text(text, names=names) == expected


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张某"),
        ("王小明", "王某某"),
        ("欧阳娜娜", "欧阳某某"),
        ("诸葛亮", "诸葛某"),
        ("上官婉儿", "上官某某"),
        ("买买提·艾力", "买某某某某"),
        ("欧阳", "欧某"),  # a two-character name is a surname and a given name, not a compound surname
    ],
)
def test_names_keep_only_the_surname(name, masked):
    assert masking.mask_name(name) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("南京市浦口区江浦街道珠江路88号", "南京市浦口区****"),
        ("江苏省南京市六合区雄州街道", "江苏省南京市六合区****"),
        ("江苏省昆山市玉山镇前进路1号", "江苏省昆山市****"),
        ("宿迁市沭阳县", "宿迁市沭阳县"),
        ("珠江路88号", "****"),
    ],
)
def test_addresses_keep_up_to_the_county(address, masked):
    assert masking.mask_address(address) == masked


def test_the_original_string_is_not_changed():
    original = "当事人：张三，身份证号码32011119900101123X"
    kept = str(original)
    masking.mask_text(original)
    assert original == kept
