"""Seed circumstances (行政处罚法 Art 30–33, 49; spec §6.3), Jiangsu 首违不罚 lists (§6.6), legal-review criteria (§7)."""

from __future__ import annotations

import datetime as dt

from ._helpers import cond

LPL = "《中华人民共和国行政处罚法》"

# 行政处罚法 (2021) Art 30–33, 49 ✅ (spec §1.5)
STATUTORY_CIRCUMSTANCES = [
    ("ART30-UNDER14", "不满十四周岁的未成年人有违法行为", "no_penalty", True, f"{LPL}第三十条"),
    ("ART30-MINOR", "已满十四周岁不满十八周岁的未成年人有违法行为", "reduced", True, f"{LPL}第三十条"),
    (
        "ART31-INCAPABLE",
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
        "no_penalty",
        True,
        f"{LPL}第三十一条",
    ),
    (
        "ART31-PARTIAL",
        "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为",
        "reduced",
        False,
        f"{LPL}第三十一条",
    ),
    ("ART32-1", "主动消除或者减轻违法行为危害后果", "reduced", True, f"{LPL}第三十二条第一项"),
    ("ART32-2", "受他人胁迫或者诱骗实施违法行为", "reduced", True, f"{LPL}第三十二条第二项"),
    ("ART32-3", "主动供述行政机关尚未掌握的违法行为", "reduced", True, f"{LPL}第三十二条第三项"),
    ("ART32-4", "配合行政机关查处违法行为有立功表现", "reduced", True, f"{LPL}第三十二条第四项"),
    (
        "ART32-5",
        "有法律、法规、规章规定其他应当从轻或者减轻行政处罚的情形",
        "reduced",
        True,
        f"{LPL}第三十二条第五项",
    ),
    (
        "ART32-LIGHTER",
        "具有第三十二条规定的情形，决定从轻（不减轻）处罚",
        "lighter",
        True,
        f"{LPL}第三十二条",
    ),
    (
        "ART33-1-MINOR",
        "违法行为轻微并及时改正，没有造成危害后果",
        "no_penalty",
        True,
        f"{LPL}第三十三条第一款",
    ),
    ("ART33-1-FIRST", "初次违法且危害后果轻微并及时改正", "no_penalty", False, f"{LPL}第三十三条第一款"),
    (
        "ART33-2-NOFAULT",
        "有证据足以证明没有主观过错（法律、行政法规另有规定的除外）",
        "no_penalty",
        True,
        f"{LPL}第三十三条第二款",
    ),
    (
        "ART49-EMERGENCY",
        "重大传染病疫情等突发事件期间违反突发事件应对措施",
        "heavier",
        True,
        f"{LPL}第四十九条",
    ),
]

