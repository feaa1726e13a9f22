"""Officer profile, qualification and training-requirement services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Agency, User
from enforcement.core.services import uploads
from enforcement.core.services.audit import record_event
from enforcement.core.services.uploads import check_upload, stored_file

from ..choices import EducationLevel, QualificationKind
from ..models import OfficerProfile, ProfessionalQualification, TrainingRequirement
from ..permissions import can_manage_agency

NOT_ADMIN = "只有本机构或上级机构的系统管理员可以维护执法人员档案"
PROFILE_FIELDS = (
    "post",
    "education_level",
    "education_major",
    "education_related",
    "first_review_on",
    "remarks",
)


def update_officer_profile(officer: User, *, actor: Any, **changes: Any) -> OfficerProfile:
    """Create or update ``officer``'s profile (post, education …). Only the listed fields may change."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    if "education_level" in changes and changes["education_level"] not in EducationLevel.values:
        raise InvalidInput("无效的学历", fields={"education_level": ["无效的学历"]})
    if not can_manage_agency(actor, officer.agency):
        raise NotAllowed(NOT_ADMIN)
    with transaction.atomic():
        profile, _ = OfficerProfile.objects.get_or_create(user=officer)
        profile = OfficerProfile.objects.select_for_update().get(pk=profile.pk)
        before = {f: getattr(profile, f) for f in changes}
        for name, value in changes.items():
            setattr(profile, name, value)
        profile.save(update_fields=[*changes, "updated_at"])
        record_event(
            "officer.profile_update",
            actor=actor,
            obj=officer,
            agency_id=officer.agency_id,
            data={"before": _plain(before), "after": _plain(changes)},
        )
    return profile


def record_first_review(
    reviewer: User, *, on_date: dt.date | None = None, actor: Any = None
) -> OfficerProfile:
    """Note the day ``reviewer`` first did 法制审核 (kept once; later calls change nothing).

    The cases app calls this when a legal review is completed (行政处罚法 Art 58 ¶2 first-time rule).
    """
    on = on_date or timezone.localdate()
    with transaction.atomic():
        profile, _ = OfficerProfile.objects.get_or_create(user=reviewer)
        profile = OfficerProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.first_review_on is None:
            profile.first_review_on = on
            profile.save(update_fields=["first_review_on", "updated_at"])
            record_event(
                "officer.first_review",
                actor=actor,
                obj=reviewer,
                agency_id=reviewer.agency_id,
                data={"on": on.isoformat()},
            )
    return profile


def add_qualification(
    officer: User,
    *,
    actor: Any,
    kind: str,
    obtained_on: dt.date,
    name: str = "",
    certificate_no: str = "",
    expires_on: dt.date | None = None,
    evidence: Any = None,
) -> ProfessionalQualification:
    """Record a professional qualification (注册安全工程师, 法律职业资格 …) with its dates and evidence."""
    if kind not in QualificationKind.values:
        raise InvalidInput("无效的资格类别", fields={"kind": ["无效的资格类别"]})
    if expires_on is not None and expires_on < obtained_on:
        raise InvalidInput("有效期至不能早于取得日期", fields={"expires_on": ["有效期至不能早于取得日期"]})
    if officer.agency_id is None:
        raise InvalidInput("该人员未分配执法机构")
    if not can_manage_agency(actor, officer.agency):
        raise NotAllowed(NOT_ADMIN)
    checked = check_upload(evidence, uploads.QUALIFICATION_EVIDENCE, field="evidence") if evidence else None
    with transaction.atomic():
        qualification = ProfessionalQualification(
            officer=officer,
            agency_id=officer.agency_id,
            kind=kind,
            name=name or QualificationKind(kind).label,
            certificate_no=certificate_no,
            obtained_on=obtained_on,
            expires_on=expires_on,
        )
        if checked is not None:
            qualification.evidence = stored_file(checked)
        qualification.save()
        record_event(
            "officer.qualification_add",
            actor=actor,
            obj=qualification,
            data={"officer": officer.pk, "kind": kind, "certificate_no": certificate_no},
        )
    return qualification


def set_training_requirement(
    agency: Agency | None,
    *,
    actor: Any,
    from_year: int,
    annual_hours: Decimal,
    rotation_start: dt.date | None = None,
    rotation_deadline: dt.date | None = None,
    review_due: str = "12-31",
    qualification_target_pct: int = 75,
    basis: str = "",
) -> TrainingRequirement:
    """Set an agency's (or, for superusers, the platform's) yearly training requirement from ``from_year``."""
    if agency is None:
        if not getattr(actor, "is_superuser", False):
            raise NotAllowed("只有平台管理员可以设置全平台默认培训要求")
    elif not can_manage_agency(actor, agency):
        raise NotAllowed("只有本机构或上级机构的系统管理员可以设置培训要求")
    if rotation_start and rotation_deadline and rotation_deadline < rotation_start:
        raise InvalidInput("轮训完成期限不能早于起始日期")
    with transaction.atomic():
        row = TrainingRequirement.objects.select_for_update().filter(
            agency=agency, from_year=from_year
        ).first() or TrainingRequirement(agency=agency, from_year=from_year)
        row.annual_hours = Decimal(annual_hours)
        row.rotation_start = rotation_start
        row.rotation_deadline = rotation_deadline
        row.review_due = review_due
        row.qualification_target_pct = qualification_target_pct
        row.basis = basis
        try:
            row.full_clean(exclude=["agency"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise InvalidInput("培训要求填写有误", fields=exc.message_dict)
        row.save()
        record_event(
            "training.requirement_set",
            actor=actor,
            obj=row,
            agency_id=agency.pk if agency else None,
            data={"from_year": from_year, "annual_hours": str(row.annual_hours), "review_due": review_due},
        )
    return row


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
