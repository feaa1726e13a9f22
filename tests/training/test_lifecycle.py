"""执法证 lifecycle: every (state, action) pair, allowed and refused, and nothing changed on refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline
from tests.training.helpers import give_certificate, pass_exam
from training import services
from training.choices import CertificateStatus as S
from training.choices import ReviewResult
from training.models import AnnualReview, Certificate, CertificateEvent

ISSUED_ON = dt.date(2024, 3, 1)

# Written out independently of training.workflow: which actions each state allows.
EXPECTED = {
    S.APPLIED: {"issue", "cancel"},
    S.ISSUED: {"annual_review", "renew", "suspend", "withdraw", "cancel"},
    S.SUSPENDED: {"lift_suspension", "withdraw", "cancel"},
    S.WITHDRAWN: {"cancel", "apply"},
    S.CANCELLED: {"apply"},
}
ACTIONS = ["apply", "issue", "annual_review", "renew", "suspend", "lift_suspension", "withdraw", "cancel"]


def build(state: str, officer, admin) -> Certificate:
    if state == S.APPLIED:
        cert = services.apply_certificate(officer, actor=admin, applied_on=dt.date(2026, 5, 1))
        pass_exam(officer, actor=admin, on=dt.date(2026, 5, 10))
        return cert
    cert = give_certificate(officer, actor=admin, issued_on=ISSUED_ON)
    if state == S.SUSPENDED:
        services.suspend_certificate(
            cert, actor=admin, reason="粗暴执法", suspended_from=dt.date(2026, 5, 20)
        )
    elif state == S.WITHDRAWN:
        services.withdraw_certificate(cert, actor=admin, reason="调离执法岗位", on_date=dt.date(2026, 5, 20))
    elif state == S.CANCELLED:
        services.cancel_certificate(cert, actor=admin, reason="退休", on_date=dt.date(2026, 5, 20))
    cert.refresh_from_db()
    return cert


_n = iter(range(1, 10**6))


def perform(action: str, cert: Certificate, officer, admin):
    if action == "apply":
        return services.apply_certificate(officer, actor=admin)
    if action == "issue":
        return services.issue_certificate(
            cert, actor=admin, number=f"X{next(_n)}", issuing_authority="江苏省人民政府"
        )
    if action == "annual_review":
        return services.record_annual_review(cert, actor=admin, year=2025, result=ReviewResult.PASSED)
    if action == "renew":
        return services.renew_certificate(cert, actor=admin, number=f"R{next(_n)}")
    if action == "suspend":
        return services.suspend_certificate(
            cert, actor=admin, reason="不文明用语", suspended_until=dt.date(2026, 8, 1)
        )
    if action == "lift_suspension":
        return services.lift_suspension(cert, actor=admin, reason="重新考核合格")
    if action == "withdraw":
        return services.withdraw_certificate(cert, actor=admin, reason="辞职")
    if action == "cancel":
        return services.cancel_certificate(cert, actor=admin, reason="辞职")
    raise AssertionError(action)


def snapshot():
    return (
        sorted((tuple(sorted(model_to_dict(c).items())) for c in Certificate.objects.all()), key=repr),
        CertificateEvent.objects.count(),
        AuditEvent.objects.count(),
        AnnualReview.objects.count(),
        Deadline.objects.count(),
    )


@pytest.mark.parametrize("state", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_state_action_pair(personas, frozen, state, action):
    admin, officer = personas.cityadmin, personas.officer1
    cert = build(state, officer, admin)
    before = snapshot()
    if action in EXPECTED[state]:
        perform(action, cert, officer, admin)
        assert snapshot() != before
        assert CertificateEvent.objects.filter(action=action).exists()
        assert AuditEvent.objects.filter(action=f"certificate.{action}").exists()
    else:
        with pytest.raises(InvalidTransition) as excinfo:
            perform(action, cert, officer, admin)
        assert excinfo.value.status_code == 409
        assert snapshot() == before


def test_moves_land_in_the_expected_states(personas, frozen):
    admin, officer = personas.cityadmin, personas.officer1
    cert = services.apply_certificate(officer, actor=admin)
    assert (cert.status, cert.applied_on) == (S.APPLIED, frozen)
    pass_exam(officer, actor=admin, on=dt.date(2026, 5, 30))
    cert = services.issue_certificate(
        cert, actor=admin, number="320111202600001", issuing_authority="江苏省人民政府"
    )
    assert (cert.status, cert.issued_on, cert.expires_on) == (S.ISSUED, frozen, dt.date(2031, 5, 31))
    cert = services.suspend_certificate(
        cert, actor=admin, reason="未按规定着装", suspended_until=dt.date(2026, 7, 1)
    )
    assert (cert.status, cert.suspended_from, cert.suspended_until, cert.status_reason) == (
        S.SUSPENDED,
        frozen,
        dt.date(2026, 7, 1),
        "未按规定着装",
    )
    cert = services.lift_suspension(cert, actor=admin, reason="离岗培训考核合格")
    assert (cert.status, cert.suspended_from, cert.suspended_until) == (S.ISSUED, None, None)
    cert = services.withdraw_certificate(cert, actor=admin, reason="调离执法岗位")
    assert cert.status == S.WITHDRAWN
    cert = services.cancel_certificate(cert, actor=admin, reason="调离执法岗位")
    assert cert.status == S.CANCELLED
    history = list(
        CertificateEvent.objects.filter(certificate=cert).values_list("action", "from_status", "to_status")
    )
    assert history == [
        ("apply", "", "applied"),
        ("issue", "applied", "issued"),
        ("suspend", "issued", "suspended"),
        ("lift_suspension", "suspended", "issued"),
        ("withdraw", "issued", "withdrawn"),
        ("cancel", "withdrawn", "cancelled"),
    ]
    # and a new application is possible once nothing is current
    assert services.apply_certificate(officer, actor=admin).status == S.APPLIED


def test_issue_refused_without_passed_exam(personas, frozen):
    admin, officer = personas.cityadmin, personas.officer1
    cert = services.apply_certificate(officer, actor=admin)
    services.record_training(
        officer,
        actor=admin,
        kind="qualification_exam",
        title="执法资格考试",
        start_on=dt.date(2026, 5, 1),
        hours=0,
        result="failed",
    )
    before = snapshot()
    with pytest.raises(GuardFailed) as excinfo:
        services.issue_certificate(cert, actor=admin, number="N1", issuing_authority="江苏省人民政府")
    assert excinfo.value.code == "certificate.passed_exam"
    assert excinfo.value.message == "未查到2026-06-01前一年内合格的执法资格考试记录，不能核发执法证"
    assert snapshot() == before
    # an exam passed more than a year ago does not count either
    pass_exam(officer, actor=admin, on=dt.date(2025, 5, 31))
    with pytest.raises(GuardFailed):
        services.issue_certificate(cert, actor=admin, number="N1", issuing_authority="江苏省人民政府")
    pass_exam(officer, actor=admin, on=dt.date(2025, 6, 1))
    issued = services.issue_certificate(cert, actor=admin, number="N1", issuing_authority="江苏省人民政府")
    assert issued.exam is not None and issued.exam.start_on == dt.date(2025, 6, 1)


def test_a_number_held_in_another_district_is_refused_without_confirming_it(personas, frozen):
    """Issue 8: a district B admin re-using district A's certificate number learns only that it cannot
    be used here and whom to ask (the city), not that district A holds it; nothing changes."""
    from enforcement.core import roles
    from tests.factories import UserFactory

    give_certificate(personas.officer2, actor=personas.cityadmin, issued_on=ISSUED_ON, number="DUP-B")
    admin_b = UserFactory(username="admin_b", agency=personas.agencies.district_b, roles=[roles.AGENCY_ADMIN])
    cert = build(S.APPLIED, personas.officer_other, admin_b)
    pass_exam(personas.officer_other, actor=admin_b, on=ISSUED_ON - dt.timedelta(days=10))
    before = snapshot()
    with pytest.raises(GuardFailed) as excinfo:
        services.issue_certificate(cert, actor=admin_b, number="DUP-B", issuing_authority="江苏省人民政府")
    assert excinfo.value.message == f"该执法证号不能在本机构使用，请联系{personas.agencies.city.name}核实"
    assert "DUP-B" not in excinfo.value.message
    assert snapshot() == before


def test_issue_refused_for_a_used_number_and_bad_dates(personas, frozen):
    admin = personas.cityadmin
    give_certificate(personas.officer2, actor=admin, issued_on=ISSUED_ON, number="DUP-1")
    cert = build(S.APPLIED, personas.officer1, admin)
    before = snapshot()
    with pytest.raises(GuardFailed) as excinfo:
        services.issue_certificate(cert, actor=admin, number="DUP-1", issuing_authority="江苏省人民政府")
    assert (excinfo.value.code, excinfo.value.message) == ("certificate.number_unused", "证号DUP-1已被使用")
    with pytest.raises(InvalidInput):
        services.issue_certificate(
            cert, actor=admin, number="N2", issuing_authority="省政府", issued_on=frozen, expires_on=frozen
        )
    with pytest.raises(InvalidInput):
        services.issue_certificate(cert, actor=admin, number=" ", issuing_authority="省政府")
    assert snapshot() == before


def test_apply_refused_for_a_holder_with_a_current_certificate(personas, frozen):
    admin = personas.cityadmin
    build(S.SUSPENDED, personas.officer1, admin)
    before = snapshot()
    with pytest.raises(InvalidTransition) as excinfo:
        services.apply_certificate(personas.officer1, actor=admin)
    assert excinfo.value.message == "该人员已有执法证，不能重复申领（现有证件状态：暂扣）"
    assert snapshot() == before


def test_apply_refused_for_inactive_holder(personas, frozen):
    personas.officer1.is_active = False
    personas.officer1.save(update_fields=["is_active"])
    before = snapshot()
    with pytest.raises(GuardFailed) as excinfo:
        services.apply_certificate(personas.officer1, actor=personas.cityadmin)
    assert excinfo.value.code == "certificate.holder_active"
    assert snapshot() == before


def test_annual_review_guards_and_failed_review_suspends(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(personas.officer1, actor=admin, issued_on=ISSUED_ON)
    before = snapshot()
    for year, message in [
        (2024, "发证当年（2024年）无需年审"),
        (2027, "不能提前办理2027年度年审"),
    ]:
        with pytest.raises(GuardFailed) as excinfo:
            services.record_annual_review(cert, actor=admin, year=year, result=ReviewResult.PASSED)
        assert excinfo.value.message == message
    with pytest.raises(InvalidInput):
        services.record_annual_review(cert, actor=admin, year=2025, result="maybe")
    assert snapshot() == before
    services.record_annual_review(cert, actor=admin, year=2025, result=ReviewResult.PASSED)
    with pytest.raises(GuardFailed) as excinfo:
        services.record_annual_review(cert, actor=admin, year=2025, result=ReviewResult.PASSED)
    assert excinfo.value.message == "2025年度已年审"
    review = services.record_annual_review(cert, actor=admin, year=2026, result=ReviewResult.FAILED)
    cert.refresh_from_db()
    assert (review.year, review.result) == (2026, "failed")
    assert (cert.status, cert.suspended_from, cert.suspended_until, cert.status_reason) == (
        S.SUSPENDED,
        frozen,
        None,
        "2026年度年审不合格",
    )


def test_expired_certificate_cannot_be_reviewed_or_suspended_but_can_be_renewed(personas, frozen):
    admin = personas.cityadmin
    cert = give_certificate(
        personas.officer1, actor=admin, issued_on=dt.date(2021, 5, 1)
    )  # expires 2026-04-30
    before = snapshot()
    with pytest.raises(GuardFailed) as excinfo:
        services.suspend_certificate(cert, actor=admin, reason="x")
    assert excinfo.value.message == "执法证已于2026-04-30过期，不能办理此事项（请换发）"
    with pytest.raises(GuardFailed):
        services.record_annual_review(cert, actor=admin, year=2025, result=ReviewResult.PASSED)
    assert snapshot() == before
    new = services.renew_certificate(cert, actor=admin, number="NEW-1")
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == (S.CANCELLED, "换发")
    assert (new.status, new.replaces_id, new.issued_on, new.expires_on) == (
        S.ISSUED,
        cert.pk,
        frozen,
        dt.date(2031, 5, 31),
    )
    assert cert.replaced_by == new


def test_non_admins_are_refused_and_nothing_changes(personas, frozen):
    cert = build(S.ISSUED, personas.officer1, personas.cityadmin)
    before = snapshot()
    for actor in (personas.officer1, personas.head, personas.supervisor, personas.officer_other):
        with pytest.raises(NotAllowed):
            services.suspend_certificate(cert, actor=actor, reason="x")
        with pytest.raises(NotAllowed):
            services.apply_certificate(personas.officer2, actor=actor)
    assert snapshot() == before
    # the platform superuser may act
    services.suspend_certificate(cert, actor=personas.admin, reason="粗暴执法")


def test_agency_admin_of_an_ancestor_may_act_but_not_of_a_sibling(personas, frozen, agencies):
    from tests.factories import UserFactory

    district_admin_b = UserFactory(username="admin_b", agency=agencies.district_b, roles=["系统管理员"])
    with pytest.raises(NotAllowed):
        services.apply_certificate(personas.officer1, actor=district_admin_b)
    district_admin_a = UserFactory(username="admin_a", agency=agencies.district_a, roles=["系统管理员"])
    assert services.apply_certificate(personas.officer1, actor=district_admin_a).status == S.APPLIED


# --- property: random walks through the lifecycle agree with a reference model -----------------------


def reference(state: str | None, action: str) -> str | None:
    """Independent model of the table: the resulting state of the *current* certificate, or None."""
    allowed = EXPECTED.get(state, {"apply"}) if state is not None else {"apply"}
    if action not in allowed:
        raise InvalidTransition("")
    return {
        "apply": S.APPLIED,
        "issue": S.ISSUED,
        "annual_review": S.ISSUED,
        "renew": S.ISSUED,
        "suspend": S.SUSPENDED,
        "lift_suspension": S.ISSUED,
        "withdraw": S.WITHDRAWN,
        "cancel": S.CANCELLED,
    }[action]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(walk=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=7))
def test_random_walks_match_the_reference_model(personas, frozen, walk):
    admin, officer = personas.cityadmin, personas.officer1
    with transaction.atomic():
        pass_exam(officer, actor=admin, on=dt.date(2026, 5, 1))
        state: str | None = None
        cert: Certificate | None = None
        for action in walk:
            before = snapshot()
            try:
                expected = reference(state, action)
            except InvalidTransition:
                with pytest.raises((InvalidTransition, InvalidInput, AttributeError)):
                    if cert is None and action != "apply":
                        raise AttributeError  # nothing to act on yet
                    perform(action, cert, officer, admin)
                assert snapshot() == before
                continue
            if action == "annual_review":
                # certificates in a walk are issued today (2026): no review is owed yet — the guard refuses
                with pytest.raises(GuardFailed):
                    perform(action, cert, officer, admin)
                assert snapshot() == before
                continue
            result = perform(action, cert, officer, admin)
            if action in ("apply", "renew"):
                cert = result
            assert cert is not None
            cert.refresh_from_db()
            assert cert.status == expected
            state = expected
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "score,title,fields",
    [
        ("-1", "培训", {"score": ["成绩须为0–100之间的数字"]}),
        ("NaN", "培训", {"score": ["成绩须为0–100之间的数字"]}),
        ("1e10", "培训", {"score": ["成绩须为0–100之间的数字"]}),
        ("90", "培\x00训", {"title": ["含有不可见的控制字符（U+0000），请删除后重新输入"]}),
        ("90", "训" * 201, {"title": ["不得超过200个字符（当前201个）"]}),
    ],
)
def test_training_numbers_and_text_have_their_domains(personas, frozen, score, title, fields):
    with pytest.raises(InvalidInput) as exc:
        services.record_training(
            personas.officer1,
            actor=personas.cityadmin,
            kind="legal",
            title=title,
            start_on=frozen,
            hours="4",
            result="passed",
            score=score,
        )
    assert exc.value.fields == fields
