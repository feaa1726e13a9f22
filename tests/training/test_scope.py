"""may_enforce for one enforcement item: certificate scope + the agency's power (spec §9.1, issue 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from enforcement.core.exceptions import GuardFailed
from enforcement.core.models import ItemKind
from enforcement.core.services.agencies import agency_may_act
from tests.factories import AgencyPowerFactory, EnforcementItemFactory, UserFactory
from tests.training.helpers import give_certificate
from training.guards import (
    count_as_enforcing_officers,
    may_enforce,
    may_enforce_many,
    require_enforcing_officers,
)
from training.models import Certificate
from training.rules import (
    CertificateFacts,
    ItemScope,
    OfficerFacts,
    Verdict,
    evaluate_may_enforce,
    scope_covers,
)

ON = dt.date(2026, 6, 1)
PENALTY = ItemScope(code="320100-CF-001", name="未按规定设置安全警示标志", kind="penalty")
INSPECTION = ItemScope(code="320100-JC-002", name="安全生产监督检查", kind="inspection")


def _facts(categories: str = "安全生产", power_reasons: tuple[str, ...] = ()) -> OfficerFacts:
    cert = CertificateFacts(
        status="issued", issued_on=dt.date(2026, 3, 1), expires_on=dt.date(2031, 2, 28), categories=categories
    )
    return OfficerFacts(certificate=cert, agency_power_reasons=power_reasons)


# --- pure rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("categories", ["", "安全生产", "安全生产监督管理", "全部", "应急管理 安全生产"])
def test_field_wide_scope_covers_every_item_spec_9_1(categories):
    """spec §9.1: the usual 执法证 "执法范围：安全生产监督管理" (or none written) restricts nothing."""
    assert scope_covers(categories, PENALTY) is True
    assert scope_covers(categories, INSPECTION) is True


def test_kind_or_code_entries_restrict_the_scope_xzcff_art42():
    """✅ 行政处罚法 Art 42: penalties only by officers qualified for them; a certificate listing 行政检查 only
    may inspect (安全生产法 Art 67) but not impose the penalty."""
    assert scope_covers("行政检查", INSPECTION) is True
    assert scope_covers("行政检查", PENALTY) is False
    assert scope_covers("安全生产、inspection", PENALTY) is False
    assert scope_covers("行政检查，行政处罚", PENALTY) is True
    assert scope_covers("320100-CF-001", PENALTY) is True
    assert scope_covers("320100-CF-001", INSPECTION) is False


@given(st.lists(st.sampled_from(["安全生产", "应急管理", "全部", "安全生产监督管理"]), max_size=4))
def test_entries_naming_only_the_field_never_restrict_spec_9_1(entries):
    for item in (PENALTY, INSPECTION):
        assert scope_covers("、".join(entries), item) is True


@given(
    st.lists(st.sampled_from(["安全生产", *ItemKind.labels, *ItemKind.values]), max_size=5),
    st.sampled_from([PENALTY, INSPECTION]),
)
def test_listing_the_item_code_always_covers_aqscf_art67(entries, item):
    """安全生产法 Art 67 / spec §9.1: an item named on the certificate is within its scope."""
    assert scope_covers("；".join([*entries, item.code]), item) is True


@given(st.text(max_size=20), st.tuples(st.text(max_size=5)).map(lambda t: t[0]))
def test_without_item_the_verdict_ignores_the_scope_xzcff_art42(categories, reason):
    """行政处罚法 Art 42: the item-free question (item=None) is today's — scope and powers play no part."""
    facts = _facts(categories, (reason,) if reason else ())
    assert evaluate_may_enforce(facts, ON) == Verdict(True, ())


def test_item_verdict_adds_scope_and_power_reasons_spec_9_1():
    assert evaluate_may_enforce(_facts(), ON, PENALTY) == Verdict(True, ())
    assert evaluate_may_enforce(
        _facts("行政检查", ("甲局在2026-06-01不具有实施“X”的职权",)), ON, PENALTY
    ) == Verdict(
        False,
        (
            "执法证执法范围不含该事项（执法类别：行政检查；事项：320100-CF-001 未按规定设置安全警示标志）",
            "所在机构无此事项执法权限（甲局在2026-06-01不具有实施“X”的职权）",
        ),
    )
    # no certificate: the certificate reason only, no scope reason on top
    assert evaluate_may_enforce(OfficerFacts(), ON, PENALTY) == Verdict(False, ("无执法证",))


# --- guards ------------------------------------------------------------------------------------------


@pytest.fixture
def item(personas):
    item = EnforcementItemFactory(code="TEST-CF-0099", name="未按规定设置安全警示标志", kind=ItemKind.PENALTY)
    AgencyPowerFactory(agency=personas.agencies.district_a, item=item, valid_from=dt.date(2021, 9, 1))
    return item


