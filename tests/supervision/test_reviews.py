"""The review of a sampled case: reviewer guards (回避), the per-object grant while it lasts, pre-marks read
from real dossiers (each with a dossier that has the fault and one that has not), scoring, the locked
grade, one objection and the re-check, 优秀案卷."""

from __future__ import annotations

import datetime as dt

import pytest

from cases.models import Case, CaseDecision
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent
from supervision import rules
from supervision.choices import ReviewStatus
from supervision.models import CaseFileReview
from supervision.services import reviews
from supervision.services.dossier import dossier_facts
from training.models import Certificate

from .conftest import decide
from .helpers import make_campaign

pytestmark = pytest.mark.django_db


def _review(sw, case) -> CaseFileReview:
    c = make_campaign(sw.p.supervisor, [sw.p.agencies.district_a], ratio=100)
    return c.reviews.get(case=case)


def _full_marks(review, *, veto: str = "", low: int = 0):
    entries = []
    for s in review.scores.select_related("item"):
        if s.item.is_veto:
            entries.append({"item": s.item_id, "veto_hit": s.item.code == veto, "confirmed": True})
        else:
            entries.append({"item": s.item_id, "awarded": s.item.points, "confirmed": True})
    if low:
        c1 = next(e for e in entries if "awarded" in e and e["awarded"] >= low)
        c1["awarded"] -= low
        c1["finding"] = "立案审批表未载明立案依据"
    return entries


def test_reviewer_guards(sw):
    p = sw.p
    r = _review(sw, decide(sw.cw))
    for who, message in [(p.officer2, "被评查机构"), (p.head, "被评查机构")]:
        with pytest.raises(GuardFailed, match=message):
            reviews.assign_reviewer(r, who, actor=p.supervisor)
    with pytest.raises(NotAllowed):
        reviews.assign_reviewer(r, sw.reviewer_b, actor=p.officer_other)
    r.refresh_from_db()
    assert (r.status, r.reviewer_id) == (ReviewStatus.PENDING, None)
    assert not AuditEvent.objects.filter(action="supervision.review_assign").exists()


def test_a_former_handler_may_not_review(sw):
    p = sw.p
    case = decide(sw.cw)
    r = _review(sw, case)
    # a handler who has since moved to district B still must recuse
    type(p.officer2).objects.filter(pk=p.officer2.pk).update(agency=p.agencies.district_b)
    p.officer2.refresh_from_db()
    with pytest.raises(GuardFailed, match="曾承办本案"):
        reviews.assign_reviewer(r, p.officer2, actor=p.supervisor)


def test_grant_lasts_while_the_review_does_and_the_grade_is_locked(sw):
    p = sw.p
    case = decide(sw.cw)
    r = reviews.assign_reviewer(_review(sw, case), sw.reviewer_b, actor=p.supervisor)
    assert reviews.has_grant(sw.reviewer_b, case)
    assert not reviews.has_grant(sw.reviewer_b2, case)
    reviews.save_scores(r, _full_marks(r, low=5), actor=sw.reviewer_b)
    with pytest.raises(NotAllowed):
        reviews.save_scores(r, _full_marks(r), actor=sw.reviewer_b2)
    r = reviews.submit_review(r, actor=sw.reviewer_b, summary="总体规范")
    assert (r.status, r.total, r.grade) == (ReviewStatus.SUBMITTED, 95, "excellent")
    assert not reviews.has_grant(sw.reviewer_b, Case.objects.get(pk=case.pk))
    with pytest.raises(InvalidTransition, match="锁定"):
        reviews.save_scores(r, _full_marks(r), actor=sw.reviewer_b)
    r.refresh_from_db()
    assert r.total == 95


def test_unscored_and_unconfirmed_items_block_submission(sw):
    p = sw.p
    r = reviews.assign_reviewer(_review(sw, decide(sw.cw)), sw.reviewer_b, actor=p.supervisor)
    with pytest.raises(GuardFailed, match="尚未打分"):
        reviews.submit_review(r, actor=sw.reviewer_b)
    with pytest.raises(InvalidInput) as exc:
        c1 = r.scores.get(item__code="C1")
        reviews.save_scores(r, [{"item": c1.item_id, "awarded": 9}], actor=sw.reviewer_b)
    assert exc.value.fields == {"C1": ["得分须在 0 至 8 分之间"]}


def test_veto_fails_the_file_and_objection_goes_to_a_second_reviewer(sw):
    p = sw.p
    r = reviews.assign_reviewer(_review(sw, decide(sw.cw)), sw.reviewer_b, actor=p.supervisor)
    reviews.save_scores(r, _full_marks(r, veto="V4"), actor=sw.reviewer_b)
    r = reviews.submit_review(r, actor=sw.reviewer_b)
    assert (r.total, r.grade, r.veto_hit) == (0, "fail", True)
    with pytest.raises(NotAllowed):
        reviews.object_review(r, actor=p.officer1, reason="证据充分")
    r = reviews.object_review(r, actor=p.head, reason="证据充分，见证据3")
    with pytest.raises(InvalidTransition, match="只能提出一次"):
        reviews.object_review(r, actor=p.head, reason="再次")
    with pytest.raises(GuardFailed, match="原评查人员"):
        reviews.assign_rechecker(r, sw.reviewer_b, actor=p.supervisor)
    r = reviews.assign_rechecker(r, sw.reviewer_b2, actor=p.supervisor)
    reviews.save_scores(r, _full_marks(r), actor=sw.reviewer_b2)
    r = reviews.complete_recheck(r, actor=sw.reviewer_b2, opinion="证据充分，撤销否决")
    assert (r.status, r.total, r.grade, r.first_total, r.first_grade) == (
        ReviewStatus.FINAL,
        100,
        "excellent",
        0,
        "fail",
    )
    r = reviews.mark_excellent(r, actor=p.supervisor)
    assert r.excellent


