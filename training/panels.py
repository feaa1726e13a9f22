"""Dashboard panel "我的执法证" on ``/``, and what a person who may not enforce is told (both pages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from enforcement.core.models import User

from . import rules
from .guards import may_enforce
from .models import Certificate
from .requirements import effective_requirement
from .rules import Verdict
from .services.reminders import whom_to_ask
from .services.training import hours_in_year


def standing(officer: User, today: dt.date, verdict: Verdict) -> dict[str, Any]:
    """Why ``officer`` may not enforce today and what to do about each reason, whom to ask, and this
    year's training hours against the requirement (``shortfall`` > 0 is highlighted)."""
    year_hours = hours_in_year(officer, today.year) if officer.agency_id else None
    required = effective_requirement(officer.agency, today.year).annual_hours if officer.agency_id else None
    shortfall = (
        rules.hours_shortfall(year_hours, required) if year_hours is not None and required else Decimal(0)
    )
    return {
        "advice": [(reason, rules.enforcement_advice(reason)) for reason in verdict.reasons],
        "contacts": whom_to_ask(officer) if (not verdict.allowed or shortfall) else [],
        "year": today.year,
        "year_hours": year_hours,
        "required_hours": required,
        "shortfall": shortfall,
        "year_end": dt.date(today.year, 12, 31),
    }


def my_certificate(request: Any) -> dict[str, Any]:
    user = request.user
    today = timezone.localdate()
    cert = Certificate.objects.filter(holder=user).order_by("-id").first()
    days_left = (cert.expires_on - today).days if cert and cert.expires_on else None
    verdict = may_enforce(user, today)
    return {
        "certificate": cert,
        "certificate_status": cert.display_status(today) if cert else "",
        "verdict": verdict,
        "days_left": days_left,
        "standing": standing(user, today, verdict) if user.agency_id else None,
    }
