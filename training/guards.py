"""The guards every other app calls: ``may_enforce``, ``may_enforce_many``, ``count_as_enforcing_officers``,
``require_enforcing_officers`` and ``may_review``.

Facts are loaded in two queries whatever the number of users (one for the people, one for their
certificates), then judged by the pure rules in ``training.rules``.

``on_date`` defaults to today in Asia/Shanghai. The stored status is the current one: asking about a past
date judges expiry, issue and the suspension start against that date but does not replay the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.exceptions import GuardFailed
from enforcement.core.models import User

from . import rules
from .choices import CURRENT_STATUSES, QualificationKind
from .models import AnnualReview, Certificate, ProfessionalQualification
from .requirements import requirement_subquery
from .rules import CertificateFacts, OfficerFacts, ReviewerFacts, Verdict


def _has_role(*names: str) -> Exists:
    return Exists(User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name__in=names))


def _ids(users: Iterable[Any]) -> list[int]:
    seen: dict[int, None] = {}
    for u in users:
        seen[int(getattr(u, "pk", u))] = None
    return list(seen)


def _pick_certificate(certs: list[Certificate]) -> Certificate | None:
    """The holder's current certificate (at most one by constraint), else the most recent ended one."""
    current = [c for c in certs if c.status in CURRENT_STATUSES]
    if current:
        return current[0]
    return max(certs, key=lambda c: c.pk) if certs else None


def officer_facts_many(users: Iterable[Any], on_date: dt.date) -> dict[int, OfficerFacts]:
    """Facts for ``evaluate_may_enforce`` — two queries for any number of users (ids or User objects)."""
    ids = _ids(users)
    if not ids:
        return {}
    people = (
        User.objects.filter(pk__in=ids)
        .annotate(
            assistant_flag=_has_role(roles.ASSISTANT),
            review_due_cfg=requirement_subquery("agency__path", on_date.year, "review_due"),
        )
        .values("id", "is_active", "agency_id", "assistant_flag", "review_due_cfg")
    )
    years = (on_date.year - 1, on_date.year)
    certs = Certificate.objects.filter(holder_id__in=ids).annotate(
        **{
            f"reviewed_{y}": Exists(AnnualReview.objects.filter(certificate_id=OuterRef("pk"), year=y))
            for y in years
        }
    )
    by_holder: dict[int, list[Certificate]] = {}
    for cert in certs:
        by_holder.setdefault(cert.holder_id, []).append(cert)
    facts: dict[int, OfficerFacts] = {}
    for p in people:
        chosen = _pick_certificate(by_holder.get(p["id"], []))
        cert_facts = None
        if chosen is not None:
            cert = chosen
            cert_facts = CertificateFacts(
                status=cert.status,
                issued_on=cert.issued_on,
                expires_on=cert.expires_on,
                suspended_from=cert.suspended_from,
                suspended_until=cert.suspended_until,
                status_changed_on=cert.status_changed_on,
                reviewed_years=frozenset(y for y in years if getattr(cert, f"reviewed_{y}")),
            )
        facts[p["id"]] = OfficerFacts(
            is_active=p["is_active"],
            has_agency=p["agency_id"] is not None,
            is_assistant=bool(p["assistant_flag"]),
            certificate=cert_facts,
            review_due=rules.parse_month_day(p["review_due_cfg"])
            if p["review_due_cfg"]
            else rules.DEFAULT_REVIEW_DUE,
        )
    return facts


def may_enforce_many(users: Iterable[Any], on_date: dt.date | None = None) -> dict[int, Verdict]:
    """``{user_id: Verdict}`` for every given user (User objects or ids); unknown ids are left out."""
    on = on_date or timezone.localdate()
    return {uid: rules.evaluate_may_enforce(f, on) for uid, f in officer_facts_many(users, on).items()}


def may_enforce(user: Any, on_date: dt.date | None = None) -> Verdict:
    """May ``user`` inspect or handle a case on ``on_date`` (default today)? Verdict(allowed, reasons)."""
    if user is None or getattr(user, "pk", None) is None:
        return Verdict(False, (rules.REASON_NO_CERTIFICATE,))
    return may_enforce_many([user], on_date).get(user.pk, Verdict(False, (rules.REASON_NO_CERTIFICATE,)))


def count_as_enforcing_officers(users: Iterable[Any], on_date: dt.date | None = None) -> int:
    """How many distinct users count towards "≥2 certified officers" (G-TWO-OFFICERS, spec §1.6).

    Assistants never count, nor anyone ``may_enforce`` refuses on that date.
    """
    return sum(1 for v in may_enforce_many(users, on_date).values() if v.allowed)


def require_enforcing_officers(
    users: Iterable[Any], on_date: dt.date | None = None, *, minimum: int = 2
) -> None:
    """Raise ``GuardFailed(code="G-TWO-OFFICERS")`` unless ≥ ``minimum`` of ``users`` may enforce.

    ✅ 行政处罚法 Art 42 (at least two officers with enforcement qualification). The message names each
    refused person with the reasons.
    """
    users = list(users)
    verdicts = may_enforce_many(users, on_date)
    allowed = sum(1 for v in verdicts.values() if v.allowed)
    if allowed >= minimum:
        return
    names = {int(getattr(u, "pk", u)): str(u) for u in users}
    details = [
        f"{names.get(uid, uid)}：{'；'.join(v.reasons)}" for uid, v in verdicts.items() if not v.allowed
    ]
    message = f"须至少{minimum}名持有效执法证的执法人员，当前符合条件的仅{allowed}名"
    if details:
        message += "（" + "，".join(details) + "）"
    raise GuardFailed(message, code="G-TWO-OFFICERS")


def may_review(user: Any, on_date: dt.date | None = None) -> Verdict:
    """May ``user`` do 法制审核 on ``on_date``? Needs the 法制审核人员 role and, for a first-time reviewer,
    法律职业资格 (✅ 行政处罚法 Art 58 ¶2). One query."""
    on = on_date or timezone.localdate()
    if user is None or getattr(user, "pk", None) is None:
        return Verdict(False, (rules.REASON_NOT_REVIEWER,))
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            reviewer_flag=_has_role(roles.LEGAL_REVIEWER),
            legal_flag=Exists(
                ProfessionalQualification.objects.filter(
                    ProfessionalQualification.held_q(on),
                    officer_id=OuterRef("pk"),
                    kind=QualificationKind.LEGAL,
                )
            ),
        )
        .values("is_active", "reviewer_flag", "legal_flag", "officer_profile__first_review_on")
        .first()
    )
    if row is None:
        return Verdict(False, (rules.REASON_NOT_REVIEWER,))
    facts = ReviewerFacts(
        is_active=row["is_active"],
        is_reviewer=row["reviewer_flag"],
        legal_qualification_held=row["legal_flag"],
        first_review_on=row["officer_profile__first_review_on"],
    )
    return rules.evaluate_may_review(facts, on)


__all__ = [
    "count_as_enforcing_officers",
    "may_enforce",
    "may_enforce_many",
    "may_review",
    "officer_facts_many",
    "require_enforcing_officers",
]
