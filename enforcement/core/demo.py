"""Core demo data: agencies, personas, enterprises and the catalog (with each agency's powers).

The small demo set goes through the real services (so audit events and invariants exist); the bulk
rows of ``--scale N`` (N × 50 000 enterprises) are written with ``bulk_create`` in batches.
Idempotent: everything is found by its natural key (region code, username, credit code, item code).
"""

from __future__ import annotations

import random
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection

from . import demo_data as D
from .bulk import say
from .models import Agency, AgencyPower, EnforcementItem, Enterprise, PowerSource, User
from .validators import CREDIT_CODE_CHARS, make_credit_code

# Meets the password policy (rules/passwords.py: ≥ 10 characters, ≥ 3 character classes), so no account
# is exempt from it; printed by `make demo` and in README.
DEMO_PASSWORD = "Demo@2026!"
LEGACY_DEMO_PASSWORD = "Demo@2026"  # before the policy; demo databases seeded then are moved on
DEMO_ENTERPRISES = 240
BULK_PER_SCALE = 50_000
BULK_BATCH = 5_000
# Letters/digits valid in the 9-character organisation-code part of a credit code.
_ORG_CHARS = CREDIT_CODE_CHARS


def seed_core(*, scale: int = 0, stdout: Any = None) -> None:
    """Create the demo agency tree, personas and reference data. Safe to run twice."""
    admin = _seed_admin()
    agencies = _seed_agencies(admin)
    _seed_personas(agencies)
    _write_password_file()
    items = _seed_catalog(admin)
    _seed_powers(admin, agencies, items)
    created = _seed_enterprises(admin, agencies)
    say(stdout, f"core: {len(agencies)} agencies, {len(items)} catalog items, {created} new enterprises")
    if scale > 0:
        added = seed_bulk_enterprises(scale * BULK_PER_SCALE, agencies)
        say(stdout, f"core: bulk enterprises +{added} (target {scale * BULK_PER_SCALE})")


def _seed_admin() -> User:
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"real_name": "平台管理员", "is_superuser": True, "is_staff": True}
    )
    _set_demo_password(admin, created)
    return admin


def _set_demo_password(user: User, created: bool) -> None:
    """New personas, and those seeded before the password policy that still hold the old, shorter demo
    password, get the current one; others keep theirs (checked once: then ``password_changed_at`` is set)."""
    if created or (user.password_changed_at is None and user.check_password(LEGACY_DEMO_PASSWORD)):
        from django.utils import timezone

        user.set_password(DEMO_PASSWORD)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])


def _seed_agencies(admin: User) -> dict[str, Agency]:
    from .services.agencies import AgencyData, create_agency

    found = {a.code: a for a in Agency.objects.filter(code__in=[row[0] for row in D.AGENCIES])}
    for code, name, short, level, parent_code, recon, address in D.AGENCIES:
        if code in found:
            continue
        parent = found[parent_code] if parent_code else None
        credit = make_credit_code(f"11{code[:6]}{_org_code(int(code))}") if level != "street" else ""
        found[code] = create_agency(
            AgencyData(
                code=code,
                name=name,
                short_name=short,
                level=level,
                parent=parent,
                reconsideration_body=recon,
                credit_code=credit,
                address=address,
            ),
            actor=admin,
        )
    return found


def _seed_personas(agencies: dict[str, Agency]) -> None:
    groups = {g.name: g for g in Group.objects.all()}
    for username, real_name, agency_code, role_names, is_superuser, is_staff in D.PERSONAS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "real_name": real_name,
                "agency": agencies.get(agency_code) if agency_code else None,
                "is_superuser": is_superuser,
                "is_staff": is_staff,
            },
        )
        _set_demo_password(user, created)
        if not created and user.is_staff and not user.is_superuser:
            # agency admins work in the product's 系统管理 (/sysadmin/); /admin/ is the superuser's only
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        for role in role_names:
            group = groups.get(role) or Group.objects.get_or_create(name=role)[0]
            user.groups.add(group)


def _write_password_file() -> None:
    path = settings.VAR_DIR / "demo-password"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEMO_PASSWORD + "\n", encoding="utf-8")


def _seed_catalog(admin: User) -> dict[str, EnforcementItem]:
    from .services.catalog import ItemData, create_item

    found = {i.code: i for i in EnforcementItem.objects.filter(code__in=[row[0] for row in D.CATALOG])}
    for code, name, kind, basis, level, start in D.CATALOG:
        if code not in found:
            found[code] = create_item(
                ItemData(
                    code=code, name=name, kind=kind, legal_basis=basis, level=level, effective_from=start
                ),
                actor=admin,
            )
    return found


