"""Pure rules of officer management (spec §9, §1.6, §1.9): no database, exhaustively unit-tested.

Marks follow spec §0: ✅ checked against the statute text, ◐ secondary source, ❓ unverified (configurable).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from enforcement.core.models.catalog import ItemKind

from .choices import CertificateStatus

# ◐ 江苏省行政执法证件管理办法 (spec §9.1): a certificate is valid for 5 years.
CERTIFICATE_VALIDITY_YEARS = 5
# ❓ spec §9.2 / §14 item 8: yearly hours are not verified; the platform default until an agency sets its own.
DEFAULT_ANNUAL_HOURS = Decimal("60")
# ❓ spec §9.1 年度审验 procedure: reading used here — one review per calendar year after the issue year,
# recorded by 12-31 of that year unless the agency configures another month-day.
DEFAULT_REVIEW_DUE = (12, 31)
# ◐ seed 001: share of staff with related education or professional qualification ≥ 75 %.
DEFAULT_QUALIFICATION_TARGET_PCT = 75
# ✅ 行政处罚法 (2021) Art 58 ¶2 in force from 2021-07-15 (Art 86): a person doing 法制审核 for the first
# time must hold 法律职业资格. Reviewers who already reviewed before that day are not "first-time".
LEGAL_REVIEW_QUALIFICATION_FROM = dt.date(2021, 7, 15)
# ❓ how long a passed 执法资格考试 supports issuing: one year (configurable in code only here).
EXAM_VALID_DAYS = 365

REASON_INACTIVE = "账号已停用"
REASON_NO_AGENCY = "未分配执法机构"
REASON_ASSISTANT = "辅助人员不得独立执法"
REASON_NO_CERTIFICATE = "无执法证"
REASON_APPLIED = "执法证申领中，尚未核发"
REASON_NOT_REVIEWER = "非法制审核人员"
REASON_NO_LEGAL_QUALIFICATION = "初次从事法制审核须取得法律职业资格（行政处罚法第五十八条第二款）"


@dataclass(frozen=True)
class Verdict:
    """Answer of a guard: allowed, or the reasons why not (Chinese, shown to users as is)."""

    allowed: bool
    reasons: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"allowed": self.allowed, "reasons": list(self.reasons)}

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class CertificateFacts:
    status: str
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None
    suspended_from: dt.date | None = None
    suspended_until: dt.date | None = None
    status_changed_on: dt.date | None = None
    reviewed_years: frozenset[int] = field(default_factory=frozenset)
    categories: str = ""


@dataclass(frozen=True)
class ItemScope:
    """The enforcement item an act is about (what the certificate scope and the agency power must cover)."""

    code: str
    name: str
    kind: str  # ItemKind value, e.g. "penalty"


@dataclass(frozen=True)
class OfficerFacts:
    """What ``evaluate_may_enforce`` needs about one person, loaded by ``training.guards``."""

    is_active: bool = True
    has_agency: bool = True
    is_assistant: bool = False
    certificate: CertificateFacts | None = None
    review_due: tuple[int, int] = DEFAULT_REVIEW_DUE
    # Only when an item is asked about: why the holder's agency may not act on it (empty = it may).
    agency_power_reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewerFacts:
    is_active: bool = True
    is_reviewer: bool = True
    legal_qualification_held: bool = False
    first_review_on: dt.date | None = None


def add_years(day: dt.date, years: int) -> dt.date:
    """Same month-day ``years`` later; 02-29 falls back to 02-28 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def default_expiry(issued_on: dt.date) -> dt.date:
    """Last valid day of a 5-year certificate: the day before the same date five years on
    (a period counted in years ends on the day before the corresponding date, 民法典 Art 201–203 ✅ reading)."""
    return add_years(issued_on, CERTIFICATE_VALIDITY_YEARS) - dt.timedelta(days=1)


def parse_month_day(value: str) -> tuple[int, int]:
    month, day = (int(p) for p in value.split("-"))
    return month, day


def review_due_date(year: int, review_due: tuple[int, int] = DEFAULT_REVIEW_DUE) -> dt.date:
    month, day = review_due
    try:
        return dt.date(year, month, day)
    except ValueError:  # 02-29 in a common year
        return dt.date(year, month, 28)


def review_year_in_question(
    issued_on: dt.date, expires_on: dt.date, on: dt.date, review_due: tuple[int, int] = DEFAULT_REVIEW_DUE
) -> int | None:
    """The review year whose deadline passed most recently before ``on``, if this certificate owed it.

    unverified (spec §9.1 年度审验 procedure ❓): a certificate owes one 年审 for every calendar year after its
    issue year, recorded by that year's configured month-day (default 12-31); a year whose deadline falls
    after the expiry date is not owed (the certificate is renewed instead).
    """
    this_year_due = review_due_date(on.year, review_due)
    year = on.year if this_year_due < on else on.year - 1
    if year <= issued_on.year or review_due_date(year, review_due) > expires_on:
        return None
    return year


