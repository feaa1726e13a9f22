"""Accessibility and plain language over the main pages, for every persona (headless Chromium).

axe-core (vendored in tests/browser/vendor, used by the tests only) runs on each page of ``PAGES``:
no serious or critical violation, colour contrast included. On the same visit, a page seen by a
non-administrator must not show maintainers' words (spec §, CONTRACT, 开发者, ✅, ◐) nor a
character the bundled fonts cannot draw. One browser context per persona, logged in by session
cookie, keeps the run short.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from discretion.models import BenchmarkVersion, Violation
from discretion.services import load_seed_benchmark
from enforcement.core.services.audit import record_event
from enforcement.core.services.audit_runs import run_verification, start_verification
from enforcement.core.services.calendar_coverage import seed_calendar_years
from tests.factories import EnforcementItemFactory, EnterpriseFactory
from tests.support.visible_text import banned_words, missing_glyphs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-4.14.1.min.js").read_text()
ADMINISTRATORS = {"admin", "cityadmin"}
PERSONAS = (
    "admin",
    "cityadmin",
    "supervisor",
    "head",
    "officer1",
    "officer2",
    "reviewer",
    "assistant",
    "expired",
    "officer_other",
    "head_b",
)
# The main pages: every area of the side navigation and the pages an officer works on most.
PAGES = (
    "/",
    "/inbox/",
    "/deadlines/",
    "/calendar/",
    "/calendar/days/?year={year}",
    "/cases/",
    "/cases/new/",
    "/inspections/",
    "/supervision/",
    "/discretion/?q=特种作业",
    "/discretion/violations/{violation}/",
    "/discretion/versions/",
    "/discretion/versions/{version}/",
    "/discretion/versions/compare/?a={reference}&b={version}",
    "/training/",
    "/training/officers/",
    "/enterprises/",
    "/enterprises/{enterprise}/",
    "/catalog/",
    "/catalog/{item}/",
    "/agencies/",
    "/audit/",
    "/audit/verify/{run}/",
    "/training/officers/{me}/",
    "/public/",
    "/public/catalog/",
)
# 系统管理 and the platform admin's own pages: only the personas who may open them.
ADMIN_PAGES = (
    "/sysadmin/",
    "/sysadmin/users/",
    "/sysadmin/users/new/",
    "/sysadmin/users/{officer}/",
    "/sysadmin/agencies/",
    "/sysadmin/agencies/new/",
    "/sysadmin/agencies/{agency}/edit/",
    "/sysadmin/agencies/{agency}/powers/",
    "/agencies/{agency}/numbering/",
)
# Every persona changes their own password.
OWN_PAGES = ("/account/password/",)
PUBLIC_PAGES = ("/accounts/login/", "/public/", "/public/catalog/")


def _world(personas: Any) -> dict[str, Any]:
    load_seed_benchmark()
    year = dt.date.today().year
    seed_calendar_years([year])
    item = EnforcementItemFactory()
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a)
    version = BenchmarkVersion.objects.get(code="YJ-2024-90")
    # The audit page with change tables, and a finished chain verification (the supervisor's).
    with transaction.atomic():
        record_event(
            "enterprise.update",
            actor=personas.officer1,
            obj=enterprise,
            data={"diff": {"name": ["旧名称", enterprise.name], "address": ["", "南京市浦口区"]}},
        )
    run, _ = start_verification(actor=personas.supervisor)
    run_verification(run.pk)
    return {
        "year": year,
        "violation": Violation.objects.get(version=version, code="AQ-097-I7").pk,
        "version": version.pk,
        "reference": BenchmarkVersion.objects.get(code="SX-2021-260").pk,
        "enterprise": enterprise.pk,
        "item": item.pk,
        "run": run.pk,
        "officer": personas.officer1.pk,
        "agency": personas.agencies.district_a.pk,
    }


def _axe_problems(page: Any) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _check(page: Any, who: str, url: str, problems: list[str]) -> None:
    problems += [f"{who} {url} axe {p}" for p in _axe_problems(page)]
    if who not in ADMINISTRATORS:
        text = page.inner_text("body")
        problems += [f"{who} {url} shows {w!r}" for w in banned_words(text)]
        problems += [f"{who} {url} cannot draw {ch!r}" for ch in missing_glyphs(text)]


def test_main_pages_are_accessible_and_plain_for_every_persona(
    live_server: Any, personas: Any, chromium: Any
) -> None:
    world = _world(personas)
    problems: list[str] = []
    for who in (*PERSONAS, "anonymous"):
        context = chromium.new_context(
            viewport={"width": 1024, "height": 768}, locale="zh-CN", bypass_csp=True
        )
        if who != "anonymous":
            client = Client()
            client.force_login(getattr(personas, who))
            host = live_server.url.split("//", 1)[1].split(":")[0]
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "domain": host,
                        "path": "/",
                    }
                ]
            )
        page = context.new_page()
        page.set_default_timeout(15_000)
        if who == "anonymous":
            urls: tuple[str, ...] = PUBLIC_PAGES
        else:
            urls = PAGES + OWN_PAGES + (ADMIN_PAGES if who in ADMINISTRATORS else ())
        for url in urls:
            url = url.format(**world, me=getattr(personas, who).pk if who != "anonymous" else 0)
            page.goto(live_server.url + url)
            if "/discretion/violations/" in url:  # with the calculator's answer on screen
                page.locator("#circ-H-REPEAT").check()
                page.locator("#calculation-result").wait_for(state="visible")
            _check(page, who, url, problems)
        context.close()
    assert problems == [], "\n".join(problems)
