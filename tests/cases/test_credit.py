"""信用 (spec §12; ERRATA): the penalty decision pushed automatically, the serious-dishonesty listing as its
own procedure (notice, written decision, service, objection), credit repair ending the display and the
publication, and the enterprise page's credit panel scoped to what the viewer may see."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import CreditKind, CreditRecord, ListingStatus, Publication, RepairStatus, WithdrawalKind
from cases.services import credit
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent
from tests.cases.test_publication import at, decided

UNIT_ONLY = [{"violation": "AQ-099-I1", "fines": [{"subject": "unit", "amount": 20000}]}]


def test_a_penalty_decision_against_an_enterprise_is_pushed_once(cw, frozen):
    c = decided(cw, violations=UNIT_ONLY)
    [d] = c.decisions.all()
    [r] = CreditRecord.objects.all()
    assert (r.enterprise_id, r.decision_id, r.kind, r.starts_on, r.ends_on) == (
        cw.enterprise.pk,
        d.pk,
        CreditKind.PENALTY_INFO,
        dt.date(2026, 6, 1),
        dt.date(2029, 6, 1),
    )
    assert credit.push_decision(d, actor=None) == r
    assert credit.push_missing(dt.date(2026, 6, 1)) == 0
    assert AuditEvent.objects.filter(action="credit.push").count() == 1


def test_responsible_persons_are_not_enterprise_credit_records(cw, frozen):
    decided(cw)
    assert list(CreditRecord.objects.values_list("decision__party_role", flat=True)) == ["party"]


def _listing(cw):
    c = decided(cw, violations=UNIT_ONLY)
    [d] = c.decisions.all()
    listing = credit.notify_listing(
        d,
        actor=cw.personas.officer1,
        situation="因违反安全生产法律法规受到行政处罚，性质恶劣、情节严重",
        notice_text="拟将你单位列入安全生产严重失信主体名单，可在五个工作日内陈述申辩。",
    )
    return c, d, listing


def test_the_listing_procedure_notice_decision_service_objection(cw, frozen):
    p = cw.personas
    c, d, listing = _listing(cw)
    assert listing.status == ListingStatus.NOTICED
    with pytest.raises(NotAllowed):
        credit.move_listing(listing, "decide", actor=p.officer1, params={"decision_text": "列入"})
    with pytest.raises(InvalidTransition):
        credit.move_listing(listing, "serve", actor=p.officer1)
    with pytest.raises(GuardFailed):
        credit.move_listing(listing, "decide", actor=p.head, params={"decision_text": " "})
    listing = credit.move_listing(
        listing, "decide", actor=p.head, params={"decision_text": "决定列入严重失信主体名单"}
    )
    assert (listing.status, listing.ends_on) == (ListingStatus.DECIDED, dt.date(2029, 6, 1))
    assert not CreditRecord.objects.filter(kind=CreditKind.DISHONEST_LIST).exists()  # effective on service
    listing = credit.move_listing(listing, "serve", actor=p.officer1)
    kinds = sorted(CreditRecord.objects.filter(listing=listing).values_list("kind", flat=True))
    assert kinds == [CreditKind.DISHONEST_LIST, CreditKind.JOINT_PUNISHMENT]
    cw.enterprise.refresh_from_db()
    assert cw.enterprise.credit_status == "dishonest"
    listing = credit.move_listing(
        listing, "record_objection", actor=p.officer1, params={"objection_text": "认定事实有误"}
    )
    assert listing.status == ListingStatus.OBJECTED
    listing = credit.move_listing(
        listing,
        "decide_objection",
        actor=p.head,
        params={"upheld": True, "objection_result": "经复核异议成立"},
    )
    assert listing.status == ListingStatus.REVOKED
    assert set(CreditRecord.objects.filter(listing=listing).values_list("ended_on", flat=True)) == {
        dt.date(2026, 6, 1)
    }
    cw.enterprise.refresh_from_db()
    assert cw.enterprise.credit_status == "normal"
    actions = list(
        AuditEvent.objects.filter(action__startswith="credit.listing")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [
        "credit.listing_notice",
        "credit.listing_decide",
        "credit.listing_serve",
        "credit.listing_record_objection",
        "credit.listing_decide_objection",
    ]


def test_listing_notice_is_refused_for_others_and_twice(cw, frozen):
    c, d, listing = _listing(cw)
    with pytest.raises(GuardFailed):
        credit.notify_listing(d, actor=cw.personas.officer1, situation="x", notice_text="y")
    with pytest.raises(NotAllowed):
        credit.notify_listing(d, actor=cw.personas.officer_other, situation="x", notice_text="y")


def test_repair_before_the_minimum_period_is_refused(cw, frozen):
    decided(cw, violations=UNIT_ONLY)
    [r] = CreditRecord.objects.all()
    with pytest.raises(GuardFailed) as exc:
        credit.request_repair(
            r, actor=cw.personas.officer1, applicant="公司", reason="已整改", evidence="整改报告"
        )
    assert "2027-06-01" in exc.value.message


def test_approved_repair_ends_the_display_and_withdraws_the_publication(client, cw, frozen):
    p = cw.personas
    c = decided(cw, violations=UNIT_ONLY)
    [d] = c.decisions.all()
    cw.move(c, "publish", decision=d.pk)
    [r] = CreditRecord.objects.all()
    pub = Publication.objects.get()
    frozen.move_to(at(dt.date(2027, 6, 2)))
    with pytest.raises(InvalidInput):
        credit.request_repair(r, actor=p.officer1, applicant="公司", reason=" ", evidence="整改报告")
    repair = credit.request_repair(
        r,
        actor=p.officer1,
        applicant=c.party_name,
        reason="已完成整改并完成培训",
        evidence="整改报告、培训记录",
    )
    with pytest.raises(NotAllowed):
        credit.decide_repair(repair, actor=p.officer1, approved=True, opinion="同意")
    repair = credit.decide_repair(repair, actor=p.head, approved=True, opinion="整改到位，准予修复")
    assert repair.status == RepairStatus.APPROVED
    r.refresh_from_db()
    pub.refresh_from_db()
    assert (r.ended_on, r.ended_reason) == (dt.date(2027, 6, 2), "信用修复")
    assert (pub.withdrawal_kind, pub.withdrawn_by, pub.withdrawn_on) == (
        WithdrawalKind.CREDIT_REPAIR,
        p.head,
        dt.date(2027, 6, 2),
    )
    assert client.get(f"/public/decisions/{pub.pk}/").status_code == 404
    with pytest.raises(GuardFailed):
        credit.decide_repair(repair, actor=p.head, approved=False, opinion="再审")


def test_enterprise_page_shows_credit_history_only_to_who_may_see_the_case(client, cw, frozen):
    decided(cw, violations=UNIT_ONLY)
    url = f"/enterprises/{cw.enterprise.pk}/"
    client.force_login(cw.personas.officer1)
    html = client.get(url).content.decode()
    assert (
        'id="enterprise-credit"' in html and "：未如实记录安全生产教育和培训情况" in html and "公示中" in html
    )
    client.force_login(cw.personas.expired)  # an officer of the same agency, not on the case
    html = client.get(url).content.decode()
    assert "未如实记录安全生产教育和培训情况" not in html and "暂无您可查看的信用记录" in html
    client.force_login(cw.personas.officer_other)
    assert client.get(url).status_code == 404


def test_credit_page_runs_the_listing_and_is_scoped(client, cw, frozen):
    p = cw.personas
    c = decided(cw, violations=UNIT_ONLY)
    [d] = c.decisions.all()
    url = f"/cases/{c.pk}/credit/"
    client.force_login(p.officer_other)
    assert client.get(url).status_code == 404
    assert (
        client.post(f"{url}listing/", {"decision": d.pk, "situation": "x", "notice_text": "y"}).status_code
        == 404
    )
    client.force_login(p.officer1)
    html = client.get(url).content.decode()
    assert "告知拟列入严重失信主体名单" in html and "行政处罚信息" in html
    r = client.post(
        f"{url}listing/", {"decision": d.pk, "situation": "情节严重", "notice_text": "拟列入，可陈述申辩"}
    )
    assert r.status_code == 302
    listing = d.listings.get()
    r = client.post(f"{url}listing/{listing.pk}/decide/", {"decision_text": "列入"})
    assert r.status_code == 403  # the head decides
    client.force_login(p.head)
    assert "作出列入决定" in client.get(url).content.decode()
    r = client.post(f"{url}listing/{listing.pk}/decide/", {"decision_text": "决定列入"})
    assert r.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.DECIDED


def test_early_removal_from_the_list_after_12_months_by_repair(cw, frozen):
    p = cw.personas
    c, d, listing = _listing(cw)
    cw.move(c, "publish", decision=d.pk)
    listing = credit.move_listing(listing, "decide", actor=p.head, params={"decision_text": "决定列入"})
    listing = credit.move_listing(listing, "serve", actor=p.officer1)
    entry = CreditRecord.objects.get(listing=listing, kind=CreditKind.DISHONEST_LIST)
    frozen.move_to(at(dt.date(2027, 5, 31)))
    with pytest.raises(GuardFailed):
        credit.request_repair(entry, actor=p.officer1, applicant="公司", reason="已整改", evidence="报告")
    frozen.move_to(at(dt.date(2027, 6, 1)))
    repair = credit.request_repair(
        entry, actor=p.officer1, applicant="公司", reason="已整改", evidence="报告"
    )
    credit.decide_repair(repair, actor=p.head, approved=True, opinion="准予提前移出")
    listing.refresh_from_db()
    cw.enterprise.refresh_from_db()
    assert listing.status == ListingStatus.ENDED and cw.enterprise.credit_status == "normal"
    assert set(CreditRecord.objects.filter(listing=listing).values_list("ended_on", flat=True)) == {
        dt.date(2027, 6, 1)
    }
    # the penalty information and the decision's publication are not touched by the listing's removal
    assert CreditRecord.objects.get(kind=CreditKind.PENALTY_INFO).ended_on is None
    assert Publication.objects.live().count() == 1


def test_listing_ends_after_3_years_by_the_daily_job(cw, frozen):
    p = cw.personas
    c, d, listing = _listing(cw)
    listing = credit.move_listing(listing, "decide", actor=p.head, params={"decision_text": "决定列入"})
    credit.move_listing(listing, "serve", actor=p.officer1)
    assert credit.end_listings(dt.date(2029, 6, 1)) == 0
    assert credit.end_listings(dt.date(2029, 6, 2)) == 1
    cw.enterprise.refresh_from_db()
    assert cw.enterprise.credit_status == "normal"