def next_review_year(issued_on: dt.date, reviewed_years: frozenset[int] | set[int]) -> int:
    """The first year after issue without a recorded review."""
    year = issued_on.year + 1
    while year in reviewed_years:
        year += 1
    return year


def annual_review_overdue(cert: CertificateFacts, on: dt.date, review_due: tuple[int, int]) -> int | None:
    """The overdue review year on ``on``, or None."""
    if cert.issued_on is None or cert.expires_on is None:
        return None
    year = review_year_in_question(cert.issued_on, cert.expires_on, on, review_due)
    if year is None or year in cert.reviewed_years:
        return None
    return year


def _suspension_reason(cert: CertificateFacts, on: dt.date) -> str:
    if cert.suspended_until is None:
        return "执法证暂扣中（期限未定）"
    if on <= cert.suspended_until:
        return f"执法证暂扣中（至{cert.suspended_until.isoformat()}）"
    return f"执法证暂扣中（暂扣期限{cert.suspended_until.isoformat()}已届满，待解除暂扣）"


def certificate_reasons(cert: CertificateFacts | None, on: dt.date, review_due: tuple[int, int]) -> list[str]:
    """Why this certificate does not allow enforcement on ``on`` (empty list = it does)."""
    if cert is None:
        return [REASON_NO_CERTIFICATE]
    status = cert.status
    if status == CertificateStatus.APPLIED:
        return [REASON_APPLIED]
    if status == CertificateStatus.WITHDRAWN:
        when = f"于{cert.status_changed_on.isoformat()}" if cert.status_changed_on else ""
        return [f"执法证已{when}收回"]
    if status == CertificateStatus.CANCELLED:
        when = f"于{cert.status_changed_on.isoformat()}" if cert.status_changed_on else ""
        return [f"执法证已{when}注销"]
    reasons: list[str] = []
    # A suspension takes effect on its start day and lasts until lifted by lift_suspension: an ended
    # period does not lift it by itself (the holder must pass re-assessment first, spec §9.1 暂扣).
    suspended = status == CertificateStatus.SUSPENDED and (
        cert.suspended_from is None or on >= cert.suspended_from
    )
    if suspended:
        reasons.append(_suspension_reason(cert, on))
    if cert.issued_on is not None and on < cert.issued_on:
        reasons.append(f"执法证尚未生效（{cert.issued_on.isoformat()}起有效）")
    elif cert.expires_on is not None and on > cert.expires_on:
        reasons.append(f"执法证已于{cert.expires_on.isoformat()}过期")
    elif not suspended:
        overdue = annual_review_overdue(cert, on, review_due)
        if overdue is not None:
            due = review_due_date(overdue, review_due)
            reasons.append(f"年审逾期（{overdue}年度年审应于{due.isoformat()}前完成）")
    return reasons


_SCOPE_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_KIND_NAMES = frozenset(ItemKind.values) | frozenset(str(label) for label in ItemKind.labels)


def scope_tokens(categories: str) -> list[str]:
    """The entries of a certificate's 执法类别 text ("行政检查、行政处罚" → two entries)."""
    return [t for t in _SCOPE_SEPARATORS.split(categories.strip()) if t]


def scope_covers(categories: str, item: ItemScope) -> bool:
    """Does a certificate's 执法类别 cover ``item``? (spec §9.1: "scope covers the enforcement item")

    Reading (◐ 江苏省行政执法证件管理办法: officers act only within the powers on the certificate): an entry
    that names an item kind (行政处罚 / penalty …) or an item code (has an ASCII digit) restricts the
    certificate to the kinds and codes listed. Entries naming a field only (安全生产, 安全生产监督管理,
    应急管理, 全部) and an empty text restrict nothing: the usual 执法证 "执法范围：安全生产监督管理" covers
    every item of the 应急管理 catalog.
    """
    specific = {t for t in scope_tokens(categories) if t in _KIND_NAMES or any("0" <= ch <= "9" for ch in t)}
    if not specific:
        return True
    kind_label = str(ItemKind(item.kind).label) if item.kind in ItemKind.values else item.kind
    return bool(specific & {item.kind, kind_label, item.code})


def scope_reason(categories: str, item: ItemScope) -> str:
    return f"执法证执法范围不含该事项（执法类别：{categories}；事项：{item.code} {item.name}）"


