"""期限计算器 page and the 工作日历 maintenance page: access, htmx result, admin-only forms."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from enforcement.core.models import AuditEvent, CalendarDay, CalendarYear
from enforcement.core.services.calendar_coverage import seed_calendar_years

PERSONAS = [
    "admin", "cityadmin", "supervisor", "head", "officer1", "officer2",
    "reviewer", "assistant", "expired", "officer_other", "head_b",
]  # fmt: skip
NON_ADMINS = [p for p in PERSONAS if p not in ("admin", "cityadmin")]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_anonymous_is_sent_to_login() -> None:
    for url in ("/calendar/", "/calendar/days/"):
        response = Client().get(url)
        assert (response.status_code, response["Location"]) == (302, f"/accounts/login/?next={url}")


def test_every_persona_sees_the_calculator_and_the_calendar(personas) -> None:
    seed_calendar_years([2025])
    for name in PERSONAS:
        client = _client(getattr(personas, name))
        assert client.get("/calendar/").status_code == 200, name
        page = client.get("/calendar/days/?year=2025")
        assert page.status_code == 200, name
        html = page.content.decode()
        assert "2025-10-08" in html
        assert ('id="enter-year"' in html) is (name in ("admin", "cityadmin"))


def test_calculator_default_start_is_the_beijing_date(personas) -> None:
    """At 2026-03-01 23:30 UTC the form's default start date is 2026-03-02 (Beijing)."""
    with time_machine.travel(dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC), tick=False):
        html = _client(personas.officer1).get("/calendar/").content.decode()
    assert 'name="start" value="2026-03-02"' in html


