"""Real statutory ranges of the seed catalogue, typed here from the statute text (安全生产法 2021),
not read from the seed module: each bound is tested on both sides, for the unit and for persons."""

from __future__ import annotations

import pytest

from discretion.models import Violation
from discretion.rules import amount_within_statutory
from discretion.services import violation_spec

pytestmark = pytest.mark.django_db


def spec(code: str):
    return violation_spec(Violation.objects.with_details().get(version__code="YJ-2024-90", code=code))


def inside(code: str, subject: str, stage: str, amount: int, facts=None) -> bool:
    return amount_within_statutory(spec(code), subject, stage, amount, facts)


def test_art94_main_person_20000_to_50000_then_50000_to_100000_when_overdue(benchmark):
    """安全生产法第九十四条第一款：处二万元以上五万元以下的罚款；逾期未改正的，处五万元以上十万元以下。"""
    assert [inside("AQ-094-P1", "main_person", "first", a) for a in (19999, 20000, 50000, 50001)] == [
        False,
        True,
        True,
        False,
    ]
    assert [inside("AQ-094-P1", "main_person", "overdue", a) for a in (49999, 50000, 100000, 100001)] == [
        False,
        True,
        True,
        False,
    ]
    assert inside("AQ-094-P1", "unit", "first", 1000) is False  # no unit fine in Art 94


@pytest.mark.parametrize(
    ("code", "share", "income", "fine"),
    [
        ("AQ-095-I1", "一般 40%", 200000, 80000),
        ("AQ-095-I2", "较大 60%", 200000, 120000),
        ("AQ-095-I3", "重大 80%", 200000, 160000),
        ("AQ-095-I4", "特别重大 100%", 200000, 200000),
    ],
)
def test_art95_main_person_share_of_prior_year_income(benchmark, code, share, income, fine):
    """安全生产法第九十五条：一般事故处上一年年收入百分之四十……特别重大事故百分之一百的罚款。"""
    facts = {"prior_year_income": income}
    assert inside(code, "main_person", "first", fine, facts) is True
    assert inside(code, "main_person", "first", fine - 1, facts) is False
    assert inside(code, "main_person", "first", fine + 1, facts) is False


@pytest.mark.parametrize("item", range(1, 8))
def test_art97_unit_up_to_100000_overdue_100000_to_200000_persons_20000_to_50000(benchmark, item):
    """安全生产法第九十七条（一）至（七）：处十万元以下；逾期未改正的，处十万元以上二十万元以下，
    对直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款。"""
    code = f"AQ-097-I{item}"
    assert [inside(code, "unit", "first", a) for a in (1, 100000, 100001)] == [True, True, False]
    assert [inside(code, "unit", "overdue", a) for a in (99999, 100000, 200000, 200001)] == [
        False,
        True,
        True,
        False,
    ]
    assert [inside(code, "responsible_person", "overdue", a) for a in (19999, 20000, 50000, 50001)] == [
        False,
        True,
        True,
        False,
    ]
    assert inside(code, "responsible_person", "first", 20000) is False  # persons only after 逾期


