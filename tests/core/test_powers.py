"""Agency powers: 法定职权 / 赋权 / 委托 with dates (行政处罚法 Art 20–21 entrustment, Art 24 street
empowerment, Art 38 no power → void) and ``agency_may_act``."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AgencyPower, AuditEvent, ItemStatus, PowerSource
from enforcement.core.rules import powers as power_rules
from enforcement.core.services.agencies import agency_may_act, grant_power, revoke_power
from enforcement.core.services.catalog import cancel_item, suspend_item
from tests.factories import EnforcementItemFactory

D = dt.date


START = D(2021, 9, 1)


def item_facts(status="active", start=START, end=None):
    return power_rules.ItemFacts(
        code="X", name="测试事项", status=status, effective_from=start, effective_to=end
    )


def power(source="statutory", start=START, end=None):
    return power_rules.PowerFacts(power_id=1, source=source, valid_from=start, valid_to=end)


def test_rule_district_with_statutory_power_may_act_art_38():
    answer = power_rules.may_act(
        agency_name="浦口区局",
        agency_level="district",
        agency_active=True,
        item=item_facts(),
        powers=[power()],
        on=D(2025, 1, 1),
    )
    assert answer.allowed is True
    assert answer.reasons == ("依法定职权实施（2021-09-01起）",)


def test_rule_street_never_acts_on_a_statutory_power_art_24():
    answer = power_rules.may_act(
        agency_name="江浦街道",
        agency_level="street",
        agency_active=True,
        item=item_facts(),
        powers=[power()],
        on=D(2025, 1, 1),
    )
    assert answer.allowed is False
    assert answer.reasons == (
        "江浦街道在2025-01-01未获赋权或委托实施“测试事项”（乡镇街道只能实施赋权或委托的事项）",
    )


def test_rule_entrusted_power_acts_in_entrusting_agency_name_art_20():
    p = power_rules.PowerFacts(
        power_id=7,
        source="entrusted",
        valid_from=D(2023, 1, 1),
        valid_to=D(2027, 12, 31),
        entrusting_agency_id=3,
        entrusting_agency_name="六合区局",
    )
    answer = power_rules.may_act(
        agency_name="竹镇镇",
        agency_level="street",
        agency_active=True,
        item=item_facts(),
        powers=[p],
        on=D(2024, 6, 1),
    )
    assert answer.allowed is True
    assert answer.acts_in_name_of_id == 3
    assert answer.reasons == ("依委托实施（2023-01-01起至2027-12-31），以委托机关六合区局的名义实施",)


def test_rule_suspended_item_refused_even_with_power():
    answer = power_rules.may_act(
        agency_name="浦口区局",
        agency_level="district",
        agency_active=True,
        item=item_facts(status="suspended"),
        powers=[power()],
        on=D(2025, 1, 1),
    )
    assert answer.allowed is False
    assert answer.reasons == ("执法事项“测试事项”已暂停实施",)


@given(
    on=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    start=st.dates(min_value=D(2015, 1, 1), max_value=D(2030, 12, 31)),
    days=st.one_of(st.none(), st.integers(min_value=0, max_value=3000)),
    level=st.sampled_from(["province", "city", "district", "street"]),
    source=st.sampled_from(["statutory", "empowered", "entrusted"]),
)
def test_rule_allowed_iff_power_covers_date_and_source_fits_level(on, start, days, level, source):
    end = None if days is None else start + dt.timedelta(days=days)
    answer = power_rules.may_act(
        agency_name="机构",
        agency_level=level,
        agency_active=True,
        item=item_facts(start=D(2015, 1, 1)),
        powers=[power(source, start, end)],
        on=on,
    )
    covers = start <= on and (end is None or on <= end)
    assert answer.allowed == (covers and not (level == "street" and source == "statutory"))


@pytest.mark.django_db
def test_grant_statutory_power_to_a_street_is_refused_art_24(personas):
    item = EnforcementItemFactory()
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as exc:
        grant_power(
            personas.agencies.street_a,
            item,
            source=PowerSource.STATUTORY,
            valid_from=D(2022, 1, 1),
            actor=personas.admin,
        )
    assert exc.value.fields == {
        "source": ["乡镇街道不具有法定执法职权，只能通过赋权或委托取得（行政处罚法第二十条、第二十四条）"]
    }
    assert AgencyPower.objects.count() == 0
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_entrustment_needs_an_entrusting_agency_that_holds_the_power_art_21(personas):
    a = personas.agencies
    item = EnforcementItemFactory()
    with pytest.raises(InvalidInput) as exc:
        grant_power(
            a.street_a, item, source=PowerSource.ENTRUSTED, valid_from=D(2023, 1, 1), actor=personas.admin
        )
    assert exc.value.fields == {"entrusting_agency": ["委托实施须指明委托机关"]}
    with pytest.raises(InvalidInput) as exc:
        grant_power(
            a.street_a,
            item,
            source=PowerSource.ENTRUSTED,
            entrusting_agency=a.district_a,
            valid_from=D(2023, 1, 1),
            valid_to=D(2025, 12, 31),
            actor=personas.admin,
        )
    assert list(exc.value.fields) == ["entrusting_agency"]
    grant_power(
        a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2021, 9, 1), actor=personas.admin
    )
    p = grant_power(
        a.street_a,
        item,
        source=PowerSource.ENTRUSTED,
        entrusting_agency=a.district_a,
        valid_from=D(2023, 1, 1),
        valid_to=D(2025, 12, 31),
        actor=personas.admin,
    )
    assert (p.source, p.entrusting_agency_id) == ("entrusted", a.district_a.pk)
    assert agency_may_act(a.street_a, item, D(2024, 5, 1)).acts_in_name_of_id == a.district_a.pk
    assert agency_may_act(a.street_a, item, D(2026, 1, 1)).allowed is False


@pytest.mark.django_db
def test_overlapping_power_and_reversed_dates_are_refused(personas):
    a = personas.agencies
    item = EnforcementItemFactory()
    grant_power(
        a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2021, 9, 1), actor=personas.admin
    )
    with pytest.raises(InvalidInput) as exc:
        grant_power(
            a.district_a, item, source=PowerSource.EMPOWERED, valid_from=D(2024, 1, 1), actor=personas.admin
        )
    assert exc.value.fields == {"valid_from": ["该机构对此事项在重叠期间已有执法权限，请先终止原权限"]}
    with pytest.raises(InvalidInput) as exc:
        grant_power(
            a.district_b,
            item,
            source=PowerSource.STATUTORY,
            valid_from=D(2024, 1, 1),
            valid_to=D(2023, 1, 1),
            actor=personas.admin,
        )
    assert exc.value.fields == {"valid_to": ["截止日期不能早于起始日期"]}


@pytest.mark.django_db
def test_only_admins_of_the_subtree_grant_powers(personas):
    a = personas.agencies
    item = EnforcementItemFactory()
    for user in (personas.officer1, personas.head, personas.supervisor):
        with pytest.raises(NotAllowed):
            grant_power(
                a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2021, 9, 1), actor=user
            )
    p = grant_power(
        a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2021, 9, 1), actor=personas.cityadmin
    )
    assert p.agency_id == a.district_a.pk
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.actor_id, event.agency_id_ref) == (
        "agency.grant_power",
        personas.cityadmin.pk,
        a.district_a.pk,
    )


@pytest.mark.django_db
def test_agency_may_act_follows_power_dates_and_item_status(personas):
    a = personas.agencies
    item = EnforcementItemFactory(effective_from=D(2021, 9, 1))
    assert agency_may_act(a.district_a, item, D(2024, 1, 1)).reasons == (
        f"{a.district_a.name}在2024-01-01不具有实施“{item.name}”的职权",
    )
    p = grant_power(
        a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2022, 1, 1), actor=personas.admin
    )
    assert agency_may_act(a.district_a, item, D(2021, 12, 31)).allowed is False
    assert agency_may_act(a.district_a, item, D(2022, 1, 1)).allowed is True
    revoke_power(p, last_day=D(2024, 6, 30), actor=personas.admin)
    assert agency_may_act(a.district_a, item, D(2024, 6, 30)).allowed is True
    assert agency_may_act(a.district_a, item, D(2024, 7, 1)).allowed is False
    with pytest.raises(InvalidTransition):
        revoke_power(p, last_day=D(2024, 12, 31), actor=personas.admin)
    suspend_item(item, actor=personas.admin, reason="上级调整")
    item.refresh_from_db()
    assert agency_may_act(a.district_a, item, D(2023, 1, 1)).reasons == (f"执法事项“{item.name}”已暂停实施",)


@pytest.mark.django_db
def test_cancelled_item_still_covers_acts_before_its_last_day(personas):
    a = personas.agencies
    item = EnforcementItemFactory(effective_from=D(2021, 9, 1))
    grant_power(
        a.district_a, item, source=PowerSource.STATUTORY, valid_from=D(2021, 9, 1), actor=personas.admin
    )
    cancel_item(item, actor=personas.admin, reason="法律修改", last_day=D(2025, 12, 31))
    item.refresh_from_db()
    assert item.status == ItemStatus.CANCELLED
    assert agency_may_act(a.district_a, item, D(2025, 12, 31)).allowed is True
    assert agency_may_act(a.district_a, item, D(2026, 1, 1)).allowed is False