def test_only_an_excellent_grade_becomes_an_example(sw):
    p = sw.p
    r = reviews.assign_reviewer(_review(sw, decide(sw.cw)), sw.reviewer_b, actor=p.supervisor)
    reviews.save_scores(r, _full_marks(r, low=8), actor=sw.reviewer_b)
    # C1 loses 8 → 92; lose 3 more on F-items to fall to 89 (合格)
    f1 = r.scores.get(item__code="F1")
    reviews.save_scores(r, [{"item": f1.item_id, "awarded": 0}], actor=sw.reviewer_b)
    r = reviews.submit_review(r, actor=sw.reviewer_b)
    assert (r.total, r.grade) == (89, "pass")
    with pytest.raises(GuardFailed, match="优秀等次"):
        reviews.mark_excellent(r, actor=p.supervisor)


# --- pre-marks from real dossiers ------------------------------------------------------------------------


def _marks(case):
    return rules.premarks(dossier_facts(Case.objects.get(pk=case.pk)))


def test_premark_legal_review_from_the_dossier(sw):
    good = decide(sw.cw, legal_review=True)
    assert _marks(good)["legal_review"].fault is False
    bad = decide(sw.cw)
    # a paper file entered after the fact: the review was required but none was approved (the decide guard
    # prevents this for cases handled on the platform)
    Case.objects.filter(pk=bad.pk).update(review_required=True, review_reasons=["罚款数额较大"])
    assert _marks(bad)["legal_review"].fault is True


def test_premark_decision_deadline_from_the_dossier(sw):
    good = decide(sw.cw)
    assert _marks(good)["decision_deadline"].fault is False
    bad = decide(sw.cw)
    Case.objects.filter(pk=bad.pk).update(decision_due=dt.date(2026, 5, 20), overdue_reason="鉴定耗时")
    mark = _marks(bad)["decision_deadline"]
    assert mark.fault and "2026-05-20" in mark.reason and "鉴定耗时" in mark.reason


def test_premark_two_officers_from_the_dossier(sw):
    good = decide(sw.cw)
    assert _marks(good)["two_officers"].fault is False
    # the certificate register later corrected: officer2's certificate had expired before these steps
    Certificate.objects.filter(holder=sw.p.officer2).update(expires_on=dt.date(2026, 5, 1))
    mark = _marks(good)["two_officers"]
    assert mark.fault and sw.p.officer2.display_name in mark.reason


def test_premark_service_from_the_dossier_and_on_the_sheet(sw):
    p = sw.p
    unserved = decide(sw.cw)
    assert _marks(unserved)["service"].fault is True
    served = decide(sw.cw)
    sw.cw.move(served, "serve", method="post", recipient="李收件", receipt_date=dt.date(2026, 6, 1))
    assert CaseDecision.objects.get(case=served).served_on is not None
    assert _marks(served)["service"].fault is False
    handed = decide(sw.cw)  # served in person, but no signed 送达回执 uploaded
    sw.cw.move(handed, "serve", method="direct", recipient="钱法代")
    mark = _marks(handed)["service"]
    assert mark.fault and "无送达回执" in mark.reason
    r = reviews.assign_reviewer(_review(sw, unserved), sw.reviewer_b, actor=p.supervisor)
    row = r.scores.get(item__code="C11")
    assert row.premark and "送达" in row.premark_reason and not row.confirmed
    # not served and never published: C11 and C12 are pre-marked
    assert set(r.scores.filter(premark=True).values_list("item__code", flat=True)) == {"C11", "C12"}
    entries = [e for e in _full_marks(r) if e["item"] != row.item_id] + [{"item": row.item_id, "awarded": 6}]
    reviews.save_scores(r, entries, actor=sw.reviewer_b)
    with pytest.raises(GuardFailed, match="逐项确认"):
        reviews.submit_review(r, actor=sw.reviewer_b)


def test_premark_publication_from_the_dossier(sw, frozen):
    """Published on time, published late (decided 2026-06-01: due 7 working days later), never published."""
    on_time = decide(sw.cw)
    d = CaseDecision.objects.get(case=on_time)
    sw.cw.move(on_time, "publish", decision=d.pk)
    assert _marks(on_time)["publication"].fault is False
    never = decide(sw.cw)
    mark = _marks(never)["publication"]
    assert mark.fault and "未公示" in mark.reason
    late = decide(sw.cw)
    frozen.move_to(dt.datetime(2026, 6, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    sw.cw.move(late, "publish", decision=CaseDecision.objects.get(case=late).pk)
    mark = _marks(late)["publication"]
    assert mark.fault and "7个工作日" in mark.reason