def evaluate_may_enforce(facts: OfficerFacts, on_date: dt.date, item: ItemScope | None = None) -> Verdict:
    """May this person inspect or handle a case on ``on_date`` — on ``item`` when given? (持证上岗)

    ✅ 行政处罚法 Art 42 (penalties only by officers with enforcement qualification) and 安全生产法 Art 67
    (a valid certificate must be shown); ◐ 国办发〔2024〕54号: 辅助人员 may assist but never act alone or lead.
    With ``item`` (spec §9.1): the certificate scope must cover it and the holder's agency must hold the
    power on that date (``facts.agency_power_reasons``, from ``agency_may_act``; 行政处罚法 Art 38).
    """
    reasons: list[str] = []
    if not facts.is_active:
        reasons.append(REASON_INACTIVE)
    if not facts.has_agency:
        reasons.append(REASON_NO_AGENCY)
    if facts.is_assistant:
        reasons.append(REASON_ASSISTANT)
    reasons.extend(certificate_reasons(facts.certificate, on_date, facts.review_due))
    if item is not None:
        cert = facts.certificate
        if cert is not None and not scope_covers(cert.categories, item):
            reasons.append(scope_reason(cert.categories, item))
        if facts.has_agency and facts.agency_power_reasons:
            reasons.append(f"所在机构无此事项执法权限（{'；'.join(facts.agency_power_reasons)}）")
    return Verdict(allowed=not reasons, reasons=tuple(reasons))


def evaluate_may_review(facts: ReviewerFacts, on_date: dt.date) -> Verdict:
    """May this person do 法制审核 on ``on_date``? ✅ 行政处罚法 Art 58 ¶2 (first-time reviewers need 法律职业资格)."""
    reasons: list[str] = []
    if not facts.is_active:
        reasons.append(REASON_INACTIVE)
    if not facts.is_reviewer:
        reasons.append(REASON_NOT_REVIEWER)
    grandfathered = (
        facts.first_review_on is not None and facts.first_review_on < LEGAL_REVIEW_QUALIFICATION_FROM
    )
    if (
        not facts.legal_qualification_held
        and not grandfathered
        and on_date >= LEGAL_REVIEW_QUALIFICATION_FROM
    ):
        reasons.append(REASON_NO_LEGAL_QUALIFICATION)
    return Verdict(allowed=not reasons, reasons=tuple(reasons))


def exam_supports_issue(exam_on: dt.date, issue_on: dt.date) -> bool:
    """A passed 执法资格考试 supports issuing when taken on/before the issue day and within EXAM_VALID_DAYS (❓)."""
    return exam_on <= issue_on and (issue_on - exam_on).days <= EXAM_VALID_DAYS


def hours_shortfall(hours: Decimal, required: Decimal) -> Decimal:
    return max(Decimal("0"), required - hours)


def percentage(part: int, whole: int) -> Decimal | None:
    """Share in percent with one decimal; None when there is nobody to count."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


# What a person who may not enforce should do about each reason ``evaluate_may_enforce`` gives, in the
# order tested: the first pattern found in the reason wins.
ADVICE: tuple[tuple[str, str], ...] = (
    (REASON_INACTIVE, "账号停用期间不能执法；如需恢复，请联系本单位系统管理员。"),
    (REASON_NO_AGENCY, "请系统管理员为您的账号分配所属执法机构。"),
    (
        REASON_ASSISTANT,
        "辅助人员可以协助执法人员开展工作，但不能独立执法或担任承办人；如需取得执法资格，"
        "须参加行政执法资格考试合格后申领执法证。",
    ),
    (REASON_NO_CERTIFICATE, "参加行政执法资格考试合格后，由本单位为您申领执法证。"),
    (REASON_APPLIED, "执法证核发后即可执法；如等待较久，请向本单位系统管理员询问审核进度。"),
    ("收回", "执法证被收回后须重新取得执法资格：参加培训和资格考试合格后重新申领。"),
    ("注销", "执法证已注销，须重新参加资格考试并申领执法证后方可执法。"),
    ("待解除暂扣", "暂扣期限已届满：请参加考核，合格后由系统管理员办理解除暂扣。"),
    ("暂扣中", "暂扣期间不能执法；期满并考核合格后，由系统管理员办理解除暂扣。"),
    ("尚未生效", "执法证自生效之日起方可使用，生效前请勿单独执法。"),
    ("过期", "执法证已过有效期，不能执法或出示：请尽快申请换发新证（换证前须完成规定的培训学时）。"),
    ("年审逾期", "请尽快完成执法证年度审验（年审）；年审完成前不能执法。"),
    ("执法范围不含", "该事项请由执法范围覆盖的同事承办，或申请扩大执法证的执法类别。"),
    ("无此事项执法权限", "该事项不属本单位职权，请移交有权机关或由上级机关承办。"),
)
ADVICE_DEFAULT = "请联系本单位系统管理员核实执法资格。"


def enforcement_advice(reason: str) -> str:
    """What to do about one reason of ``evaluate_may_enforce`` (for the person concerned, in Chinese)."""
    for pattern, advice in ADVICE:
        if pattern in reason:
            return advice
    return ADVICE_DEFAULT