def test_item_checks_the_scope_and_the_agency_power(personas, frozen, item):
    admin = personas.cityadmin
    give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1))
    other = give_certificate(personas.officer_other, actor=admin, issued_on=dt.date(2025, 3, 1))
    assert may_enforce(personas.officer1, item=item) == Verdict(True, ())
    assert may_enforce(personas.officer1, item="TEST-CF-0099") == Verdict(True, ())
    # officer_other's agency (江宁区) holds no power over the item
    agency = personas.officer_other.agency
    expected_power = agency_may_act(agency, item, frozen).reasons
    assert expected_power == (f"{agency.name}在2026-06-01不具有实施“未按规定设置安全警示标志”的职权",)
    assert may_enforce(personas.officer_other, item=item) == Verdict(
        False, (f"所在机构无此事项执法权限（{expected_power[0]}）",)
    )
    # without item: today's answer
    assert may_enforce(personas.officer_other) == Verdict(True, ())
    # a certificate restricted to 行政检查
    Certificate.objects.filter(holder=personas.officer1).update(categories="行政检查")
    assert may_enforce(personas.officer1, item=item) == Verdict(
        False,
        ("执法证执法范围不含该事项（执法类别：行政检查；事项：TEST-CF-0099 未按规定设置安全警示标志）",),
    )
    assert other.categories == "安全生产"


def test_unknown_item_code_refuses(personas, frozen):
    give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    assert may_enforce(personas.officer1, item="NOPE-1") == Verdict(
        False, ("执法事项目录中无编码为NOPE-1的事项",)
    )
    assert may_enforce_many([], item="NOPE-1") == {}


def test_item_power_ended_or_suspended_item(personas, frozen, item):
    give_certificate(personas.officer1, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    item.status = "suspended"
    item.save(update_fields=["status"])
    assert may_enforce(personas.officer1, item=item) == Verdict(
        False, ("所在机构无此事项执法权限（执法事项“未按规定设置安全警示标志”已暂停实施）",)
    )


def test_two_officers_for_an_item_xzcff_art42(personas, frozen, item):
    admin = personas.cityadmin
    give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1))
    give_certificate(personas.officer2, actor=admin, issued_on=dt.date(2025, 3, 1))
    give_certificate(personas.officer_other, actor=admin, issued_on=dt.date(2025, 3, 1))
    team = [personas.officer1, personas.officer2]
    assert count_as_enforcing_officers(team, item=item) == 2
    require_enforcing_officers(team, item=item)
    assert count_as_enforcing_officers([personas.officer1, personas.officer_other]) == 2
    assert count_as_enforcing_officers([personas.officer1, personas.officer_other], item=item) == 1
    with pytest.raises(GuardFailed) as exc:
        require_enforcing_officers([personas.officer1, personas.officer_other], item=item)
    assert exc.value.code == "G-TWO-OFFICERS"
    assert "所在机构无此事项执法权限" in str(exc.value)


def test_may_enforce_many_with_item_adds_one_query(personas, frozen, item, django_assert_num_queries):
    admin = personas.cityadmin
    agencies = [personas.agencies.district_a, personas.agencies.district_b, personas.agencies.city]
    people = [UserFactory(agency=agencies[i % 3], roles=["执法人员"]) for i in range(10)]
    for p in people:
        give_certificate(p, actor=admin, issued_on=dt.date(2025, 1, 1))
    with django_assert_num_queries(3):
        few = may_enforce_many(people[:3], item=item)
    with django_assert_num_queries(3):
        many = may_enforce_many(people, item=item)
    with django_assert_num_queries(4):  # + the item by code
        by_code = may_enforce_many(people, item=item.code)
    assert by_code == many
    assert [few[p.pk].allowed for p in people[:3]] == [True, False, False]
    assert [many[p.pk].allowed for p in people] == [i % 3 == 0 for i in range(10)]


# --- API ---------------------------------------------------------------------------------------------


def test_officers_api_item_parameter(personas, frozen, item):
    give_certificate(personas.officer_other, actor=personas.cityadmin, issued_on=dt.date(2025, 3, 1))
    api = APIClient()
    api.force_authenticate(personas.admin)
    response = api.get("/api/v1/officers/?username=officer_other&item=TEST-CF-0099")
    assert response.status_code == 200, response.content
    assert response.json()["results"] == [
        {
            "id": personas.officer_other.pk,
            "username": "officer_other",
            "real_name": "吴执法",
            "agency": personas.agencies.district_b.pk,
            "agency_name": "南京市江宁区应急管理局",
            "is_assistant": False,
            "may_enforce": {
                "allowed": False,
                "reasons": [
                    "所在机构无此事项执法权限（南京市江宁区应急管理局在2026-06-01不具有实施“未按规定设置安全警示标志”的职权）"
                ],
            },
        }
    ]
    detail = api.get(f"/api/v1/officers/{personas.officer_other.pk}/?item=TEST-CF-0099").json()
    assert detail["may_enforce"]["allowed"] is False
    assert api.get(f"/api/v1/officers/{personas.officer_other.pk}/").json()["may_enforce"] == {
        "allowed": True,
        "reasons": [],
    }
    bad = api.get("/api/v1/officers/?item=NOPE-1")
    assert bad.status_code == 400
    assert bad.json() == {
        "code": "invalid",
        "detail": "执法事项目录中无编码为NOPE-1的事项",
        "fields": {"item": ["执法事项目录中无编码为NOPE-1的事项"]},
    }
