"""现场检查记录 services (spec §3.1, 安全生产法 Art 68): start from an approved scheme, record the people
present and the checklist results line by line, attach photos, then finish with the unit's signature or its
refusal before a witness — which issues the numbered 现场检查记录 (现记)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from enforcement.core.access import get_object_for_user
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.services.audit import record_event
from enforcement.core.services.deadlines import close_deadlines
from enforcement.core.services.uploads import INSPECTION_ATTACHMENT, check_upload, stored_file

from ..choices import CheckResult, InspectionStatus, SchemeStatus
from ..models import ChecklistLine, Inspection, InspectionAttachment, InspectionCheck, InspectionScheme
from . import documents
from .deadlines import KIND_INSPECTION_DUE

RECORD_FIELDS = (
    "place",
    "main_person_present",
    "safety_managers_present",
    "operators_present",
    "summary",
    "handling",
)


def inspection_queryset() -> Any:
    return Inspection.objects.select_related("agency", "enterprise", "scheme__item", "record_document")


def get_inspection_for_user(user: Any, pk: Any) -> Inspection:
    inspection: Inspection = get_object_for_user(inspection_queryset(), user, pk)
    return inspection


def _require_team(actor: Any, inspection: Inspection) -> None:
    if actor.agency_id != inspection.agency_id or not inspection.officers.filter(pk=actor.pk).exists():
        raise NotAllowed("只有检查组的执法人员可以填写现场检查记录")


def start_inspection(
    scheme: InspectionScheme, *, actor: Any, place: str, started_at: dt.datetime | None = None
) -> Inspection:
    """Open the on-site record of an approved scheme (a scheme is required before every inspection)."""
    if not place.strip():
        raise InvalidInput("请填写检查地点", fields={"place": ["请填写检查地点"]})
    with transaction.atomic():
        locked = InspectionScheme.objects.select_for_update(of=("self",)).get(pk=scheme.pk)
        members = list(locked.members.select_related("user"))
        if actor.pk not in {m.user_id for m in members} or actor.agency_id != locked.agency_id:
            raise NotAllowed("只有检查方案确定的检查组成员可以开始现场检查")
        if locked.status != SchemeStatus.APPROVED:
            raise InvalidTransition(
                f"检查方案未经批准，不能开始现场检查（当前状态：{locked.get_status_display()}）"
            )
        if locked.inspections.filter(status=InspectionStatus.DRAFT).exists():
            raise InvalidTransition("该检查方案已有进行中的现场检查")
        inspection = Inspection.objects.create(
            scheme=locked,
            agency_id=locked.agency_id,
            enterprise_id=locked.enterprise_id,
            started_at=started_at or timezone.now(),
            place=place.strip(),
            created_by=actor,
        )
        inspection.officers.set([m.user for m in members])
        lines = ChecklistLine.objects.filter(template__in=locked.templates.all()).order_by(
            "template__code", "order"
        )
        InspectionCheck.objects.bulk_create(
            InspectionCheck(
                inspection=inspection,
                line=line,
                order=i,
                text=line.text,
                legal_basis=line.legal_basis,
                violation_code=line.violation_code,
            )
            for i, line in enumerate(lines, start=1)
        )
        record_event(
            "inspection.start", actor=actor, obj=inspection, data={"scheme": locked.pk, "place": place}
        )
    return inspection


def save_record(
    inspection: Inspection, *, actor: Any, values: dict[str, str], results: dict[int, tuple[str, str]]
) -> Inspection:
    """Save the record's fields and checklist results ``{order: (result, note)}`` while on site."""
    bad = [o for o, (r, _n) in results.items() if r and r not in CheckResult.values]
    if bad:
        raise InvalidInput(f"第{bad[0]}项检查结果无效", fields={"results": [f"第{bad[0]}项检查结果无效"]})
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
        _require_team(actor, locked)
        if locked.status != InspectionStatus.DRAFT:
            raise InvalidTransition("现场检查记录已完成签字，不能修改")
        changed = [f for f in RECORD_FIELDS if f in values and getattr(locked, f) != values[f].strip()]
        for f in changed:
            setattr(locked, f, values[f].strip())
        if "place" in changed and not locked.place:
            raise InvalidInput("请填写检查地点", fields={"place": ["请填写检查地点"]})
        if changed:
            locked.save(update_fields=changed)
        checks = {c.order: c for c in locked.checks.select_for_update()}
        touched = []
        for order, (result, note) in results.items():
            check = checks.get(order)
            if check is None:
                raise InvalidInput(f"检查表无第{order}项", fields={"results": [f"检查表无第{order}项"]})
            if (check.result, check.note) != (result, note.strip()):
                check.result, check.note = result, note.strip()
                touched.append(check)
        InspectionCheck.objects.bulk_update(touched, ["result", "note"])
        record_event(
            "inspection.update",
            actor=actor,
            obj=locked,
            data={"fields": changed, "results": {c.order: c.result for c in touched}},
        )
    return locked


