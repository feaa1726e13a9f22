"""Constants for the demo data: the Nanjing agency tree, personas and the enforcement-item catalog.

Region codes: GB/T 2260 for 江苏省 320000, 南京市 320100, 浦口区 320111, 江宁区 320115, 六合区 320116; the
9-digit street/township codes are the first nine digits of the 国家统计局 统计用区划代码 (e.g. 江浦街道
320111004000, 竹镇镇 320116110000 — the 1xx block marks a 镇). Reconsideration bodies follow 行政复议法
(2023) Art 24: a district 应急局 → the district government; a 街道办事处 → the government that set it up;
a 镇人民政府 → the county-level government. Agency credit codes are illustrative (valid check characters,
category 11 = 机关), not the real ones.
"""

from __future__ import annotations

import datetime as dt

# (code, name, short_name, level, parent_code, reconsideration_body, address)
AGENCIES = [
    ("320000", "江苏省应急管理厅", "苏", "province", None, "江苏省人民政府", "南京市鼓楼区汉中门大街"),
    ("320100", "南京市应急管理局", "宁", "city", "320000", "南京市人民政府", "南京市建邺区江东中路"),
    (
        "320111",
        "南京市浦口区应急管理局",
        "浦",
        "district",
        "320100",
        "南京市浦口区人民政府",
        "南京市浦口区江浦街道文德路",
    ),
    (
        "320115",
        "南京市江宁区应急管理局",
        "江",
        "district",
        "320100",
        "南京市江宁区人民政府",
        "南京市江宁区东山街道",
    ),
    (
        "320116",
        "南京市六合区应急管理局",
        "六",
        "district",
        "320100",
        "南京市六合区人民政府",
        "南京市六合区雄州街道",
    ),
    (
        "320111004",
        "南京市浦口区江浦街道办事处",
        "浦江",
        "street",
        "320111",
        "南京市浦口区人民政府",
        "南京市浦口区江浦街道",
    ),
    (
        "320111005",
        "南京市浦口区桥林街道办事处",
        "浦桥",
        "street",
        "320111",
        "南京市浦口区人民政府",
        "南京市浦口区桥林街道",
    ),
    (
        "320111006",
        "南京市浦口区汤泉街道办事处",
        "浦汤",
        "street",
        "320111",
        "南京市浦口区人民政府",
        "南京市浦口区汤泉街道",
    ),
    (
        "320115001",
        "南京市江宁区东山街道办事处",
        "江东",
        "street",
        "320115",
        "南京市江宁区人民政府",
        "南京市江宁区东山街道",
    ),
    (
        "320115011",
        "南京市江宁区秣陵街道办事处",
        "江秣",
        "street",
        "320115",
        "南京市江宁区人民政府",
        "南京市江宁区秣陵街道",
    ),
    (
        "320116002",
        "南京市六合区雄州街道办事处",
        "六雄",
        "street",
        "320116",
        "南京市六合区人民政府",
        "南京市六合区雄州街道",
    ),
    (
        "320116110",
        "南京市六合区竹镇镇人民政府",
        "六竹",
        "street",
        "320116",
        "南京市六合区人民政府",
        "南京市六合区竹镇镇",
    ),
]

# Street/township place names per district, used for enterprise names and addresses.
PLACES = {
    "320111": [("320111004", "江浦"), ("320111005", "桥林"), ("320111006", "汤泉")],
    "320115": [("320115001", "东山"), ("320115011", "秣陵")],
    "320116": [("320116002", "雄州"), ("320116110", "竹镇")],
}
DISTRICT_NAMES = {"320111": "浦口区", "320115": "江宁区", "320116": "六合区"}
ROADS = {
    "320111": ["浦珠路", "江浦大道", "文德路", "滨江大道", "桥林工业园路", "汤泉东路"],
    "320115": ["天元东路", "双龙大道", "胜太路", "秣陵路", "佳湖路", "将军大道"],
    "320116": ["雄州路", "龙池路", "金牛路", "长芦化工园大道", "竹镇工业园路", "延安路"],
}

# username, real_name, agency code (None = no agency), role names, is_superuser, is_staff — as tests/conftest.py
PERSONAS = [
    ("admin", "平台管理员", None, [], True, True),
    ("cityadmin", "陈管理", "320100", ["系统管理员"], False, False),
    ("supervisor", "孙监督", "320100", ["执法监督人员"], False, False),
    ("head", "何局长", "320111", ["负责人"], False, False),
    ("officer1", "王执法", "320111", ["执法人员"], False, False),
    ("officer2", "李执法", "320111", ["执法人员"], False, False),
    ("reviewer", "赵法制", "320111", ["法制审核人员"], False, False),
    ("assistant", "钱辅助", "320111", ["辅助人员"], False, False),
    ("expired", "周过期", "320111", ["执法人员"], False, False),
    ("officer_other", "吴执法", "320115", ["执法人员"], False, False),
    ("head_b", "郑局长", "320115", ["负责人"], False, False),
]

