"""培训 services: record one training, import many from XLSX with a row-by-row report, and open the
yearly training-hours deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from enforcement.core.exceptions import DomainError, InvalidInput, NotAllowed
from enforcement.core.models import Deadline, DeadlineStatus, User
from enforcement.core.rules.text import text_error
from enforcement.core.services.audit import record_event
from enforcement.core.services.imports import write_in_batches
from enforcement.core.tabular import read_rows

from ..choices import TrainingKind, TrainingResult
from ..models import Course, Officer, TrainingRecord
from ..permissions import can_manage_agency, can_manage_some_agency
from ..requirements import effective_requirement, requirements_for_agencies
from . import reminders

NOT_ADMIN = "只有本机构或上级机构的系统管理员可以录入培训记录"
MAX_HOURS = Decimal("999")
IMPORT_COLUMNS = ["用户名", "培训类别", "培训名称", "培训日期", "学时", "考核结果", "成绩", "备注"]


def hours_in_year(officer: User, year: int) -> Decimal:
    total = (
        TrainingRecord.objects.filter(officer=officer, start_on__year=year)
        .counting()
        .aggregate(s=Sum("hours"))["s"]
    )
    return total or Decimal("0")


MAX_SCORE = Decimal("100")  # exam scores are out of 100 (百分制)


def validate_training_input(
    kind: str, title: str, hours: Any, result: str, score: Any
) -> tuple[Decimal, Decimal | None]:
    errors: dict[str, list[str]] = {}
    if kind not in TrainingKind.values:
        errors["kind"] = ["无效的培训类别"]
    if result not in TrainingResult.values:
        errors["result"] = ["无效的考核结果"]
    if not str(title).strip():
        errors["title"] = ["请填写培训名称"]
    elif problem := text_error(str(title), max_length=200):
        errors["title"] = [problem]
    try:
        hours_value = Decimal(str(hours))
        if not (Decimal("0") <= hours_value <= MAX_HOURS):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["hours"] = ["学时须为0–999之间的数字"]
        hours_value = Decimal("0")
    score_value = None
    if score not in (None, ""):
        try:
            score_value = Decimal(str(score))
            if not (Decimal("0") <= score_value <= MAX_SCORE):
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["score"] = ["成绩须为0–100之间的数字"]
    if kind == TrainingKind.QUALIFICATION_EXAM and result == TrainingResult.ATTENDED:
        errors["result"] = ["执法资格考试须填写合格或不合格"]
    if errors:
        raise InvalidInput("；".join(m for msgs in errors.values() for m in msgs), fields=errors)
    return hours_value, score_value


def record_training(
    officer: User,
    *,
    actor: Any,
    kind: str,
    title: str,
    start_on: dt.date,
    hours: Any,
    result: str,
    score: Any = None,
    course: Course | None = None,
    remarks: str = "",
) -> TrainingRecord:
    """Record one training or exam of ``officer``; closes their hours deadline when the year's hours are met."""
    hours_value, score_value = validate_training_input(kind, title, hours, result, score)
    if officer.agency_id is None:
        raise InvalidInput("该人员未分配执法机构")
    if not can_manage_agency(actor, officer.agency):
        raise NotAllowed(NOT_ADMIN)
    with transaction.atomic():
        # one writer per officer at a time: the year's total read below includes every committed record
        User.objects.select_for_update().filter(pk=officer.pk).values_list("pk", flat=True).get()
        record = TrainingRecord.objects.create(
            officer=officer,
            agency_id=officer.agency_id,
            course=course,
            kind=kind,
            title=str(title).strip(),
            start_on=start_on,
            hours=hours_value,
            result=result,
            score=score_value,
            remarks=remarks,
            recorded_by=actor,
        )
        record_event(
            "training.record",
            actor=actor,
            obj=record,
            data={"officer": officer.pk, "kind": kind, "hours": str(hours_value), "result": result},
        )
        _close_hours_if_met(officer, start_on.year, actor=actor)
    return record


