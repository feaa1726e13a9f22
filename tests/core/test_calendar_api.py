"""GET /api/v1/calendar/add/ (CONTRACT.md) and /api/v1/calendar/days/: permissions and exact answers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from rest_framework.test import APIClient

from enforcement.core.models import AuditEvent
from enforcement.core.services.calendar_coverage import seed_calendar_years

PERSONAS = [
    "admin", "cityadmin", "supervisor", "head", "officer1", "officer2",
    "reviewer", "assistant", "expired", "officer_other", "head_b",
]  # fmt: skip

WORKING_BASIS = (
    "行政处罚法第85条、行政强制法第69条：期间以工作日计算，不含法定节假日；开始之日不计入，自次日起算；"
)


@pytest.fixture
def seeded(db: None) -> None:
    seed_calendar_years([2024, 2025, 2026])


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_anonymous_gets_401() -> None:
    for url in (
        "/api/v1/calendar/add/?start=2025-01-24&days=5&kind=working",
        "/api/v1/calendar/days/?year=2025",
    ):
        response = _client().get(url)
        assert response.status_code == 401
        assert response.json() == {"code": "not_authenticated", "detail": "请先登录", "fields": {}}


def test_every_persona_may_use_the_calculator(personas, seeded) -> None:
    """行政处罚法 Art 85: Fri 2025-01-24 + 5 working days over 春节 2025 = Fri 2025-02-07."""
    events = AuditEvent.objects.count()
    for name in PERSONAS:
        response = _client(getattr(personas, name)).get(
            "/api/v1/calendar/add/", {"start": "2025-01-24", "days": "5", "kind": "working"}
        )
        assert response.status_code == 200, name
        assert response.json() == {
            "due": "2025-02-07",
            "provisional": False,
            "basis": WORKING_BASIS + "自2025-01-24次日起算第5个工作日",
        }
    assert AuditEvent.objects.count() == events  # reading changes nothing


@pytest.mark.parametrize(
    ("params", "due", "provisional"),
    [
        # 民事诉讼法 Art 85: 2025-09-16 + 15 = Wed 10-01 (国庆) → Thu 10-09
        ({"start": "2025-09-16", "days": "15", "kind": "calendar"}, "2025-10-09", False),
        # 民法典 Art 202: Jan 31 + 1 month → Feb 28 (2025: Fri); 2026-02-28 is a make-up Saturday
        ({"start": "2025-01-31", "days": "1", "kind": "months"}, "2025-02-28", False),
        ({"start": "2026-01-31", "days": "1", "kind": "months"}, "2026-02-28", False),
        # 民法典 Art 202: 2024-02-29 + 1 year → 2025-02-28
        ({"start": "2024-02-29", "days": "1", "kind": "years"}, "2025-02-28", False),
        # 行政处罚法 Art 64(2), 85: 7 working days before Mon 2025-10-13 → Fri 2025-09-26
        ({"start": "2025-10-13", "days": "-7", "kind": "working"}, "2025-09-26", False),
        # 行政处罚法 Art 85 across 春节 2026: Thu 02-12 → Fri 13, Sat 14 (worked), Tue 24
        ({"start": "2026-02-12", "days": "3", "kind": "working"}, "2026-02-24", False),
        # into 2027 (not entered): Thu 12-31, Fri 01-01 (Mon–Fri), Mon 01-04
        ({"start": "2026-12-30", "days": "3", "kind": "working"}, "2027-01-04", True),
    ],
)
def test_calculator_exact_answers(personas, seeded, params, due, provisional) -> None:
    body = _client(personas.officer1).get("/api/v1/calendar/add/", params).json()
    assert (body["due"], body["provisional"]) == (due, provisional)


def test_calculator_months_basis_text(personas, seeded) -> None:
    body = (
        _client(personas.officer1)
        .get("/api/v1/calendar/add/", {"start": "2025-04-01", "days": "6", "kind": "months"})
        .json()
    )
    assert body == {
        "due": "2025-10-09",
        "provisional": False,
        "basis": "民法典第201—203条：开始的当日不计入；到期月的对应日为期间的最后一日，没有对应日的，月末日为期间的最后一日；"
        "最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日；6个月期间的最后一日为2025-10-01；"
        "最后一日2025-10-01为休息日，顺延至2025-10-09",
    }


def test_calculator_defaults_start_to_beijing_today_and_kind_to_working(personas, seeded) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), tick=False):
        body = _client(personas.officer1).get("/api/v1/calendar/add/", {"days": "0"}).json()
    assert body["due"] == "2026-03-02"


@pytest.mark.parametrize(
    ("params", "code", "detail"),
    [
        (
            {"start": "2025-13-01", "days": "5"},
            "invalid_date",
            "起算日“2025-13-01”格式不正确，应为 YYYY-MM-DD",
        ),
        ({"start": "20250101", "days": "5"}, "invalid_date", "起算日“20250101”格式不正确，应为 YYYY-MM-DD"),
        ({"start": "2025-01-01"}, "missing_days", "缺少期间长度参数 days"),
        ({"start": "2025-01-01", "days": "five"}, "invalid_days", "期间长度“five”应为整数"),
        (
            {"start": "2025-01-01", "days": "5", "kind": "weeks"},
            "invalid_kind",
            "未知的计算方式“weeks”，应为 working（工作日）、calendar（自然日）、months（月）或 years（年）",
        ),
        ({"start": "2025-01-01", "days": "-3661"}, "period_too_long", "期间长度的绝对值不得超过3660工作日"),
        (
            {"start": "2025-01-01", "days": "101", "kind": "years"},
            "period_too_long",
            "期间长度的绝对值不得超过100年",
        ),
        (
            {"start": "9999-12-01", "days": "3", "kind": "months"},
            "date_out_of_range",
            "计算结果超出可表示的日期范围",
        ),
    ],
)
def test_calculator_bad_input_is_400_in_chinese(personas, params, code, detail) -> None:
    response = _client(personas.officer1).get("/api/v1/calendar/add/", params)
    assert response.status_code == 400
    assert (response.json()["code"], response.json()["detail"]) == (code, detail)


def test_calendar_days_list_for_a_year(personas, seeded) -> None:
    for name in ("officer_other", "assistant", "admin"):
        response = _client(getattr(personas, name)).get("/api/v1/calendar/days/", {"year": "2026"})
        assert response.status_code == 200
    body = response.json()
    dates = [(r["date"], r["kind"], r["name"]) for r in body["results"]]
    assert len(dates) == 25  # 19 weekday holidays + 6 make-up workdays
    assert dates[:4] == [
        ("2026-01-01", "holiday", "元旦"),
        ("2026-01-02", "holiday", "元旦"),
        ("2026-01-04", "workday", "元旦"),
        ("2026-02-14", "workday", "春节"),
    ]
    assert body["results"][0]["kind_display"] == "法定节假日（休息）"
    assert body["next"] is None
    bad = _client(personas.officer1).get("/api/v1/calendar/days/", {"year": "abc"})
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid_year")
