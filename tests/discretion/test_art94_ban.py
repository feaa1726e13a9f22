"""安全生产法 Art 94 ¶3: a main person in charge given a criminal penalty or 撤职 under Art 94 ¶2 (accident) may
not be main person in charge of any production unit for five years; for a 重大/特别重大 accident, never again
in the same industry. Listed as an "other measure" on the seed rows AQ-094-P1 (if an accident) and AQ-095."""

from __future__ import annotations

import pytest

from .test_api import post

pytestmark = pytest.mark.django_db

BAN = "主要负责人受刑事处罚或者撤职处分的，自刑罚执行完毕或者受处分之日起，五年内不得担任任何生产经营单位的主要负责人"
LIFE = "；对重大、特别重大生产安全事故负有责任的，终身不得担任本行业生产经营单位的主要负责人"
CITE = "（安全生产法第九十四条第三款）"
ACCIDENT = (
    "对主要负责人给予撤职处分（由任免机关作出），构成犯罪的依法追究刑事责任（安全生产法第九十四条第二款）；"
    + BAN
    + LIFE
    + CITE
)


@pytest.mark.parametrize("stage", ["first", "overdue"])
def test_art94_p3_ban_with_an_accident(benchmark, personas, stage):
    """安全生产法 Art 94 ¶2–3: accident → 撤职/criminal liability → 5-year / lifetime ban."""
    data = post(
        personas.officer1,
        violation="AQ-094-P1",
        party_type="individual",
        stage=stage,
        facts={"accident": True},
    ).json()
    assert [f["subject"] for f in data["fines"]] == ["main_person"]
    assert data["other_measures"][-1] == ACCIDENT
    assert data["basis"][-1] == ACCIDENT


def test_art94_p3_ban_only_a_hint_without_the_accident_fact(benchmark, personas):
    data = post(personas.officer1, violation="AQ-094-P1", party_type="individual").json()
    assert data["other_measures"] == ["责令限期改正"]
    assert f"如导致发生生产安全事故，还应{ACCIDENT}" in data["explanation"]
    no = post(
        personas.officer1, violation="AQ-094-P1", party_type="individual", facts={"accident": False}
    ).json()
    assert no["other_measures"] == ["责令限期改正"]
    assert not any(ACCIDENT in line for line in no["explanation"])


@pytest.mark.parametrize(
    ("code", "measure"),
    [
        ("AQ-095-I1", BAN + CITE),
        ("AQ-095-I2", BAN + CITE),
        ("AQ-095-I3", BAN + LIFE + CITE),
        ("AQ-095-I4", BAN + LIFE + CITE),
    ],
)
def test_art94_p3_ban_on_art95_accident_fines(benchmark, personas, code, measure):
    """安全生产法 Art 95 fines the main person for the accident; Art 94 ¶3: 5 years, life for 重大/特别重大."""
    data = post(
        personas.officer1, violation=code, party_type="individual", facts={"prior_year_income": 100000}
    ).json()
    assert [f["subject"] for f in data["fines"]] == ["main_person"]
    assert data["other_measures"] == [measure]
