"""Seed rows: 安全生产法 (2021), spec §6.5 #1–#26."""

from __future__ import annotations

from typing import Any

from ._helpers import (
    AQ_CITE,
    CONFISCATE,
    CORRECT,
    HALT,
    IND,
    MP,
    OD,
    OTHER,
    REVOKE,
    RP,
    F,
    U,
    _items,
    cond,
    m,
    r,
    share,
    v,
)

# --- 安全生产法 (2021) ---------------------------------------------------------------------------

# Art 94 ¶2: 主要负责人有前款违法行为，导致发生生产安全事故的，给予撤职处分；构成犯罪的，依照刑法有关规定追究刑事
# 责任。¶3: 依照前款规定受刑事处罚或者撤职处分的，自刑罚执行完毕或者受处分之日起，五年内不得担任任何生产经营单位的
# 主要负责人；对重大、特别重大生产安全事故负有责任的，终身不得担任本行业生产经营单位的主要负责人。(spec §6.5 row #2
# summarises ¶3; wording written out from the statute text by the developer.) The ban follows by law from the
# criminal penalty or 撤职 (decided by the court / appointing authority), not from the fine; it is listed so the
# decision and the file name it. Art 95 fines the same main person for the accident, so its rows carry it too.
ART94_BAN = "主要负责人受刑事处罚或者撤职处分的，自刑罚执行完毕或者受处分之日起，五年内不得担任任何生产经营单位的主要负责人"
ART94_LIFE = "；对重大、特别重大生产安全事故负有责任的，终身不得担任本行业生产经营单位的主要负责人"
ART94_CITE = "（安全生产法第九十四条第三款）"
ART94_ACCIDENT = (
    "对主要负责人给予撤职处分（由任免机关作出），构成犯罪的依法追究刑事责任（安全生产法第九十四条第二款）；"
    + ART94_BAN
    + ART94_LIFE
    + ART94_CITE
)


# Art 97: 责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，
# 对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款 (spec #5–#11 ✅).
def _aq97() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        [
            r(U, F, None, 100000, "处十万元以下的罚款"),
            r(U, OD, 100000, 200000, "逾期未改正的，并处十万元以上二十万元以下的罚款"),
            r(RP, OD, 20000, 50000, "对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款"),
        ],
        [m(F, CORRECT, "责令限期改正"), m(OD, HALT, "责令停产停业整顿")],
    )


# Art 98: 责令停止建设或者停产停业整顿，限期改正，并处十万元以上五十万元以下的罚款，人员二万元以上五万元以下；
# 逾期未改正的，处五十万元以上一百万元以下的罚款，人员五万元以上十万元以下 (spec #12 ✅).
def _aq98() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        [
            r(U, F, 100000, 500000, "并处十万元以上五十万元以下的罚款"),
            r(RP, F, 20000, 50000, "对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款"),
            r(U, OD, 500000, 1000000, "逾期未改正的，处五十万元以上一百万元以下的罚款"),
            r(RP, OD, 50000, 100000, "对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款"),
        ],
        [m(F, HALT, "责令停止建设或者停产停业整顿，限期改正")],
    )


# Art 99: 责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元以上二十万元以下的罚款，人员一万元以上二万元以下；
# 情节严重的，责令停产停业整顿 (spec #13 ✅).
def _aq99() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        [
            r(U, F, None, 50000, "处五万元以下的罚款"),
            r(U, OD, 50000, 200000, "逾期未改正的，处五万元以上二十万元以下的罚款"),
            r(RP, OD, 10000, 20000, "对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款"),
        ],
        [
            m(F, CORRECT, "责令限期改正"),
            m(OD, HALT, "情节严重的，责令停产停业整顿", [cond("serious", "eq", True)]),
        ],
    )


# Art 101: 责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上二十万元以下的罚款，
# 人员二万元以上五万元以下 (spec #15 ✅).
_aq101 = _aq97


