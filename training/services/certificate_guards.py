"""Guards of the certificate workflow (执法证): each returns a Chinese refusal message, or None.

``GUARDS`` maps the guard names ``workflow.TRANSITIONS`` lists to the checks; ``Context`` (the core
workflow engine's) carries the date, the actor and the parameters of one move through guards and effects.
"""

from __future__ import annotations

import datetime as dt

from enforcement.core.services.agencies import held_elsewhere_message
from enforcement.core.services.workflow import Context, Guard

from .. import rules
from ..choices import TrainingKind, TrainingResult
from ..models import AnnualReview, Certificate, TrainingRecord
from ..requirements import effective_requirement

# --- guards: return a Chinese refusal message, or None -------------------------------------------


def _guard_holder_active(cert: Certificate, ctx: Context) -> str | None:
    return None if cert.holder.is_active else "该人员账号已停用，不能申领执法证"


def _guard_holder_has_agency(cert: Certificate, ctx: Context) -> str | None:
    return None if cert.holder.agency_id else "该人员未分配执法机构，不能申领执法证"


def _guard_passed_exam(cert: Certificate, ctx: Context) -> str | None:
    issued_on: dt.date = ctx.params["issued_on"]
    exams = TrainingRecord.objects.filter(
        officer_id=cert.holder_id,
        kind=TrainingKind.QUALIFICATION_EXAM,
        result=TrainingResult.PASSED,
        start_on__lte=issued_on,
    ).order_by("-start_on", "-id")
    exam = next((e for e in exams[:5] if rules.exam_supports_issue(e.start_on, issued_on)), None)
    if exam is None:
        return f"未查到{issued_on.isoformat()}前一年内合格的执法资格考试记录，不能核发执法证"
    ctx.params["exam"] = exam
    return None


def _guard_number_unused(cert: Certificate, ctx: Context) -> str | None:
    number = ctx.params["number"]
    taken = Certificate.objects.filter(number=number).exclude(pk=cert.pk).select_related("agency").first()
    if taken is None:
        return None
    if Certificate.objects.visible_to(ctx.actor).filter(pk=taken.pk).exists():
        return f"证号{number}已被使用"
    return held_elsewhere_message(
        taken.agency, cert.agency, duplicate=f"证号{number}已被使用", subject="该执法证号"
    )


def _guard_not_expired(cert: Certificate, ctx: Context) -> str | None:
    if cert.is_expired(ctx.on_date):
        assert cert.expires_on is not None
        return f"执法证已于{cert.expires_on.isoformat()}过期，不能办理此事项（请换发）"
    return None


def _guard_review_year_owed(cert: Certificate, ctx: Context) -> str | None:
    year: int = ctx.params["year"]
    assert cert.issued_on is not None and cert.expires_on is not None
    if year <= cert.issued_on.year:
        return f"发证当年（{cert.issued_on.year}年）无需年审"
    if year > ctx.on_date.year:
        return f"不能提前办理{year}年度年审"
    requirement = effective_requirement(cert.agency, year)
    if rules.review_due_date(year, requirement.review_due) > cert.expires_on:
        return f"执法证于{year}年度年审截止前到期，无需年审，请办理换发"
    if AnnualReview.objects.filter(certificate=cert, year=year).exists():
        return f"{year}年度已年审"
    ctx.params["review_due"] = requirement.review_due
    return None


GUARDS: dict[str, Guard] = {
    g.name: g
    for g in (
        Guard("holder_active", _guard_holder_active),
        Guard("holder_has_agency", _guard_holder_has_agency),
        Guard("passed_exam", _guard_passed_exam, needs_input=True),
        Guard("number_unused", _guard_number_unused, needs_input=True),
        Guard("not_expired", _guard_not_expired),
        Guard("review_year_owed", _guard_review_year_owed, needs_input=True),
    )
}