SAFETY_LAW = "《中华人民共和国安全生产法》（2021年修正）"
SAFETY_LAW_FROM = dt.date(2021, 9, 1)
HAZCHEM_REG = "《危险化学品安全管理条例》（国务院令第591号，2013年修订）"
HAZCHEM_FROM = dt.date(2011, 12, 1)
FIREWORKS_REG = "《烟花爆竹安全管理条例》（国务院令第455号，2016年修订）"
FIREWORKS_FROM = dt.date(2006, 1, 21)

# (code, name, kind, legal_basis, level, effective_from)
CATALOG = [
    (
        "YJ-CF-094",
        "对生产经营单位主要负责人未履行安全生产管理职责的处罚",
        "penalty",
        f"{SAFETY_LAW}第二十一条、第九十四条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-095",
        "对生产经营单位主要负责人未履行安全生产管理职责导致发生生产安全事故的处罚",
        "penalty",
        f"{SAFETY_LAW}第九十五条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-096",
        "对其他负责人和安全生产管理人员未履行安全生产管理职责的处罚",
        "penalty",
        f"{SAFETY_LAW}第二十五条、第九十六条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-097",
        "对未按规定设置安全生产管理机构、配备安全生产管理人员或者未如实记录安全生产教育和培训情况等行为的处罚",
        "penalty",
        f"{SAFETY_LAW}第九十七条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-098",
        "对矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目未按规定进行安全评价等行为的处罚",
        "penalty",
        f"{SAFETY_LAW}第三十二条至第三十四条、第九十八条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-099",
        "对未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志等行为的处罚",
        "penalty",
        f"{SAFETY_LAW}第三十五条至第三十八条、第四十五条、第九十九条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-100",
        "对未经依法批准擅自生产、经营、运输、储存、使用危险物品或者处置废弃危险物品的处罚",
        "penalty",
        f"{SAFETY_LAW}第三十九条、第一百条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-101",
        "对生产、经营、运输、储存、使用危险物品或者处置废弃危险物品未建立专门安全管理制度等行为的处罚",
        "penalty",
        f"{SAFETY_LAW}第三十九条至第四十一条、第四十三条、第一百零一条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-102",
        "对生产经营单位未采取措施消除事故隐患的处罚",
        "penalty",
        f"{SAFETY_LAW}第四十一条第二款、第一百零二条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-103",
        "对将生产经营项目、场所、设备发包或者出租给不具备安全生产条件的单位或者个人等行为的处罚",
        "penalty",
        f"{SAFETY_LAW}第四十九条、第一百零三条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-104",
        "对两个以上生产经营单位在同一作业区域内作业未签订安全生产管理协议或者未指定专职安全生产管理人员的处罚",
        "penalty",
        f"{SAFETY_LAW}第四十八条、第一百零四条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-105",
        "对危险物品车间、商店、仓库与员工宿舍在同一座建筑内或者安全出口、疏散通道不符合要求的处罚",
        "penalty",
        f"{SAFETY_LAW}第四十二条、第一百零五条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-106",
        "对生产经营单位与从业人员订立协议免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任的处罚",
        "penalty",
        f"{SAFETY_LAW}第五十二条、第一百零六条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-108",
        "对拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查的处罚",
        "penalty",
        f"{SAFETY_LAW}第六十六条、第一百零八条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-109",
        "对高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险的处罚",
        "penalty",
        f"{SAFETY_LAW}第五十一条第二款、第一百零九条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-110",
        "对生产经营单位主要负责人在本单位发生生产安全事故时不立即组织抢救或者擅离职守、逃匿，以及对事故隐瞒不报、谎报或者迟报的处罚",
        "penalty",
        f"{SAFETY_LAW}第五十条、第八十三条、第一百一十条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-112",
        "对被责令改正且受到罚款处罚后拒不改正的生产经营单位按日连续处罚",
        "penalty",
        f"{SAFETY_LAW}第一百一十二条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-114",
        "对发生生产安全事故负有责任的生产经营单位的罚款",
        "penalty",
        f"{SAFETY_LAW}第一百一十四条；《生产安全事故罚款处罚规定》（应急管理部令第14号）",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-CF-WH77",
        "对未取得危险化学品经营许可证从事危险化学品经营的处罚",
        "penalty",
        f"{HAZCHEM_REG}第三十三条、第七十七条第三款",
        "district",
        HAZCHEM_FROM,
    ),
    (
        "YJ-CF-YH36",
        "对未经许可经营烟花爆竹制品的处罚",
        "penalty",
        f"{FIREWORKS_REG}第十九条、第三十六条第二款",
        "district",
        FIREWORKS_FROM,
    ),
    (
        "YJ-QZ-001",
        "对不符合保障安全生产的国家标准或者行业标准的设施、设备、器材以及违法生产、储存、使用、经营、运输的危险物品予以查封或者扣押",
        "compulsion",
        f"{SAFETY_LAW}第六十五条第一款第四项；《中华人民共和国行政强制法》第九条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-QZ-002",
        "对违法生产、储存、使用、经营危险物品的作业场所予以查封",
        "compulsion",
        f"{SAFETY_LAW}第六十五条第一款第四项",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-QZ-003",
        "对拒不执行停产停业、停止施工、停止使用决定的生产经营单位通知有关单位停止供电、停止供应民用爆炸物品",
        "compulsion",
        f"{SAFETY_LAW}第七十条",
        "district",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-JC-001",
        "对生产经营单位执行安全生产法律、法规和国家标准或者行业标准情况的监督检查",
        "inspection",
        f"{SAFETY_LAW}第六十五条",
        "all",
        SAFETY_LAW_FROM,
    ),
    (
        "YJ-JC-002",
        "对危险化学品生产、储存、使用、经营单位的监督检查",
        "inspection",
        f"{HAZCHEM_REG}第六条、第七条",
        "all",
        HAZCHEM_FROM,
    ),
    (
        "YJ-JC-003",
        "对烟花爆竹生产、经营单位的监督检查",
        "inspection",
        f"{FIREWORKS_REG}第四条",
        "all",
        FIREWORKS_FROM,
    ),
    (
        "YJ-JC-004",
        "对工贸企业有限空间作业安全的监督检查",
        "inspection",
        "《工贸企业有限空间作业安全规定》（应急管理部令第13号）",
        "all",
        dt.date(2024, 1, 1),
    ),
    (
        "YJ-XK-001",
        "危险化学品经营许可",
        "licensing",
        f"{HAZCHEM_REG}第三十三条、第三十五条；《危险化学品经营许可证管理办法》",
        "district",
        HAZCHEM_FROM,
    ),
    (
        "YJ-XK-002",
        "烟花爆竹经营（零售）许可",
        "licensing",
        f"{FIREWORKS_REG}第十九条",
        "district",
        FIREWORKS_FROM,
    ),
    (
        "YJ-XK-003",
        "危险化学品建设项目安全条件审查",
        "licensing",
        f"{HAZCHEM_REG}第十二条；《危险化学品建设项目安全监督管理办法》",
        "city",
        HAZCHEM_FROM,
    ),
    (
        "YJ-QR-001",
        "生产经营单位生产安全事故应急预案备案",
        "confirmation",
        "《生产安全事故应急条例》（国务院令第708号）第七条",
        "all",
        dt.date(2019, 4, 1),
    ),
    ("YJ-QT-001", "对安全生产违法行为举报的奖励", "other", f"{SAFETY_LAW}第七十六条", "all", SAFETY_LAW_FROM),
]

