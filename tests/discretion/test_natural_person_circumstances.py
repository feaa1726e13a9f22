"""行政处罚法 (2021) Art 30 (minors) and Art 31 (mental illness / intellectual disability) concern natural
persons only: the calculator refuses them for a unit (400) and applies them to an individual."""

from __future__ import annotations

from dataclasses import replace

import pytest

from discretion.rules import CalculationError, CircumstanceSpec, recommend
from enforcement.core.models import AuditEvent

from .helpers import STATUTORY, art97, catalog, req, version
from .test_api import post

ART30_31 = (
    CircumstanceSpec("ART30-MINOR", "已满十四周岁不满十八周岁", "reduced", True, True, "行政处罚法第三十条"),
    CircumstanceSpec(
        "ART31-INCAPABLE", "精神病人不能辨认行为", "no_penalty", True, True, "行政处罚法第三十一条"
    ),
)


def _catalog():
    c = catalog(version(violations=[art97()]))
    return replace(c, statutory_circumstances=STATUTORY + ART30_31)


# ----------------------------------------------------------------- pure rules


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("ART30-UNDER14", "“不满十四周岁”仅适用于自然人当事人（行政处罚法第三十条），本案当事人为单位"),
        (
            "ART30-MINOR",
            "“已满十四周岁不满十八周岁”仅适用于自然人当事人（行政处罚法第三十条），本案当事人为单位",
        ),
        (
            "ART31-INCAPABLE",
            "“精神病人不能辨认行为”仅适用于自然人当事人（行政处罚法第三十一条），本案当事人为单位",
        ),
    ],
)
def test_art30_art31_refused_for_a_unit(code, message):
    """行政处罚法 Art 30 / Art 31: natural persons only — a unit party is bad input."""
    with pytest.raises(CalculationError) as exc:
        recommend(req(party_type="unit", circumstances=(code,)), _catalog())
    assert (exc.value.message, exc.value.field) == (message, "circumstances")


def test_art30_and_art31_together_for_a_unit_name_both():
    with pytest.raises(CalculationError) as exc:
        recommend(req(party_type="unit", circumstances=("ART30-MINOR", "ART31-INCAPABLE")), _catalog())
    assert exc.value.message == (
        "“已满十四周岁不满十八周岁”仅适用于自然人当事人（行政处罚法第三十条）；"
        "“精神病人不能辨认行为”仅适用于自然人当事人（行政处罚法第三十一条），本案当事人为单位"
    )


@pytest.mark.parametrize("code", ["ART30-UNDER14", "ART31-INCAPABLE"])
def test_art30_under14_and_art31_individual_no_penalty(code):
    """行政处罚法 Art 30 (under 14) / Art 31 (cannot recognise or control own acts): 不予行政处罚."""
    r = recommend(req(party_type="individual", circumstances=(code,)), _catalog())
    assert (r.fines, r.no_penalty_required, r.no_penalty_possible) == ((), True, True)
    assert r.other_measures == ("责令限期改正",)


def test_art30_minor_individual_is_lighter_without_statutory_minimum():
    """行政处罚法 Art 30: aged 14–17 → 应当从轻或者减轻; ≤100,000 has no minimum, so 从轻 (lower half)."""
    plain = recommend(req(party_type="individual"), _catalog())
    minor = recommend(req(party_type="individual", circumstances=("ART30-MINOR",)), _catalog())
    assert [(f.subject, f.min, f.max, f.recommended) for f in plain.fines] == [
        ("individual", 0, 100000, 50000)
    ]
    assert [(f.subject, f.min, f.max, f.recommended) for f in minor.fines] == [
        ("individual", 0, 50000, 30000)
    ]


# ----------------------------------------------------------------- through the API (seed benchmark)


@pytest.mark.parametrize(
    ("code", "detail"),
    [
        (
            "ART30-UNDER14",
            "“不满十四周岁的未成年人有违法行为”仅适用于自然人当事人（行政处罚法第三十条），本案当事人为单位",
        ),
        (
            "ART30-MINOR",
            "“已满十四周岁不满十八周岁的未成年人有违法行为”仅适用于自然人当事人（行政处罚法第三十条），"
            "本案当事人为单位",
        ),
        (
            "ART31-INCAPABLE",
            "“精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为”仅适用于自然人当事人"
            "（行政处罚法第三十一条），本案当事人为单位",
        ),
        (
            "ART31-PARTIAL",
            "“尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为”仅适用于自然人当事人"
            "（行政处罚法第三十一条），本案当事人为单位",
        ),
    ],
)
def test_api_art30_art31_unit_is_400(benchmark, personas, code, detail):
    """行政处罚法 Art 30 / Art 31 for a unit party: 400, nothing written."""
    before = AuditEvent.objects.count()
    response = post(personas.officer1, violation="AQ-102", party_type="unit", circumstances=[code])
    assert response.status_code == 400
    assert response.json() == {"code": "invalid", "detail": detail, "fields": {"circumstances": [detail]}}
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("code", ["ART30-UNDER14", "ART31-INCAPABLE"])
def test_api_art30_under14_and_art31_individual_no_penalty(benchmark, personas, code):
    """行政处罚法 Art 30 under 14 / Art 31 incapable, individual party: 不予行政处罚, no fines."""
    response = post(personas.officer1, violation="AQ-094-P1", party_type="individual", circumstances=[code])
    assert response.status_code == 200
    data = response.json()
    assert (data["fines"], data["no_penalty_possible"]) == ([], True)
    assert data["other_measures"] == ["责令限期改正"]


def test_api_art30_minor_individual_is_reduced_below_the_minimum(benchmark, personas):
    """行政处罚法 Art 30: aged 14–17 → 应当从轻或者减轻; Art 94 ¶1 (20,000–50,000) → 减轻 below 20,000."""
    plain = post(personas.officer1, violation="AQ-094-P1", party_type="individual").json()
    minor = post(
        personas.officer1, violation="AQ-094-P1", party_type="individual", circumstances=["ART30-MINOR"]
    ).json()
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in plain["fines"]] == [
        ("main_person", 20000, 50000, 35000)
    ]
    assert [(f["subject"], f["min"], f["max"], f["recommended"]) for f in minor["fines"]] == [
        ("main_person", 0, 19999, 10000)
    ]
    assert (minor["requires_legal_review"], minor["requires_collective_discussion"]) == (True, True)
