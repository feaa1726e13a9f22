"""De-identification of published decisions (spec §1.15; 政府信息公开 practice for 行政处罚决定公示): pure
functions applied to the text that goes public, never to the stored original.

What is masked:
- names of natural persons except the surname: 张三 → 张某, 王小明 → 王某某, 欧阳娜娜 → 欧阳某某 (compound
  surnames from ``COMPOUND_SURNAMES``). Names are masked where the caller names them (the party, the
  responsible persons, the representative) and wherever a label introduces one (当事人：…, 法定代表人：…);
- 18-digit resident ID numbers (last character a digit or X): the 6-digit region code stays;
- mobile numbers (keep the first 3 and last 4 digits) and landline numbers (keep the area code);
- bank account numbers (12–19 digits, also in groups of four): the last 4 digits stay;
- addresses: kept up to the district/county (区、县、旗、县级市), the rest replaced.
Organisation names and 统一社会信用代码 with letters stay: they are public registration data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "某"
STAR = "*"

# 复姓 (compound surnames) in use today; a name starting with one keeps both characters.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "太史",
        "端木",
        "上官",
        "司马",
        "东方",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "夏侯",
        "诸葛",
        "尉迟",
        "公羊",
        "赫连",
        "澹台",
        "皇甫",
        "宗政",
        "濮阳",
        "公冶",
        "太叔",
        "申屠",
        "公孙",
        "慕容",
        "仲孙",
        "钟离",
        "长孙",
        "宇文",
        "司徒",
        "鲜于",
        "司空",
        "闾丘",
        "子车",
        "亓官",
        "司寇",
        "巫马",
        "公西",
        "颛孙",
        "壤驷",
        "公良",
        "漆雕",
        "乐正",
        "宰父",
        "谷梁",
        "拓跋",
        "夹谷",
        "轩辕",
        "令狐",
        "段干",
        "百里",
        "呼延",
        "东郭",
        "南门",
        "羊舌",
        "微生",
        "公户",
        "公玉",
        "公仪",
        "梁丘",
        "公仲",
        "公上",
        "公门",
        "公山",
        "公坚",
        "左丘",
        "公伯",
        "西门",
        "公祖",
        "第五",
        "公乘",
        "贯丘",
        "公皙",
        "南荣",
        "东里",
        "东宫",
        "仲长",
        "子书",
        "子桑",
        "即墨",
        "达奚",
        "褚师",
    ]
)

_CJK = "\u4e00-\u9fa5"
ID_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{11}[\dXx](?![0-9A-Za-z])")
BANK_GROUPED_RE = re.compile(r"(?<!\d)[1-9]\d{3}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?(?!\d)")
BANK_RE = re.compile(r"(?<![0-9A-Za-z])\d{12,19}(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[ \-]?)?(1[3-9]\d)[ \-]?\d{4}[ \-]?(\d{4})(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3})([ \-－—]?)(\d{3,4}[ \-]?\d{4})(?:(转|-)\d{1,5})?(?!\d)")
# an address: optional province/city, then the county-level unit kept, then the detail masked
COUNTY = rf"[{_CJK}]{{1,8}}?(?:自治县|区|县|旗|(?<=[{_CJK}]{{2}})市)"
ADDRESS_RE = re.compile(
    rf"((?:[{_CJK}]{{2,7}}?(?:省|自治区))?(?:[{_CJK}]{{2,7}}?市)?{COUNTY})"
    rf"([{_CJK}A-Za-z0-9\-－#（）()]{{1,40}}?(?:\d+号(?:楼|院)?(?:\d+(?:室|单元|栋|幢))*|\d+室|\d+幢|\d+栋|\d+组|村|社区))"
)
LABELLED_NAME_RE = re.compile(
    rf"((?:当事人|法定代表人|主要负责人|负责人|实际控制人|直接责任人员?|联系人|经办人|姓名|户主|委托代理人)"
    rf"(?:（[{_CJK}]{{1,6}}）)?[：:]\s*)([{_CJK}]{{2,4}}(?:·[{_CJK}]{{1,6}})?)(?![{_CJK}]*(?:公司|厂|店|中心|社|部|局))"
)


def surname_of(name: str) -> str:
    name = name.strip()
    return name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]


def mask_name(name: str) -> str:
    """张三 → 张某; 王小明 → 王某某; 欧阳娜娜 → 欧阳某某; 买买提·艾力 → 买某某某某 (the dot goes too)."""
    clean = name.strip()
    if not clean:
        return clean
    surname = surname_of(clean)
    rest = clean[len(surname) :].replace("·", "")
    return surname + MASK * max(len(rest), 1)


def mask_id_number(text: str) -> str:
    return ID_RE.sub(lambda m: m.group(1) + STAR * 12, text)


def _bank_tail(m: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", m.group(0))
    return STAR * (len(digits) - 4) + digits[-4:]


def mask_bank_accounts(text: str) -> str:
    return BANK_RE.sub(_bank_tail, BANK_GROUPED_RE.sub(_bank_tail, text))


def mask_phones(text: str) -> str:
    text = MOBILE_RE.sub(lambda m: f"{m.group(1)}{STAR * 4}{m.group(2)}", text)
    return LANDLINE_RE.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{STAR * len(re.sub(r'[^0-9]', '', m.group(3)))}", text
    )


def mask_address(address: str) -> str:
    """Keep the address up to the district/county: 南京市浦口区江浦街道珠江路88号 → 南京市浦口区****."""
    clean = address.strip()
    m = re.match(rf"(?:[{_CJK}]{{2,7}}?(?:省|自治区))?(?:[{_CJK}]{{2,7}}?市)?{COUNTY}", clean)
    if m is None:
        return STAR * 4 if clean else clean
    return m.group(0) + (STAR * 4 if len(clean) > len(m.group(0)) else "")


def mask_addresses(text: str) -> str:
    return ADDRESS_RE.sub(lambda m: m.group(1) + STAR * 4, text)


def mask_text(text: str, *, names: Iterable[str] = (), addresses: Iterable[str] = ()) -> str:
    """The published form of ``text``: the known names and addresses first (longest first, so 欧阳娜娜
    goes before 欧阳娜), then labelled names, ID numbers, bank accounts, phones and other addresses."""
    out = text
    for address in sorted({a.strip() for a in addresses if a and a.strip()}, key=len, reverse=True):
        out = out.replace(address, mask_address(address))
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(name, mask_name(name))
    out = LABELLED_NAME_RE.sub(lambda m: m.group(1) + mask_name(m.group(2)), out)
    out = mask_id_number(out)
    out = mask_bank_accounts(out)
    out = mask_phones(out)
    return mask_addresses(out)