def _close_hours_if_met(officer: User, year: int, *, actor: Any) -> None:
    required = effective_requirement(officer.agency, year).annual_hours
    reminders.close_hours_deadline_if_met(officer, year, hours_in_year(officer, year), required, actor=actor)


# --- XLSX import -----------------------------------------------------------------------------------


@dataclass
class RowOutcome:
    row: int
    ok: bool
    message: str
    record_id: int | None = None


@dataclass
class ImportReport:
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if not r.ok)

    def as_dict(self) -> dict[str, Any]:
        """The import runner's report shape (``registry.Importer``)."""
        return {
            "total": len(self.rows),
            "created": self.created,
            "updated": 0,
            "unchanged": 0,
            "rejected": self.failed,
            "errors": [{"row": r.row, "key": "", "message": r.message} for r in self.rows if not r.ok],
        }


def _label_map(choices: type[TrainingKind] | type[TrainingResult]) -> dict[str, str]:
    mapping = {str(c.label): str(c.value) for c in choices}
    mapping.update({str(c.value): str(c.value) for c in choices})
    return mapping


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    return dt.date.fromisoformat(text)


def import_training_records(
    file: IO[bytes], *, actor: Any, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    """Import training records from an XLSX with the columns ``IMPORT_COLUMNS`` (header row first).

    The whole file is read first; valid rows are saved in batches (``write_in_batches``), invalid ones
    reported with the reason; one audit event for the import. Raises NotAllowed for actors who are not
    agency admins, InvalidInput for an unreadable file.
    """
    if not can_manage_some_agency(actor):
        raise NotAllowed(NOT_ADMIN)
    filename = getattr(file, "name", "") or "training.xlsx"
    data_rows = [
        (number, [row[c] for c in IMPORT_COLUMNS])
        for number, row in read_rows(file, filename, required=IMPORT_COLUMNS)
    ]
    usernames = {str(r[0]).strip() for _, r in data_rows if r[0]}
    people = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("agency")}
    kinds, results = _label_map(TrainingKind), _label_map(TrainingResult)
    report = ImportReport()
    touched: dict[int, tuple[User, set[int]]] = {}

    def write_row(row_no: int, raw: list[Any]) -> None:
        username, kind, title, day, hours, result, score, remarks = raw
        officer = people.get(str(username or "").strip())
        if officer is None or officer.agency is None or not can_manage_agency(actor, officer.agency):
            raise InvalidInput(f"用户名“{username or ''}”不存在或不在本机构管辖范围")
        try:
            start_on = _parse_date(day)
        except ValueError:
            raise InvalidInput(f"培训日期“{day}”格式有误（应为YYYY-MM-DD）") from None
        kind_code = kinds.get(str(kind or "").strip(), str(kind or ""))
        result_code = results.get(str(result or "").strip(), str(result or ""))
        hours_value, score_value = validate_training_input(
            kind_code, str(title or ""), hours, result_code, score
        )
        record = TrainingRecord.objects.create(
            officer=officer,
            agency=officer.agency,
            kind=kind_code,
            title=str(title).strip(),
            start_on=start_on,
            hours=hours_value,
            result=result_code,
            score=score_value,
            remarks=str(remarks or ""),
            recorded_by=actor,
        )
        touched.setdefault(officer.pk, (officer, set()))[1].add(start_on.year)
        report.rows.append(RowOutcome(row_no, True, "已导入", record.pk))

    def on_error(row_no: int, raw: list[Any], exc: DomainError) -> None:
        report.rows.append(RowOutcome(row_no, False, exc.message))

    write_in_batches(data_rows, write_row, on_error, progress=progress)
    report.rows.sort(key=lambda r: r.row)
    with transaction.atomic():
        record_event(
            "training.import",
            actor=actor,
            agency_id=actor.agency_id,
            data={
                "created": report.created,
                "created_ids": [r.record_id for r in report.rows if r.ok][:200],
                "failed": [{"row": r.row, "message": r.message} for r in report.rows if not r.ok][:200],
            },
        )
        for officer, years in touched.values():
            for year in years:
                _close_hours_if_met(officer, year, actor=actor)
    return report


