"""seed_demo's cases part: for 浦口区 (district A), cases in every state up to the decision, created by the
real services (draft, submitted, rejected, filed, investigation closed, notified, hearing requested,
waived, in legal review, decided, not penalised) and after it (partly paid, overdue with surcharge, court
enforcement applied; ``cases.demo_payment``). Idempotent (skipped once district A has a case);
skipped when the personas or enterprises are missing. ``--scale`` adds nothing here (bulk volume for
benchmarks is not built yet)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from enforcement.core.bulk import say
from enforcement.core.models import Agency, Enterprise, User

from .choices import CaseStatus as S
from .demo_documents import seed_document_cases
from .demo_payment import seed_payments
from .demo_records import seed_structured_evidence
from .models import Case
from .services.create import create_case
from .services.workflow import transition_case

AGENCY_CODE = "320111"
VIOLATION = "AQ-099-I1"  # 未如实记录安全生产教育和培训情况 (安全生产法 第九十七条第（四）项 family)
BIG_VIOLATION = "AQ-101-I1"


def seed_cases(*, scale: int = 0, stdout: Any = None) -> None:
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    people = {
        u.username: u for u in User.objects.filter(username__in=["officer1", "officer2", "head", "reviewer"])
    }
    if agency is None or len(people) < 4:
        say(stdout, "  cases: district A or personas missing, skipped")
        return
    if Case.objects.filter(deciding_agency=agency).exists():
        say(stdout, "  cases: already seeded")
        return
    firms = list(Enterprise.objects.filter(agency=agency, is_active=True).order_by("-pk")[:11])
    if len(firms) < 11:
        say(stdout, "  cases: fewer than 11 enterprises in district A, skipped")
        return
    o1, o2, head, reviewer = people["officer1"], people["officer2"], people["head"], people["reviewer"]
    today = timezone.localdate()
    made: list[Case] = []

    def move(case: Case, action: str, actor: Any, **params: Any) -> Case:
        return transition_case(case, action, actor=actor, params=params)

    def new(firm: Enterprise, cause: str, days_ago: int = 20) -> Case:
        return create_case(
            actor=o1,
            party={"kind": "enterprise", "enterprise": firm.pk},
            source="complaint",
            source_ref={"text": "12350安全生产举报热线"},
            cause=cause,
            violation_date=today - dt.timedelta(days=days_ago),
            handlers=[o1, o2],
        )

    def conclude(case: Case, amount: int, code: str = VIOLATION) -> Case:
        return move(
            case,
            "conclude_investigation",
            o1,
            facts=f"经查，{case.party_name}{case.cause}。",
            proposal="penalty",
            violations=[{"violation": code, "fines": [{"subject": "unit", "amount": amount}]}],
        )

    def upto(firm: Enterprise, state: str, amount: int = 20000, code: str = VIOLATION) -> Case:
        c = new(firm, "未如实记录安全生产教育和培训情况")
        if state == S.DRAFT:
            return c
        c = move(c, "submit_filing", o1)
        if state == S.SUBMITTED:
            return c
        if state == S.REJECTED:
            return move(c, "reject_filing", head, opinion="举报事项经核实不属实，不予立案")
        c = move(c, "approve_filing", head, opinion="同意立案，由王执法、李执法承办")
        if state == S.FILED:
            return c
        c = conclude(c, amount, code)
        if state == S.INVESTIGATION_CLOSED:
            return c
        c = move(c, "notify", o1)
        if state == S.NOTIFIED:
            return c
        if state == S.HEARING_REQUESTED:
            return move(c, "request_hearing", o1)
        c = move(c, "waive_rights", o1)
        if state == S.WAIVED:
            return c
        if c.review_required:
            c = move(c, "submit_legal_review", o1)
            if state == S.LEGAL_REVIEW:
                return c
        return move(c, "decide", head)

    try:
        for firm, state in zip(
            firms,
            [
                S.DRAFT,
                S.SUBMITTED,
                S.REJECTED,
                S.FILED,
                S.INVESTIGATION_CLOSED,
                S.NOTIFIED,
                S.WAIVED,
                S.DECIDED,
            ],
            strict=False,
        ):
            made.append(upto(firm, state))
        made.append(upto(firms[8], S.HEARING_REQUESTED, amount=60000, code=BIG_VIOLATION))
        made.append(upto(firms[9], S.LEGAL_REVIEW, amount=60000, code=BIG_VIOLATION))
        c = move(
            upto(firms[10], S.FILED),
            "conclude_investigation",
            o1,
            facts="违法事实不成立",
            proposal="no_penalty",
        )
        made.append(move(c, "decide", head))
        made += _served_and_challenged(upto, move, firms, o1, today)
        made += seed_payments(firms[:3], o1, o2, head)
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  cases: stopped after {len(made)} cases: {exc}")
        return
    assert reviewer  # the pool of district A takes the case in legal review
    say(stdout, f"  案件：{len(made)} 件（预立案至作出决定、送达、行政复议、缴款执行各状态）")
    try:
        filed = next(c for c in made if c.status == S.FILED)
        say(stdout, f"  调查取证：{seed_structured_evidence(filed, o1, o2, head)}")
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  cases: structured evidence not seeded: {exc}")
    _case_from_a_major_hazard(agency, o1, stdout)
    _summary_and_transfer(firms[4], o1, o2, head, stdout)
    try:
        seed_document_cases(agency, stdout, say)
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  cases: the documents' cases stopped: {exc}")


def _summary_and_transfer(firm: Enterprise, o1: Any, o2: Any, head: Any, stdout: Any) -> None:
    """A 当场处罚 (summary procedure, fine collected on the spot and handed in, 备案 pending) and a case
    transferred to the police (receipt recorded, their 3-day decision awaited), through the services."""
    today = timezone.localdate()
    try:
        spot = create_case(
            actor=o1,
            party={
                "kind": "person",
                "name": "赵小明",
                "id_number": "11010519491231002X",
                "address": "浦口区江浦街道",
            },
            source="inspection",
            source_ref={"text": "加油站现场检查"},
            cause="在加油站作业区吸烟",
            violation_date=today,
            handlers=[o1, o2],
            procedure="summary",
        )
        spot = transition_case(
            spot,
            "decide_on_spot",
            actor=o1,
            params={
                "penalty": "fine",
                "amount": 100,
                "facts": "当事人在加油站加油作业区内吸烟，经现场制止。",
                "provision": "《江苏省安全生产条例》有关禁止在易燃易爆场所吸烟的规定",
                "basis": "《江苏省安全生产条例》相应罚则",
                "place": "浦口区江浦街道某加油站",
                "cash": True,
                "receipt_number": "苏财罚（2026）000123",
            },
        )
        transition_case(spot, "record_cash_handover", actor=o1, params={})
        case = create_case(
            actor=o1,
            party={"kind": "enterprise", "enterprise": firm.pk},
            source="inspection",
            source_ref={"text": "专项执法检查"},
            cause="关闭有毒有害气体监测报警装置",
            violation_date=today - dt.timedelta(days=5),
            handlers=[o1, o2],
        )
        case = transition_case(case, "submit_filing", actor=o1, params={})
        case = transition_case(case, "approve_filing", actor=head, params={"opinion": "同意立案"})
        case = transition_case(
            case,
            "transfer",
            actor=head,
            params={
                "to": "public_security",
                "receiving_body": "南京市公安局浦口分局",
                "reason": "该单位关闭有毒有害气体监测报警装置，存在重大事故现实危险，涉嫌危险作业罪（刑法第一百三十四条之一）。",
            },
        )
        transition_case(
            case, "record_transfer_receipt", actor=o1, params={"received_on": today, "receipt_by": "刘警官"}
        )
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  cases: summary/transfer demo stopped: {exc}")
        return
    say(stdout, "  简易程序案件 1 件（当场收缴罚款已交纳，待备案）；移送公安机关案件 1 件（待公安机关决定）")


def _served_and_challenged(
    upto: Any, move: Any, firms: list[Enterprise], actor: Any, today: Any
) -> list[Case]:
    """Decided cases after the decision, through the services: one served by post (the receipt date
    counts), one by 公告送达 (deemed served 30 days after publication), one served directly whose party
    applied for reconsideration, upheld (维持)."""
    by_post = move(
        upto(firms[0], S.DECIDED),
        "serve",
        actor,
        method="post",
        date=today,
        recipient="单位收发室",
        receipt_date=today,
        tracking_number="1190512345678",
    )
    by_notice = move(
        upto(firms[1], S.DECIDED),
        "serve",
        actor,
        method="public_notice",
        public_notice_reason="经直接送达、邮寄送达均无法送达，当事人下落不明",
        publication_medium="南京市浦口区人民政府网站",
    )
    challenged = move(upto(firms[2], S.DECIDED), "serve", actor, method="direct", recipient="法定代表人")
    challenged = move(
        challenged,
        "record_remedy",
        actor,
        decision=challenged.decisions.get().pk,
        kind="reconsideration",
        body="南京市浦口区人民政府",
        received_on=today,
        answered_on=today,
        outcome="upheld",
        outcome_on=today,
    )
    return [by_post, by_notice, challenged]


def _case_from_a_major_hazard(agency: Agency, actor: Any, stdout: Any) -> None:
    """One demo hazard becomes a case: a major hazard found on site is filed through the hazard's own
    立案 action (the provider this app registers), so its page links the case and the case names it."""
    from inspections.choices import HazardLevel, HazardStatus
    from inspections.models import Hazard
    from inspections.services.hazards import transition_hazard

    hazard = (
        Hazard.objects.filter(
            agency=agency, level=HazardLevel.MAJOR, status=HazardStatus.FOUND, case_object_id__isnull=True
        )
        .order_by("pk")
        .first()
    )
    if hazard is None:
        return
    try:
        hazard = transition_hazard(
            hazard, "file_case", actor=actor, reason="重大事故隐患：" + hazard.description
        )
    except Exception as exc:  # noqa: BLE001  # demo data must not stop the rest of seed_demo
        say(stdout, f"  cases: the hazard could not be filed as a case: {exc}")
        return
    say(stdout, f"  隐患立案：隐患 {hazard.pk} → 案件 {hazard.case_object_id}")
