"""The default 评查标准 and the yearly minimums, owned by the project (never read from outside at run time).

◐ Labelled default (ERRATA "Supervision rubric"): the 基本标准 veto list, the 卷面 20 / 内容 80 split and the
bands ≥ 90 优秀, 60–89 合格, < 60 or any veto → 不合格 come from other sectors' published 评查标准 (spec §8,
e.g. 测绘地理信息, 河南/文化市场), not from DB 32/T 4181—2021, whose own weights were not retrievable (❓).
An administrator copies it to a new version to change weights; the published version never changes.
"""

from __future__ import annotations

from typing import Any

CODE = "AJPC-CF"
NAME = "行政处罚（普通程序）案卷评查标准（默认）"
BASIS = (
    "◐ 默认标准：结构参照 DB 32/T 4181—2021《行政执法案卷制作与评查规范》附录B；卷面20分、内容80分的分值划分、"
    "否决项和等次（≥90分优秀、60～89分合格、<60分或触及否决项不合格）取自其他行业已公布的评查标准，"
    "并非 DB 32/T 4181 自身的分值，启用前请按本省标准核对。"
)

# (section code, name, is_veto, [(item code, text, points, auto_check)])
SECTIONS: list[tuple[str, str, bool, list[tuple[str, str, int, str]]]] = [
    (
        "V",
        "基本标准（否决项）",
        True,
        [
            ("V1", "执法主体不合法", 0, ""),
            ("V2", "执法人员不具备执法资格", 0, ""),
            ("V3", "应当移送而未移送", 0, ""),
            ("V4", "主要证据不足", 0, ""),
            ("V5", "认定事实不清", 0, ""),
            ("V6", "定性错误", 0, ""),
            ("V7", "适用法律错误", 0, ""),
            ("V8", "违反法定程序", 0, ""),
            ("V9", "执法人员少于两人", 0, "two_officers"),
        ],
    ),
    (
        "F",
        "卷面（20分）",
        False,
        [
            ("F1", "使用统一的执法文书格式", 3, ""),
            ("F2", "文书填写完整、规范、准确", 4, ""),
            ("F3", "一案一卷", 2, ""),
            ("F4", "卷皮规范", 2, ""),
            ("F5", "卷内目录齐全，页码准确", 3, ""),
            ("F6", "按立案、调查取证、审查、决定、送达、执行的顺序排列", 3, ""),
            ("F7", "逐页编号（阿拉伯数字，右下角；卷皮、目录、备考表不编号）", 3, ""),
        ],
    ),
    (
        "C",
        "内容（80分）",
        False,
        [
            ("C1", "立案及时，理由充分", 8, ""),
            ("C2", "调查取证方法合法，证据充分", 8, ""),
            ("C3", "先行登记保存、强制措施合法并及时处理", 6, ""),
            ("C4", "调查终结报告完整", 6, ""),
            ("C5", "告知和听证程序正确", 8, ""),
            ("C6", "对陈述申辩进行复核", 6, ""),
            ("C7", "依法进行法制审核、集体讨论", 8, "legal_review"),
            ("C8", "裁量理由充分", 8, ""),
            ("C9", "在办案期限内作出决定", 4, "decision_deadline"),
            ("C10", "决定书内容完整", 6, ""),
            ("C11", "送达程序完整（送达回证）", 6, "service"),
            ("C12", "公示、执行和结案手续完备", 6, "publication"),
        ],
    ),
]

# seed 004 (江西 2020) ◐ as local rules: the province ≥ 40 files a year, each city ≥ 30
ANNUAL_QUOTAS = [
    ("province", 40, "◐ 省级每年评查不少于40卷（地方规定，可修改）"),
    ("city", 30, "◐ 设区的市每年评查不少于30卷（地方规定，可修改）"),
]


def load(apps: Any = None) -> None:
    """Create the default rubric (published, version 1) and the yearly minimums when absent."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    Rubric = apps.get_model("supervision", "Rubric")
    Section = apps.get_model("supervision", "RubricSection")
    Item = apps.get_model("supervision", "RubricItem")
    Quota = apps.get_model("supervision", "AnnualQuota")
    for level, files, basis in ANNUAL_QUOTAS:
        Quota.objects.get_or_create(level=level, defaults={"files_per_year": files, "basis": basis})
    if Rubric.objects.filter(code=CODE).exists():
        return
    from django.utils import timezone

    rubric = Rubric.objects.create(
        code=CODE,
        version=1,
        name=NAME,
        basis_note=BASIS,
        status="published",
        published_at=timezone.now(),
        excellent_min=90,
        pass_min=60,
    )
    for s_order, (code, name, veto, items) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(rubric=rubric, code=code, name=name, order=s_order, is_veto=veto)
        for i_order, (icode, text, points, auto) in enumerate(items, start=1):
            Item.objects.create(
                section=section,
                code=icode,
                text=text,
                points=points,
                is_veto=veto,
                auto_check=auto,
                order=i_order,
            )


def restore_after_flush(sender: Any = None, **kwargs: Any) -> None:
    """post_migrate: put the default rubric back when a flush emptied the tables (transactional tests)."""
    from .models import Rubric

    if not Rubric.objects.exists():
        load()
