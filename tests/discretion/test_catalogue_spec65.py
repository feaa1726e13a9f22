"""Every row of the domain spec §6.5 (violation → penalty catalogue), typed here from the spec text and
NOT read from the seed module: the provision(s) each row becomes (one violation per law, article,
paragraph, item — CONTRACT.md), the statutory ranges per subject and stage exactly as written (min, max,
share of prior-year income, multiple of illegal gains, the facts that select between alternatives),
the other measures per stage, and the verification mark kept with the row (spec §0).

Money in yuan; None = the law sets no bound ("≤X" has no minimum). Subjects: U unit, RP 直接负责的主管
人员和其他直接责任人员, MP 主要负责人, IND individual (个人经营的投资人 / the person fined personally).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, NamedTuple

import pytest

from discretion.models import Violation

pytestmark = pytest.mark.django_db

U, RP, MP, IND = "unit", "responsible_person", "main_person", "individual"
F, OD = "first", "overdue"
AQ, WH, XK, YJ = "安全生产法", "危险化学品安全管理条例", "安全生产许可证条例", "生产安全事故应急条例"
YH, CF = "安全生产事故隐患排查治理暂行规定", "安全生产违法行为行政处罚办法"
CORR, HALT, CONF, REVOKE, WARN, OTHER = (
    "order_correction",
    "production_halt",
    "confiscation",
    "revocation",
    "warning",
    "other",
)


class R(NamedTuple):
    subject: str
    stage: str
    min: int | None
    max: int | None
    share: tuple[str, str] | None = None
    gains: tuple[str, str] | None = None
    when: tuple[tuple[str, str, Any], ...] = ()


class M(NamedTuple):
    stage: str
    kind: str
    when: tuple[str, ...] = ()  # facts the measure depends on


class Row(NamedTuple):
    spec_row: int
    law: str
    article: int
    paragraph: int | None
    items: tuple[int | None, ...]
    ranges: tuple[R, ...]
    measures: tuple[M, ...]
    mark: str = "✅"


GAINS_BIG = (("illegal_gains", "gte", 100000),)
GAINS_SMALL = (("illegal_gains", "lt", 100000),)
ART97 = (R(U, F, None, 100000), R(U, OD, 100000, 200000), R(RP, OD, 20000, 50000))
ART97_M = (M(F, CORR), M(OD, HALT))
ART105 = (R(U, F, None, 50000), R(RP, F, None, 10000))
ART105_M = (M(F, CORR), M(OD, HALT))
SERIOUS = ("serious",)

SPEC_65 = [
    # 1 Art 93 ¶1: order correction & funding; 逾期 unit 停产停业整顿
    Row(1, AQ, 93, 1, (None,), (), (M(F, CORR), M(OD, HALT))),
    # 1 Art 93 ¶2: accident → main person 撤职, sole-proprietor investor 20,000–200,000
    Row(1, AQ, 93, 2, (None,), (R(IND, F, 20000, 200000),), (M(F, OTHER),)),
    # 2 Art 94 ¶1: main person 20,000–50,000; 逾期 50,000–100,000 + unit 停产停业整顿;
    # ¶2–3: accident → 撤职/criminal → banned 5 yrs (life for major accidents)
    Row(
        2,
        AQ,
        94,
        1,
        (None,),
        (R(MP, F, 20000, 50000), R(MP, OD, 50000, 100000)),
        (M(F, CORR), M(OD, HALT), M(F, OTHER, ("accident",)), M(OD, OTHER, ("accident",))),
    ),
    # 3 Art 95: 一般 40 %, 较大 60 %, 重大 80 %, 特别重大 100 % of prior-year income; Art 94 ¶3 ban
    Row(3, AQ, 95, None, (1,), (R(MP, F, None, None, ("0.4", "0.4")),), (M(F, OTHER),)),
    Row(3, AQ, 95, None, (2,), (R(MP, F, None, None, ("0.6", "0.6")),), (M(F, OTHER),)),
    Row(3, AQ, 95, None, (3,), (R(MP, F, None, None, ("0.8", "0.8")),), (M(F, OTHER),)),
    Row(3, AQ, 95, None, (4,), (R(MP, F, None, None, ("1", "1")),), (M(F, OTHER),)),
    # 4 Art 96: 10,000–30,000; accident: suspend/revoke qualifications + 20–50 % of prior-year income
    Row(
        4,
        AQ,
        96,
        None,
        (None,),
        (
            R(IND, F, 10000, 30000, when=(("accident", "eq", False),)),
            R(IND, F, None, None, ("0.2", "0.5"), when=(("accident", "eq", True),)),
        ),
        (M(F, CORR), M(F, REVOKE, ("accident",))),
    ),
    # 5–11 Art 97(1)–(7): unit ≤100,000; 逾期 停产停业整顿 + 100,000–200,000; persons 20,000–50,000
    Row(5, AQ, 97, None, (1,), ART97, ART97_M),
    Row(6, AQ, 97, None, (2,), ART97, ART97_M),
    Row(7, AQ, 97, None, (3,), ART97, ART97_M),
    Row(8, AQ, 97, None, (4,), ART97, ART97_M),
    Row(9, AQ, 97, None, (5,), ART97, ART97_M),
    Row(10, AQ, 97, None, (6,), ART97, ART97_M),
    Row(11, AQ, 97, None, (7,), ART97, ART97_M),
    # 12 Art 98(1)–(4): 停止建设/停产停业整顿 + 100,000–500,000, persons 20,000–50,000;
    #    逾期 500,000–1,000,000, persons 50,000–100,000
    Row(
        12,
        AQ,
        98,
        None,
        (1, 2, 3, 4),
        (
            R(U, F, 100000, 500000),
            R(RP, F, 20000, 50000),
            R(U, OD, 500000, 1000000),
            R(RP, OD, 50000, 100000),
        ),
        (M(F, HALT),),
    ),
    # 13 Art 99(1)–(8): unit ≤50,000; 逾期 50,000–200,000, persons 10,000–20,000; serious 停产停业整顿
    Row(
        13,
        AQ,
        99,
        None,
        (1, 2, 3, 4, 5, 6, 7, 8),
        (R(U, F, None, 50000), R(U, OD, 50000, 200000), R(RP, OD, 10000, 20000)),
        (M(F, CORR), M(OD, HALT, SERIOUS)),
    ),
    # 14 Art 100: per dangerous-goods laws (no range of its own)
    Row(14, AQ, 100, None, (None,), (), ()),
    # 15 Art 101(1)–(5): as Art 97
    Row(15, AQ, 101, None, (1, 2, 3, 4, 5), ART97, ART97_M),
    # 16 Art 102: unit ≤50,000; refusal 停产停业整顿, persons 50,000–100,000
    Row(
        16,
        AQ,
        102,
        None,
        (None,),
        (R(U, F, None, 50000), R(RP, OD, 50000, 100000)),
        (M(F, CORR), M(OD, HALT)),
    ),
    # 17 Art 103 ¶1: gains ≥100,000 → 2–5× gains; none/<100,000 → 100,000–200,000; persons 10,000–20,000
    Row(
        17,
        AQ,
        103,
        1,
        (None,),
        (
            R(U, F, None, None, gains=("2", "5"), when=GAINS_BIG),
            R(U, F, 100000, 200000, when=GAINS_SMALL),
            R(RP, F, 10000, 20000),
        ),
        (M(F, CORR), M(F, CONF)),
    ),
    # 18 Art 103 ¶2, 19 Art 104, 20 Art 105(1)–(2): unit ≤50,000; persons ≤10,000; 逾期 停产停业(整顿)
    Row(18, AQ, 103, 2, (None,), ART105, ART105_M),
    Row(19, AQ, 104, None, (None,), ART105, ART105_M),
    Row(20, AQ, 105, None, (1, 2), ART105, ART105_M),
    # 21 Art 106: main person / investor 20,000–100,000 (agreement void)
    Row(21, AQ, 106, None, (None,), (R(MP, F, 20000, 100000), R(IND, F, 20000, 100000)), (M(F, OTHER),)),
    # 22 Art 108: order correction; refusal 20,000–200,000, persons 10,000–20,000
    Row(22, AQ, 108, None, (None,), (R(U, OD, 20000, 200000), R(RP, OD, 10000, 20000)), (M(F, CORR),)),
    # 23 Art 109: 50,000–100,000; 逾期 100,000–200,000
    Row(23, AQ, 109, None, (None,), (R(U, F, 50000, 100000), R(U, OD, 100000, 200000)), (M(F, CORR),)),
    # 24 Art 110 (¶1 rescue/flight, ¶2 concealing/lying/delaying): 60–100 % of prior-year income
    Row(24, AQ, 110, 1, (None,), (R(MP, F, None, None, ("0.6", "1")),), (M(F, OTHER),)),
    Row(24, AQ, 110, 2, (None,), (R(MP, F, None, None, ("0.6", "1")),), (M(F, OTHER),)),
    # 25 Art 114: 一般 300,000–1,000,000; 较大 1,000,000–2,000,000; 重大 2,000,000–10,000,000;
    #    特别重大 10,000,000–20,000,000; particularly serious ×2–5
    *[
        Row(
            25,
            AQ,
            114,
            1,
            (n,),
            (R(U, F, lo, hi), R(U, F, 2 * lo, 5 * hi, when=(("particularly_serious", "eq", True),))),
            (),
        )
        for n, lo, hi in (
            (1, 300000, 1000000),
            (2, 1000000, 2000000),
            (3, 2000000, 10000000),
            (4, 10000000, 20000000),
        )
    ],
    # 26 Art 92 ¶1: 停业整顿 + 30,000–100,000; ¶2 (fraud): confiscate; gains ≥100,000 → 2–5×,
    #    else 100,000–200,000; persons 50,000–100,000; revoke & ban
    Row(26, AQ, 92, 1, (None,), (R(U, F, 30000, 100000),), (M(F, HALT),)),
    Row(
        26,
        AQ,
        92,
        2,
        (None,),
        (
            R(U, F, None, None, gains=("2", "5"), when=GAINS_BIG),
            R(U, F, 100000, 200000, when=GAINS_SMALL),
            R(RP, F, 50000, 100000),
        ),
        (M(F, CONF), M(F, REVOKE)),
    ),
    # 27 危化条例 Art 77 ¶2: 100,000–200,000 + deadline; 逾期 停产整顿
    Row(27, WH, 77, 2, (None,), (R(U, F, 100000, 200000),), (M(F, CORR), M(OD, HALT))),
    # 28 Art 77 ¶3: stop, confiscate goods & gains, 100,000–200,000
    Row(28, WH, 77, 3, (None,), (R(U, F, 100000, 200000),), (M(F, CONF),)),
    # 29 Art 78(1)–(12): may fine ≤50,000; refusal 50,000–100,000; serious 停产停业整顿
    Row(
        29,
        WH,
        78,
        None,
        tuple(range(1, 13)),
        (R(U, F, None, 50000), R(U, OD, 50000, 100000)),
        (M(F, CORR), M(OD, HALT, SERIOUS)),
    ),
    # 30 Art 80 ¶1 (7 lapses): 50,000–100,000; refusal 停产停业整顿 up to revocation
    Row(
        30,
        WH,
        80,
        1,
        tuple(range(1, 8)),
        (R(U, F, 50000, 100000),),
        (M(F, CORR), M(OD, HALT), M(OD, REVOKE, SERIOUS)),
    ),
    # 31 许可证条例 Art 19: stop, confiscate gains, 100,000–500,000
    Row(31, XK, 19, None, (None,), (R(U, F, 100000, 500000),), (M(F, CONF),)),
    # 32 Art 20: stop, renew, confiscate gains, 50,000–100,000; still not renewed → as #31
    Row(
        32,
        XK,
        20,
        None,
        (None,),
        (R(U, F, 50000, 100000), R(U, OD, 100000, 500000)),
        (M(F, CONF), M(OD, CONF)),
    ),
    # 33 Art 21: transferring (¶1: confiscate, 100,000–500,000, revoke) / forged or borrowed (¶2: as Art 19)
    Row(33, XK, 21, 1, (None,), (R(U, F, 100000, 500000),), (M(F, CONF), M(F, REVOKE))),
    Row(33, XK, 21, 2, (None,), (R(U, F, 100000, 500000),), (M(F, CONF),)),
    # 34 应急条例 Art 32: order correction; 逾期 30,000–50,000, persons 10,000–20,000
    Row(34, YJ, 32, None, (None,), (R(U, OD, 30000, 50000), R(RP, OD, 10000, 20000)), (M(F, CORR),)),
    # 35 16号令 Art 26 (six lapses) ◐: warning + ≤30,000
    Row(35, YH, 26, None, tuple(range(1, 7)), (R(U, F, None, 30000),), (M(F, WARN),), "◐"),
    # 36 15号令 Art 45 ◐: warning; may fine unit 10,000–30,000, main person / others 1,000–10,000
    Row(
        36,
        CF,
        45,
        None,
        tuple(range(1, 8)),
        (R(U, F, 10000, 30000), R(MP, F, 1000, 10000), R(RP, F, 1000, 10000)),
        (M(F, WARN),),
        "◐",
    ),
]

CASES = [
    pytest.param(row, item, id=f"#{row.spec_row}-{row.law}-{row.article}-{row.paragraph}-{item}")
    for row in SPEC_65
    for item in row.items
]


def _share(lo: Decimal | None, hi: Decimal | None) -> tuple[Decimal, Decimal] | None:
    return None if lo is None and hi is None else (Decimal(lo or 0).normalize(), Decimal(hi or 0).normalize())


def actual_ranges(v: Violation) -> set[R]:
    return {
        R(
            r.subject,
            r.stage,
            r.min_amount,
            r.max_amount,
            _share(r.income_share_min, r.income_share_max),
            _share(r.gains_multiple_min, r.gains_multiple_max),
            tuple((c["fact"], c["op"], c["value"]) for c in r.conditions),
        )
        for r in v.statutory_ranges.all()
    }


def expected_ranges(row: Row) -> set[R]:
    return {
        r._replace(
            share=tuple(Decimal(x).normalize() for x in r.share) if r.share else None,
            gains=tuple(Decimal(x).normalize() for x in r.gains) if r.gains else None,
        )
        for r in row.ranges
    }


def _row_numbers(note: str) -> set[int]:
    """Spec row numbers a basis note cites: "#12", "#5–#11" (a span)."""
    found: set[int] = set()
    for a, b in re.findall(r"#(\d+)(?:–#(\d+))?", note):
        found |= set(range(int(a), int(b or a) + 1))
    return found


@pytest.mark.parametrize(("row", "item"), CASES)
def test_spec_65_row_is_transcribed_exactly(benchmark, row: Row, item: int | None):
    """spec §6.5: ranges, measures and verification mark of one provision, as the spec writes them."""
    v = (
        Violation.objects.with_details()
        .filter(version=benchmark, law=row.law, article=row.article, paragraph=row.paragraph, item=item)
        .get()
    )
    assert actual_ranges(v) == expected_ranges(row)
    assert v.statutory_ranges.count() == len(row.ranges)
    measures = sorted((m.stage, m.kind, tuple(c["fact"] for c in m.conditions)) for m in v.measures.all())
    assert measures == sorted(row.measures)
    assert v.verification == row.mark
    assert v.basis_note.startswith("spec §6.5 #")
    assert f"（{row.mark}）" in v.basis_note
    assert row.spec_row in _row_numbers(v.basis_note)


def test_the_national_version_holds_exactly_the_spec_65_provisions(benchmark):
    """One violation per (law, article, paragraph, item); nothing beyond §6.5 (CONTRACT.md)."""
    expected = sorted(
        (row.law, row.article, row.paragraph or 0, item or 0) for row in SPEC_65 for item in row.items
    )
    actual = sorted(
        (law, article, paragraph or 0, item or 0)
        for law, article, paragraph, item in Violation.objects.filter(version=benchmark).values_list(
            "law", "article", "paragraph", "item"
        )
    )
    assert actual == expected
    assert len(actual) == 89
    assert {row.spec_row for row in SPEC_65} == set(range(1, 37))


def test_accident_grades_and_items_become_separate_violations(benchmark):
    """A statute row listing items or accident grades becomes one violation each (CONTRACT.md)."""
    per_article = {
        (law, article): n
        for law, article, n in [
            (AQ, 95, 4),
            (AQ, 97, 7),
            (AQ, 98, 4),
            (AQ, 99, 8),
            (AQ, 101, 5),
            (AQ, 105, 2),
            (AQ, 114, 4),
            (WH, 78, 12),
            (WH, 80, 7),
            (YH, 26, 6),
            (CF, 45, 7),
        ]
    }
    for (law, article), n in per_article.items():
        assert Violation.objects.filter(version=benchmark, law=law, article=article).count() == n
