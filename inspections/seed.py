"""Shared reference data of the inspections app, loaded by migration 0002 and re-runnable (idempotent):
the 工贸 重大事故隐患判定标准 items and three per-sector checklist templates.

工贸企业重大事故隐患判定标准 (应急管理部令第10号, effective 2023-05-15; spec §3.5 ◐): the 3 management items
(第三条) and the special items for 粉尘爆炸 (第十一条), 液氨制冷 (第十二条) and 有限空间 (第十三条) are
included; the 47 sector items (第四条–第十条) are left for an admin import. Texts follow the published
order; check them against the gazette before relying on the wording in a document.
Violation codes are the discretion catalogue's (plain codes, never an import of discretion).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

STANDARD = "工贸企业重大事故隐患判定标准（应急管理部令第10号）"
EFFECTIVE = dt.date(2023, 5, 15)
AQ = "《中华人民共和国安全生产法》"
DUST = "《工贸企业粉尘防爆安全规定》（应急管理部令第6号）"
SPACE = "《工贸企业有限空间作业安全规定》（应急管理部令第13号）"
HAZCHEM = "《危险化学品安全管理条例》"

STANDARD_ITEMS: list[tuple[str, str, str, str]] = [
    # (code, group, sector, text)
    (
        "3-1",
        "management",
        "通用",
        "未对承包单位、承租单位的安全生产工作统一协调、管理，或者未定期进行安全检查的",
    ),
    ("3-2", "management", "通用", "特种作业人员未按照规定经专门的安全作业培训并取得相应资格，上岗作业的"),
    ("3-3", "management", "金属冶炼", "金属冶炼企业主要负责人、安全生产管理人员未按照规定经考核合格的"),
    (
        "11-1",
        "special",
        "粉尘爆炸",
        "粉尘爆炸危险场所设置在非框架结构的多层建（构）筑物内，或者粉尘爆炸危险场所内设有员工宿舍、会议室、办公室、休息室等人员聚集场所的",
    ),
    (
        "11-2",
        "special",
        "粉尘爆炸",
        "不同类别的可燃性粉尘、可燃性粉尘与可燃气体等易加剧爆炸危险的介质共用一套除尘系统，或者不同建（构）筑物、不同防火分区共用一套除尘系统、除尘系统互联互通的",
    ),
    ("11-3", "special", "粉尘爆炸", "干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施的"),
    (
        "11-4",
        "special",
        "粉尘爆炸",
        "铝镁等金属粉尘除尘系统采用正压吹送粉尘，且未采取火花探测消除等防范点燃源措施的",
    ),
    ("11-5", "special", "粉尘爆炸", "除尘系统采用重力沉降室除尘，或者采用干式巷道式构筑物作为除尘风道的"),
    ("11-6", "special", "粉尘爆炸", "铝镁等金属粉尘、木质粉尘的干式除尘系统未设置锁气卸灰装置的"),
    ("11-7", "special", "粉尘爆炸", "除尘器、收尘仓等划分为20区的粉尘爆炸危险场所电气设备不符合防爆要求的"),
    (
        "11-8",
        "special",
        "粉尘爆炸",
        "粉碎、研磨、造粒等易产生机械点燃源的工艺设备前，未设置铁、石等杂物去除装置，或者木制品加工企业与砂光机连接的风管未设置火花探测消除装置的",
    ),
    (
        "11-9",
        "special",
        "粉尘爆炸",
        "遇湿自燃金属粉尘收集、堆放、储存场所未采取通风等防止氢气积聚措施，或者干式收集、堆放、储存场所未采取防水、防潮措施的",
    ),
    ("11-10", "special", "粉尘爆炸", "未落实粉尘清理制度，造成作业现场积尘严重的"),
    ("12-1", "special", "液氨制冷", "包装、分割、产品整理场所的空调系统采用氨直接蒸发制冷的"),
    (
        "12-2",
        "special",
        "液氨制冷",
        "快速冻结装置未设置在单独的作业间内，或者快速冻结装置作业间内作业人员数量超过9人的",
    ),
    (
        "13-1",
        "special",
        "有限空间",
        "未对有限空间进行辨识、建立安全管理台账，并且未设置明显的安全警示标志的",
    ),
    (
        "13-2",
        "special",
        "有限空间",
        "未落实有限空间作业审批，或者未执行“先通风、再检测、后作业”要求，或者作业现场未设置监护人员的",
    ),
]

# (code, name, sector, field, lines: [(text, legal basis, violation code, standard item code)])
TEMPLATES: list[tuple[str, str, str, str, list[tuple[str, str, str, str]]]] = [
    (
        "GM-DUST",
        "工贸企业粉尘涉爆检查表",
        "machinery",
        "粉尘涉爆",
        [
            ("粉尘爆炸危险场所未设置在多层非框架建筑内，场所内无人员聚集场所", f"{DUST}第十三条", "", "11-1"),
            ("除尘系统按粉尘类别、防火分区分别设置，未互联互通", f"{DUST}第十四条", "", "11-2"),
            ("干式除尘系统采取泄爆、惰化或抑爆措施", f"{DUST}第十四条", "AQ-099-I2", "11-3"),
            ("除尘系统未采用重力沉降室或干式巷道式风道", f"{DUST}第十四条", "", "11-5"),
            ("金属粉尘、木质粉尘干式除尘系统设置锁气卸灰装置", f"{DUST}第十四条", "", "11-6"),
            ("20区电气设备符合防爆要求", f"{DUST}第十五条", "AQ-099-I2", "11-7"),
            ("建立并落实粉尘清理制度，作业现场无严重积尘", f"{DUST}第十八条", "", "11-10"),
            ("除尘器等安全设备经常性维护、保养和定期检测", f"{AQ}第三十六条第一款", "AQ-099-I3", ""),
            ("在粉尘爆炸危险场所设置明显的安全警示标志", f"{AQ}第三十五条", "AQ-099-I1", ""),
        ],
    ),
    (
        "GM-SPACE",
        "工贸企业有限空间作业检查表",
        "light_industry",
        "有限空间",
        [
            ("辨识有限空间并建立安全管理台账", f"{SPACE}第七条", "", "13-1"),
            ("有限空间设置明显的安全警示标志", f"{AQ}第三十五条", "AQ-099-I1", "13-1"),
            ("有限空间作业实行审批", f"{SPACE}第十条", "", "13-2"),
            ("执行“先通风、再检测、后作业”", f"{SPACE}第十四条", "", "13-2"),
            ("作业现场设置监护人员", f"{SPACE}第十六条", "AQ-101-I3", "13-2"),
            ("为作业人员配备符合标准的劳动防护用品", f"{AQ}第四十五条", "AQ-099-I5", ""),
            ("制定有限空间作业应急预案并定期演练", f"{AQ}第八十一条", "AQ-097-I6", ""),
        ],
    ),
    (
        "WH-CHEM",
        "危险化学品企业检查表",
        "hazchem",
        "危险化学品",
        [
            ("建立危险物品专门安全管理制度并采取可靠安全措施", f"{AQ}第三十九条", "AQ-101-I1", ""),
            ("重大危险源登记建档、定期检测评估监控并制定应急预案", f"{AQ}第四十条", "AQ-101-I2", ""),
            ("动火、临时用电等危险作业安排专门人员现场安全管理", f"{AQ}第四十三条", "AQ-101-I3", ""),
            ("特种作业人员持证上岗", f"{AQ}第三十条第一款", "AQ-097-I7", "3-2"),
            ("危险化学品储存在专用仓库并由专人负责管理", f"{HAZCHEM}第二十四条", "", ""),
            (
                "监控、报警、防护设备正常运行，未关闭、破坏或篡改数据",
                f"{AQ}第三十六条第二款",
                "AQ-099-I4",
                "",
            ),
        ],
    ),
]


def load(apps: Any = None) -> None:
    """Create or update the standard items and templates (``apps`` = a migration's app registry)."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    Item = apps.get_model("inspections", "HazardStandardItem")
    Template = apps.get_model("inspections", "ChecklistTemplate")
    Line = apps.get_model("inspections", "ChecklistLine")
    items = {}
    for code, group, sector, text in STANDARD_ITEMS:
        items[code], _ = Item.objects.update_or_create(
            standard=STANDARD,
            code=code,
            defaults={"group": group, "sector": sector, "text": text, "effective_from": EFFECTIVE},
        )
    for code, name, sector, field, lines in TEMPLATES:
        template, _ = Template.objects.update_or_create(
            code=code, defaults={"name": name, "sector": sector, "field": field}
        )
        for order, (text, basis, violation, item_code) in enumerate(lines, start=1):
            Line.objects.update_or_create(
                template=template,
                order=order,
                defaults={
                    "text": text,
                    "legal_basis": basis,
                    "violation_code": violation,
                    "standard_item": items.get(item_code),
                },
            )


def restore_after_flush(sender: Any = None, **kwargs: Any) -> None:
    """post_migrate: put the reference data back when its tables are empty (a flush, as transactional tests
    end with, empties them after the data migrations ran). Never rewrites data already there, so an
    administrator's edits survive every ``migrate``."""
    from . import seed_caps
    from .models import ChecklistTemplate, FrequencyCap

    if not ChecklistTemplate.objects.exists():
        load()
    if not FrequencyCap.objects.exists():
        seed_caps.load()
