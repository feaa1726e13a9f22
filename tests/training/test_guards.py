"""The cross-app guards: may_enforce, may_enforce_many, count_as_enforcing_officers, may_review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core.exceptions import GuardFailed
from tests.factories import UserFactory
from tests.training.helpers import give_certificate
from training import services
from training.guards import (
    count_as_enforcing_officers,
    may_enforce,
    may_enforce_many,
    may_review,
    require_enforcing_officers,
)
from training.rules import Verdict


def test_may_enforce_on_the_expiry_day_and_the_day_after(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(
        personas.officer1, actor=admin, issued_on=dt.date(2021, 6, 2)
    )  # expires 2026-06-01
    for year in range(2022, 2026):
        services.record_annual_review(
            cert, actor=admin, year=year, result="passed", reviewed_on=dt.date(year, 11, 1)
        )
    assert may_enforce(personas.officer1, dt.date(2026, 6, 1)) == Verdict(True, ())
    assert may_enforce(personas.officer1, dt.date(2026, 6, 2)) == Verdict(
        False, ("执法证已于2026-06-01过期",)
    )
    # default date is today in Asia/Shanghai (frozen 2026-06-01)
    assert may_enforce(personas.officer1).allowed is True


def test_personas_without_certificates(personas, frozen):
    assert may_enforce(personas.assistant) == Verdict(False, ("辅助人员不得独立执法", "无执法证"))
    assert may_enforce(personas.officer2) == Verdict(False, ("无执法证",))
    assert may_enforce(personas.admin) == Verdict(False, ("未分配执法机构", "无执法证"))


def test_suspension_reason_and_lift(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1))
    services.suspend_certificate(cert, actor=admin, reason="粗暴执法", suspended_until=dt.date(2026, 6, 30))
    assert may_enforce(personas.officer1).reasons == ("执法证暂扣中（至2026-06-30）",)
    assert may_enforce(personas.officer1, dt.date(2026, 7, 1)).reasons == (
        "执法证暂扣中（暂扣期限2026-06-30已届满，待解除暂扣）",
    )
    services.lift_suspension(cert, actor=admin)
    assert may_enforce(personas.officer1).allowed is True


def test_annual_review_overdue_uses_the_agency_configuration(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2024, 3, 1))
    assert may_enforce(personas.officer1).reasons == ("年审逾期（2025年度年审应于2025-12-31前完成）",)
    services.record_annual_review(
        cert, actor=admin, year=2025, result="passed", reviewed_on=dt.date(2026, 5, 1)
    )
    assert may_enforce(personas.officer1).allowed is True
    # the city sets 05-31 as its review deadline: district A inherits it, so the 2026 review is now overdue
    services.set_training_requirement(
        personas.agencies.city, actor=admin, from_year=2026, annual_hours=Decimal("40"), review_due="05-31"
    )
    assert may_enforce(personas.officer1).reasons == ("年审逾期（2026年度年审应于2026-05-31前完成）",)
    # district B has its own row, district A's own row overrides the city's
    services.set_training_requirement(
        personas.agencies.district_a,
        actor=admin,
        from_year=2026,
        annual_hours=Decimal("40"),
        review_due="12-31",
    )
    assert may_enforce(personas.officer1).allowed is True


def test_may_enforce_many_takes_two_queries_whatever_the_number(personas, frozen, django_assert_num_queries):
    admin = personas.cityadmin
    people = [UserFactory(agency=personas.agencies.district_a, roles=["执法人员"]) for _ in range(6)]
    for i, p in enumerate(people[:4]):
        give_certificate(p, actor=admin, issued_on=dt.date(2025, 1, 1) + dt.timedelta(days=i))
    with django_assert_num_queries(2):
        few = may_enforce_many(people[:2])
    with django_assert_num_queries(2):
        many = may_enforce_many([*people, personas.assistant, personas.officer1.pk])
    assert few == {people[0].pk: Verdict(True, ()), people[1].pk: Verdict(True, ())}
    assert [many[p.pk].allowed for p in people] == [True, True, True, True, False, False]
    assert many[personas.assistant.pk].reasons == ("辅助人员不得独立执法", "无执法证")
    assert set(many) == {*(p.pk for p in people), personas.assistant.pk, personas.officer1.pk}
    with django_assert_num_queries(0):
        assert may_enforce_many([]) == {}


def test_assistants_never_count_as_enforcing_officers_art42(personas, frozen):
    """✅ 行政处罚法 Art 42: at least two officers with enforcement qualification; assistants never count."""
    admin = personas.cityadmin
    give_certificate(personas.officer1, actor=admin, issued_on=dt.date(2025, 3, 1))
    give_certificate(
        personas.assistant, actor=admin, issued_on=dt.date(2025, 3, 1)
    )  # even with a certificate
    assert count_as_enforcing_officers([personas.officer1, personas.assistant, personas.officer1]) == 1
    with pytest.raises(GuardFailed) as excinfo:
        require_enforcing_officers([personas.officer1, personas.assistant])
    assert excinfo.value.code == "G-TWO-OFFICERS"
    assert (
        excinfo.value.message
        == "须至少2名持有效执法证的执法人员，当前符合条件的仅1名（钱辅助：辅助人员不得独立执法）"
    )
    give_certificate(personas.officer2, actor=admin, issued_on=dt.date(2025, 3, 1))
    assert count_as_enforcing_officers([personas.officer1, personas.officer2, personas.assistant]) == 2
    require_enforcing_officers([personas.officer1, personas.officer2])


def test_may_review_needs_the_role_and_legal_qualification_art58_para2(personas, frozen):
    """✅ 行政处罚法 Art 58 ¶2: a first-time reviewer must hold 法律职业资格."""
    admin = personas.cityadmin
    assert may_review(personas.reviewer) == Verdict(
        False, ("初次从事法制审核须取得法律职业资格（行政处罚法第五十八条第二款）",)
    )
    assert may_review(personas.officer1).reasons[0] == "非法制审核人员"
    services.add_qualification(
        personas.reviewer, actor=admin, kind="legal", obtained_on=dt.date(2020, 2, 1), expires_on=None
    )
    assert may_review(personas.reviewer) == Verdict(True, ())
    assert (
        may_review(personas.reviewer, dt.date(2020, 1, 31)).allowed is True
    )  # before 2021-07-15 no requirement
    # a reviewer since before the 2021 law is not first-time
    other = UserFactory(agency=personas.agencies.district_a, roles=["法制审核人员"])
    services.update_officer_profile(other, actor=admin, first_review_on=dt.date(2019, 5, 1))
    assert may_review(other).allowed is True
    later = UserFactory(agency=personas.agencies.district_a, roles=["法制审核人员"])
    services.record_first_review(later, on_date=dt.date(2026, 5, 1))
    services.record_first_review(later, on_date=dt.date(2026, 5, 20))  # kept once
    later.officer_profile.refresh_from_db()
    assert later.officer_profile.first_review_on == dt.date(2026, 5, 1)
    assert may_review(later).allowed is False