def add_attachment(
    inspection: Inspection, *, actor: Any, upload: Any, caption: str = "", hazard_id: int | None = None
) -> InspectionAttachment:
    """A photo or file taken on site: checked by its bytes and size, hashed on arrival."""
    checked = check_upload(upload, INSPECTION_ATTACHMENT)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update(of=("self",)).get(pk=inspection.pk)
        _require_team(actor, locked)
        if hazard_id is not None and not locked.hazards.filter(pk=hazard_id).exists():
            raise InvalidInput("隐患不属于本次检查", fields={"hazard": ["隐患不属于本次检查"]})
        attachment = InspectionAttachment(
            inspection=locked,
            hazard_id=hazard_id,
            original_name=checked.original_name or "photo",
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            caption=caption.strip()[:200],
            uploaded_by=actor,
        )
        attachment.file = stored_file(checked)  # a generated name, never the uploader's
        attachment.save(force_insert=True)
        record_event(
            "inspection.attach",
            actor=actor,
            obj=locked,
            data={"attachment": attachment.pk, "sha256": checked.sha256, "size": checked.size},
        )
    return attachment


def complete_inspection(
    inspection: Inspection,
    *,
    actor: Any,
    signed_by: str = "",
    refused_to_sign: bool = False,
    witness: str = "",
    witness_id_number: str = "",
    ended_at: dt.datetime | None = None,
) -> Inspection:
    """Finish on site: the unit's person in charge signs, or refuses and a witness is recorded (Art 68).
    Every checklist line needs a result. Issues the numbered 现场检查记录; the scheme becomes 已实施."""
    if refused_to_sign and not witness.strip():
        raise InvalidInput("被检查单位拒绝签字的，须记录见证人", fields={"witness": ["请填写见证人"]})
    if not refused_to_sign and not signed_by.strip():
        raise InvalidInput("请填写被检查单位签字人，或勾选拒绝签字", fields={"signed_by": ["请填写签字人"]})
    with transaction.atomic():
        locked = inspection_queryset().select_for_update(of=("self",)).get(pk=inspection.pk)
        _require_team(actor, locked)
        if locked.status != InspectionStatus.DRAFT:
            raise InvalidTransition("现场检查记录已完成")
        missing = list(locked.checks.filter(result="").values_list("order", flat=True)[:5])
        if missing:
            message = f"检查表第{'、'.join(map(str, missing))}项尚未填写检查结果"
            raise InvalidInput(message, fields={"results": [message]})
        now = timezone.now()
        locked.ended_at = ended_at or now
        if locked.ended_at < locked.started_at:
            raise InvalidInput(
                "检查结束时间不能早于开始时间", fields={"ended_at": ["检查结束时间不能早于开始时间"]}
            )
        locked.refused_to_sign = refused_to_sign
        locked.signed_by = "" if refused_to_sign else signed_by.strip()
        locked.signed_at = None if refused_to_sign else now
        locked.witness = witness.strip()
        locked.witness_id_number = witness_id_number.strip()
        locked.status = InspectionStatus.COMPLETED
        locked.record_document = documents.issue(
            documents.DOC_RECORD,
            agency=locked.agency,
            subject=locked,
            actor=actor,
            context={
                "inspection": locked,
                "enterprise": locked.enterprise,
                "checks": list(locked.checks.all()),
                "officers": list(locked.officers.all()),
                "hazards": list(locked.hazards.select_related("standard_item")),
            },
        )
        locked.save(
            update_fields=[
                "ended_at",
                "refused_to_sign",
                "signed_by",
                "signed_at",
                "witness",
                "witness_id_number",
                "status",
                "record_document",
            ]
        )
        scheme = InspectionScheme.objects.select_for_update(of=("self",)).get(pk=locked.scheme_id)
        scheme.status = SchemeStatus.DONE
        scheme.save(update_fields=["status"])
        close_deadlines(subject=scheme, kind=KIND_INSPECTION_DUE, actor=actor)
        record_event(
            "inspection.complete",
            actor=actor,
            obj=locked,
            data={
                "refused_to_sign": refused_to_sign,
                "witness": locked.witness,
                "document": locked.record_document.number,
            },
        )
    return locked