# Art 103 ¶2, 104, 105: 责令限期改正，处五万元以下的罚款，人员一万元以下；逾期未改正的，责令停产停业（整顿）(spec #18–#20 ✅).
def _aq105(
    halt_text: str = "逾期未改正的，责令停产停业整顿",
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return (
        [
            r(U, F, None, 50000, "处五万元以下的罚款"),
            r(RP, F, None, 10000, "对其直接负责的主管人员和其他直接责任人员处一万元以下的罚款"),
        ],
        [m(F, CORRECT, "责令限期改正"), m(OD, HALT, halt_text)],
    )


AQ97_ITEMS = [
    (
        "未按照规定设置安全生产管理机构或者配备安全生产管理人员、注册安全工程师",
        f"{AQ_CITE}第二十四条、第二十七条第三款",
        "安全管理机构 安全管理人员 注册安全工程师",
    ),
    (
        "危险物品的生产、经营、储存、装卸单位以及矿山、金属冶炼、建筑施工、运输单位的主要负责人和安全生产管理人员未按照规定经考核合格",
        f"{AQ_CITE}第二十七条第二款",
        "主要负责人 安全管理人员 考核合格 高危行业",
    ),
    (
        "未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训，或者未按照规定如实告知有关的安全生产事项",
        f"{AQ_CITE}第二十八条、第四十四条",
        "安全培训 教育培训 被派遣劳动者 实习学生 告知",
    ),
    ("未如实记录安全生产教育和培训情况", f"{AQ_CITE}第二十八条第四款", "培训档案 培训记录"),
    (
        "未将事故隐患排查治理情况如实记录或者未向从业人员通报",
        f"{AQ_CITE}第四十一条第二款",
        "隐患排查 记录 通报",
    ),
    ("未按照规定制定生产安全事故应急救援预案或者未定期组织演练", f"{AQ_CITE}第八十一条", "应急预案 应急演练"),
    (
        "特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业",
        f"{AQ_CITE}第三十条第一款",
        "特种作业 无证上岗 电工 焊工 特种作业操作证",
    ),
]

AQ98_ITEMS = [
    (
        "未按照规定对矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目进行安全评价",
        f"{AQ_CITE}第三十二条",
        "建设项目 安全评价 三同时",
    ),
    (
        "矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目没有安全设施设计或者安全设施设计未按照规定报经有关部门审查同意",
        f"{AQ_CITE}第三十三条",
        "建设项目 安全设施设计 审查 三同时",
    ),
    (
        "矿山、金属冶炼建设项目或者用于生产、储存、装卸危险物品的建设项目的施工单位未按照批准的安全设施设计施工",
        f"{AQ_CITE}第三十四条第一款",
        "建设项目 施工 安全设施设计 三同时",
    ),
    (
        "矿山、金属冶炼建设项目或者用于生产、储存危险物品的建设项目竣工投入生产或者使用前，安全设施未经验收合格",
        f"{AQ_CITE}第三十四条第二款",
        "建设项目 竣工验收 安全设施 三同时",
    ),
]

AQ99_ITEMS = [
    (
        "未在有较大危险因素的生产经营场所和有关设施、设备上设置明显的安全警示标志",
        f"{AQ_CITE}第三十五条",
        "安全警示标志 警示标识",
    ),
    (
        "安全设备的安装、使用、检测、改造和报废不符合国家标准或者行业标准",
        f"{AQ_CITE}第三十六条第一款",
        "安全设备 国家标准",
    ),
    (
        "未对安全设备进行经常性维护、保养和定期检测",
        f"{AQ_CITE}第三十六条第一款",
        "安全设备 维护保养 定期检测 除尘器",
    ),
    (
        "关闭、破坏直接关系生产安全的监控、报警、防护、救生设备、设施，或者篡改、隐瞒、销毁其相关数据、信息",
        f"{AQ_CITE}第三十六条第二款",
        "监控 报警 防护 救生 篡改数据 关闭报警",
    ),
    ("未为从业人员提供符合国家标准或者行业标准的劳动防护用品", f"{AQ_CITE}第四十五条", "劳动防护用品 劳保"),
    (
        "危险物品的容器、运输工具，以及涉及人身安全、危险性较大的海洋石油开采特种设备和矿山井下特种设备未经具有专业资质的机构检测、检验合格，取得安全使用证或者安全标志，投入使用",
        f"{AQ_CITE}第三十七条",
        "危险物品容器 运输工具 特种设备 检测检验",
    ),
    ("使用应当淘汰的危及生产安全的工艺、设备", f"{AQ_CITE}第三十八条", "淘汰工艺 淘汰设备 落后工艺"),
    (
        "餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置",
        f"{AQ_CITE}第三十六条第三款",
        "餐饮 燃气 可燃气体报警",
    ),
]

AQ101_ITEMS = [
    (
        "生产、经营、运输、储存、使用危险物品或者处置废弃危险物品，未建立专门安全管理制度、未采取可靠的安全措施",
        f"{AQ_CITE}第三十九条",
        "危险物品 安全管理制度 安全措施 危化品",
    ),
    (
        "对重大危险源未登记建档，未进行定期检测、评估、监控，未制定应急预案，或者未告知应急措施",
        f"{AQ_CITE}第四十条",
        "重大危险源 登记建档 监控",
    ),
    (
        "进行爆破、吊装、动火、临时用电以及国务院应急管理部门会同国务院有关部门规定的其他危险作业，未安排专门人员进行现场安全管理",
        f"{AQ_CITE}第四十三条",
        "危险作业 动火 吊装 爆破 临时用电 现场安全管理",
    ),
    (
        "未建立安全风险分级管控制度或者未按照安全风险分级采取相应管控措施",
        f"{AQ_CITE}第四十一条第一款",
        "风险分级管控 双重预防",
    ),
    (
        "未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告",
        f"{AQ_CITE}第四十一条第二款",
        "隐患排查治理制度 重大事故隐患 报告 双重预防",
    ),
]


def _anqfa() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    # #26 Art 92 ¶1 / ¶2
    rows.append(
        v(
            "AQ-092-P1",
            "承担安全评价、认证、检测、检验职责的机构出具失实报告",
            article=92,
            paragraph=1,
            violated=f"{AQ_CITE}第七十二条",
            ranges=[r(U, F, 30000, 100000, "并处三万元以上十万元以下的罚款")],
            measures=[m(F, HALT, "责令停业整顿")],
            keywords="安全评价机构 检测检验机构 失实报告 中介机构",
            spec_row="#26",
        )
    )
    rows.append(
        v(
            "AQ-092-P2",
            "承担安全评价、认证、检测、检验职责的机构租借资质、挂靠、出具虚假报告",
            article=92,
            paragraph=2,
            violated=f"{AQ_CITE}第七十二条",
            ranges=[
                r(
                    U,
                    F,
                    None,
                    None,
                    "违法所得在十万元以上的，并处违法所得二倍以上五倍以下的罚款",
                    gains_multiple=("2", "5"),
                    conditions=[cond("illegal_gains", "gte", 100000)],
                ),
                r(
                    U,
                    F,
                    100000,
                    200000,
                    "没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款",
                    conditions=[cond("illegal_gains", "lt", 100000, default=0)],
                ),
                r(
                    RP,
                    F,
                    50000,
                    100000,
                    "对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款",
                ),
            ],
            measures=[
                m(F, CONFISCATE, "没收违法所得"),
                m(
                    F,
                    REVOKE,
                    "吊销其相应资质和资格，五年内不得从事安全评价、认证、检测、检验等工作；情节严重的，实行终身行业和职业禁入",
                ),
            ],
            keywords="安全评价机构 虚假报告 租借资质 挂靠 中介机构",
            spec_row="#26（逾期/加重栏）",
            note="spec 将本款列在 #26 的加重栏；按 CONTRACT 一款一行拆为第二款",
        )
    )
    rows.append(
        v(
            "AQ-093-P1",
            "生产经营单位的决策机构、主要负责人或者个人经营的投资人不依照本法规定保证安全生产所必需的资金投入，致使生产经营单位不具备安全生产条件",
            article=93,
            paragraph=1,
            violated=f"{AQ_CITE}第二十三条",
            ranges=[],
            measures=[
                m(F, CORRECT, "责令限期改正，提供必需的资金"),
                m(OD, HALT, "逾期未改正的，责令生产经营单位停产停业整顿"),
            ],
            keywords="安全投入 资金投入 安全生产费用",
            spec_row="#1",
        )
    )
    rows.append(
        v(
            "AQ-093-P2",
            "不依照本法规定保证安全生产所必需的资金投入，导致发生生产安全事故",
            article=93,
            paragraph=2,
            violated=f"{AQ_CITE}第二十三条",
            ranges=[r(IND, F, 20000, 200000, "对个人经营的投资人处二万元以上二十万元以下的罚款")],
            measures=[m(F, OTHER, "对生产经营单位的主要负责人给予撤职处分（由任免机关作出）")],
            keywords="安全投入 资金投入 事故 投资人",
            spec_row="#1（事故栏）",
        )
    )
    rows.append(
        v(
            "AQ-094-P1",
            "生产经营单位的主要负责人未履行本法规定的安全生产管理职责",
            article=94,
            paragraph=1,
            violated=f"{AQ_CITE}第二十一条",
            ranges=[
                r(MP, F, 20000, 50000, "处二万元以上五万元以下的罚款"),
                r(MP, OD, 50000, 100000, "逾期未改正的，处五万元以上十万元以下的罚款"),
            ],
            measures=[
                m(F, CORRECT, "责令限期改正"),
                m(OD, HALT, "责令生产经营单位停产停业整顿"),
                # Art 94 ¶2–3 (spec §6.5 row #2): accident → 撤职 (appointing authority) / criminal liability
                # → the 5-year / lifetime ban follows by law; a fact-conditioned "other" measure
                m(F, OTHER, ART94_ACCIDENT, [cond("accident", "eq", True)]),
                m(OD, OTHER, ART94_ACCIDENT, [cond("accident", "eq", True)]),
            ],
            keywords="主要负责人 安全生产管理职责 履职",
            spec_row="#2",
        )
    )
    for n, grade, pct, word in (
        (1, "一般", "0.40", "百分之四十"),
        (2, "较大", "0.60", "百分之六十"),
        (3, "重大", "0.80", "百分之八十"),
        (4, "特别重大", "1.00", "百分之一百"),
    ):
        rows.append(
            v(
                f"AQ-095-I{n}",
                f"生产经营单位的主要负责人未履行本法规定的安全生产管理职责，导致发生{grade}事故",
                article=95,
                item=n,
                violated=f"{AQ_CITE}第二十一条",
                ranges=[share(MP, F, pct, pct, f"发生{grade}事故的，处上一年年收入{word}的罚款")],
                measures=[m(F, OTHER, ART94_BAN + (ART94_LIFE if n >= 3 else "") + ART94_CITE)],
                keywords=f"主要负责人 {grade}事故 年收入 事故罚款",
                spec_row="#3",
            )
        )
    rows.append(
        v(
            "AQ-096",
            "生产经营单位的其他负责人和安全生产管理人员未履行本法规定的安全生产管理职责",
            article=96,
            violated=f"{AQ_CITE}第二十五条",
            ranges=[
                r(
                    IND,
                    F,
                    10000,
                    30000,
                    "处一万元以上三万元以下的罚款",
                    conditions=[cond("accident", "eq", False, default=False)],
                ),
                share(
                    IND,
                    F,
                    "0.20",
                    "0.50",
                    "导致发生生产安全事故的，处上一年年收入百分之二十以上百分之五十以下的罚款",
                    conditions=[cond("accident", "eq", True)],
                ),
            ],
            measures=[
                m(F, CORRECT, "责令限期改正"),
                m(F, REVOKE, "暂停或者吊销其与安全生产有关的资格", [cond("accident", "eq", True)]),
            ],
            keywords="其他负责人 安全生产管理人员 安全管理人员 履职",
            spec_row="#4",
            note="当事人为其他负责人或安全生产管理人员本人，处罚对象记为“个人”",
        )
    )
    rows += _items("AQ", 97, AQ97_ITEMS, _aq97, spec_row="#5–#11")
    rows += _items(
        "AQ",
        98,
        AQ98_ITEMS,
        _aq98,
        spec_row="#12",
        note="各项对应的违法条款（第三十二至三十四条）由开发者按条文对应，spec 只写 Art 32–34",
    )
    rows += _items(
        "AQ",
        99,
        AQ99_ITEMS,
        _aq99,
        spec_row="#13",
        note="各项对应的违法条款由开发者按条文对应，spec 只写 Art 35–38、45",
    )
    rows.append(
        v(
            "AQ-100",
            "未经依法批准，擅自生产、经营、运输、储存、使用危险物品或者处置废弃危险物品",
            article=100,
            violated=f"{AQ_CITE}第三十九条",
            ranges=[],
            measures=[],
            keywords="危险物品 未经批准 擅自生产 危化品",
            spec_row="#14",
            penalty_text="依照有关危险物品安全管理的法律、行政法规的规定予以处罚（如危险化学品安全管理条例第七十七条）；构成犯罪的，依法追究刑事责任",
        )
    )
    rows += _items("AQ", 101, AQ101_ITEMS, _aq101, spec_row="#15")
    rows.append(
        v(
            "AQ-102",
            "生产经营单位未采取措施消除事故隐患",
            article=102,
            violated=f"{AQ_CITE}第四十一条第二款",
            ranges=[
                r(U, F, None, 50000, "处五万元以下的罚款"),
                r(
                    RP,
                    OD,
                    50000,
                    100000,
                    "拒不执行的，对其直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款",
                ),
            ],
            measures=[m(F, CORRECT, "责令立即消除或者限期消除"), m(OD, HALT, "拒不执行的，责令停产停业整顿")],
            keywords="事故隐患 未消除 消除隐患 隐患未消除 隐患整改 重大事故隐患",
            spec_row="#16",
        )
    )
    rows.append(
        v(
            "AQ-103-P1",
            "生产经营单位将生产经营项目、场所、设备发包或者出租给不具备安全生产条件或者相应资质的单位或者个人",
            article=103,
            paragraph=1,
            violated=f"{AQ_CITE}第四十九条第一款",
            ranges=[
                r(
                    U,
                    F,
                    None,
                    None,
                    "违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款",
                    gains_multiple=("2", "5"),
                    conditions=[cond("illegal_gains", "gte", 100000)],
                ),
                r(
                    U,
                    F,
                    100000,
                    200000,
                    "没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款",
                    conditions=[cond("illegal_gains", "lt", 100000, default=0)],
                ),
                r(
                    RP,
                    F,
                    10000,
                    20000,
                    "对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款",
                ),
            ],
            measures=[m(F, CORRECT, "责令限期改正"), m(F, CONFISCATE, "没收违法所得")],
            keywords="发包 出租 不具备安全生产条件 资质 承包",
            spec_row="#17",
        )
    )
    ranges, measures = _aq105()
    rows.append(
        v(
            "AQ-103-P2",
            "生产经营单位未与承包单位、承租单位签订专门的安全生产管理协议或者未在承包合同、租赁合同中明确各自的安全生产管理职责，或者未对承包单位、承租单位的安全生产统一协调、管理",
            article=103,
            paragraph=2,
            violated=f"{AQ_CITE}第四十九条第二款",
            ranges=ranges,
            measures=measures,
            keywords="安全生产管理协议 承包 承租 统一协调",
            spec_row="#18",
        )
    )
    ranges, measures = _aq105("逾期未改正的，责令停产停业")
    rows.append(
        v(
            "AQ-104",
            "两个以上生产经营单位在同一作业区域内进行可能危及对方安全生产的生产经营活动，未签订安全生产管理协议或者未指定专职安全生产管理人员进行安全检查与协调",
            article=104,
            violated=f"{AQ_CITE}第四十八条",
            ranges=ranges,
            measures=measures,
            keywords="同一作业区域 安全生产管理协议 交叉作业",
            spec_row="#19",
        )
    )
    rows += _items(
        "AQ",
        105,
        [
            (
                "生产、经营、储存、使用危险物品的车间、商店、仓库与员工宿舍在同一座建筑内，或者与员工宿舍的距离不符合安全要求",
                f"{AQ_CITE}第四十二条第一款",
                "员工宿舍 三合一 危险物品 仓库",
            ),
            (
                "生产经营场所和员工宿舍未设有符合紧急疏散需要、标志明显、保持畅通的出口、疏散通道，或者占用、锁闭、封堵生产经营场所或者员工宿舍出口、疏散通道",
                f"{AQ_CITE}第四十二条第二款",
                "安全出口 疏散通道 锁闭 封堵 堵塞 消防通道 逃生通道",
            ),
        ],
        _aq105,
        spec_row="#20",
    )
    rows.append(
        v(
            "AQ-106",
            "生产经营单位与从业人员订立协议，免除或者减轻其对从业人员因生产安全事故伤亡依法应承担的责任",
            article=106,
            violated=f"{AQ_CITE}第五十二条",
            ranges=[
                r(MP, F, 20000, 100000, "对生产经营单位的主要负责人处二万元以上十万元以下的罚款"),
                r(IND, F, 20000, 100000, "对个人经营的投资人处二万元以上十万元以下的罚款"),
            ],
            measures=[m(F, OTHER, "该协议无效")],
            keywords="免责协议 工伤 从业人员 协议无效",
            spec_row="#21",
            tiers=[
                {
                    "code": "A",
                    "name": "减轻责任",
                    "conditions": [cond("liability_exempted", "eq", False)],
                    "conditions_text": "协议减轻（未免除）生产经营单位的责任",
                    "source": "安全生产违法行为行政处罚办法（15号令）第四十七条 ◐；15号令2026-02-01废止，18号令内容❓",
                    "verification": "◐",
                    "ranges": [
                        {"subject": MP, "stage": F, "min": 20000, "max": 50000},
                        {"subject": IND, "stage": F, "min": 20000, "max": 50000},
                    ],
                },
                {
                    "code": "B",
                    "name": "免除责任",
                    "conditions": [cond("liability_exempted", "eq", True)],
                    "conditions_text": "协议免除生产经营单位的责任",
                    "source": "安全生产违法行为行政处罚办法（15号令）第四十七条 ◐；15号令2026-02-01废止，18号令内容❓",
                    "verification": "◐",
                    "ranges": [
                        {"subject": MP, "stage": F, "min": 50000, "max": 100000},
                        {"subject": IND, "stage": F, "min": 50000, "max": 100000},
                    ],
                },
            ],
        )
    )
    rows.append(
        v(
            "AQ-108",
            "生产经营单位拒绝、阻碍负有安全生产监督管理职责的部门依法实施监督检查",
            article=108,
            violated=f"{AQ_CITE}第六十六条",
            ranges=[
                r(U, OD, 20000, 200000, "拒不改正的，处二万元以上二十万元以下的罚款"),
                r(
                    RP,
                    OD,
                    10000,
                    20000,
                    "对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款",
                ),
            ],
            measures=[m(F, CORRECT, "责令改正")],
            keywords="拒绝检查 阻碍检查 监督检查 妨碍执法",
            spec_row="#22",
        )
    )
    rows.append(
        v(
            "AQ-109",
            "高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险",
            article=109,
            violated=f"{AQ_CITE}第五十一条第二款",
            ranges=[
                r(U, F, 50000, 100000, "处五万元以上十万元以下的罚款"),
                r(U, OD, 100000, 200000, "逾期未改正的，处十万元以上二十万元以下的罚款"),
            ],
            measures=[m(F, CORRECT, "责令限期改正")],
            keywords="安全生产责任保险 安责险 高危行业",
            spec_row="#23",
        )
    )
    for p, name in (
        (
            1,
            "生产经营单位的主要负责人在本单位发生生产安全事故时，不立即组织抢救或者在事故调查处理期间擅离职守或者逃匿",
        ),
        (2, "生产经营单位的主要负责人对生产安全事故隐瞒不报、谎报或者迟报"),
    ):
        rows.append(
            v(
                f"AQ-110-P{p}",
                name,
                article=110,
                paragraph=p,
                violated=f"{AQ_CITE}第五十条、第八十三条",
                ranges=[
                    share(
                        MP,
                        F,
                        "0.60",
                        "1.00",
                        "处上一年年收入百分之六十至百分之一百的罚款"
                        + ("（依照前款规定处罚）" if p == 2 else ""),
                    )
                ],
                measures=[
                    m(F, OTHER, "给予降级、撤职的处分（由任免机关作出）；对逃匿的由公安机关处十五日以下拘留")
                ],
                keywords="主要负责人 事故 逃匿 擅离职守 瞒报 谎报 迟报",
                spec_row="#24",
                note="spec 写作 Art 110；第二款（瞒报谎报迟报）依照第一款处罚，按 CONTRACT 一款一行拆分",
            )
        )
    for n, grade, lo, hi, words in (
        (1, "一般", 300000, 1000000, "三十万元以上一百万元以下"),
        (2, "较大", 1000000, 2000000, "一百万元以上二百万元以下"),
        (3, "重大", 2000000, 10000000, "二百万元以上一千万元以下"),
        (4, "特别重大", 10000000, 20000000, "一千万元以上二千万元以下"),
    ):
        rows.append(
            v(
                f"AQ-114-P1-I{n}",
                f"发生生产安全事故，对负有责任的生产经营单位（{grade}事故）",
                article=114,
                paragraph=1,
                item=n,
                violated=f"{AQ_CITE}第一百一十四条",
                ranges=[
                    r(U, F, lo, hi, f"发生{grade}事故的，处{words}的罚款"),
                    r(
                        U,
                        F,
                        lo * 2,
                        hi * 5,
                        "情节特别严重、影响特别恶劣的，按照前款罚款数额的二倍以上五倍以下对负有责任的生产经营单位处以罚款（第二款）",
                        conditions=[cond("particularly_serious", "eq", True)],
                    ),
                ],
                measures=[],
                keywords=f"事故罚款 {grade}事故 负有责任",
                spec_row="#25",
                note="第二款二至五倍加重按“情节特别严重、影响特别恶劣”事实计算；应急管理部令第14号阶次❓未录入",
            )
        )
    return rows
