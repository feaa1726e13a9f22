"""Services for 生产经营单位 (Enterprise): create, update, and import from XLSX/CSV.

Writers: officers of the supervising agency, agency admins of it or an ancestor, the superuser
(see ``permissions.may_write_enterprises_of``). Every change is one transaction with one audit event.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..exceptions import DomainError, InvalidInput, NotAllowed
from ..models import Agency, Enterprise
from ..models.enterprise import CreditStatus, RiskClass, Scale, Sector, StandardizationLevel
from ..permissions import may_write_enterprises_at_all, may_write_enterprises_of
from ..rules.text import text_error
from ..tabular import ImportReport, RowError, read_rows
from ..validators import validate_credit_code
from .agencies import held_elsewhere_message
from .audit import diff_value, record_event
from .imports import write_batches

EDITABLE_FIELDS = (
    "name",
    "credit_code",
    "sector",
    "scale",
    "address",
    "region_code",
    "agency",
    "risk_class",
    "is_key",
    "standardization_level",
    "credit_status",
    "legal_representative",
    "main_person",
    "contact_name",
    "contact_phone",
    "employees",
    "is_active",
)
CHOICES = {
    "sector": Sector,
    "scale": Scale,
    "risk_class": RiskClass,
    "standardization_level": StandardizationLevel,
    "credit_status": CreditStatus,
}
# Column headings of the import template, in order.
IMPORT_COLUMNS = {
    "单位名称": "name",
    "统一社会信用代码": "credit_code",
    "行业": "sector",
    "规模": "scale",
    "地址": "address",
    "所在区划代码": "region_code",
    "监管机构": "agency",
    "风险等级": "risk_class",
    "重点检查企业": "is_key",
    "安全生产标准化等级": "standardization_level",
    "信用状况": "credit_status",
    "法定代表人": "legal_representative",
    "主要负责人": "main_person",
    "联系人": "contact_name",
    "联系电话": "contact_phone",
    "从业人员数": "employees",
}
REQUIRED_COLUMNS = ("单位名称", "统一社会信用代码")


@dataclass(frozen=True)
class EnterpriseData:
    """Input for ``create_enterprise`` (choice fields take the stored value, e.g. ``"hazchem"``)."""

    name: str
    credit_code: str
    agency: Agency
    sector: str = Sector.OTHER
    scale: str = Scale.SMALL
    address: str = ""
    region_code: str = ""
    risk_class: str = RiskClass.GENERAL
    is_key: bool = False
    standardization_level: str = StandardizationLevel.NONE
    credit_status: str = CreditStatus.NORMAL
    legal_representative: str = ""
    main_person: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    employees: int | None = None
    is_active: bool = True


def _same_line(a: Agency, b: Agency) -> bool:
    return a.is_within(b) or b.is_within(a)


def uniqueness_message(code: str, holder: Agency, registering: Any) -> str:
    """The refusal for a credit code already held: named as a duplicate within the registering agency's
    line (its subtree or ancestors), otherwise "not here, ask <common ancestor>" so that another district
    learns nothing about what exists outside its scope (issue 8, uniqueness across agencies)."""
    return held_elsewhere_message(
        holder,
        registering if isinstance(registering, Agency) else None,
        duplicate=f"统一社会信用代码{code}已登记，不能重复",
        subject="该统一社会信用代码",
        act="登记",
    )


def _clean(
    values: dict[str, Any], *, instance: Enterprise | None, check_clash: bool = True
) -> dict[str, Any]:
    """Normalise and validate enterprise values; raise InvalidInput with per-field Chinese messages.

    ``check_clash=False``: the caller has already looked the credit code up (imports, per batch)."""
    errors: dict[str, list[str]] = {}
    cleaned = dict(values)
    for key in ("name", "address", "legal_representative", "main_person", "contact_name", "contact_phone"):
        if key in cleaned:
            cleaned[key] = str(cleaned[key] or "").strip()
            limit = getattr(Enterprise._meta.get_field(key), "max_length", None) or 200
            problem = text_error(cleaned[key], max_length=limit)
            if problem:
                errors[key] = [problem]
    code = str(cleaned.get("credit_code") or "").strip().upper()
    cleaned["credit_code"] = code
    try:
        validate_credit_code(code)
    except ValidationError as exc:
        errors["credit_code"] = list(exc.messages)
    if check_clash and "credit_code" not in errors:
        clash = Enterprise.objects.filter(credit_code=code)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        holder = clash.select_related("agency").first()
        if holder is not None:
            errors["credit_code"] = [uniqueness_message(code, holder.agency, cleaned.get("agency"))]
    if not cleaned.get("name") and "name" not in errors:
        errors["name"] = ["请填写单位名称"]
    if not isinstance(cleaned.get("agency"), Agency):
        errors["agency"] = ["请选择监管机构"]
    for key, choices in CHOICES.items():
        if key in cleaned and cleaned[key] not in choices.values:
            errors[key] = [
                f"“{cleaned[key]}”不是有效的选项，可选：{'、'.join(str(label) for label in choices.labels)}"
            ]
    region = str(cleaned.get("region_code") or "").strip()
    if not region and instance is None and isinstance(cleaned.get("agency"), Agency):
        region = cleaned["agency"].code
    if region and not re.fullmatch(r"\d{6}|\d{9}|\d{12}", region):
        errors["region_code"] = ["所在区划代码应为6位（区县）、9位（乡镇街道）或12位数字"]
    cleaned["region_code"] = region
    employees = cleaned.get("employees")
    if employees not in (None, ""):
        try:
            employees = int(str(employees))
            if employees < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors["employees"] = ["从业人员数应为非负整数"]
    cleaned["employees"] = employees if employees not in ("",) else None
    if errors:
        raise InvalidInput(
            "生产经营单位信息有误：" + "；".join(m for ms in errors.values() for m in ms), fields=errors
        )
    probe = Enterprise(pk=instance.pk if instance is not None else None)  # never mutate the caller's row
    for key, value in cleaned.items():
        setattr(probe, key, value)
    try:
        # The agency is an Agency instance already (checked above): no query to re-check that it exists.
        probe.full_clean(exclude=["agency"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        raise InvalidInput(
            "生产经营单位信息有误：" + "；".join(m for ms in fields.values() for m in ms), fields=fields
        )
    return cleaned


def _create(values: dict[str, Any], *, actor: Any) -> Enterprise:
    cleaned = _clean(values, instance=None)
    if not may_write_enterprises_of(actor, cleaned["agency"]):
        raise NotAllowed(
            f"您无权为{cleaned['agency']}登记生产经营单位", fields={"agency": ["不在您的管理范围内"]}
        )
    obj = Enterprise(**cleaned)
    obj.save(force_insert=True)
    return obj


def _update(obj: Enterprise, changes: Mapping[str, Any], *, actor: Any) -> dict[str, list[Any]]:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    if not may_write_enterprises_of(actor, obj.agency):
        raise NotAllowed("只有监管机构的执法人员或系统管理员可以修改该单位信息")
    current = {f: getattr(obj, f) for f in EDITABLE_FIELDS}
    cleaned = _clean({**current, **changes}, instance=obj)
    if cleaned["agency"].pk != obj.agency_id and not may_write_enterprises_of(actor, cleaned["agency"]):
        raise NotAllowed(
            f"不能把单位移交给您管理范围以外的{cleaned['agency']}", fields={"agency": ["不在您的管理范围内"]}
        )
    diff = {
        f: [diff_value(current[f]), diff_value(cleaned[f])]
        for f in EDITABLE_FIELDS
        if diff_value(current[f]) != diff_value(cleaned[f])
    }
    if diff:
        for f in diff:
            setattr(obj, f, cleaned[f])
        obj.save(update_fields=[*diff, "updated_at"])
    return diff


def create_enterprise(data: EnterpriseData, *, actor: Any, ip_address: str = "") -> Enterprise:
    """Register an enterprise. Raises InvalidInput (bad/duplicate credit code, bad choice…) or NotAllowed
    (the actor may not write enterprises of ``data.agency``)."""
    with transaction.atomic():
        Agency.objects.select_for_update().filter(pk=data.agency.pk).first()  # serialise with agency moves
        obj = _create(asdict(data) | {"agency": data.agency}, actor=actor)
        record_event(
            "enterprise.create",
            actor=actor,
            obj=obj,
            data={"credit_code": obj.credit_code, "name": obj.name},
            ip_address=ip_address,
        )
    return obj


def update_enterprise(
    enterprise: Enterprise | int, changes: Mapping[str, Any], *, actor: Any, ip_address: str = ""
) -> Enterprise:
    """Change the given fields of an enterprise (re-checks the actor's right on the locked row)."""
    pk = enterprise.pk if isinstance(enterprise, Enterprise) else enterprise
    with transaction.atomic():
        obj = Enterprise.objects.select_for_update(of=("self",)).select_related("agency").get(pk=pk)
        diff = _update(obj, changes, actor=actor)
        if diff:
            record_event(
                "enterprise.update", actor=actor, obj=obj, data={"diff": diff}, ip_address=ip_address
            )
    return obj


def _parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in ("是", "y", "yes", "true", "1", "重点"):
        return True
    if t in ("", "否", "n", "no", "false", "0"):
        return False
    raise InvalidInput(f"“{text}”应填“是”或“否”", fields={"is_key": ["应填“是”或“否”"]})


def _parse_choice(field: str, text: str) -> str:
    choices = CHOICES[field]
    t = text.strip()
    for value, label in choices.choices:
        if t in (value, label):
            return str(value)
    return t  # _clean reports it with the list of valid labels


def _row_values(
    row: dict[str, str], agencies: dict[str, Agency], default_agency: Agency | None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for heading, field in IMPORT_COLUMNS.items():
        if heading not in row:
            continue
        text = row[heading]
        if field in CHOICES:
            if text:
                values[field] = _parse_choice(field, text)
        elif field == "is_key":
            values[field] = _parse_bool(text)
        elif field == "agency":
            if text:
                agency = agencies.get(text)
                if agency is None:
                    raise InvalidInput(f"监管机构“{text}”不存在（请填写机构名称或区划代码）")
                values[field] = agency
        elif field == "employees":
            values[field] = text or None
        else:
            values[field] = text
    if "agency" not in values:
        if default_agency is None:
            raise InvalidInput("未填写监管机构")
        values["agency"] = default_agency
    return values


def import_enterprises(
    upload: IO[bytes],
    filename: str,
    *,
    actor: Any,
    default_agency: Agency | None = None,
    ip_address: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import enterprises from an XLSX/CSV file with the ``IMPORT_COLUMNS`` headings.

    The whole file is read and checked (columns, row cap) before anything is written. Rows are upserted
    by 统一社会信用代码 in batches (``write_in_batches``): a good row is saved whole, a bad row is not
    written at all and listed with its row number and a Chinese reason. One audit event records the
    counts. Raises InvalidInput only when the file itself is unreadable or lacks columns.
    """
    if not may_write_enterprises_at_all(actor):
        raise NotAllowed("只有执法人员或系统管理员可以导入生产经营单位")
    report = ImportReport()
    if default_agency is None and getattr(actor, "agency_id", None):
        default_agency = actor.agency
    agencies: dict[str, Agency] = {}
    for a in Agency.objects.all():
        agencies[a.code] = a
        agencies[a.name] = a
    rows = list(read_rows(upload, filename))
    if not rows:
        raise InvalidInput("文件中没有数据行", fields={"file": ["没有数据行"]})
    missing = [c for c in REQUIRED_COLUMNS if c not in rows[0][1]]
    if missing:
        raise InvalidInput(f"缺少必填列：{'、'.join(missing)}", fields={"file": ["缺少必填列"]})

    def key_of(row: dict[str, str]) -> str:
        return row.get("统一社会信用代码", "").strip().upper()

    def write_row(number: int, row: dict[str, str], existing: Enterprise | None) -> None:
        values = _row_values(row, agencies, default_agency)
        if existing is None:
            _create(values, actor=actor)
            report.created += 1
            return
        if not may_write_enterprises_of(actor, existing.agency):
            registering = values.get("agency")
            if isinstance(registering, Agency) and not _same_line(existing.agency, registering):
                raise InvalidInput(uniqueness_message(key_of(row), existing.agency, registering))
            raise NotAllowed("该统一社会信用代码已由其他监管机构登记，您无权修改")
        if _update(existing, values, actor=actor):
            report.updated += 1
        else:
            report.unchanged += 1

    def on_error(number: int, row: dict[str, str], message: str) -> None:
        report.errors.append(RowError(row=number, key=key_of(row), message=message))

    def write_batch(batch: Sequence[tuple[int, dict[str, str]]]) -> None:
        """One lookup of the batch's credit codes and one INSERT of its new rows; rows that update, and
        every row again if the INSERT meets a code registered meanwhile, go one savepoint each."""
        found = {
            e.credit_code: e
            for e in Enterprise.objects.select_for_update(of=("self",))
            .select_related("agency")
            .filter(credit_code__in={key_of(row) for _, row in batch})
        }
        new: list[tuple[int, dict[str, str], Enterprise]] = []
        single: list[tuple[int, dict[str, str]]] = []
        pending: set[str] = set()
        for number, row in batch:
            key = key_of(row)
            if key in found or key in pending:
                single.append((number, row))
                continue
            try:
                values = _row_values(row, agencies, default_agency)
                cleaned = _clean(values, instance=None, check_clash=False)
                if not may_write_enterprises_of(actor, cleaned["agency"]):
                    raise NotAllowed(f"您无权为{cleaned['agency']}登记生产经营单位")
            except DomainError as exc:
                on_error(number, row, exc.message)
                continue
            pending.add(key)
            new.append((number, row, Enterprise(**cleaned)))
        try:
            with transaction.atomic():
                Enterprise.objects.bulk_create([obj for _, _, obj in new])
            report.created += len(new)
        except IntegrityError:  # a code registered by someone else since the lookup: row by row
            single = [(n, r) for n, r, _ in new] + single
        for number, row in sorted(single, key=lambda item: item[0]):
            try:
                with transaction.atomic():
                    existing = (
                        Enterprise.objects.select_for_update(of=("self",))
                        .select_related("agency")
                        .filter(credit_code=key_of(row))
                        .first()
                    )
                    write_row(number, row, existing)
            except DomainError as exc:
                on_error(number, row, exc.message)

    write_batches(rows, write_batch, progress=progress)
    report.errors.sort(key=lambda e: e.row)
    with transaction.atomic():
        record_event(
            "enterprise.import",
            actor=actor,
            agency_id=default_agency.pk if default_agency else None,
            data={
                "filename": filename,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
                "rejected_rows": [e.row for e in report.errors][:200],
            },
            ip_address=ip_address,
        )
    return report


def import_template_xlsx() -> bytes:
    """An empty import template with the expected headings and one example row."""
    from ..tabular import write_xlsx
    from ..validators import make_credit_code

    example = [
        "南京示例化工有限公司",
        make_credit_code("91320111MA1X00001"),
        "危险化学品",
        "小型",
        "南京市浦口区示例路1号",
        "320111",
        "南京市浦口区应急管理局",
        "一般风险",
        "否",
        "三级",
        "正常",
        "张三",
        "张三",
        "李四",
        "025-58880000",
        "45",
    ]
    return write_xlsx("生产经营单位", list(IMPORT_COLUMNS), [example])
