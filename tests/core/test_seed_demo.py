"""seed_core: the demo tree, personas and catalog; idempotent; --scale bulk rows."""

import pytest

from enforcement.core import demo
from enforcement.core.models import Agency, AgencyPower, EnforcementItem, Enterprise, User
from enforcement.core.services.agencies import agency_may_act
from enforcement.core.validators import validate_credit_code

pytestmark = pytest.mark.django_db


def test_seed_core_twice_gives_the_same_data(monkeypatch, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(demo, "BULK_PER_SCALE", 40)
    monkeypatch.setattr(demo, "BULK_BATCH", 15)
    demo.seed_core(scale=1)
    counts = (
        Agency.objects.count(),
        User.objects.count(),
        EnforcementItem.objects.count(),
        AgencyPower.objects.count(),
        Enterprise.objects.count(),
    )
    demo.seed_core(scale=1)
    assert (
        Agency.objects.count(),
        User.objects.count(),
        EnforcementItem.objects.count(),
        AgencyPower.objects.count(),
        Enterprise.objects.count(),
    ) == counts
    assert counts[0] == 12 and counts[2] == 32 and counts[4] == demo.DEMO_ENTERPRISES + 40
    assert (tmp_path / "demo-password").read_text() == demo.DEMO_PASSWORD + "\n"
    for code in Enterprise.objects.values_list("credit_code", flat=True):
        validate_credit_code(code)
    assert Enterprise.objects.values("sector").distinct().count() >= 10
    assert Enterprise.objects.values("risk_class").distinct().count() == 4


def test_seeded_personas_match_the_contract(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    demo.seed_core()
    expected = {
        "admin": (None, set()),
        "cityadmin": ("320100", {"系统管理员"}),
        "supervisor": ("320100", {"执法监督人员"}),
        "head": ("320111", {"负责人"}),
        "officer1": ("320111", {"执法人员"}),
        "officer2": ("320111", {"执法人员"}),
        "reviewer": ("320111", {"法制审核人员"}),
        "assistant": ("320111", {"辅助人员"}),
        "expired": ("320111", {"执法人员"}),
        "officer_other": ("320115", {"执法人员"}),
    }
    for username, (agency_code, roles) in expected.items():
        user = User.objects.get(username=username)
        assert (user.agency.code if user.agency else None, user.role_names()) == (agency_code, roles), (
            username
        )
        assert user.check_password(demo.DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser is True


def test_seeded_streets_act_only_on_empowered_items(settings, tmp_path):
    import datetime as dt

    settings.VAR_DIR = tmp_path
    demo.seed_core()
    street = Agency.objects.get(code="320111004")
    assert sorted(AgencyPower.objects.filter(agency=street).values_list("item__code", "source")) == [
        ("YJ-CF-099", "empowered"),
        ("YJ-CF-102", "empowered"),
        ("YJ-CF-105", "empowered"),
        ("YJ-JC-001", "empowered"),
    ]
    on = dt.date(2025, 6, 1)
    assert agency_may_act(street, EnforcementItem.objects.get(code="YJ-CF-102"), on).allowed is True
    assert agency_may_act(street, EnforcementItem.objects.get(code="YJ-XK-001"), on).allowed is False
    township = Agency.objects.get(code="320116110")
    answer = agency_may_act(township, EnforcementItem.objects.get(code="YJ-JC-001"), on)
    assert (answer.allowed, answer.acts_in_name_of_id) == (True, Agency.objects.get(code="320116").pk)


def test_demo_seeders_start_with_the_working_day_calendar():
    """seed_demo enters the holidays before any app's demo deadlines are counted (CONTRACT: make demo)."""
    from enforcement.core.registry import REGISTRY

    assert REGISTRY.demo_seeders[0].name == "calendar"
    assert [s.name for s in REGISTRY.demo_seeders].count("calendar") == 1


def test_make_demo_prints_the_password_seed_demo_wrote():
    """demo.sh must not import enforcement.core.demo without Django set up (it did, and stopped)."""
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "scripts" / "demo.sh").read_text()
    assert 'password=$(cat "$VAR_DIR/demo-password")' in script
    assert "from enforcement.core.demo import" not in script
