"""seed_demo's structured evidence: on the demo's filed case, a 询问笔录 of the enterprise's safety manager and
a 现场笔录, and a 先行登记保存 approved by the head (its 7-working-day deadline running) — all through the
services, so the documents, deadlines and audit events exist as in real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from .models import Case
from .services import measures, records


def seed_structured_evidence(case: Case, o1: Any, o2: Any, head: Any) -> str:
    start = timezone.localtime() - dt.timedelta(hours=3)
    officers = [o1.pk, o2.pk]
    records.record_interview(
        case,
        actor=o1,
        params={
            "interviewee_name": "周安全",
            "interviewee_id_number": "320111198503120019",
            "interviewee_role": f"{case.party_name}安全管理员",
            "started_at": start,
            "ended_at": start + dt.timedelta(minutes=45),
            "place": f"{case.party_name}办公楼会议室",
            "officers": officers,
            "recorder": o2.pk,
            "rights_read": True,
            "qa": [
                {"q": "你是否申请执法人员回避？", "a": "不申请。"},
                {"q": "你在公司担任什么职务？", "a": "安全管理员，负责安全生产教育和培训。"},
                {"q": "公司是否建立安全生产教育和培训档案？", "a": "2025年下半年以来的培训没有如实记录。"},
            ],
        },
    )
    records.record_site(
        case,
        actor=o2,
        params={
            "kind": "scene",
            "started_at": start - dt.timedelta(hours=1),
            "ended_at": start - dt.timedelta(minutes=20),
            "place": f"{case.party_name}培训室及档案室",
            "present": ["周安全（安全管理员）"],
            "findings": "档案室未见2025年7月以后的安全生产教育和培训记录；培训签到表空白。",
            "officers": officers,
        },
    )
    kept = measures.request_preservation(
        case,
        actor=o1,
        params={
            "items": [{"name": "培训签到表", "spec": "A4", "quantity": "12页", "batch": ""}],
            "place": f"{case.party_name}档案室",
            "reason": "签到表可能被补记或销毁",
            "officers": officers,
        },
    )
    measures.approve_preservation(kept, actor=head, approved=True, opinion="同意先行登记保存")
    return "询问笔录、现场笔录、先行登记保存各1份"