def _seed_powers(admin: User, agencies: dict[str, Agency], items: dict[str, EnforcementItem]) -> None:
    from .services.agencies import grant_power

    held = set(AgencyPower.objects.values_list("agency_id", "item_id"))

    def grant(agency: Agency, item: EnforcementItem, **kwargs: Any) -> None:
        if (agency.pk, item.pk) not in held:
            grant_power(agency, item, actor=admin, **kwargs)
            held.add((agency.pk, item.pk))

    for agency in agencies.values():
        if agency.level == "street":
            continue
        for item in items.values():
            if item.level in ("all", agency.level) or (item.level == "district" and agency.level == "city"):
                grant(
                    agency,
                    item,
                    source=PowerSource.STATUTORY,
                    valid_from=item.effective_from,
                    basis_document="法律、行政法规规定的法定职权",
                )
    for agency in agencies.values():
        if agency.level != "street":
            continue
        if agency.code in D.ENTRUSTED:
            code, by, start, end = D.ENTRUSTED[agency.code]
            grant(
                agency,
                items[code],
                source=PowerSource.ENTRUSTED,
                entrusting_agency=agencies[by],
                valid_from=start,
                valid_to=end,
                basis_document=f"{agencies[by].name}行政执法委托书（演示数据）",
            )
            continue
        for code in D.STREET_EMPOWERED:
            grant(
                agency,
                items[code],
                source=PowerSource.EMPOWERED,
                valid_from=D.STREET_EMPOWERED_FROM,
                basis_document=D.STREET_EMPOWERED_BASIS,
            )


def _org_code(n: int) -> str:
    """A deterministic 9-character organisation-code part from an integer (base 31 over valid chars)."""
    chars = []
    for _ in range(9):
        n, r = divmod(n, len(_ORG_CHARS))
        chars.append(_ORG_CHARS[r])
    return "".join(reversed(chars))


def enterprise_row(index: int, agencies: dict[str, Agency], *, bulk: bool) -> dict[str, Any]:
    """Deterministic realistic values for the ``index``-th demo enterprise (same index → same row)."""
    rng = random.Random(index * 7919 + (1 if bulk else 0))
    district = ["320111", "320115", "320116"][index % 3]
    street_code, place = rng.choice(D.PLACES[district])
    sectors = [s for s, w, _ in D.SECTOR_NAMES for _ in range(w)]
    sector = rng.choice(sectors)
    suffix = rng.choice(next(names for s, _, names in D.SECTOR_NAMES if s == sector))
    brand = rng.choice(D.BRANDS) + rng.choice(D.BRANDS)
    name = (
        f"南京{brand}{suffix}"
        if suffix.endswith("公司")
        else f"{D.DISTRICT_NAMES[district]}{place}{brand}{suffix}"
    )
    # Most units are supervised by the district bureau; a share by the street that was empowered.
    agency = agencies[street_code] if rng.random() < 0.15 else agencies[district]
    # "X" in the organisation-code part keeps bulk rows apart from the demo set.
    org = ("X" + _org_code(index)[1:]) if bulk else ("M" + _org_code(index + 1000)[1:])
    person = rng.choice(D.SURNAMES) + rng.choice(D.GIVEN)
    risk = rng.choices(["major", "high", "general", "low"], weights=[1, 3, 8, 6])[0]
    if sector in ("hazchem", "fireworks", "mining") and risk == "low":
        risk = "general"
    return {
        "name": name,
        "credit_code": make_credit_code(f"91{district}{org}"),
        "sector": sector,
        "scale": rng.choices(["large", "medium", "small", "micro"], weights=[1, 3, 8, 5])[0],
        "address": f"南京市{D.DISTRICT_NAMES[district]}{place}{'街道' if street_code[6] == '0' else '镇'}{rng.choice(D.ROADS[district])}{rng.randint(1, 999)}号",
        "region_code": street_code,
        "agency": agency,
        "risk_class": risk,
        "is_key": risk in ("major", "high") or (sector == "hazchem" and rng.random() < 0.5),
        "standardization_level": rng.choices(
            ["none", "level1", "level2", "level3", "small"], weights=[4, 1, 2, 5, 3]
        )[0],
        "credit_status": rng.choices(["normal", "watch", "dishonest"], weights=[30, 3, 1])[0],
        "legal_representative": person,
        "main_person": person,
        "contact_name": rng.choice(D.SURNAMES) + rng.choice(D.GIVEN),
        "contact_phone": f"025-5{rng.randint(1000000, 9999999)}",
        "employees": rng.randint(3, 1200),
    }


def _seed_enterprises(admin: User, agencies: dict[str, Agency]) -> int:
    from .services.enterprises import EnterpriseData, create_enterprise

    rows = [enterprise_row(i, agencies, bulk=False) for i in range(DEMO_ENTERPRISES)]
    existing = set(
        Enterprise.objects.filter(credit_code__in=[r["credit_code"] for r in rows]).values_list(
            "credit_code", flat=True
        )
    )
    created = 0
    for row in rows:
        if row["credit_code"] not in existing:
            create_enterprise(EnterpriseData(**row), actor=admin)
            created += 1
    return created


def seed_bulk_enterprises(total: int, agencies: dict[str, Agency] | None = None) -> int:
    """Insert up to ``total`` bulk enterprises (index 0..total-1) with bulk_create; resumable, idempotent."""
    if agencies is None:
        agencies = {a.code: a for a in Agency.objects.all()}
    before = Enterprise.objects.count()
    for start in range(0, total, BULK_BATCH):
        batch = [
            Enterprise(**enterprise_row(i, agencies, bulk=True))
            for i in range(start, min(total, start + BULK_BATCH))
        ]
        Enterprise.objects.bulk_create(batch, ignore_conflicts=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_enterprise")
    return Enterprise.objects.count() - before
