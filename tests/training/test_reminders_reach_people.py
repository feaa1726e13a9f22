"""Reminders that reach people in the demo: the daily jobs run when ``make demo`` starts (and beat keeps
them daily), so ``expired`` finds the certificate notice and the badge; a person who may not enforce is
told why, what to do and whom to ask; a training-hours shortfall is highlighted on their page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from enforcement.core.management.commands.run_daily_jobs import daily_jobs
from enforcement.core.models import Notification
from training import rules
from training.demo import seed_training

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_runs_the_daily_jobs_after_seeding_and_before_serving():
    script = (ROOT / "scripts" / "demo.sh").read_text()
    seed, daily, serve = (
        script.index("manage.py seed_demo"),
        script.index("manage.py run_daily_jobs"),
        script.index("manage.py runserver"),
    )
    assert seed < daily < serve
    assert "celery -A enforcement beat" in script


def test_daily_jobs_are_the_beat_schedule_in_time_order():
    assert [task for _, task in daily_jobs()] == [
        "enforcement.core.tasks.check_calendar_coverage_task",
        "training.tasks.open_training_hours_deadlines_task",
        "enforcement.core.tasks.run_app_daily_jobs_task",
        "supervision.tasks.escalate_rectifications_task",
        "enforcement.core.tasks.scan_deadlines_task",
    ]
    # the yearly statistics report (25 January) is beat's, never a daily job
    assert "supervision.tasks.schedule_annual_reports_task" not in [task for _, task in daily_jobs()]
    # beat keeps them daily
    schedule = settings.CELERY_BEAT_SCHEDULE["scan-deadlines-daily"]["schedule"]
    assert (schedule.hour, schedule.minute) == ({7}, {0})


@pytest.mark.django_db
def test_expired_finds_the_certificate_notice_and_the_badge(client, personas, work_calendar):
    seed_training()
    call_command("run_daily_jobs")
    titles = list(Notification.objects.filter(recipient=personas.expired).values_list("title", flat=True))
    assert any(t.startswith("期限已逾期：") and "执法证" in t and "到期" in t for t in titles), titles
    sent = Notification.objects.count()
    call_command("run_daily_jobs")  # idempotent: a restarted demo sends nothing twice
    assert Notification.objects.count() == sent
    client.force_login(personas.expired)
    html = client.get("/").content.decode()
    unread = Notification.objects.filter(recipient=personas.expired, read_at__isnull=True).count()
    assert unread == len(titles) >= 1
    assert f'<span class="badge text-bg-danger" id="unread-count">{unread}</span>' in html
    assert "期限已逾期：" in html


@pytest.mark.django_db
def test_a_person_who_may_not_enforce_is_told_why_what_to_do_and_whom_to_ask(client, personas):
    seed_training()
    client.force_login(personas.expired)
    for url in ("/", f"/training/officers/{personas.expired.pk}/"):
        html = client.get(url).content.decode()
        assert 'id="may-not-enforce"' in html, url
        assert "过期</strong>。执法证已过有效期，不能执法或出示：请尽快申请换发新证" in html, url
        assert "请联系：陈管理（系统管理员 · 南京市应急管理局" in html, url
    client.force_login(personas.assistant)
    html = client.get("/").content.decode()
    assert "<strong>辅助人员不得独立执法</strong>。辅助人员可以协助执法人员开展工作" in html
    assert "<strong>无执法证</strong>。参加行政执法资格考试合格后" in html
    assert "请联系：陈管理" in html
    client.force_login(personas.officer1)  # may enforce, hours complete: no advice, nobody to call
    html = client.get("/").content.decode()
    assert 'id="may-not-enforce"' not in html and 'id="whom-to-ask"' not in html
    assert 'id="hours-shortfall"' not in html


@pytest.mark.django_db
def test_training_hours_shortfall_is_highlighted_on_their_page(client, personas):
    seed_training()
    today = timezone.localdate()
    client.force_login(personas.officer2)  # 16 of 60 hours this year (demo data)
    for url in (f"/training/officers/{personas.officer2.pk}/", "/"):
        html = client.get(url).content.decode()
        assert 'id="hours-shortfall"' in html, url
        assert (
            f"{today.year}年度培训学时不足：</strong>已完成 16 学时，要求 60 学时，<strong>尚差 44 学时</strong>"
            in html
        )
        assert f"须在 {today.year}年12月31日前补足" in html
    html = client.get(f"/training/officers/{personas.officer2.pk}/").content.decode()
    assert ">尚差 44 学时</span>" in html
    # Their head sees the same highlight on the officer's page; an officer of another district gets no page.
    client.force_login(personas.head)
    assert (
        'id="hours-shortfall"' in client.get(f"/training/officers/{personas.officer2.pk}/").content.decode()
    )
    client.force_login(personas.officer_other)
    page = client.get(f"/training/officers/{personas.officer2.pk}/")
    assert page.status_code == 404 or 'id="hours-shortfall"' not in page.content.decode()


@pytest.mark.parametrize(
    ("reason", "start"),
    [
        (rules.REASON_INACTIVE, "账号停用期间"),
        (rules.REASON_NO_AGENCY, "请系统管理员为您的账号分配"),
        (rules.REASON_ASSISTANT, "辅助人员可以协助"),
        (rules.REASON_NO_CERTIFICATE, "参加行政执法资格考试合格后"),
        (rules.REASON_APPLIED, "执法证核发后即可执法"),
        ("执法证已于2026-01-02收回", "执法证被收回后"),
        ("执法证已于2026-01-02注销", "执法证已注销"),
        ("执法证暂扣中（至2026-09-01）", "暂扣期间不能执法"),
        ("执法证暂扣中（暂扣期限2026-09-01已届满，待解除暂扣）", "暂扣期限已届满"),
        ("执法证尚未生效（2026-09-01起有效）", "执法证自生效之日起"),
        ("执法证已于2026-06-30过期", "执法证已过有效期"),
        ("年审逾期（2025年度年审应于2025-12-31前完成）", "请尽快完成执法证年度审验"),
        (
            "执法证执法范围不含该事项（执法类别：检查；事项：YJ-CF-099 某事项）",
            "该事项请由执法范围覆盖的同事承办",
        ),
        ("所在机构无此事项执法权限（无授权）", "该事项不属本单位职权"),
        ("某个新原因", "请联系本单位系统管理员核实"),
    ],
)
def test_every_may_enforce_reason_has_advice(reason, start):
    """行政处罚法 Art 42 / 安全生产法 Art 67: the reasons of evaluate_may_enforce, each with what to do."""
    assert rules.enforcement_advice(reason).startswith(start)


def test_reasons_from_the_rules_all_get_specific_advice():
    on = dt.date(2026, 6, 1)
    facts = rules.OfficerFacts(
        is_active=False, has_agency=False, is_assistant=True, certificate=None, review_due=(12, 31)
    )
    verdict = rules.evaluate_may_enforce(facts, on)
    assert verdict.reasons and all(
        rules.enforcement_advice(r) != rules.ADVICE_DEFAULT for r in verdict.reasons
    )
