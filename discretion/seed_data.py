"""Seed benchmark: every row of the domain spec §6.5 (violation → penalty catalogue), its published tier
splits, the statutory circumstances (行政处罚法 Art 30–33, 49), the Jiangsu 首违不罚 lists (§6.6) and the
legal-review criteria (§7, §1.11). Copied into the project with citations; the project never reads the spec.

Statutory ranges are transcribed exactly as the spec writes them (money in yuan; "≤X" = no minimum).
Each violation keeps the spec's verification mark (✅ statute text / ◐ secondary / ❓ unverified) in
``verification`` and says in ``basis_note`` what was checked and what was not. One violation per
(law, article, paragraph, item) (CONTRACT.md): a spec row listing several items or accident grades
becomes one violation per item or grade. Item wordings were written out from the statute text by the
developer where the spec only summarises them; where that wording is not backed by the spec it says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

F, OD = "first", "overdue"
U, RP, MP, IND = "unit", "responsible_person", "main_person", "individual"
CORRECT, WARN, CONFISCATE, SUSPEND, HALT, REVOKE, CLOSE, OTHER = (
    "order_correction",
    "warning",
    "confiscation",
    "suspension",
    "production_halt",
    "revocation",
    "closure",
    "other",
)

# code prefix → (short name, full name, penalty provisions in force from, until, note)
LAWS: dict[str, tuple[str, str, dt.date | None, dt.date | None, str]] = {
    "AQ": (
        "安全生产法",
        "中华人民共和国安全生产法",
        dt.date(2021, 9, 1),
        None,
        "2021年第三次修正，修正决定2021-09-01施行（✅ 条文 / ◐ 施行日期，spec §0.1）；此前的违法行为适用旧法，旧法罚则未录入",
    ),
    "WH": (
        "危险化学品安全管理条例",
        "危险化学品安全管理条例",
        dt.date(2011, 12, 1),
        dt.date(2026, 4, 30),
        "国务院令第591号（2013年修订）；2026-05-01起危险化学品安全法施行，本条例罚则适用于此前的行为（◐ spec §0.1）；危险化学品安全法罚则❓待录入为新版本",
    ),
    "XK": ("安全生产许可证条例", "安全生产许可证条例", None, None, "国务院令第397号（2014年修订）✅ 条文"),
    "YJ": (
        "生产安全事故应急条例",
        "生产安全事故应急条例",
        dt.date(2019, 4, 1),
        None,
        "国务院令第708号 ✅ 条文",
    ),
    "YH": (
        "安全生产事故隐患排查治理暂行规定",
        "安全生产事故隐患排查治理暂行规定",
        dt.date(2008, 2, 1),
        None,
        "原国家安监总局令第16号 ◐；是否已被新规章取代❓（spec §14 第13项）",
    ),
    "CF": (
        "安全生产违法行为行政处罚办法",
        "安全生产违法行为行政处罚办法",
        dt.date(2015, 5, 1),
        dt.date(2026, 1, 31),
        "原国家安监总局令第15号（第77号令修正，2015-05-01）◐；2026-02-01起由应急管理部令第18号取代，新办法内容❓",
    ),
}

AQ_CITE = "《中华人民共和国安全生产法》"


def r(subject: str, stage: str, lo: int | None, hi: int | None, basis: str, **extra: Any) -> dict[str, Any]:
    return {"subject": subject, "stage": stage, "min": lo, "max": hi, "basis": basis, **extra}


def share(subject: str, stage: str, lo: str, hi: str, basis: str, **extra: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "stage": stage,
        "min": None,
        "max": None,
        "income_share": (lo, hi),
        "basis": basis,
        **extra,
    }


def m(stage: str, kind: str, text: str, conditions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"stage": stage, "kind": kind, "text": text, "conditions": conditions or []}


def cond(fact: str, op: str, value: Any, default: Any = None) -> dict[str, Any]:
    c = {"fact": fact, "op": op, "value": value}
    if default is not None:
        c["default"] = default
    return c


def v(
    code: str,
    name: str,
    *,
    article: int,
    paragraph: int | None = None,
    item: int | None = None,
    violated: str,
    ranges: list[dict[str, Any]],
    measures: list[dict[str, Any]],
    keywords: str,
    spec_row: str,
    mark: str = "✅",
    note: str = "",
    penalty_text: str = "",
    tiers: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    prefix = code.split("-")[0]
    law, full, since, until, law_note = LAWS[prefix]
    return {
        "code": code,
        "act_code": code,
        "name": name,
        "law": law,
        "law_full_name": full,
        "article": article,
        "paragraph": paragraph,
        "item": item,
        "violated_provision": violated,
        "penalty_text": penalty_text,
        "keywords": keywords,
        "law_effective_from": since,
        "law_effective_to": until,
        "verification": mark,
        "basis_note": f"spec §6.5 {spec_row}：幅度按 spec 原样录入（{mark}）。{law_note}。{note}".rstrip("。")
        + "。",
        "ranges": ranges,
        "measures": measures,
        "tiers": tiers or [],
    }


# --- 安全生产法 (2021) ---------------------------------------------------------------------------


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


def _items(
    prefix: str,
    article: int,
    items: list[tuple[str, str, str]],
    make: Any,
    *,
    spec_row: str,
    paragraph: int | None = None,
    mark: str = "✅",
    note: str = "",
) -> list[dict[str, Any]]:
    out = []
    for n, (name, violated, keywords) in enumerate(items, start=1):
        ranges, measures = make()
        code = f"{prefix}-{article:03d}" + (f"-P{paragraph}" if paragraph else "") + f"-I{n}"
        out.append(
            v(
                code,
                name,
                article=article,
                paragraph=paragraph,
                item=n,
                violated=violated,
                ranges=ranges,
                measures=measures,
                keywords=keywords,
                spec_row=spec_row,
                mark=mark,
                note=note,
            )
        )
    return out


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
            measures=[m(F, CORRECT, "责令限期改正"), m(OD, HALT, "责令生产经营单位停产停业整顿")],
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
                measures=[],
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
            keywords="事故隐患 未消除 隐患整改 重大事故隐患",
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
                "安全出口 疏散通道 锁闭 封堵 堵塞",
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


# --- 危险化学品安全管理条例 (rows #27–#30; apply to acts before 2026-05-01) -----------------------

WH78_ITEMS = [
    (
        "生产、储存危险化学品的单位未对其铺设的危险化学品管道设置明显的标志，或者未对危险化学品管道定期检查、检测",
        "危化品管道 标志 检测",
    ),
    (
        "进行可能危及危险化学品管道安全的施工作业，施工单位未按照规定书面通知管道所属单位，或者未与管道所属单位共同制定应急预案、采取相应的安全防护措施，或者管道所属单位未指派专门人员到现场进行管道安全保护指导",
        "危化品管道 施工作业",
    ),
    (
        "危险化学品生产企业未提供化学品安全技术说明书，或者未在包装（包括外包装件）上粘贴、拴挂化学品安全标签",
        "安全技术说明书 SDS 安全标签 一书一签",
    ),
    (
        "危险化学品生产企业提供的化学品安全技术说明书与其生产的危险化学品不相符，或者在包装（包括外包装件）粘贴、拴挂的化学品安全标签与包装内危险化学品不相符，或者化学品安全技术说明书、化学品安全标签所载明的内容不符合国家标准要求",
        "安全技术说明书 SDS 安全标签 不相符",
    ),
    (
        "危险化学品生产企业发现其生产的危险化学品有新的危险特性不立即公告，或者不及时修订其化学品安全技术说明书和化学品安全标签",
        "新的危险特性 公告 修订",
    ),
    (
        "危险化学品经营企业经营没有化学品安全技术说明书和化学品安全标签的危险化学品",
        "经营 安全技术说明书 安全标签",
    ),
    (
        "危险化学品包装物、容器的材质以及包装的型式、规格、方法和单件质量（重量）与所包装的危险化学品的性质和用途不相适应",
        "包装物 容器 不相适应",
    ),
    (
        "生产、储存危险化学品的单位未在作业场所和安全设施、设备上设置明显的安全警示标志，或者未在作业场所设置通信、报警装置",
        "警示标志 通信报警装置",
    ),
    (
        "危险化学品专用仓库未设专人负责管理，或者对储存的剧毒化学品以及储存数量构成重大危险源的其他危险化学品未实行双人收发、双人保管制度",
        "专用仓库 专人管理 双人收发 双人保管 剧毒化学品",
    ),
    ("储存危险化学品的单位未建立危险化学品出入库核查、登记制度", "出入库 核查 登记"),
    ("危险化学品专用仓库未设置明显标志", "专用仓库 标志"),
    (
        "危险化学品生产企业、进口企业不办理危险化学品登记，或者发现其生产、进口的危险化学品有新的危险特性不办理危险化学品登记内容变更手续",
        "危险化学品登记 变更",
    ),
]

WH80_ITEMS = [
    ("对重复使用的危险化学品包装物、容器，在重复使用前不进行检查", "包装物 容器 重复使用 检查"),
    (
        "未根据其生产、储存的危险化学品的种类和危险特性，在作业场所设置相关安全设施、设备，或者未按照国家标准、行业标准或者国家有关规定对安全设施、设备进行经常性维护、保养",
        "安全设施 维护保养",
    ),
    ("未依照本条例规定对其安全生产条件定期进行安全评价", "安全评价 定期"),
    (
        "未将危险化学品储存在专用仓库内，或者未将剧毒化学品以及储存数量构成重大危险源的其他危险化学品在专用仓库内单独存放",
        "专用仓库 单独存放 剧毒化学品",
    ),
    ("危险化学品的储存方式、方法或者储存数量不符合国家标准或者国家有关规定", "储存方式 储存数量"),
    ("危险化学品专用仓库不符合国家标准、行业标准的要求", "专用仓库 国家标准"),
    ("未对危险化学品专用仓库的安全设施、设备定期进行检测、检验", "专用仓库 安全设施 检测检验"),
]

WH_ITEM_NOTE = "各项表述由开发者据条例原文整理，spec 仅列概要（项目表述❓，幅度✅）；违法条款待核对（❓）"


def _weihua() -> list[dict[str, Any]]:
    rows = [
        v(
            "WH-077-P2",
            "化工企业未取得危险化学品安全使用许可证，使用危险化学品从事生产",
            article=77,
            paragraph=2,
            violated="《危险化学品安全管理条例》第二十九条",
            ranges=[r(U, F, 100000, 200000, "处10万元以上20万元以下的罚款")],
            measures=[m(F, CORRECT, "责令限期改正"), m(OD, HALT, "逾期不改正的，责令停产整顿")],
            keywords="危险化学品安全使用许可证 化工企业 危化品",
            spec_row="#27",
            note="违法条款条号由开发者补充（❓）",
        ),
        v(
            "WH-077-P3",
            "未取得危险化学品经营许可证从事危险化学品经营",
            article=77,
            paragraph=3,
            violated="《危险化学品安全管理条例》第三十三条",
            ranges=[r(U, F, 100000, 200000, "并处10万元以上20万元以下的罚款")],
            measures=[m(F, CONFISCATE, "责令停止经营活动，没收违法经营的危险化学品以及违法所得")],
            keywords="危险化学品经营许可证 无证经营 危化品",
            spec_row="#28",
            note="违法条款条号由开发者补充（❓）",
        ),
    ]

    def wh78() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return (
            [
                r(U, F, None, 50000, "可以处5万元以下的罚款"),
                r(U, OD, 50000, 100000, "拒不改正的，处5万元以上10万元以下的罚款"),
            ],
            [
                m(F, CORRECT, "责令改正"),
                m(OD, HALT, "情节严重的，责令停产停业整顿", [cond("serious", "eq", True)]),
            ],
        )

    def wh80() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return (
            [r(U, F, 50000, 100000, "处5万元以上10万元以下的罚款")],
            [
                m(F, CORRECT, "责令改正"),
                m(OD, HALT, "拒不改正的，责令停产停业整顿"),
                m(
                    OD,
                    REVOKE,
                    "情节严重的，由原发证机关吊销其相关许可证件，并由市场监管部门责令办理经营范围变更登记或者吊销营业执照",
                    [cond("serious", "eq", True)],
                ),
            ],
        )

    generic = "《危险化学品安全管理条例》有关规定"
    rows += _items(
        "WH", 78, [(n, generic, k) for n, k in WH78_ITEMS], wh78, spec_row="#29", mark="✅", note=WH_ITEM_NOTE
    )
    rows += _items(
        "WH",
        80,
        [(n, generic, k) for n, k in WH80_ITEMS],
        wh80,
        spec_row="#30",
        paragraph=1,
        mark="✅",
        note=WH_ITEM_NOTE + "；“直至吊销”按情节严重事实列出",
    )
    return rows


def _others() -> list[dict[str, Any]]:
    rows = [
        v(
            "XK-019",
            "未取得安全生产许可证擅自进行生产",
            article=19,
            violated="《安全生产许可证条例》第二条",
            ranges=[r(U, F, 100000, 500000, "并处10万元以上50万元以下的罚款")],
            measures=[m(F, CONFISCATE, "责令停止生产，没收违法所得")],
            keywords="安全生产许可证 无证生产 矿山 危化品 烟花爆竹",
            spec_row="#31",
            note="违法条款条号由开发者补充（❓）",
        ),
        v(
            "XK-020",
            "安全生产许可证有效期满未办理延期手续，继续进行生产",
            article=20,
            violated="《安全生产许可证条例》第九条",
            ranges=[
                r(U, F, 50000, 100000, "并处5万元以上10万元以下的罚款"),
                r(
                    U,
                    OD,
                    100000,
                    500000,
                    "逾期仍不办理延期手续，继续进行生产的，依照本条例第十九条的规定处罚（10万元以上50万元以下）",
                ),
            ],
            measures=[
                m(F, CONFISCATE, "责令停止生产，限期补办延期手续，没收违法所得"),
                m(OD, CONFISCATE, "责令停止生产，没收违法所得"),
            ],
            keywords="安全生产许可证 过期 延期",
            spec_row="#32",
            note="违法条款条号由开发者补充（❓）",
        ),
        v(
            "XK-021-P1",
            "转让安全生产许可证",
            article=21,
            paragraph=1,
            violated="《安全生产许可证条例》第十三条",
            ranges=[r(U, F, 100000, 500000, "处10万元以上50万元以下的罚款")],
            measures=[m(F, CONFISCATE, "没收违法所得"), m(F, REVOKE, "吊销其安全生产许可证")],
            keywords="安全生产许可证 转让",
            spec_row="#33",
            note="spec 一行含转让、冒用、伪造；按条文分款拆分（第一款转让；第二款冒用、使用伪造的依照第十九条处罚）；违法条款条号❓",
        ),
        v(
            "XK-021-P2",
            "冒用安全生产许可证或者使用伪造的安全生产许可证",
            article=21,
            paragraph=2,
            violated="《安全生产许可证条例》第十三条",
            ranges=[r(U, F, 100000, 500000, "依照本条例第十九条的规定处罚（10万元以上50万元以下）")],
            measures=[m(F, CONFISCATE, "责令停止生产，没收违法所得")],
            keywords="安全生产许可证 冒用 伪造 借用",
            spec_row="#33",
            note="spec 一行含转让、冒用、伪造；按条文分款拆分；违法条款条号❓",
        ),
        v(
            "YJ-032",
            "生产经营单位未将生产安全事故应急救援预案报送备案、未建立应急值班制度或者配备应急值班人员",
            article=32,
            violated="《生产安全事故应急条例》有关规定",
            ranges=[
                r(U, OD, 30000, 50000, "逾期未改正的，处3万元以上5万元以下的罚款"),
                r(RP, OD, 10000, 20000, "对直接负责的主管人员和其他直接责任人员处1万元以上2万元以下的罚款"),
            ],
            measures=[m(F, CORRECT, "责令限期改正")],
            keywords="应急预案 备案 应急值班",
            spec_row="#34",
            note="违法条款待核对（❓）",
        ),
    ]
    yh_items = [
        ("未建立安全生产事故隐患排查治理等各项制度", "隐患排查治理制度"),
        ("未按规定上报事故隐患排查治理统计分析表", "隐患统计分析表 上报"),
        ("未制定事故隐患治理方案", "隐患治理方案"),
        ("重大事故隐患不报或者未及时报告", "重大事故隐患 报告"),
        ("未对事故隐患进行排查治理擅自生产经营", "隐患排查 擅自生产"),
        ("整改不合格或者未经安全监管监察部门审查同意擅自恢复生产经营", "擅自恢复生产 整改不合格"),
    ]

    def yh() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return [r(U, F, None, 30000, "给予警告，并处三万元以下的罚款")], [m(F, WARN, "警告")]

    rows += _items(
        "YH",
        26,
        [(n, "《安全生产事故隐患排查治理暂行规定》有关规定", k) for n, k in yh_items],
        yh,
        spec_row="#35",
        mark="◐",
        note="各项表述由开发者据规章原文整理，spec 仅列概要（❓）",
    )
    cf_items = [
        ("违反操作规程或者安全管理规定作业", "违章作业 操作规程"),
        ("违章指挥从业人员或者强令从业人员违章、冒险作业", "违章指挥 强令冒险作业"),
        ("发现从业人员违章作业不加制止", "违章作业 不制止"),
        ("超过核定的生产能力、强度或者定员进行生产", "超能力 超强度 超定员"),
        ("对被查封或者扣押的设施、设备、器材、危险物品和作业场所，擅自启封或者使用", "查封 扣押 擅自启封"),
        ("故意提供虚假情况或者隐瞒存在的事故隐患以及其他安全问题", "虚假情况 隐瞒隐患"),
        ("拒不执行安全监管监察部门依法下达的安全监管监察指令", "拒不执行指令"),
    ]

    def cf() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return (
            [
                r(U, F, 10000, 30000, "可以对生产经营单位处1万元以上3万元以下罚款"),
                r(MP, F, 1000, 10000, "对其主要负责人处1千元以上1万元以下的罚款"),
                r(RP, F, 1000, 10000, "对其他有关人员处1千元以上1万元以下的罚款"),
            ],
            [m(F, WARN, "给予警告")],
        )

    rows += _items(
        "CF",
        45,
        [(n, "《安全生产违法行为行政处罚办法》有关规定", k) for n, k in cf_items],
        cf,
        spec_row="#36",
        mark="◐",
        note="各项表述由开发者据规章原文整理，spec 仅写“违反操作规程/违章指挥等”（❓）；2026-02-01废止后的18号令对应条款❓",
    )
    return rows


def violations() -> list[dict[str, Any]]:
    rows = _anqfa() + _weihua() + _others()
    # published tier split of 应急〔2024〕90号 item (26) as quoted in a 2025 朝阳市龙城区 decision (spec §6.5 ◐)
    for row in rows:
        if row["code"] == "AQ-097-I7":
            row["tiers"] = [
                {
                    "code": "A",
                    "name": "阶次A",
                    "conditions": [cond("uncertified_persons", "lte", 1)],
                    "conditions_text": "特种作业人员未持证上岗1人次",
                    "source": "应急〔2024〕90号 第(26)项，引自2025年朝阳市龙城区处罚决定 ◐；更高阶次❓",
                    "verification": "◐",
                    "note": "逾期阶段人员罚款幅度在来源中缺失，按法定幅度",
                    "ranges": [
                        {"subject": U, "stage": F, "min": None, "max": 30000},
                        {"subject": U, "stage": OD, "min": 100000, "max": 130000},
                    ],
                }
            ]
    return rows


NATIONAL_VERSION = {
    "code": "YJ-2024-90",
    "name": "应急管理行政处罚裁量权基准",
    "issuing_authority": "应急管理部",
    "document_number": "应急〔2024〕90号",
    "jurisdiction": "national",
    "region": "全国",
    "effective_from": dt.date(2024, 11, 1),
    "effective_to": None,
    "status": "published",
    "verification": "◐",
    "note": (
        "spec §6.1：2024-11-01施行，覆盖除消防、矿山、地震外的应急管理违法行为，仅规范罚款数额；全文❓（spec §14 第5项），"
        "此处录入 spec §6.5 全部违法行为的法定幅度及已公开的阶次；未公开阶次的违法行为按法定幅度裁量。"
    ),
}

SHANXI_VERSION = {
    "code": "SX-2021-260",
    "name": "山西省应急管理行政处罚自由裁量基准（参考）",
    "issuing_authority": "山西省应急管理厅",
    "document_number": "晋应急发〔2021〕260号",
    "jurisdiction": "province",
    "region": "山西省",
    "effective_from": dt.date(2021, 1, 1),
    "effective_to": None,
    "status": "reference",
    "verification": "◐",
    "note": "外省基准，阶次数值按 spec §6.5 公布示例录入（◐）；施行日期❓（录为2021-01-01）；仅供比较，不参与计算。",
}


def shanxi_violations() -> list[dict[str, Any]]:
    """The three Shanxi tier splits quoted in spec §6.5 (◐), on copies of the statutory rows."""
    by_code = {row["code"]: row for row in violations()}
    src = "晋应急发〔2021〕260号（山西）◐"
    note = "“以下”不含本数（spec §2.3，15号令第67条口径 ◐）；来源对上下限的定义❓"
    out = []
    row = dict(by_code["AQ-108"])
    row["tiers"] = [
        {
            "code": "A",
            "name": "从业人员100人以下",
            "conditions": [cond("staff_count", "lte", 99)],
            "conditions_text": "从业人员不足100人",
            "source": src,
            "note": note,
            "ranges": [
                {"subject": U, "stage": OD, "min": 20000, "max": 100000, "upper_inclusive": False},
                {"subject": RP, "stage": OD, "min": 10000, "max": 20000},
            ],
        },
        {
            "code": "B",
            "name": "从业人员100人以上",
            "conditions": [cond("staff_count", "gte", 100)],
            "conditions_text": "从业人员100人以上",
            "source": src,
            "ranges": [
                {"subject": U, "stage": OD, "min": 100000, "max": 200000},
                {"subject": RP, "stage": OD, "min": 10000, "max": 20000},
            ],
        },
    ]
    out.append(row)
    row = dict(by_code["AQ-099-I6"])
    row["tiers"] = [
        {
            "code": "A",
            "name": "涉及3台套以下",
            "conditions": [cond("equipment_count", "lte", 2)],
            "conditions_text": "涉及设备、容器不足3台套",
            "source": src,
            "note": note,
            "ranges": [
                {"subject": U, "stage": F, "min": 20000, "max": 40000, "upper_inclusive": False},
                {"subject": U, "stage": OD, "min": 100000, "max": 150000, "upper_inclusive": False},
                {"subject": RP, "stage": OD, "min": 15000, "max": 15000},
            ],
        },
        {
            "code": "B",
            "name": "涉及3台套以上",
            "conditions": [cond("equipment_count", "gte", 3)],
            "conditions_text": "涉及设备、容器3台套以上",
            "source": src,
            "ranges": [
                {"subject": U, "stage": F, "min": 40000, "max": 50000},
                {"subject": U, "stage": OD, "min": 150000, "max": 200000},
                {"subject": RP, "stage": OD, "min": 20000, "max": 20000},
            ],
        },
    ]
    out.append(row)
    row = dict(by_code["AQ-098-I3"])
    row["tiers"] = [
        {
            "code": "E",
            "name": "投资额7000万元以上",
            "conditions": [cond("investment", "gte", 70000000)],
            "conditions_text": "建设项目投资额7000万元以上",
            "source": src + "；较低投资额阶次❓",
            "ranges": [
                {"subject": U, "stage": F, "min": 400000, "max": 500000},
                {"subject": RP, "stage": F, "min": 40000, "max": 50000},
                {"subject": U, "stage": OD, "min": 900000, "max": 1000000},
                {"subject": RP, "stage": OD, "min": 90000, "max": 100000},
            ],
        }
    ]
    out.append(row)
    return out


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