def test_htmx_result_shows_due_date_basis_and_skipped_holidays(personas) -> None:
    seed_calendar_years([2025])
    response = _client(personas.officer1).get(
        "/calendar/", {"start": "2025-09-26", "days": "3", "kind": "working"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html  # partial only
    # Sun 09-28 (make-up, 1), Mon 29 (2), Tue 30 (3)
    assert (
        '<p class="display-6 mb-2" id="due-date">2025-09-30 <small class="fs-5 text-muted">星期二</small></p>'
        in html
    )
    assert "自2025-09-26次日起算第3个工作日" in html
    assert 'id="skipped-holidays"' not in html
    response = _client(personas.officer1).get(
        "/calendar/", {"start": "2025-09-30", "days": "3", "kind": "working"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "2025-10-11" in html
    assert html.count("国庆节</li>") == 5 and "2025-10-06</span> 中秋节</li>" in html
    assert 'id="provisional-warning"' not in html


def test_calculator_page_shows_provisional_warning_and_errors(personas) -> None:
    seed_calendar_years([2026])
    html = (
        _client(personas.officer1)
        .get("/calendar/", {"start": "2026-12-30", "days": "3", "kind": "working"})
        .content.decode()
    )
    assert "2027-01-04" in html and 'id="provisional-warning"' in html
    html = _client(personas.officer1).get("/calendar/", {"start": "2026-12-30", "days": "x"}).content.decode()
    assert 'id="calc-errors"' in html


def test_non_admins_get_403_in_chinese_and_nothing_changes(personas) -> None:
    seed_calendar_years([2025])
    events = AuditEvent.objects.count()
    days = list(CalendarDay.objects.values_list("date", "kind"))
    for name in NON_ADMINS:
        client = _client(getattr(personas, name))
        for url, data in (
            ("/calendar/days/enter-year/", {"year": "2027", "basis": "通知", "holidays": "2027-01-01"}),
            ("/calendar/days/set/", {"date": "2025-03-03", "kind": "holiday", "name": "x"}),
            ("/calendar/days/remove/", {"date": "2025-10-08"}),
        ):
            response = client.post(url, data)
            assert response.status_code == 403, (name, url)
            assert "只有系统管理员可以维护工作日历" in response.content.decode()
    assert list(CalendarDay.objects.values_list("date", "kind")) == days
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2025]
    assert AuditEvent.objects.count() == events


def test_admin_enters_a_year_by_pasting_dates(personas) -> None:
    client = _client(personas.cityadmin)
    response = client.post(
        "/calendar/days/enter-year/",
        {
            "year": "2027",
            "basis": "国办发明电〔2026〕测试号",
            "holidays": "2027-01-01 元旦\n2027-10-01~2027-10-07 国庆节",
            "workdays": "2027-10-09 国庆节",
        },
    )
    assert (response.status_code, response["Location"]) == (302, "/calendar/days/?year=2027")
    # Oct 2–3 are a weekend: a rest day anyway, not stored
    assert list(CalendarDay.objects.values_list("date", "kind", "name")) == [
        (dt.date(2027, 1, 1), "holiday", "元旦"),
        (dt.date(2027, 10, 1), "holiday", "国庆节"),
        (dt.date(2027, 10, 4), "holiday", "国庆节"),
        (dt.date(2027, 10, 5), "holiday", "国庆节"),
        (dt.date(2027, 10, 6), "holiday", "国庆节"),
        (dt.date(2027, 10, 7), "holiday", "国庆节"),
        (dt.date(2027, 10, 9), "workday", "国庆节"),
    ]
    assert list(AuditEvent.objects.values_list("action", "actor__username")) == [
        ("calendar.enter_year", "cityadmin")
    ]
    page = client.get("/calendar/days/?year=2027").content.decode()
    assert "已录入2027年节假日安排；0个临时期限的届满日已重新计算。" in page


def test_admin_sees_refusal_message_for_bad_paste(personas) -> None:
    client = _client(personas.admin)
    response = client.post(
        "/calendar/days/enter-year/", {"year": "2027", "basis": "通知", "holidays": "2027-02-30"}, follow=True
    )
    assert "录入失败——法定节假日（放假日期）：日期不存在：2027-02-30" in response.content.decode()
    response = client.post(
        "/calendar/days/enter-year/",
        {"year": "2027", "basis": "通知", "holidays": "2027-01-01", "workdays": "2027-01-04"},
        follow=True,
    )
    assert "调休上班日应为周六或周日：2027-01-04" in response.content.decode()
    assert CalendarYear.objects.count() == 0


def test_admin_adds_and_removes_a_day(personas) -> None:
    seed_calendar_years([2025])
    client = _client(personas.admin)
    response = client.post("/calendar/days/set/", {"date": "2025-03-03", "kind": "holiday", "name": "测试"})
    assert response["Location"] == "/calendar/days/?year=2025"
    assert CalendarDay.objects.get(date=dt.date(2025, 3, 3)).name == "测试"
    client.post("/calendar/days/remove/", {"date": "2025-03-03"})
    assert not CalendarDay.objects.filter(date=dt.date(2025, 3, 3)).exists()
    assert list(AuditEvent.objects.filter(seq__gt=1).values_list("action", flat=True)) == [
        "calendar.update",
        "calendar.remove_day",
    ]


def test_days_page_query_count(personas, django_assert_num_queries) -> None:
    seed_calendar_years([2025, 2026])
    client = _client(personas.cityadmin)
    client.get("/calendar/days/?year=2025")  # warm up
    # session, user with its agency (navbar), years, days, roles, coverage check, unread badge
    with django_assert_num_queries(7):
        response = client.get("/calendar/days/?year=2025")
    assert response.status_code == 200


def test_banner_on_dashboard_and_calendar_page_for_admins_only(personas) -> None:
    seed_calendar_years([2026])
    with time_machine.travel(dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)):
        for name, shown in (("cityadmin", True), ("admin", True), ("officer1", False), ("supervisor", False)):
            client = _client(getattr(personas, name))
            for url in ("/", "/calendar/"):
                html = client.get(url).content.decode()
                assert ('id="calendar-coverage-warning"' in html) is shown, (name, url)
                if shown:
                    assert "2027年的法定节假日和调休安排尚未录入" in html
    with time_machine.travel(dt.datetime(2026, 9, 30, 2, 0, tzinfo=dt.UTC)):
        html = _client(personas.cityadmin).get("/").content.decode()
        assert 'id="calendar-coverage-warning"' not in html


def test_django_admin_lists_calendar_read_only(personas) -> None:
    seed_calendar_years([2025])
    client = _client(personas.admin)
    page = client.get("/admin/core/calendarday/")
    assert page.status_code == 200
    assert "/calendar/days/" in page.content.decode()
    assert client.get("/admin/core/calendarday/add/").status_code == 403
    assert client.get("/admin/core/calendaryear/").status_code == 200


def test_seed_calendar_command_is_idempotent(db) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("seed_calendar", "--year", "2025", "--year", "2026", stdout=out)
    call_command("seed_calendar", "--year", "2026", stdout=out)
    assert out.getvalue().splitlines() == [
        "已导入 2 个年度：2025, 2026",
        "chinesecalendar 数据范围：2004—2026年；此后的年度请在 /calendar/days/ 录入",
        "无需导入：所选年度均已录入",
        "chinesecalendar 数据范围：2004—2026年；此后的年度请在 /calendar/days/ 录入",
    ]
    assert list(CalendarYear.objects.values_list("year", flat=True)) == [2025, 2026]


def test_result_names_the_makeup_workdays_it_counted(personas) -> None:
    """2025-09-26 + 3 working days counts Sunday 09-28, a 调休上班日 of the 2025 国庆/中秋 schedule."""
    seed_calendar_years([2025])
    html = (
        _client(personas.officer1)
        .get("/calendar/", {"start": "2025-09-26", "days": "3", "kind": "working"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'id="makeup-workdays"' in html
    assert '<li><span class="text-date">2025-09-28</span> 星期日' in html
    assert html.count("（调休上班，计为工作日）</li>") == 1
    plain = (
        _client(personas.officer1)
        .get("/calendar/", {"start": "2025-03-03", "days": "3", "kind": "working"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert 'id="makeup-workdays"' not in plain