@pytest.mark.parametrize("item", range(1, 9))
def test_art99_unit_up_to_50000_overdue_50000_to_200000_persons_10000_to_20000(benchmark, item):
    """安全生产法第九十九条（一）至（八）：处五万元以下；逾期未改正的，处五万元以上二十万元以下，
    对直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款。"""
    code = f"AQ-099-I{item}"
    assert [inside(code, "unit", "first", a) for a in (1, 50000, 50001)] == [True, True, False]
    assert [inside(code, "unit", "overdue", a) for a in (49999, 50000, 200000, 200001)] == [
        False,
        True,
        True,
        False,
    ]
    assert [inside(code, "responsible_person", "overdue", a) for a in (9999, 10000, 20000, 20001)] == [
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("item", range(1, 6))
def test_art101_unit_up_to_100000_overdue_100000_to_200000_persons_20000_to_50000(benchmark, item):
    """安全生产法第一百零一条（一）至（五）：处十万元以下；逾期未改正的，并处十万元以上二十万元以下，
    人员二万元以上五万元以下的罚款。"""
    code = f"AQ-101-I{item}"
    assert [inside(code, "unit", "first", a) for a in (1, 100000, 100001)] == [True, True, False]
    assert [inside(code, "unit", "overdue", a) for a in (99999, 100000, 200000, 200001)] == [
        False,
        True,
        True,
        False,
    ]
    assert [inside(code, "responsible_person", "overdue", a) for a in (19999, 20000, 50000, 50001)] == [
        False,
        True,
        True,
        False,
    ]


def test_art102_unit_up_to_50000_refusal_persons_50000_to_100000(benchmark):
    """安全生产法第一百零二条：处五万元以下的罚款；拒不执行的，对其直接负责的主管人员和其他直接责任人员
    处五万元以上十万元以下的罚款。"""
    assert [inside("AQ-102", "unit", "first", a) for a in (0, 1, 50000, 50001)] == [False, True, True, False]
    assert [inside("AQ-102", "responsible_person", "overdue", a) for a in (49999, 50000, 100000, 100001)] == [
        False,
        True,
        True,
        False,
    ]
    assert inside("AQ-102", "unit", "overdue", 10000) is False  # refusal: 停产停业整顿, no further unit fine


@pytest.mark.parametrize("item", [1, 2])
def test_art105_unit_up_to_50000_persons_up_to_10000(benchmark, item):
    """安全生产法第一百零五条（一）（二）：处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员
    处一万元以下的罚款；逾期未改正的，责令停产停业整顿。"""
    code = f"AQ-105-I{item}"
    assert [inside(code, "unit", "first", a) for a in (1, 50000, 50001)] == [True, True, False]
    assert [inside(code, "responsible_person", "first", a) for a in (1, 10000, 10001)] == [True, True, False]
    v = spec(code)
    assert [(m.stage, m.kind, m.text) for m in v.measures] == [
        ("first", "order_correction", "责令限期改正"),
        ("overdue", "production_halt", "逾期未改正的，责令停产停业整顿"),
    ]


def test_art103_gains_based_fine_switches_at_100000(benchmark):
    """安全生产法第一百零三条第一款：违法所得十万元以上的，并处违法所得二倍以上五倍以下的罚款；
    没有违法所得或者违法所得不足十万元的，单处或者并处十万元以上二十万元以下的罚款。"""
    assert inside("AQ-103-P1", "unit", "first", 500000, {"illegal_gains": 100000}) is True
    assert inside("AQ-103-P1", "unit", "first", 500001, {"illegal_gains": 100000}) is False
    assert inside("AQ-103-P1", "unit", "first", 200000, {"illegal_gains": 100000}) is True
    assert inside("AQ-103-P1", "unit", "first", 199999, {"illegal_gains": 100000}) is False
    assert inside("AQ-103-P1", "unit", "first", 200000, {"illegal_gains": 99999}) is True
    assert inside("AQ-103-P1", "unit", "first", 200001, {"illegal_gains": 99999}) is False
    assert inside("AQ-103-P1", "unit", "first", 100000, {}) is True  # 没有违法所得


def test_art114_accident_fines_and_double_to_fivefold(benchmark):
    """安全生产法第一百一十四条：一般事故三十万元以上一百万元以下……情节特别严重、影响特别恶劣的，
    按前款罚款数额的二倍以上五倍以下。"""
    assert [inside("AQ-114-P1-I1", "unit", "first", a) for a in (299999, 300000, 1000000, 1000001)] == [
        False,
        True,
        True,
        False,
    ]
    serious = {"particularly_serious": True}
    assert [
        inside("AQ-114-P1-I1", "unit", "first", a, serious) for a in (599999, 600000, 5000000, 5000001)
    ] == [
        False,
        True,
        True,
        False,
    ]
    assert [inside("AQ-114-P1-I4", "unit", "first", a) for a in (9999999, 10000000, 20000000, 20000001)] == [
        False,
        True,
        True,
        False,
    ]
