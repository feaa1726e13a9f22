"""The guards every other app calls: ``may_enforce``, ``may_enforce_many``, ``count_as_enforcing_officers``,
``require_enforcing_officers`` and ``may_review``.

Facts are loaded in two queries whatever the number of users (one for the people, one for their
certificates), then judged by the pure rules in ``training.rules``. With ``item=`` (an EnforcementItem
or its code) one more query loads the powers of all the holders' agencies over that item (and one more
resolves a code): the agencies are judged by ``enforcement.core.rules.powers.may_act``, the rule behind
``services.agencies.agency_may_act``, with the facts loaded for all agencies at once.

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
from enforcement.core.models import EnforcementItem, User
from enforcement.core.rules import powers as power_rules
from enforcement.core.services.agencies import item_facts, power_facts_by_agency

from . import rules
from .choices import CURRENT_STATUSES, QualificationKind
from .models import AnnualReview, Certificate, ProfessionalQualification
from .requirements import requirement_subquery
from .rules import CertificateFacts, ItemScope, OfficerFacts, ReviewerFacts, Verdict

ItemArg = EnforcementItem | str | None


def reason_unknown_item(code: str) -> str:
    return f"执法事项目录中无编码为{code}的事项"


def resolve_item(item: ItemArg) -> EnforcementItem | None:
    """The EnforcementItem for an item or code (one query for a code); None when there is no such code."""
    if item is None or isinstance(item, EnforcementItem):
        return item
    return EnforcementItem.objects.filter(code=item).first()


def _agency_powers(
    agencies: dict[int, dict[str, Any]], item: EnforcementItem, on: dt.date
) -> dict[int, tuple[str, ...]]:
    """``{agency_id: reasons}`` (empty = may act) for every agency, from one query on AgencyPower."""
    powers = power_facts_by_agency(agencies, item)
    facts = item_facts(item)
    result: dict[int, tuple[str, ...]] = {}
    for aid, agency in agencies.items():
        verdict = power_rules.may_act(
            agency_name=agency["name"],
            agency_level=agency["level"],
            agency_active=agency["is_active"],
            item=facts,
            powers=powers[aid],
            on=on,
        )
        result[aid] = () if verdict.allowed else verdict.reasons
    return result


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


def officer_facts_many(
    users: Iterable[Any], on_date: dt.date, item: EnforcementItem | None = None
) -> dict[int, OfficerFacts]:
    """Facts for ``evaluate_may_enforce`` — two queries for any number of users (ids or User objects),
    three with ``item`` (the agencies' powers over it)."""
    ids = _ids(users)
    if not ids:
        return {}
    fields = ["id", "is_active", "agency_id", "assistant_flag", "review_due_cfg"]
    if item is not None:
        fields += ["agency__name", "agency__level", "agency__is_active"]
    people = list(
        User.objects.filter(pk__in=ids)
        .annotate(
            assistant_flag=_has_role(roles.ASSISTANT),
            review_due_cfg=requirement_subquery("agency__path", on_date.year, "review_due"),
        )
        .values(*fields)
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
    power_reasons: dict[int, tuple[str, ...]] = {}
    if item is not None:
        agencies = {
            p["agency_id"]: {
                "name": p["agency__name"],
                "level": p["agency__level"],
                "is_active": p["agency__is_active"],
            }
            for p in people
            if p["agency_id"] is not None
        }
        power_reasons = _agency_powers(agencies, item, on_date) if agencies else {}
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
                categories=cert.categories,
            )
        facts[p["id"]] = OfficerFacts(
            is_active=p["is_active"],
            has_agency=p["agency_id"] is not None,
            is_assistant=bool(p["assistant_flag"]),
            certificate=cert_facts,
            review_due=rules.parse_month_day(p["review_due_cfg"])
            if p["review_due_cfg"]
            else rules.DEFAULT_REVIEW_DUE,
            agency_power_reasons=power_reasons.get(p["agency_id"], ()),
        )
    return facts


def may_enforce_many(
    users: Iterable[Any], on_date: dt.date | None = None, *, item: ItemArg = None
) -> dict[int, Verdict]:
    """``{user_id: Verdict}`` for every given user (User objects or ids); unknown ids are left out.

    With ``item`` (an EnforcementItem or its code) the certificate scope must cover it and the holder's
    agency must hold the power on that date (spec §9.1); an unknown code refuses everyone.
    """
    on = on_date or timezone.localdate()
    if item is None:
        return {uid: rules.evaluate_may_enforce(f, on) for uid, f in officer_facts_many(users, on).items()}
    resolved = resolve_item(item)
    if resolved is None:
        ids = _ids(users)
        if not ids:
            return {}
        known = User.objects.filter(pk__in=ids).values_list("pk", flat=True)
        return {uid: Verdict(False, (reason_unknown_item(str(item)),)) for uid in known}
    scope = ItemScope(code=resolved.code, name=resolved.name, kind=resolved.kind)
    return {
        uid: rules.evaluate_may_enforce(f, on, scope)
        for uid, f in officer_facts_many(users, on, resolved).items()
    }


def may_enforce(user: Any, on_date: dt.date | None = None, *, item: ItemArg = None) -> Verdict:
    """May ``user`` inspect or handle a case on ``on_date`` (default today) — on ``item`` when given?"""
    if user is None or getattr(user, "pk", None) is None:
        return Verdict(False, (rules.REASON_NO_CERTIFICATE,))
    return may_enforce_many([user], on_date, item=item).get(
        user.pk, Verdict(False, (rules.REASON_NO_CERTIFICATE,))
    )


def count_as_enforcing_officers(
    users: Iterable[Any], on_date: dt.date | None = None, *, item: ItemArg = None
) -> int:
    """How many distinct users count towards "≥2 certified officers" (G-TWO-OFFICERS, spec §1.6).

    Assistants never count, nor anyone ``may_enforce`` refuses on that date (for ``item`` when given).
    """
    return sum(1 for v in may_enforce_many(users, on_date, item=item).values() if v.allowed)


def require_enforcing_officers(
    users: Iterable[Any], on_date: dt.date | None = None, *, minimum: int = 2, item: ItemArg = None
) -> None:
    """Raise ``GuardFailed(code="G-TWO-OFFICERS")`` unless ≥ ``minimum`` of ``users`` may enforce
    (on ``item`` when given).

    ✅ 行政处罚法 Art 42 (at least two officers with enforcement qualification). The message names each
    refused person with the reasons.
    """
    users = list(users)
    verdicts = may_enforce_many(users, on_date, item=item)
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