# Items streets/townships receive by 赋权 (a few, frequent on-site matters); one township holds an
# inspection power by 委托 from its district bureau instead.
STREET_EMPOWERED = ["YJ-JC-001", "YJ-CF-099", "YJ-CF-102", "YJ-CF-105"]
STREET_EMPOWERED_FROM = dt.date(2022, 1, 1)
STREET_EMPOWERED_BASIS = "区人民政府赋予街道（乡镇）部分县级行政执法权限清单（演示数据）"
ENTRUSTED = {"320116110": ("YJ-JC-001", "320116", dt.date(2023, 1, 1), dt.date(2027, 12, 31))}

# Enterprise name parts per sector: (sector, weight, suffixes)
SECTOR_NAMES = [
    ("hazchem", 5, ["化工有限公司", "化学品贸易有限公司", "石化储运有限公司", "新材料科技有限公司"]),
    ("fireworks", 2, ["烟花爆竹零售店", "烟花爆竹经营部"]),
    ("mining", 1, ["矿业有限公司", "石料开采有限公司"]),
    ("metallurgy", 2, ["钢铁制品有限公司", "金属冶炼有限公司"]),
    ("nonferrous", 1, ["铝业有限公司", "铜材有限公司"]),
    ("building_materials", 2, ["建材有限公司", "新型墙材有限公司", "混凝土有限公司"]),
    ("machinery", 4, ["机械制造有限公司", "重工机械有限公司", "汽车零部件有限公司"]),
    ("light_industry", 3, ["食品有限公司", "包装制品有限公司", "家具有限公司"]),
    ("textiles", 2, ["纺织有限公司", "服饰有限公司"]),
    ("tobacco", 1, ["烟草物流有限公司"]),
    ("trade", 3, ["商贸有限公司", "仓储物流有限公司"]),
    ("other", 1, ["实业有限公司"]),
]
BRANDS = [
    "华宇",
    "金陵",
    "扬子",
    "恒信",
    "中盛",
    "瑞丰",
    "鑫达",
    "永安",
    "宏泰",
    "长江",
    "天成",
    "正源",
    "联创",
    "安泰",
    "润华",
    "嘉诚",
    "新港",
    "汇通",
    "盛邦",
    "华骏",
    "利民",
    "东方",
    "明远",
    "德润",
    "启航",
    "同创",
    "远大",
    "博瑞",
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = [
    "建国",
    "海涛",
    "明",
    "伟",
    "静",
    "志强",
    "丽华",
    "晓东",
    "俊",
    "红梅",
    "国庆",
    "永胜",
    "玉兰",
    "小平",
    "卫东",
    "文杰",
]
