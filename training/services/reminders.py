"""Deadlines (期限) the training app opens on certificates and officers; core's daily scan sends the
reminders at the stages of each kind's ``reminder_days`` to the responsible users."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from enforcement.core import roles
from enforcement.core.models import DayType, Deadline, DeadlineStatus, User
from enforcement.core.registry import DeadlineKind
from enforcement.core.services.deadlines import close_deadline, close_deadlines, open_deadline

from .. import rules
from ..models import Certificate

KIND_CERT_EXPIRY = "training.cert_expiry"
KIND_ANNUAL_REVIEW = "training.annual_review"
KIND_TRAINING_HOURS = "training.hours"

DEADLINE_KINDS = (
    DeadlineKind(
        KIND_CERT_EXPIRY,
        "执法证到期",
        "江苏省行政执法证件管理办法（有效期5年）",
        reminder_days=(90, 30, 7),
    ),
    DeadlineKind(
        KIND_ANNUAL_REVIEW, "执法证年审", "执法证件年度审验（程序待核实）", reminder_days=(30, 7, 0)
    ),
    DeadlineKind(
        KIND_TRAINING_HOURS, "年度培训学时", "年度培训要求（学时待核实）", reminder_days=(60, 30, 7)
    ),
)


def responsible_for(holder: User) -> list[User]:
    """The officer plus the 系统管理员 of their agency — or of the nearest ancestor that has one."""
    people: list[User] = [holder]
    if holder.agency_id is None:
        return people
    ancestors = holder.agency.ancestor_ids() if holder.agency else []
    admins = list(
        User.objects.filter(
            is_active=True, agency_id__in=ancestors, groups__name=roles.AGENCY_ADMIN
        ).select_related("agency")
    )
    if admins:
        depth = max(len(a.agency.path) for a in admins if a.agency)
        people += [a for a in admins if a.agency and len(a.agency.path) == depth and a.pk != holder.pk]
    return people


def open_expiry_deadline(cert: Certificate, *, actor: Any) -> Deadline | None:
    if cert.expires_on is None:
        return None
    return open_deadline(
        subject=cert,
        kind=KIND_CERT_EXPIRY,
        title=f"{cert.holder.display_name}的执法证（{cert.number}）到期",
        agency_id=cert.agency_id,
        due_date=cert.expires_on,
        start_date=cert.issued_on,
        day_type=DayType.FIXED,
        basis=DEADLINE_KINDS[0].basis,
        responsible=responsible_for(cert.holder),
        actor=actor,
    )


def open_review_deadline(
    cert: Certificate, reviewed_years: set[int], review_due: tuple[int, int], *, actor: Any
) -> Deadline | None:
    """Open the deadline for the next review year the certificate owes, unless it falls after expiry."""
    if cert.issued_on is None or cert.expires_on is None:
        return None
    year = rules.next_review_year(cert.issued_on, reviewed_years)
    due = rules.review_due_date(year, review_due)
    if due > cert.expires_on:
        return None
    return open_deadline(
        subject=cert,
        kind=KIND_ANNUAL_REVIEW,
        title=f"{cert.holder.display_name}的执法证{year}年度年审",
        agency_id=cert.agency_id,
        due_date=due,
        start_date=dt.date(year, 1, 1),
        day_type=DayType.FIXED,
        basis=DEADLINE_KINDS[1].basis,
        responsible=responsible_for(cert.holder),
        actor=actor,
    )


def close_certificate_deadlines(
    cert: Certificate, *, status: str, actor: Any, kinds: tuple[str, ...] | None = None
) -> None:
    for kind in kinds or (KIND_CERT_EXPIRY, KIND_ANNUAL_REVIEW):
        close_deadlines(subject=cert, kind=kind, status=status, actor=actor)


def open_hours_deadline(officer: User, year: int, required: str, *, actor: Any = None) -> Deadline:
    return open_deadline(
        subject=officer,
        kind=KIND_TRAINING_HOURS,
        title=f"{officer.display_name} {year}年度培训须满{required}学时",
        agency_id=officer.agency_id,  # type: ignore[arg-type]  # callers only pass officers with an agency
        due_date=dt.date(year, 12, 31),
        start_date=dt.date(year, 1, 1),
        day_type=DayType.FIXED,
        basis=DEADLINE_KINDS[2].basis,
        responsible=responsible_for(officer),
        actor=actor,
    )


def close_hours_deadlines(officer: User, year: int, *, status: str, actor: Any = None) -> int:
    """Close the officer's running hours deadline for ``year`` (met or waived); returns how many."""
    with transaction.atomic():
        running = list(
            Deadline.objects.select_for_update()
            .filter(
                content_type=ContentType.objects.get_for_model(User),
                kind=KIND_TRAINING_HOURS,
                object_id=officer.pk,
                due_date=dt.date(year, 12, 31),
            )
            .open()
        )
        for deadline in running:
            close_deadline(deadline, status=status, actor=actor)
    return len(running)


def close_hours_deadline_if_met(officer: User, year: int, hours: Any, required: Any, *, actor: Any) -> None:
    """Close the officer's running hours deadline for ``year`` once the year's hours reach the requirement."""
    if hours >= required:
        close_hours_deadlines(officer, year, status=DeadlineStatus.MET, actor=actor)
