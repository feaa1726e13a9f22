"""Services for the agency tree (执法机构) and the powers each agency holds (法定职权 / 赋权 / 委托).

Also the read-side rule other apps call before acting: ``agency_may_act(agency, item, on_date)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..exceptions import InvalidInput, InvalidTransition, NotAllowed
from ..models import Agency, AgencyLevel, AgencyPower, EnforcementItem, ItemStatus, PowerSource
from ..permissions import may_manage_agency
from ..rules import powers as power_rules
from ..rules.powers import MayAct
from ..validators import validate_credit_code
from .audit import diff_value, record_event

# Parent level each level must hang under (None = root).
PARENT_LEVEL = {
    AgencyLevel.PROVINCE: None,
    AgencyLevel.CITY: AgencyLevel.PROVINCE,
    AgencyLevel.DISTRICT: AgencyLevel.CITY,
    AgencyLevel.STREET: AgencyLevel.DISTRICT,
}
AGENCY_FIELDS = (
    "code",
    "name",
    "short_name",
    "level",
    "parent",
    "credit_code",
    "reconsideration_body",
    "address",
    "phone",
    "is_active",
)


@dataclass(frozen=True)
class AgencyData:
    code: str
    name: str
    short_name: str
    level: str
    parent: Agency | None
    reconsideration_body: str
    credit_code: str = ""
    address: str = ""
    phone: str = ""
    is_active: bool = True


def _check_agency_fields(values: Mapping[str, Any], *, instance: Agency | None) -> None:
    errors: dict[str, list[str]] = {}
    code = str(values.get("code") or "")
    level = values.get("level")
    if level not in AgencyLevel.values:
        errors["level"] = ["层级无效"]
    expected_len = 9 if level == AgencyLevel.STREET else 6
    if not re.fullmatch(r"\d+", code) or len(code) != expected_len:
        errors["code"] = [
            "乡镇街道应填写9位统计用区划代码"
            if level == AgencyLevel.STREET
            else "应填写6位行政区划代码（GB/T 2260）"
        ]
    elif Agency.objects.filter(code=code).exclude(pk=instance.pk if instance is not None else 0).exists():
        errors["code"] = [f"区划代码{code}已被其他机构使用"]
    if not str(values.get("name") or "").strip():
        errors["name"] = ["请填写机构名称"]
    if not str(values.get("short_name") or "").strip():
        errors["short_name"] = ["请填写文号简称（如“宁”“浦”）"]
    if not str(values.get("reconsideration_body") or "").strip():
        errors["reconsideration_body"] = ["请填写行政复议机关（行政复议法第二十四条）"]
    credit = str(values.get("credit_code") or "")
    if credit:
        try:
            validate_credit_code(credit)
        except ValidationError as exc:
            errors["credit_code"] = list(exc.messages)
    parent = values.get("parent")
    if level in PARENT_LEVEL:
        want = PARENT_LEVEL[AgencyLevel(level)]
        if want is None and parent is not None:
            errors["parent"] = ["省级机构不能有上级机构"]
        elif want is not None and (parent is None or parent.level != want):
            errors["parent"] = [f"{AgencyLevel(level).label}机构的上级应为{AgencyLevel(want).label}机构"]
        elif level != AgencyLevel.STREET and parent is not None and not code.startswith(parent.code[:2]):
            errors["code"] = ["区划代码与上级机构所在省份不一致"]
        if level == AgencyLevel.STREET and parent is not None and not code.startswith(parent.code):
            errors["code"] = [f"乡镇街道代码应以所属区县代码{parent.code}开头"]
    if instance is not None and parent is not None and parent.is_within(instance):
        errors["parent"] = ["不能把机构移到自己的下级之下"]
    if errors:
        raise InvalidInput(
            "机构信息有误：" + "；".join(m for ms in errors.values() for m in ms), fields=errors
        )


def create_agency(data: AgencyData, *, actor: Any) -> Agency:
    """Add an agency under ``data.parent``. Actor: superuser, or an agency admin whose subtree holds the
    parent. Raises InvalidInput (bad code/level/parent) or NotAllowed."""
    with transaction.atomic():
        parent = Agency.objects.select_for_update().get(pk=data.parent.pk) if data.parent else None
        if not may_manage_agency(actor, parent):
            raise NotAllowed("只有上级机构的系统管理员可以新增机构")
        values = {**data.__dict__, "parent": parent, "credit_code": data.credit_code.strip().upper()}
        _check_agency_fields(values, instance=None)
        agency = Agency(**values)
        agency.save()
        record_event(
            "agency.create", actor=actor, obj=agency, agency_id=agency.pk, data={"code": agency.code}
        )
    return agency


def update_agency(agency: Agency | int, changes: Mapping[str, Any], *, actor: Any) -> Agency:
    """Change fields of an agency (and re-path its subtree when the parent changes)."""
    pk = agency.pk if isinstance(agency, Agency) else agency
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise InvalidInput(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    with transaction.atomic():
        obj = Agency.objects.select_for_update().get(pk=pk)
        if not may_manage_agency(actor, obj):
            raise NotAllowed("只有本机构或上级机构的系统管理员可以修改机构信息")
        if (
            "parent" in changes
            and changes["parent"] is not None
            and not may_manage_agency(actor, changes["parent"])
        ):
            raise NotAllowed("不能把机构移到您管理范围以外的机构之下")
        current = {f: getattr(obj, f) for f in AGENCY_FIELDS}
        values = {**current, **changes}
        if values.get("credit_code"):
            values["credit_code"] = str(values["credit_code"]).strip().upper()
        _check_agency_fields(values, instance=obj)
        diff = {
            f: [diff_value(current[f]), diff_value(values[f])]
            for f in AGENCY_FIELDS
            if current[f] != values[f]
        }
        if not diff:
            return obj
        old_path = obj.path
        for f in diff:
            setattr(obj, f, values[f])
        obj.save()
        if obj.path != old_path:
            for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=obj.pk).order_by("path"):
                child.save(update_fields=["path"])  # save() recomputes path from the (re-saved) parent
        record_event("agency.update", actor=actor, obj=obj, agency_id=obj.pk, data={"diff": diff})
    return obj


def grant_power(
    agency: Agency,
    item: EnforcementItem,
    *,
    source: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    entrusting_agency: Agency | None = None,
    basis_document: str = "",
    actor: Any,
    ip_address: str = "",
) -> AgencyPower:
    """Record that ``agency`` may act on ``item`` from ``valid_from`` (to ``valid_to``).

    Guards: streets/townships only by 赋权/委托; 委托 names an entrusting agency that itself holds a
    non-entrusted power covering the period (no re-entrustment, 行政处罚法 Art 21); no overlapping
    power of the same agency over the same item; a cancelled item cannot be granted.
    """
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=agency.pk)
        if not may_manage_agency(actor, locked):
            raise NotAllowed("只有本机构或上级机构的系统管理员可以授予执法权限")
        item_locked = EnforcementItem.objects.select_for_update().get(pk=item.pk)
        errors = power_rules.grant_problems(
            agency_level=locked.level,
            source=source,
            valid_from=valid_from,
            valid_to=valid_to,
            has_entrusting_agency=entrusting_agency is not None,
            entrusting_is_self=entrusting_agency is not None and entrusting_agency.pk == locked.pk,
        )
        if item_locked.status == ItemStatus.CANCELLED:
            errors.setdefault("item", []).append("该执法事项已取消，不能授予")
        if source == PowerSource.ENTRUSTED and entrusting_agency is not None and not errors:
            candidates = AgencyPower.objects.filter(
                agency=entrusting_agency, item=item_locked, valid_from__lte=valid_from
            ).exclude(source=PowerSource.ENTRUSTED)
            held = [
                p
                for p in candidates
                if valid_to is not None and (p.valid_to is None or p.valid_to >= valid_to)
            ]
            if not held:
                errors.setdefault("entrusting_agency", []).append(
                    f"委托机关{entrusting_agency}在委托期间本身不具有该事项的法定职权或赋权，不能委托（须写明委托期限）"
                )
        overlapping = AgencyPower.objects.filter(agency=locked, item=item_locked)
        if valid_to is not None:
            overlapping = overlapping.filter(valid_from__lte=valid_to)
        overlapping = overlapping.exclude(valid_to__lt=valid_from)
        if overlapping.exists():
            errors.setdefault("valid_from", []).append("该机构对此事项在重叠期间已有执法权限，请先终止原权限")
        if errors:
            raise InvalidInput(
                "不能授予执法权限：" + "；".join(m for ms in errors.values() for m in ms), fields=errors
            )
        power = AgencyPower.objects.create(
            agency=locked,
            item=item_locked,
            source=source,
            entrusting_agency=entrusting_agency,
            basis_document=basis_document,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        record_event(
            "agency.grant_power",
            actor=actor,
            obj=power,
            agency_id=locked.pk,
            data={
                "item": item_locked.code,
                "source": source,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "entrusting_agency": entrusting_agency.pk if entrusting_agency else None,
            },
            ip_address=ip_address,
        )
    return power


def revoke_power(
    power: AgencyPower | int,
    *,
    last_day: dt.date | None = None,
    actor: Any,
    reason: str = "",
    ip_address: str = "",
) -> AgencyPower:
    """End a power: it holds up to and including ``last_day`` (default yesterday, i.e. ends today).

    Raises InvalidTransition when the power already ended on or before that day."""
    pk = power.pk if isinstance(power, AgencyPower) else power
    with transaction.atomic():
        obj = AgencyPower.objects.select_for_update().select_related("agency", "item").get(pk=pk)
        if not may_manage_agency(actor, obj.agency):
            raise NotAllowed("只有本机构或上级机构的系统管理员可以终止执法权限")
        end = last_day if last_day is not None else timezone.localdate() - dt.timedelta(days=1)
        if obj.valid_to is not None and obj.valid_to <= end:
            raise InvalidTransition(f"该权限已于{obj.valid_to:%Y-%m-%d}终止")
        if end < obj.valid_from:
            raise InvalidInput(
                "终止日期不能早于权限起始日期", fields={"last_day": ["终止日期不能早于权限起始日期"]}
            )
        old = obj.valid_to
        obj.valid_to = end
        obj.save(update_fields=["valid_to"])
        record_event(
            "agency.revoke_power",
            actor=actor,
            obj=obj,
            agency_id=obj.agency_id,
            data={"item": obj.item.code, "valid_to": [old, obj.valid_to], "reason": reason},
            ip_address=ip_address,
        )
    return obj


def item_facts(item: EnforcementItem) -> power_rules.ItemFacts:
    return power_rules.ItemFacts(
        code=item.code,
        name=item.name,
        status=item.status,
        effective_from=item.effective_from,
        effective_to=item.effective_to,
    )


def power_facts_by_agency(
    agency_ids: Iterable[int], item: EnforcementItem
) -> dict[int, list[power_rules.PowerFacts]]:
    """``{agency_id: [PowerFacts]}`` of every listed agency's powers over ``item``, in one query."""
    powers: dict[int, list[power_rules.PowerFacts]] = {aid: [] for aid in agency_ids}
    rows = AgencyPower.objects.filter(agency_id__in=list(powers), item=item).select_related(
        "entrusting_agency"
    )
    for p in rows:
        powers[p.agency_id].append(
            power_rules.PowerFacts(
                power_id=p.pk,
                source=p.source,
                valid_from=p.valid_from,
                valid_to=p.valid_to,
                entrusting_agency_id=p.entrusting_agency_id,
                entrusting_agency_name=p.entrusting_agency.name if p.entrusting_agency else "",
            )
        )
    return powers


