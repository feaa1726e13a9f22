"""Shared personas (the same names as the demo data, CONTRACT.md) and test-wide settings."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, settings

from enforcement.core import roles
from enforcement.core.models import Agency, AgencyLevel, User
from tests.factories import UserFactory

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@dataclass
class Agencies:
    province: Agency
    city: Agency
    district_a: Agency
    district_b: Agency
    street_a: Agency


@dataclass
class Personas:
    """Alice-and-Bob style cast: officer1 handles, officer2 is a colleague, officer_other is an outsider."""

    admin: User
    cityadmin: User
    supervisor: User
    head: User
    officer1: User
    officer2: User
    reviewer: User
    assistant: User
    expired: User
    officer_other: User
    head_b: User
    agencies: Agencies


def make_agencies() -> Agencies:
    province = Agency.objects.create(
        code="320000",
        name="江苏省应急管理厅",
        short_name="苏",
        level=AgencyLevel.PROVINCE,
        reconsideration_body="江苏省人民政府",
    )
    city = Agency.objects.create(
        code="320100",
        name="南京市应急管理局",
        short_name="宁",
        level=AgencyLevel.CITY,
        parent=province,
        reconsideration_body="南京市人民政府",
    )
    district_a = Agency.objects.create(
        code="320111",
        name="南京市浦口区应急管理局",
        short_name="浦",
        level=AgencyLevel.DISTRICT,
        parent=city,
        reconsideration_body="南京市浦口区人民政府",
    )
    district_b = Agency.objects.create(
        code="320115",
        name="南京市江宁区应急管理局",
        short_name="江",
        level=AgencyLevel.DISTRICT,
        parent=city,
        reconsideration_body="南京市江宁区人民政府",
    )
    street_a = Agency.objects.create(
        code="320111004",
        name="南京市浦口区江浦街道办事处",
        short_name="浦江",
        level=AgencyLevel.STREET,
        parent=district_a,
        reconsideration_body="南京市浦口区人民政府",
    )
    return Agencies(province, city, district_a, district_b, street_a)


@pytest.fixture
def agencies(db: None) -> Agencies:
    return make_agencies()


@pytest.fixture
def personas(agencies: Agencies) -> Personas:
    a = agencies
    return Personas(
        admin=UserFactory(
            username="admin", real_name="平台管理员", agency=None, is_superuser=True, is_staff=True
        ),
        cityadmin=UserFactory(
            username="cityadmin", real_name="陈管理", agency=a.city, roles=[roles.AGENCY_ADMIN]
        ),
        supervisor=UserFactory(
            username="supervisor", real_name="孙监督", agency=a.city, roles=[roles.SUPERVISOR]
        ),
        head=UserFactory(username="head", real_name="何局长", agency=a.district_a, roles=[roles.HEAD]),
        officer1=UserFactory(
            username="officer1", real_name="王执法", agency=a.district_a, roles=[roles.OFFICER]
        ),
        officer2=UserFactory(
            username="officer2", real_name="李执法", agency=a.district_a, roles=[roles.OFFICER]
        ),
        reviewer=UserFactory(
            username="reviewer", real_name="赵法制", agency=a.district_a, roles=[roles.LEGAL_REVIEWER]
        ),
        assistant=UserFactory(
            username="assistant", real_name="钱辅助", agency=a.district_a, roles=[roles.ASSISTANT]
        ),
        expired=UserFactory(
            username="expired", real_name="周过期", agency=a.district_a, roles=[roles.OFFICER]
        ),
        officer_other=UserFactory(
            username="officer_other", real_name="吴执法", agency=a.district_b, roles=[roles.OFFICER]
        ),
        head_b=UserFactory(username="head_b", real_name="郑局长", agency=a.district_b, roles=[roles.HEAD]),
        agencies=a,
    )


@pytest.fixture
def work_calendar(db: None) -> None:
    """The real 2024–2026 statutory holidays and 调休 workdays (from chinesecalendar) in the calendar table."""
    from enforcement.core.services.calendar_coverage import seed_calendar_years

    seed_calendar_years([2024, 2025, 2026])


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty default cache (per process): a cached option list or flag of an
    earlier test's rolled-back rows must not leak into the next one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True, scope="session")
def _flush_past_audit_triggers() -> Iterator[None]:
    """Transactional tests end with a flush (one TRUNCATE of every table); the audit tables refuse
    TRUNCATE on PostgreSQL (migration core/0003_audit_append_only). Test-only: run that flush with
    triggers off (``SET LOCAL session_replication_role = replica``; the throwaway cluster's user is a
    superuser). The chain head is re-created by core's post_migrate handler after the flush."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self: DatabaseOperations, sql_list: list[str]) -> None:
        if sql_list:
            sql_list = ["SET LOCAL session_replication_role = replica", *sql_list]
        original(self, sql_list)

    DatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]  # test-only patch
    yield
    DatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]  # restore
