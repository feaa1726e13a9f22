"""Pure rules of officer management (spec §9.1, §1.6, §1.9)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from training import rules
from training.choices import CertificateStatus as S
from training.rules import CertificateFacts, OfficerFacts, ReviewerFacts

ISSUED = dt.date(2024, 3, 1)
EXPIRES = dt.date(2029, 2, 28)


def facts(**cert: object) -> OfficerFacts:
    base: dict[str, object] = {
        "status": S.ISSUED,
        "issued_on": ISSUED,
        "expires_on": EXPIRES,
        "reviewed_years": frozenset({2025, 2026, 2027, 2028}),
    }
    base.update(cert)
    return OfficerFacts(certificate=CertificateFacts(**base))  # type: ignore[arg-type]


def test_expiry_day_itself_is_valid_and_day_after_is_not_art42_safety_law_art67():
    """行政处罚法 Art 42 / 安全生产法 Art 67: a valid certificate on the act date; expires_on is the last valid day."""
    assert rules.evaluate_may_enforce(facts(), EXPIRES) == rules.Verdict(True, ())
    assert rules.evaluate_may_enforce(facts(), EXPIRES + dt.timedelta(days=1)) == rules.Verdict(
        False, ("执法证已于2029-02-28过期",)
    )


def test_issue_day_is_valid_and_day_before_is_not():
    assert rules.evaluate_may_enforce(facts(), ISSUED).allowed is True
    assert rules.evaluate_may_enforce(facts(), ISSUED - dt.timedelta(days=1)).reasons == (
        "执法证尚未生效（2024-03-01起有效）",
    )


def test_no_certificate_and_assistant_reasons_guowanfa_2024_54():
    """◐ 国办发〔2024〕54号: 辅助人员 never act alone — even a certificate would not help."""
    assert rules.evaluate_may_enforce(OfficerFacts(), ISSUED).reasons == ("无执法证",)
    assert rules.evaluate_may_enforce(OfficerFacts(is_assistant=True), ISSUED).reasons == (
        "辅助人员不得独立执法",
        "无执法证",
    )
    with_cert = OfficerFacts(is_assistant=True, certificate=facts().certificate)
    assert rules.evaluate_may_enforce(with_cert, ISSUED).reasons == ("辅助人员不得独立执法",)


def test_inactive_and_no_agency_reasons():
    f = OfficerFacts(is_active=False, has_agency=False, certificate=facts().certificate)
    assert rules.evaluate_may_enforce(f, ISSUED).reasons == ("账号已停用", "未分配执法机构")


def test_status_reasons():
    on = dt.date(2026, 5, 1)
    assert rules.evaluate_may_enforce(
        facts(status=S.APPLIED, issued_on=None, expires_on=None), on
    ).reasons == ("执法证申领中，尚未核发",)
    assert rules.evaluate_may_enforce(
        facts(status=S.WITHDRAWN, status_changed_on=dt.date(2026, 4, 1)), on
    ).reasons == ("执法证已于2026-04-01收回",)
    assert rules.evaluate_may_enforce(
        facts(status=S.CANCELLED, status_changed_on=dt.date(2026, 4, 2)), on
    ).reasons == ("执法证已于2026-04-02注销",)


def test_suspension_lasts_until_lifted_even_after_its_period():
    on = dt.date(2026, 5, 1)
    period = {"status": S.SUSPENDED, "suspended_from": dt.date(2026, 4, 1)}
    assert rules.evaluate_may_enforce(facts(**period, suspended_until=dt.date(2026, 6, 30)), on).reasons == (
        "执法证暂扣中（至2026-06-30）",
    )
    assert rules.evaluate_may_enforce(facts(**period, suspended_until=dt.date(2026, 4, 30)), on).reasons == (
        "执法证暂扣中（暂扣期限2026-04-30已届满，待解除暂扣）",
    )
    assert rules.evaluate_may_enforce(facts(**period), on).reasons == ("执法证暂扣中（期限未定）",)
    # before the suspension started the certificate was usable
    assert rules.evaluate_may_enforce(facts(**period), dt.date(2026, 3, 31)).allowed is True


def test_annual_review_overdue_from_the_day_after_the_due_date():
    """unverified (spec §9.1 年度审验 ❓): issued 2024 → the 2025 review is due by 2025-12-31."""
    unreviewed = facts(reviewed_years=frozenset())
    assert rules.evaluate_may_enforce(unreviewed, dt.date(2025, 12, 31)).allowed is True
    assert rules.evaluate_may_enforce(unreviewed, dt.date(2026, 1, 1)).reasons == (
        "年审逾期（2025年度年审应于2025-12-31前完成）",
    )
    assert (
        rules.evaluate_may_enforce(facts(reviewed_years=frozenset({2025})), dt.date(2026, 1, 1)).allowed
        is True
    )
    # an agency-configured due date (06-30): the 2026 review becomes overdue on 2026-07-01
    f = OfficerFacts(certificate=facts(reviewed_years=frozenset({2025})).certificate, review_due=(6, 30))
    assert rules.evaluate_may_enforce(f, dt.date(2026, 6, 30)).allowed is True
    assert rules.evaluate_may_enforce(f, dt.date(2026, 7, 1)).reasons == (
        "年审逾期（2026年度年审应于2026-06-30前完成）",
    )


def test_review_not_owed_in_issue_year_or_after_expiry():
    assert rules.review_year_in_question(ISSUED, EXPIRES, dt.date(2024, 12, 31)) is None
    assert rules.review_year_in_question(ISSUED, EXPIRES, dt.date(2025, 1, 1)) is None  # 2024 = issue year
    assert rules.review_year_in_question(ISSUED, EXPIRES, dt.date(2026, 1, 1)) == 2025
    # expires 2029-02-28: the 2029 review (due 2029-12-31) is not owed
    assert rules.review_year_in_question(ISSUED, EXPIRES, dt.date(2030, 1, 1)) is None


def test_default_expiry_is_five_years_less_a_day():
    assert rules.default_expiry(dt.date(2024, 3, 1)) == dt.date(2029, 2, 28)
    assert rules.default_expiry(dt.date(2024, 2, 29)) == dt.date(2029, 2, 27)
    assert rules.review_due_date(2025, (2, 29)) == dt.date(2025, 2, 28)


def test_first_time_reviewer_needs_legal_qualification_art58_para2():
    """✅ 行政处罚法 Art 58 ¶2: first-time 法制审核 needs 法律职业资格 (law in force 2021-07-15, Art 86)."""
    on = dt.date(2026, 5, 1)
    assert rules.evaluate_may_review(ReviewerFacts(legal_qualification_held=True), on).allowed is True
    assert rules.evaluate_may_review(ReviewerFacts(), on).reasons == (rules.REASON_NO_LEGAL_QUALIFICATION,)
    # reviewing since before the 2021 law: not a first-time reviewer
    assert rules.evaluate_may_review(ReviewerFacts(first_review_on=dt.date(2021, 7, 14)), on).allowed is True
    assert rules.evaluate_may_review(ReviewerFacts(first_review_on=dt.date(2021, 7, 15)), on).allowed is False
    assert rules.evaluate_may_review(
        ReviewerFacts(is_reviewer=False, legal_qualification_held=True), on
    ).reasons == ("非法制审核人员",)


def test_exam_supports_issue_within_a_year():
    assert rules.exam_supports_issue(dt.date(2025, 3, 1), dt.date(2026, 3, 1)) is True
    assert rules.exam_supports_issue(dt.date(2025, 2, 28), dt.date(2026, 3, 1)) is False
    assert rules.exam_supports_issue(dt.date(2026, 3, 2), dt.date(2026, 3, 1)) is False


dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2040, 12, 31))


@given(issued=dates, on=dates, assistant=st.booleans(), status=st.sampled_from(list(S)))
def test_allowed_iff_no_reasons_and_assistants_never_allowed(issued, on, assistant, status):
    """Property: a verdict is allowed exactly when it has no reasons; assistants are never allowed."""
    cert = CertificateFacts(status=status, issued_on=issued, expires_on=rules.default_expiry(issued))
    verdict = rules.evaluate_may_enforce(OfficerFacts(is_assistant=assistant, certificate=cert), on)
    assert verdict.allowed == (verdict.reasons == ())
    if assistant or status != S.ISSUED or on > rules.default_expiry(issued) or on < issued:
        assert verdict.allowed is False


@given(issued=dates, offset=st.integers(min_value=0, max_value=2000))
def test_issued_and_reviewed_certificate_is_valid_exactly_within_its_dates(issued, offset):
    expires = rules.default_expiry(issued)
    reviewed = frozenset(range(issued.year, expires.year + 1))
    cert = CertificateFacts(status=S.ISSUED, issued_on=issued, expires_on=expires, reviewed_years=reviewed)
    on = issued + dt.timedelta(days=offset)
    assert rules.evaluate_may_enforce(OfficerFacts(certificate=cert), on).allowed == (on <= expires)


@given(issued=dates, on=dates)
def test_overdue_year_is_after_issue_and_before_expiry(issued, on):
    expires = rules.default_expiry(issued)
    year = rules.review_year_in_question(issued, expires, on)
    if year is not None:
        assert issued.year < year <= expires.year
        assert rules.review_due_date(year) < on