# Typical benchmark 从重 / 从轻 circumstances (spec §6.3 ◐; 应急〔2024〕90号's own national list ❓)
BENCHMARK_CIRCUMSTANCES = [
    (
        "H-OBSTRUCT",
        "拒绝、阻碍或者以暴力威胁执法人员执行职务",
        "heavier",
        "应急管理裁量基准通行从重情节 ◐（31号令/广东市级规则）",
    ),
    ("H-NOT-CORRECTED", "逾期未改正且未申请延期，或者拒不改正", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    ("H-REPEAT", "一年内因同一种违法行为受到两次以上行政处罚", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    ("H-HAZARD-IGNORED", "对事故隐患不排查、不治理", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    ("H-EVIDENCE", "隐匿、销毁违法行为证据", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    ("H-RETALIATE", "对举报人、证人打击报复", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    ("H-PUBLIC", "违法行为危及公共安全或者其他生产经营单位安全", "heavier", "应急管理裁量基准通行从重情节 ◐"),
    (
        "L-SELF-FOUND",
        "通过自查发现事故隐患并已消除现实危险",
        "lighter",
        "河北省应急管理裁量基准 ◐（spec §6.3）；全国基准是否采用❓",
    ),
]

FIRST_OFFENCE_CONDITIONS = [
    cond("first_violation", "eq", True),
    cond("harm_minor", "eq", True),
    cond("corrected", "eq", True),
    cond("fatal_accident_3y", "eq", False),
    cond("serious_dishonesty", "eq", False),
]
FIRST_OFFENCE_TEXT = (
    "同时符合：（一）首次违法——清单施行后首次发现该行为，且省安全生产行政执法系统无同类现场检查记录；"
    "（二）危害后果轻微并已改正（责令前或按责令改正）；（三）近三年未发生生产安全死亡事故；"
    "（四）未被列入安全生产严重失信主体名单。"
)

# Known items (spec §6.6 ◐): 试行 version items and the 2025 additions; item numbers ❓.
_TRIAL_ITEMS = [
    (
        "未如实记录安全生产教育和培训情况（涉及10人以下）",
        ["AQ-097-I4"],
        [cond("persons_involved", "lte", 10)],
        "涉及10人以下",
    ),
    (
        "未按照规定对从业人员进行安全生产教育和培训，培训学时不足（涉及3人以下）",
        ["AQ-097-I3"],
        [cond("persons_involved", "lte", 3)],
        "涉及3人以下",
    ),
    ("安全培训未纳入年度工作计划、未保障经费，但已实际开展培训", [], [], ""),
    ("特种作业人员档案资料不完整（涉及3人以下）", [], [cond("persons_involved", "lte", 3)], "涉及3人以下"),
    ("年度培训计划未包含风险管控内容", [], [], ""),
    ("已开展事故隐患排查但未向从业人员通报排查治理情况", ["AQ-097-I5"], [], ""),
]
_ADDED_2025 = [
    ("未建立安全风险分级管控制度", ["AQ-101-I4"], [], ""),
    (
        "未采取措施消除一般事故隐患",
        ["AQ-102"],
        [cond("major_hazard", "eq", False, default=False)],
        "限一般事故隐患",
    ),
]

FIRST_OFFENCE_LISTS = [
    {
        "code": "JS-SWBF-TRIAL",
        "name": "江苏省应急管理轻微违法行为不予行政处罚清单（试行）",
        "issuing_authority": "江苏省应急管理厅",
        "jurisdiction": "province",
        "region": "江苏省",
        "effective_from": dt.date(2023, 5, 1),
        "effective_to": dt.date(2025, 4, 30),
        "verification": "◐",
        "basis_note": (
            "spec §6.6：试行版12项、有效期2年、四项条件相同（◐）；已知6项，其余6项❓未录入；"
            "施行日期❓——按2年有效期和2025版施行日倒推为2023-05-01至2025-04-30；清单序号❓"
        ),
        "items": _TRIAL_ITEMS,
    },
    {
        "code": "JS-SWBF-2025",
        "name": "江苏省应急管理轻微违法行为不予行政处罚清单（2025年版）",
        "issuing_authority": "江苏省应急管理厅",
        "jurisdiction": "province",
        "region": "江苏省",
        "effective_from": dt.date(2025, 5, 1),
        "effective_to": dt.date(2028, 4, 30),
        "verification": "◐",
        "basis_note": (
            "spec §6.6：20项，2025-05-01施行，有效期3年（◐）；已知：沿用试行版事项（❓是否全部沿用）及新增“未建立风险分级管控制度”"
            "“未消除一般事故隐患”；其余事项❓未录入；清单序号❓"
        ),
        "items": _TRIAL_ITEMS + _ADDED_2025,
    },
]

# spec §7 and §1.11 (◐ 应急 practice; configurable per jurisdiction)
REVIEW_CRITERIA = [
    {
        "code": "FINE-UNIT",
        "name": "较大数额罚款（生产经营单位）",
        "kind": "fine_amount",
        "subject_group": "unit",
        "threshold": 50000,
        "legal_review": True,
        "collective_discussion": True,
        "hearing": True,
        "basis": "行政处罚法第五十七条第二款、第五十八条、第六十三条第一款第一项；应急管理部门较大数额标准：单位5万元以上（含本数）◐",
    },
    {
        "code": "FINE-PERSON",
        "name": "较大数额罚款（个人）",
        "kind": "fine_amount",
        "subject_group": "person",
        "threshold": 20000,
        "legal_review": True,
        "collective_discussion": True,
        "hearing": True,
        "basis": "行政处罚法第五十七条第二款、第五十八条、第六十三条第一款第一项；应急管理部门较大数额标准：个人2万元以上（含本数）◐",
    },
    {
        "code": "MEASURE-HALT",
        "name": "责令停产停业（整顿）",
        "kind": "measure",
        "measure_kind": "production_halt",
        "legal_review": True,
        "hearing": True,
        "basis": "行政处罚法第六十三条第一款第四项；应急管理重大执法决定法制审核目录通行情形 ◐（spec §7）",
    },
    {
        "code": "MEASURE-REVOKE",
        "name": "吊销许可证件、资格",
        "kind": "measure",
        "measure_kind": "revocation",
        "legal_review": True,
        "hearing": True,
        "basis": "行政处罚法第六十三条第一款第三项；重大执法决定法制审核目录通行情形 ◐（spec §7）",
    },
    {
        "code": "MEASURE-CLOSE",
        "name": "责令关闭",
        "kind": "measure",
        "measure_kind": "closure",
        "legal_review": True,
        "hearing": True,
        "basis": "行政处罚法第六十三条第一款第四项；重大执法决定法制审核目录通行情形 ◐（spec §7）",
    },
    {
        "code": "REDUCTION",
        "name": "减轻处罚（低于法定最低限）",
        "kind": "reduction",
        "legal_review": True,
        "collective_discussion": True,
        "basis": "行政处罚法第五十七条第二款、第五十八条；重大执法决定目录（长治等）◐（spec §7）",
    },
]
REVIEW_CRITERIA_EFFECTIVE = dt.date(2021, 7, 15)  # 行政处罚法 (2021) Art 86 ✅
