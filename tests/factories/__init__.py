"""factory-boy factories for core data. Workflow states are built through services, not factories."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth.models import Group

from enforcement.core import roles
from enforcement.core.models import (
    Agency,
    AgencyLevel,
    AgencyPower,
    EnforcementItem,
    Enterprise,
    ItemKind,
    PowerSource,
    User,
)
from enforcement.core.validators import make_credit_code


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"3201{n:02d}")
    name = factory.Sequence(lambda n: f"测试应急管理局{n}")
    short_name = factory.Sequence(lambda n: f"测{n}")
    level = AgencyLevel.DISTRICT
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"用户{n}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("pass-1234-demo")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        for name in extracted:
            group, _ = Group.objects.get_or_create(name=name)
            self.groups.add(group)


def _credit_code(n: int) -> str:
    return make_credit_code(f"91320100{n:09d}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"南京测试化工有限公司{n}")
    credit_code = factory.Sequence(_credit_code)
    agency = factory.SubFactory(AgencyFactory)


class EnforcementItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnforcementItem
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TEST-{n:04d}")
    name = factory.Sequence(lambda n: f"测试执法事项{n}")
    kind = ItemKind.PENALTY
    legal_basis = "《中华人民共和国安全生产法》第九十九条"
    effective_from = dt.date(2021, 9, 1)


__all__ = ["AgencyFactory", "EnforcementItemFactory", "EnterpriseFactory", "UserFactory", "roles"]


class AgencyPowerFactory(factory.django.DjangoModelFactory):
    """A power row written directly (for read-side tests); grant through services_agencies.grant_power
    when the guards matter."""

    class Meta:
        model = AgencyPower

    agency = factory.SubFactory(AgencyFactory)
    item = factory.SubFactory(EnforcementItemFactory)
    source = PowerSource.STATUTORY
    valid_from = dt.date(2021, 9, 1)


__all__ += ["AgencyPowerFactory"]
