"""综合联检 (1 + N) services: the lead department schedules one visit with the participating departments,
records it as done (optionally naming the lead's on-site record) or cancels it. Each participant of a done
joint inspection is one separate visit the enterprise did not receive (国办发〔2024〕54号: merge inspections,
avoid repeats)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import Agency, Enterprise
from enforcement.core.services.audit import record_event

from ..choices import JointStatus
from ..models import Inspection, JointInspection, JointParticipant
from .common import is_officer_of


def joint_queryset() -> Any:
    return JointInspection.objects.select_related("lead_agency", "enterprise", "created_by", "inspection")


def get_joint_for_user(user: Any, pk: Any) -> JointInspection:
    joint: JointInspection = get_object_for_user(joint_queryset(), user, pk)
    return joint


def _bad(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, fields={field: [message]})


def create_joint(
    *,
    actor: Any,
    enterprise: Enterprise,
    scheduled_on: dt.date,
    participants: Iterable[Mapping[str, Any]],
    title: str = "",
    note: str = "",
) -> JointInspection:
    """安排综合联检 led by the actor's agency on one of its enterprises. ``participants``: dicts with
    ``department`` (name), optional ``agency`` (an Agency on the platform) and ``contact``. Refused, nothing
    stored: not an officer/head of the enterprise's agency; no participant; a department twice; the lead
    agency listed as a participant; a date in the past."""
    if not is_officer_of(actor, enterprise.agency_id):
        raise NotAllowed("只有企业所属机构的执法人员或负责人可以牵头安排联合检查")
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for p in participants:
        agency = p.get("agency")
        department = str(p.get("department") or (agency.name if isinstance(agency, Agency) else "")).strip()
        if not department:
            continue
        if department in seen:
            raise _bad("participants", f"参与部门“{department}”重复")
        if isinstance(agency, Agency) and agency.pk == enterprise.agency_id:
            raise _bad("participants", "牵头部门不能同时作为参与部门")
        seen.add(department)
        rows.append(
            {"department": department, "agency": agency, "contact": str(p.get("contact") or "").strip()}
        )
    if not rows:
        raise _bad("participants", "综合联检至少需要一个参与部门（1+N）")
    if scheduled_on < timezone.localdate():
        raise _bad("scheduled_on", "计划日期不能早于今天")
    with transaction.atomic():
        joint = JointInspection.objects.create(
            lead_agency_id=enterprise.agency_id,
            title=title.strip() or f"{enterprise.name}综合联检",
            enterprise=enterprise,
            scheduled_on=scheduled_on,
            note=note.strip(),
            created_by=actor,
        )
        JointParticipant.objects.bulk_create(
            JointParticipant(
                joint=joint, department=r["department"], agency=r["agency"], contact=r["contact"]
            )
            for r in rows
        )
        record_event(
            "joint.create",
            actor=actor,
            obj=joint,
            agency_id=enterprise.agency_id,
            data={
                "enterprise": enterprise.pk,
                "scheduled_on": scheduled_on.isoformat(),
                "participants": [r["department"] for r in rows],
            },
        )
    return joint


def _lock(joint: JointInspection) -> JointInspection:
    locked: JointInspection = joint_queryset().select_for_update(of=("self",)).get(pk=joint.pk)
    return locked


def complete_joint(
    joint: JointInspection,
    *,
    actor: Any,
    done_on: dt.date | None = None,
    inspection: Inspection | None = None,
) -> JointInspection:
    """实施: the one visit took place (on ``done_on``, default today; never in the future), optionally as the
    lead's on-site record ``inspection`` of the same enterprise."""
    done_on = done_on or timezone.localdate()
    with transaction.atomic():
        locked = _lock(joint)
        if not is_officer_of(actor, locked.lead_agency_id):
            raise NotAllowed("只有牵头部门的执法人员或负责人可以登记联合检查的实施")
        if locked.status != JointStatus.PLANNED:
            raise InvalidTransition(f"该联合检查{locked.get_status_display()}", code="joint.not_planned")
        if done_on > timezone.localdate():
            raise _bad("done_on", "实施日期不能晚于今天")
        if inspection is not None and (
            inspection.enterprise_id != locked.enterprise_id or inspection.agency_id != locked.lead_agency_id
        ):
            raise _bad("inspection", "现场检查记录须为牵头部门对同一企业的检查")
        locked.status = JointStatus.DONE
        locked.done_on = done_on
        locked.inspection = inspection
        locked.save(update_fields=["status", "done_on", "inspection"])
        avoided = locked.participants.count()
        record_event(
            "joint.complete",
            actor=actor,
            obj=locked,
            agency_id=locked.lead_agency_id,
            data={
                "done_on": done_on.isoformat(),
                "inspection": getattr(inspection, "pk", None),
                "visits_avoided": avoided,
            },
        )
    return locked


def cancel_joint(joint: JointInspection, *, actor: Any, reason: str) -> JointInspection:
    """取消 a planned joint inspection, with a reason."""
    reason = reason.strip()
    if not reason:
        raise _bad("reason", "请写明取消理由")
    with transaction.atomic():
        locked = _lock(joint)
        if not is_officer_of(actor, locked.lead_agency_id):
            raise NotAllowed("只有牵头部门的执法人员或负责人可以取消联合检查")
        if locked.status != JointStatus.PLANNED:
            raise InvalidTransition(f"该联合检查{locked.get_status_display()}", code="joint.not_planned")
        locked.status = JointStatus.CANCELLED
        locked.note = (locked.note + "\n" if locked.note else "") + f"取消理由：{reason}"
        locked.save(update_fields=["status", "note"])
        record_event(
            "joint.cancel", actor=actor, obj=locked, agency_id=locked.lead_agency_id, data={"reason": reason}
        )
    return locked


def visits_avoided(agency: Any, year: int) -> int:
    """Separate visits avoided in ``year`` by joint inspections ``agency`` (an Agency or id) led and carried
    out: one per participating department (one query)."""
    agency_id = getattr(agency, "pk", agency)
    return JointParticipant.objects.filter(
        joint__lead_agency_id=agency_id, joint__status=JointStatus.DONE, joint__done_on__year=year
    ).count()
