"""Demo data of the training app: personas' certificates, training and qualifications (through the
services), plus optional bulk officers for benchmarks (bulk inserts, OPS-NOTES)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.bulk import say
from enforcement.core.models import Agency, User

from . import rules, services
from .choices import (
    CertificateAction,
    CertificateStatus,
    QualificationKind,
    ReviewResult,
    TrainingKind,
    TrainingResult,
)
from .models import (
    AnnualReview,
    Certificate,
    CertificateEvent,
    OfficerProfile,
    ProfessionalQualification,
    TrainingRecord,
)

CERTIFIED = ["officer1", "officer2", "head", "reviewer", "supervisor", "cityadmin", "officer_other", "head_b"]
# certified personas whose certificate runs out soon (the "90日内到期" figure and the expiry reminders)
EXPIRING_IN_DAYS = {"head_b": 60}
# hours recorded this year per persona: officer2 and expired stay below the requirement on purpose
HOURS_THIS_YEAR = {
    "officer1": 64,
    "officer2": 16,
    "head": 60,
    "reviewer": 64,
    "supervisor": 60,
    "cityadmin": 60,
    "expired": 8,
}
RELATED_EDUCATION = {
    "officer1": ("bachelor", "安全工程"),
    "reviewer": ("master", "法学"),
    "supervisor": ("bachelor", "化学工程"),
}
PROFILE_POSTS = {"assistant": "辅助执法（安监员）", "reviewer": "法制审核岗", "head": "分管执法负责人"}
BULK_PREFIX = "bulk_officer_"


def seed_training(*, scale: int = 0, stdout: Any = None) -> None:
    """Give the demo personas certificates and training (idempotent; missing personas are skipped)."""
    actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if actor is None:
        say(stdout, "  training: no superuser yet, skipped")
        return
    today = timezone.localdate()
    people = {
        u.username: u
        for u in User.objects.filter(username__in=[*CERTIFIED, "expired", "assistant"]).select_related(
            "agency"
        )
    }
    with transaction.atomic():
        _seed_requirement(people, actor, today)
        for username in CERTIFIED:
            user = people.get(username)
            if user is not None and user.agency_id and not Certificate.objects.filter(holder=user).exists():
                issued_on = dt.date(today.year - 2, 3, 1)
                if username in EXPIRING_IN_DAYS:  # still valid today, inside the dashboard's 90-day window
                    expires = today + dt.timedelta(days=EXPIRING_IN_DAYS[username])
                    issued_on = rules.add_years(
                        expires + dt.timedelta(days=1), -rules.CERTIFICATE_VALIDITY_YEARS
                    )
                _certify(user, actor, issued_on=issued_on, today=today)
        expired = people.get("expired")
        if (
            expired is not None
            and expired.agency_id
            and not Certificate.objects.filter(holder=expired).exists()
        ):
            expires = dt.date(2026, 6, 30) if today > dt.date(2026, 6, 30) else today - dt.timedelta(days=1)
            issued = rules.add_years(expires + dt.timedelta(days=1), -rules.CERTIFICATE_VALIDITY_YEARS)
            _certify(expired, actor, issued_on=issued, today=today, expires_on=expires)
        assistant = people.get("assistant")
        if assistant is not None:
            group, _ = Group.objects.get_or_create(name=roles.ASSISTANT)
            assistant.groups.add(group)
        for user in people.values():
            if user.agency_id:
                _seed_person(user, actor, today)
    if scale > 0:
        created = bulk_officers(scale * 100)
        say(stdout, f"  training: {created} bulk officers")


def _seed_requirement(people: dict[str, User], actor: User, today: dt.date) -> None:
    city_admin = people.get("cityadmin")
    if city_admin is None or city_admin.agency is None:
        return
    from .models import TrainingRequirement

    if TrainingRequirement.objects.filter(agency=city_admin.agency).exists():
        return
    services.set_training_requirement(
        city_admin.agency,
        actor=actor,
        from_year=2024,
        annual_hours=Decimal("60"),
        rotation_start=dt.date(2024, 1, 1),
        rotation_deadline=dt.date(2024, 6, 30),
        basis="南京市：2024年6月底前完成执法人员全员轮训（种子文件）；年度学时为演示配置（待核实）",
    )


def _certify(
    user: User, actor: User, *, issued_on: dt.date, today: dt.date, expires_on: dt.date | None = None
) -> None:
    cert = services.apply_certificate(user, actor=actor, applied_on=issued_on - dt.timedelta(days=45))
    services.record_training(
        user,
        actor=actor,
        kind=TrainingKind.QUALIFICATION_EXAM,
        title="江苏省行政执法资格考试",
        start_on=issued_on - dt.timedelta(days=20),
        hours=Decimal("0"),
        result=TrainingResult.PASSED,
        score=Decimal("85"),
    )
    cert = services.issue_certificate(
        cert,
        actor=actor,
        number=f"32{user.agency.code[:4] if user.agency else '0000'}{issued_on.year}{user.pk:05d}",
        issuing_authority="江苏省人民政府",
        issued_on=issued_on,
        expires_on=expires_on,
    )
    assert cert.expires_on is not None
    for year in range(issued_on.year + 1, today.year):
        reviewed_on = dt.date(year, 11, 20)
        if reviewed_on > cert.expires_on or reviewed_on > today:
            break
        services.record_annual_review(
            cert, actor=actor, year=year, result=ReviewResult.PASSED, reviewed_on=reviewed_on
        )


def _seed_person(user: User, actor: User, today: dt.date) -> None:
    trained = (
        TrainingRecord.objects.filter(officer=user).exclude(kind=TrainingKind.QUALIFICATION_EXAM).exists()
    )
    hours = HOURS_THIS_YEAR.get(user.username)
    if hours and not trained:
        first = min(hours, 24)
        services.record_training(
            user,
            actor=actor,
            kind=TrainingKind.LEGAL,
            title="行政处罚法与安全生产法专题培训",
            start_on=dt.date(today.year, 3, 18),
            hours=Decimal(first),
            result=TrainingResult.PASSED,
            score=Decimal("90"),
        )
        if hours > first:
            services.record_training(
                user,
                actor=actor,
                kind=TrainingKind.SKILLS,
                title="危险化学品执法检查实务",
                start_on=dt.date(today.year, 5, 12),
                hours=Decimal(hours - first),
                result=TrainingResult.PASSED,
            )
    if not trained and user.username in CERTIFIED and user.username != "cityadmin":
        services.record_training(
            user,
            actor=actor,
            kind=TrainingKind.ROTATION,
            title="南京市应急管理综合行政执法全员轮训",
            start_on=dt.date(2024, 5, 20),
            hours=Decimal("32"),
            result=TrainingResult.PASSED,
        )
    has_profile = OfficerProfile.objects.filter(user=user).exists()
    if not has_profile and (user.username in RELATED_EDUCATION or user.username in PROFILE_POSTS):
        level, major = RELATED_EDUCATION.get(user.username, ("junior_college", ""))
        services.update_officer_profile(
            user,
            actor=actor,
            post=PROFILE_POSTS.get(user.username, "执法岗"),
            education_level=level,
            education_major=major,
            education_related=user.username in RELATED_EDUCATION,
        )
    if ProfessionalQualification.objects.filter(officer=user).exists():
        return
    if user.username == "reviewer":
        services.add_qualification(
            user,
            actor=actor,
            kind=QualificationKind.LEGAL,
            certificate_no="A20193201000123",
            obtained_on=dt.date(2019, 12, 20),
        )
    if user.username == "head":
        services.add_qualification(
            user,
            actor=actor,
            kind=QualificationKind.SAFETY_ENGINEER,
            certificate_no="0032018001234",
            obtained_on=dt.date(2018, 9, 1),
        )


def bulk_officers(count: int, *, seed: int = 20260101, today: dt.date | None = None) -> int:
    """Insert up to ``count`` synthetic officers (idempotent by username) spread over the agency tree,
    with certificates, reviews, training and qualifications in realistic proportions. Bulk inserts only."""
    today = today or timezone.localdate()
    agencies = list(Agency.objects.all())
    if not agencies:
        return 0
    existing = User.objects.filter(username__startswith=BULK_PREFIX).count()
    if existing >= count:
        return 0
    rng = random.Random(seed + existing)
    officer_group, _ = Group.objects.get_or_create(name=roles.OFFICER)
    new_users = [
        User(
            username=f"{BULK_PREFIX}{i:06d}",
            real_name=f"执法员{i:06d}",
            agency=agencies[i % len(agencies)],
            password="!",  # unusable
        )
        for i in range(existing, count)
    ]
    with transaction.atomic():
        users = User.objects.bulk_create(new_users, batch_size=2000)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=officer_group.pk) for u in users], batch_size=5000
        )
        certs, records, quals, profiles = [], [], [], []
        for u in users:
            roll = rng.random()
            if roll < 0.02:
                pass  # no certificate
            else:
                if roll < 0.07:
                    expires = today + dt.timedelta(days=rng.randint(0, 90))
                elif roll < 0.12:
                    expires = today - dt.timedelta(days=rng.randint(1, 400))
                else:
                    expires = today + dt.timedelta(days=rng.randint(91, 1700))
                issued = rules.add_years(expires + dt.timedelta(days=1), -5)
                status = CertificateStatus.SUSPENDED if 0.12 <= roll < 0.15 else CertificateStatus.ISSUED
                certs.append(
                    Certificate(
                        holder_id=u.pk,
                        agency=u.agency,
                        number=f"B{u.pk:09d}",
                        issuing_authority="江苏省人民政府",
                        status=status,
                        applied_on=issued,
                        issued_on=issued,
                        expires_on=expires,
                        status_changed_on=issued,
                        suspended_from=issued if status == CertificateStatus.SUSPENDED else None,
                        status_reason="执法不规范" if status == CertificateStatus.SUSPENDED else "",
                    )
                )
            for _ in range(rng.randint(0, 4)):
                records.append(
                    TrainingRecord(
                        officer_id=u.pk,
                        agency=u.agency,
                        kind=rng.choice([TrainingKind.LEGAL, TrainingKind.SKILLS, TrainingKind.DRILL]),
                        title="年度业务培训",
                        start_on=dt.date(today.year, rng.randint(1, 10), rng.randint(1, 28)),
                        hours=Decimal(rng.choice([8, 16, 24])),
                        result=rng.choice(
                            [TrainingResult.PASSED, TrainingResult.ATTENDED, TrainingResult.FAILED]
                        ),
                    )
                )
            if rng.random() < 0.7:
                records.append(
                    TrainingRecord(
                        officer_id=u.pk,
                        agency=u.agency,
                        kind=TrainingKind.ROTATION,
                        title="全员轮训",
                        start_on=dt.date(2024, rng.randint(1, 6), 15),
                        hours=Decimal("32"),
                        result=TrainingResult.PASSED,
                    )
                )
            if rng.random() < 0.2:
                quals.append(
                    ProfessionalQualification(
                        officer_id=u.pk,
                        agency=u.agency,
                        kind=QualificationKind.SAFETY_ENGINEER,
                        obtained_on=dt.date(2018, 1, 1),
                        certificate_no=f"Q{u.pk:08d}",
                    )
                )
            profiles.append(OfficerProfile(user_id=u.pk, post="执法岗", education_related=rng.random() < 0.6))
        Certificate.objects.bulk_create(certs, batch_size=2000)
        issued_certs = Certificate.objects.filter(
            holder__in=users, status=CertificateStatus.ISSUED
        ).values_list("pk", "issued_on")
        AnnualReview.objects.bulk_create(
            [
                AnnualReview(
                    certificate_id=pk,
                    year=today.year - 1,
                    result=ReviewResult.PASSED,
                    reviewed_on=dt.date(today.year - 1, 11, 1),
                )
                for pk, issued_on in issued_certs
                if issued_on is not None and issued_on.year < today.year - 1 and rng.random() < 0.92
            ],
            batch_size=5000,
        )
        CertificateEvent.objects.bulk_create(
            [
                CertificateEvent(
                    certificate=c,
                    action=CertificateAction.ISSUE,
                    from_status=CertificateStatus.APPLIED,
                    to_status=c.status,
                    on_date=c.issued_on or today,
                    reason="批量演示数据",
                )
                for c in certs
            ],
            batch_size=5000,
        )
        TrainingRecord.objects.bulk_create(records, batch_size=5000)
        ProfessionalQualification.objects.bulk_create(quals, batch_size=5000)
        OfficerProfile.objects.bulk_create(profiles, batch_size=5000)
    return len(users)