def _run_import(run: Any) -> dict[str, Any]:
    return import_training_records(run.file, actor=run.actor, progress=run.progress).as_dict()


def register_importer() -> None:
    """Training records through core's import runner (large files as a Celery task)."""
    from django.urls import reverse

    from enforcement.core.registry import Importer
    from enforcement.core.registry import register_importer as register

    register(
        Importer(
            "training",
            "培训记录",
            run=_run_import,
            may_start=lambda user, params: can_manage_some_agency(user),
            back_url=lambda params: reverse("training:import"),
        )
    )


def import_template_xlsx() -> bytes:
    """An empty import sheet with the header row and one example line."""
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "培训记录"
    ws.append(IMPORT_COLUMNS)
    ws.append(["officer1", "法律知识", "行政处罚法专题培训", "2026-03-15", 8, "合格", 92, ""])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# --- training-hours deadlines ------------------------------------------------------------------------


def open_training_hours_deadlines(year: int | None = None, *, today: dt.date | None = None) -> int:
    """Keep this year's 年度培训学时 deadlines (due 12-31) in step with the records and requirements.

    Opens one for every enforcement officer below the year's required hours who has no running one
    (again after a met one, when the agency raised its requirement); closes running ones as met once the
    hours reach the current requirement (e.g. after it was lowered) and as waived for people who are no
    longer enforcement staff. Idempotent; run daily by the beat task before the deadline scan. Returns
    how many were opened.
    """
    on = today or timezone.localdate()
    year = year or on.year
    due = dt.date(year, 12, 31)
    running = Deadline.objects.filter(kind=reminders.KIND_TRAINING_HOURS, due_date=due).open()
    staff = Officer.objects.enforcement_staff().filter(agency__isnull=False)
    _close_stale_hours_deadlines(running, staff, year)
    candidates = list(
        staff.exclude(Exists(running.filter(object_id=OuterRef("pk")))).select_related("agency")
    )
    if not candidates:
        return 0
    hours = _hours_by_officer([o.pk for o in candidates], year)
    required = requirements_for_agencies({o.agency for o in candidates if o.agency}, year)
    opened = 0
    for officer in candidates:
        assert officer.agency is not None
        need = required[officer.agency.pk].annual_hours
        if hours.get(officer.pk, Decimal("0")) >= need:
            continue
        with transaction.atomic():
            reminders.open_hours_deadline(officer, year, f"{need.normalize():f}")
        opened += 1
    return opened


def _hours_by_officer(officer_ids: list[int], year: int) -> dict[int, Decimal]:
    return dict(
        TrainingRecord.objects.filter(officer_id__in=officer_ids, start_on__year=year)
        .counting()
        .values("officer_id")
        .annotate(total=Sum("hours"))
        .values_list("officer_id", "total")
    )


def _close_stale_hours_deadlines(running: Any, staff: Any, year: int) -> None:
    """Close running hours deadlines that no longer stand: hours met under the current requirement, or
    the person is no longer enforcement staff (waived)."""
    officer_ids = list(running.values_list("object_id", flat=True))
    if not officer_ids:
        return
    people = {u.pk: u for u in User.objects.filter(pk__in=officer_ids).select_related("agency")}
    in_staff = set(staff.filter(pk__in=officer_ids).values_list("pk", flat=True))
    hours = _hours_by_officer(officer_ids, year)
    required = requirements_for_agencies({u.agency for u in people.values() if u.agency}, year)
    for officer_id in officer_ids:
        person = people.get(officer_id)
        if person is None:
            continue
        if officer_id not in in_staff:
            with transaction.atomic():
                reminders.close_hours_deadlines(person, year, status=DeadlineStatus.WAIVED)
        elif person.agency is not None:
            need = required[person.agency.pk].annual_hours
            reminders.close_hours_deadline_if_met(
                person, year, hours.get(officer_id, Decimal("0")), need, actor=None
            )
