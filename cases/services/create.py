"""Creating a case (预立案, status ``draft``) and opening one from a hazard (the registered provider)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from enforcement.core import roles
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import Enterprise
from enforcement.core.services.audit import record_event
from enforcement.core.validators import validate_credit_code

from ..choices import CaseSource, CaseStatus, PartyKind, Procedure
from ..models import Case, CaseEvent, CaseHandler
from ..rules.party import id_number_refusal


def _bad(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, fields={field: [message]})


def _party_fields(party: dict[str, Any], actor: Any) -> dict[str, Any]:
    kind = party.get("kind")
    if kind == PartyKind.ENTERPRISE:
        try:
            pk = int(party.get("enterprise") or 0)
        except (TypeError, ValueError):
            pk = 0
        ent = Enterprise.objects.visible_to(actor).filter(pk=pk).first()
        if ent is None:
            raise _bad("party", "生产经营单位不存在或不在本机关辖区")
        return {
            "party_kind": kind,
            "enterprise": ent,
            "party_name": ent.name,
            "party_credit_code": ent.credit_code,
            "party_representative": ent.legal_representative or ent.main_person,
            "party_address": ent.address,
        }
    name = (party.get("name") or "").strip()
    if not name:
        raise _bad("party", "请填写当事人名称或姓名")
    if kind == PartyKind.PERSON:
        number = (party.get("id_number") or "").strip().upper()
        refusal = id_number_refusal(number, today=timezone.localdate())
        if refusal:
            raise _bad("party", refusal)
        return {
            "party_kind": kind,
            "party_name": name,
            "party_id_number": number,
            "party_address": (party.get("address") or "").strip(),
        }
    if kind == PartyKind.ORGANISATION:
        code = (party.get("credit_code") or "").strip().upper()
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            raise _bad("party", "；".join(exc.messages)) from exc
        return {
            "party_kind": kind,
            "party_name": name,
            "party_credit_code": code,
            "party_representative": (party.get("representative") or "").strip(),
            "party_address": (party.get("address") or "").strip(),
        }
    raise _bad("party", "当事人类型应为 enterprise、person 或 organisation")


def _source_fields(source: str, ref: dict[str, Any], actor: Any) -> dict[str, Any]:
    from inspections.models import Hazard, Inspection

    if source not in CaseSource.values:
        raise _bad("source", "案件来源无效")
    out: dict[str, Any] = {"source": source, "source_ref": {}}
    if "hazard" in ref:
        hazard = Hazard.objects.visible_to(actor).filter(pk=ref["hazard"]).first()
        if hazard is None:
            raise _bad("source_ref", "来源隐患不存在或无权查看")
        out.update(hazard=hazard, inspection_id=hazard.inspection_id, source_ref={"hazard": hazard.pk})
    elif "inspection" in ref:
        inspection = Inspection.objects.visible_to(actor).filter(pk=ref["inspection"]).first()
        if inspection is None:
            raise _bad("source_ref", "来源检查不存在或无权查看")
        out.update(inspection=inspection, source_ref={"inspection": inspection.pk})
    elif (ref.get("text") or "").strip():
        out["source_ref"] = {"text": ref["text"].strip()[:500]}
    elif source == CaseSource.INSPECTION:
        raise _bad("source_ref", "监督检查发现的案件须注明来源检查或隐患")
    return out


def create_case(
    *,
    actor: Any,
    party: dict[str, Any],
    source: str,
    source_ref: dict[str, Any] | None,
    cause: str,
    violation_date: dt.date,
    handlers: list[Any],
    violation_end: dt.date | None = None,
    discovered_on: dt.date | None = None,
    life_health_harm: bool = False,
    item: Any = None,
    procedure: str = Procedure.ORDINARY,
) -> Case:
    """预立案 by a handler of the actor's agency; the actor's agency decides; the first handler leads."""
    if actor.agency_id is None or not actor.has_role(roles.OFFICER, roles.HEAD):
        raise NotAllowed("只有执法人员可以登记案件")
    today = timezone.localdate()
    discovered = discovered_on or today
    if not (cause or "").strip():
        raise _bad("cause", "请填写案由")
    if violation_date > today:
        raise _bad("violation_date", "违法行为发生日期不能晚于今天")
    if violation_end is not None and violation_end < violation_date:
        raise _bad("violation_end", "违法行为终了日期不能早于发生日期")
    if discovered > today:
        raise _bad("discovered_on", "发现日期不能晚于今天")
    if procedure not in Procedure.values:
        raise _bad("procedure", "程序应为 ordinary（普通程序）或 summary（简易程序）")
    ids = list(dict.fromkeys(u.pk for u in handlers))
    if len(ids) < 2:
        raise _bad("handlers", "须指定两名以上承办人（行政处罚法第四十二条）")
    if any(u.agency_id != actor.agency_id for u in handlers):
        raise _bad("handlers", "承办人须为本机关执法人员")
    fields = {**_party_fields(party, actor), **_source_fields(source, dict(source_ref or {}), actor)}
    with transaction.atomic():
        case = Case.objects.create(
            deciding_agency_id=actor.agency_id,
            cause=cause.strip(),
            violation_date=violation_date,
            violation_end=violation_end,
            discovered_on=discovered,
            life_health_harm=life_health_harm,
            item=item,
            procedure=procedure,
            created_by=actor,
            **fields,
        )
        seen: set[int] = set()
        for i, user in enumerate(handlers):
            if user.pk in seen:
                continue
            seen.add(user.pk)
            CaseHandler.objects.create(case=case, user=user, is_lead=(i == 0), assigned_on=today)
        CaseEvent.objects.create(
            case=case,
            action="create",
            to_status=CaseStatus.DRAFT,
            on_date=today,
            actor=actor,
            summary="登记案件（简易程序）" if procedure == Procedure.SUMMARY else "登记案件",
        )
        record_event(
            "case.create",
            actor=actor,
            obj=case,
            data={
                "party": case.party_name,
                "source": source,
                "handlers": ids,
                "cause": case.cause,
                "procedure": procedure,
            },
        )
    return case


def file_case_from_hazard(hazard: Any, *, actor: Any, reason: str = "") -> Case:
    """The ``hazard.file_case`` provider: a draft case against the hazard's enterprise, its source_ref naming
    the hazard; handlers are the inspection's officers (the actor first when one of them)."""
    team = list(hazard.inspection.officers.filter(agency_id=hazard.agency_id).order_by("id"))
    handlers = sorted(team, key=lambda u: u.pk != actor.pk)
    if len(handlers) < 2:
        raise InvalidInput("检查人员不足两名，不能从隐患立案（行政处罚法第四十二条）")
    creator = actor if actor.agency_id == hazard.agency_id else handlers[0]
    return create_case(
        actor=creator,
        party={"kind": PartyKind.ENTERPRISE, "enterprise": hazard.enterprise_id},
        source=CaseSource.INSPECTION,
        source_ref={"hazard": hazard.pk},
        cause=(reason or hazard.description)[:300],
        violation_date=hazard.ordered_on or timezone.localtime(hazard.created_at).date(),
        handlers=handlers,
        item=hazard.inspection.scheme.item if hazard.inspection.scheme_id else None,
    )