def agency_may_act(agency: Agency, item: EnforcementItem, on_date: dt.date | None = None) -> MayAct:
    """May ``agency`` act on enforcement ``item`` on ``on_date`` (default today)?

    Returns a ``MayAct`` (truthy when allowed) with Chinese ``reasons``; one query for the powers.
    """
    return power_rules.may_act(
        agency_name=agency.name,
        agency_level=agency.level,
        agency_active=agency.is_active,
        item=item_facts(item),
        powers=power_facts_by_agency([agency.pk], item)[agency.pk],
        on=on_date or timezone.localdate(),
    )


def held_elsewhere_message(
    holder: Agency | None, asking: Agency | None, *, duplicate: str, subject: str, act: str = "使用"
) -> str:
    """The refusal for a unique value (a credit code, a certificate number…) that is already held.

    Within the asking agency's line (its subtree or its ancestors) the user may see the holder, so the
    message says plainly that it is a duplicate (``duplicate``). Outside it, the message confirms nothing
    about what exists elsewhere: ``subject`` cannot be used (``act``) here, ask the two agencies' nearest common
    superior (issue 8: the same rule for every uniqueness message across agencies)."""
    if holder is None or asking is None or holder.is_within(asking) or asking.is_within(holder):
        return duplicate
    ids = [a for a, b in zip(holder.ancestor_ids(), asking.ancestor_ids(), strict=False) if a == b]
    ask = Agency.objects.filter(pk=ids[-1]).values_list("name", flat=True).first() if ids else None
    return f"{subject}不能在本机构{act}，请联系{ask or '上级应急管理部门'}核实"
