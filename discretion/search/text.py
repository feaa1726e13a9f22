"""Segmentation and normalisation of fact texts and catalogue texts. Pure apart from the dictionary load."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import rjieba
import zhconv

DICTIONARY = Path(__file__).resolve().parent / "data" / "legal_dict.txt"

# Function words that carry no fact; negations (未, 没有, 无) stay: they distinguish 未持证 from 持证.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "被",
        "把",
        "在",
        "是",
        "有",
        "和",
        "与",
        "及",
        "等",
        "将",
        "对",
        "其",
        "也",
        "都",
        "就",
        "又",
        "过",
        "着",
        "个",
        "些",
        "该",
        "此",
        "之",
        "所",
        "以",
        "为",
        "于",
        "中",
        "上",
        "下",
        "内",
        "时",
        "或",
        "或者",
        "以及",
        "并",
        "并且",
        "且",
        "我",
        "我们",
        "你",
        "他",
        "她",
        "它",
        "这",
        "那",
        "这个",
        "那个",
        "一个",
        "现场",
        "发现",
        "检查",
        "经查",
        "存在",
        "情况",
        "问题",
        "进行",
        "有关",
        "相关",
        "按照",
        "规定",
        "依照",
        "本法",
        "本条例",
        "单位",
        "生产经营单位",
        "公司",
        "企业",
        "一直",
    ]
)
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    return zhconv.convert(text, "zh-cn").lower()


@lru_cache(maxsize=1)
def _segmenter() -> rjieba.Jieba:
    seg = rjieba.Jieba()
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            seg.add_word(parts[0], int(parts[1]) if len(parts) > 1 else 2000, None)
    return seg


def add_words(words: Iterable[str]) -> None:
    """Teach the segmenter extra words (synonym phrases) so they come out as one token."""
    seg = _segmenter()
    for word in words:
        word = normalise(word).strip()
        if len(word) >= 2 and _CJK.search(word) and not seg.has_word(word):
            seg.add_word(word, 2000, None)


def tokens(text: str) -> list[str]:
    """Search tokens of a text: words and their sub-words (search mode), no punctuation or stopwords."""
    out: list[str] = []
    for chunk in _PUNCT.split(normalise(text)):
        if not chunk:
            continue
        for tok in _segmenter().cut_for_search(chunk, True):
            tok = tok.strip()
            if tok and tok not in STOPWORDS and not _PUNCT.fullmatch(tok):
                out.append(tok)
    return out


def bigrams(text: str) -> list[str]:
    """Character bigrams of the CJK runs (the typo / unknown-word fallback)."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff]+", normalise(text)):
        out += [run[i : i + 2] for i in range(len(run) - 1)]
    return out


_ID_NUMBER = re.compile(r"(?<![0-9a-z])\d{17}[\dxX](?![0-9a-z])|(?<!\d)\d{15}(?!\d)")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
_NAMED = re.compile(
    r"((?:姓名|当事人|负责人|法定代表人|联系人|员工|工人|职工|焊工|电工)[:：]?\s*)([\u4e00-\u9fff]{2,3})"
)


def deidentify(text: str) -> str:
    """Mask personal data in a case's fact text before it is indexed: ID numbers, phone numbers and
    person names (names the segmenter tags as 人名 and names after 姓名/负责人/员工 …)."""
    text = _ID_NUMBER.sub("＊身份证号＊", text)
    text = _PHONE.sub("＊电话＊", text)
    text = _NAMED.sub(lambda m: m.group(1) + "某某", text)
    parts = []
    for word, tag in _segmenter().tag(text, True):
        parts.append("某某" if tag == "nr" and len(word) >= 2 else word)
    return "".join(parts)
