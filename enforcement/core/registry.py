"""Registries through which apps plug their kinds into core (core never imports an app).

Each app calls these from its ``AppConfig.ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DeadlineKind:
    code: str
    label: str
    basis: str = ""
    # days before due at which reminders go out, e.g. (7, 3, 1, 0); negative = after due (overdue notice)
    reminder_days: tuple[int, ...] = (3, 1, 0)


@dataclass(frozen=True)
class DocumentKind:
    """A kind of 文书. ``abbr`` is its 文书代字 (罚, 责改, 立…), filled into ``{code}`` of the pattern."""

    code: str
    label: str
    default_pattern: str = "（{short}）应急{code}〔{year}〕{seq}号"
    template: str = ""
    abbr: str = ""


@dataclass(frozen=True)
class DemoSeeder:
    """A function that adds one app's demo data; run by ``seed_demo`` in ``order`` after core's own data."""

    order: int
    name: str
    func: Callable[..., None]


@dataclass(frozen=True)
class DashboardPanel:
    """A template included on the dashboard, with a function returning its context for the request."""

    order: int
    template: str
    context: Callable[[Any], dict[str, Any]]
    # "main" (left column, under my deadlines) or "top" (full width above everything, for warnings).
    slot: str = "main"


@dataclass(frozen=True)
class ObjectPanel:
    """A template another app includes on one kind of object's page (ERRATA: "officers see reviews of their
    cases through a registry panel"): ``context(request, obj)`` returns its context, ``{}`` to show nothing."""

    order: int
    template: str
    context: Callable[[Any, Any], dict[str, Any]]


@dataclass(frozen=True)
class Importer:
    """A spreadsheet import that ``services.imports`` may run as a Celery task.

    ``run(ctx)`` is given an ``ImportRun`` (the open file, its name, the actor, the job's params and a
    ``progress(done, total)`` callback), writes in batches (``services.imports.write_in_batches``) and
    returns the report as a dict: ``total``, ``created``, ``updated``, ``unchanged``, ``rejected`` and
    ``errors`` (a list of ``{"row", "key", "message"}``). ``may_start(user, params)`` says whether this
    user may start it; ``back_url(params)`` is the page the report links back to.
    """

    kind: str
    label: str
    run: Callable[[Any], dict[str, Any]]
    may_start: Callable[[Any, dict[str, Any]], bool]
    back_url: Callable[[dict[str, Any]], str] = lambda params: "/"


@dataclass
class _Registry:
    deadline_kinds: dict[str, DeadlineKind] = field(default_factory=dict)
    document_kinds: dict[str, DocumentKind] = field(default_factory=dict)
    audit_actions: dict[str, str] = field(default_factory=dict)
    # ``app_label.model`` of the business objects audit events point at (the audit page's type filter)
    audit_object_types: set[str] = field(default_factory=set)
    # Chinese names of keys in audit ``data`` that are not fields of the event's object
    audit_field_labels: dict[str, str] = field(default_factory=dict)
    demo_seeders: list[DemoSeeder] = field(default_factory=list)
    dashboard_panels: list[DashboardPanel] = field(default_factory=list)
    importers: dict[str, Importer] = field(default_factory=dict)
    # ``app_label.model`` → panels shown on that object's page (``{% object_panels obj %}``)
    object_panels: dict[str, list[ObjectPanel]] = field(default_factory=dict)


REGISTRY = _Registry()


# --- named providers: one app offers a function another app calls without importing it -------------
# Used for cross-app actions and facts (ERRATA "Access and layering"): the cases app registers
# ``hazard.file_case`` (open a case from a hazard) and ``enterprise.recently_penalised``; inspections asks
# for them by name and, when nothing is registered, offers no such action.

HAZARD_FILE_CASE = "hazard.file_case"  # (hazard, *, actor, reason) -> the new case (a model instance)
RECENTLY_PENALISED = "enterprise.recently_penalised"  # (enterprise_ids, since: date) -> set of ids
# Offered by discretion, called by cases when a case's facts and chosen violation(s) are fixed:
# (*, agency_id, case_ref, text, violation_codes) -> rows; the fact text becomes searchable text of the
# violations (ranks for every agency, never shown). Idempotent per case_ref.
CASE_FACTS = "discretion.case_facts"
KNOWN_PROVIDERS = frozenset({HAZARD_FILE_CASE, RECENTLY_PENALISED, CASE_FACTS})
_PROVIDERS: dict[str, Callable[..., Any]] = {}


def register_provider(name: str, func: Callable[..., Any]) -> None:
    if name not in KNOWN_PROVIDERS:
        raise ValueError(f"unknown provider name {name!r}")
    _PROVIDERS[name] = func


def unregister_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def get_provider(name: str) -> Callable[..., Any] | None:
    return _PROVIDERS.get(name)


# --- object scopes: "may this user see object X?" answered by the owning app (ERRATA "Access") --------
# ``"app_label.model" -> scope(user)`` returning a queryset of the ids the user may see. Core rows that
# point at such objects (documents) are then visible exactly as the object is, not by agency alone.
ObjectScope = Callable[[Any], Any]
_OBJECT_SCOPES: dict[str, ObjectScope] = {}


def register_object_scope(model_label: str, scope: ObjectScope) -> None:
    _OBJECT_SCOPES[model_label.lower()] = scope


def object_scopes() -> dict[str, ObjectScope]:
    return dict(_OBJECT_SCOPES)


def register_deadline_kind(kind: DeadlineKind) -> None:
    REGISTRY.deadline_kinds[kind.code] = kind


def register_document_kind(kind: DocumentKind) -> None:
    REGISTRY.document_kinds[kind.code] = kind


def register_demo_seeder(seeder: DemoSeeder) -> None:
    if all(s.name != seeder.name for s in REGISTRY.demo_seeders):
        REGISTRY.demo_seeders.append(seeder)
        REGISTRY.demo_seeders.sort(key=lambda s: s.order)


def register_dashboard_panel(panel: DashboardPanel) -> None:
    if all(p.template != panel.template for p in REGISTRY.dashboard_panels):
        REGISTRY.dashboard_panels.append(panel)
        REGISTRY.dashboard_panels.sort(key=lambda p: p.order)


def register_object_panel(model_label: str, panel: ObjectPanel) -> None:
    panels = REGISTRY.object_panels.setdefault(model_label.lower(), [])
    if all(p.template != panel.template for p in panels):
        panels.append(panel)
        panels.sort(key=lambda p: p.order)


def register_importer(importer: Importer) -> None:
    REGISTRY.importers[importer.kind] = importer


def register_audit_actions(actions: dict[str, str]) -> None:
    """Map action codes to Chinese labels shown on the audit page."""
    REGISTRY.audit_actions.update(actions)


def register_audit_object_types(labels: list[str]) -> None:
    """Business object types (``app_label.model``) offered in the audit page's object-type filter.

    Only registered types are listed: technical rows (login attempts, tokens, counters) never are.
    """
    REGISTRY.audit_object_types.update(labels)


def register_audit_field_labels(labels: dict[str, str]) -> None:
    """Chinese names of audit ``data`` keys that are not model fields (``reason`` → 原因)."""
    REGISTRY.audit_field_labels.update(labels)


def register_core_kinds() -> None:
    register_document_kind(
        DocumentKind(
            "catalog",
            "应急管理执法事项目录",
            default_pattern="（{short}）应急{code}〔{year}〕{seq}号",
            template="documents/catalog.html",
            abbr="目录",
        )
    )
    # Core opens no deadlines of its own (its objects carry no legal periods); apps register theirs.
    register_audit_actions(
        {
            "auth.login": "登录",
            "auth.lockout": "账号锁定",
            "enterprise.create": "新增生产经营单位",
            "enterprise.update": "修改生产经营单位",
            "enterprise.import": "导入生产经营单位",
            "item.create": "新增执法事项",
            "item.update": "修改执法事项",
            "item.import": "导入执法事项",
            "item.suspend": "暂停执法事项",
            "item.resume": "恢复执法事项",
            "item.cancel": "取消执法事项",
            "agency.create": "新增执法机构",
            "agency.update": "修改执法机构",
            "agency.grant_power": "授予执法权限",
            "agency.revoke_power": "终止执法权限",
            "user.create": "新增用户",
            "user.update": "修改用户",
            "user.password": "重置用户密码",
            "calendar.update": "维护工作日历",
            "document.issue": "出具文书",
            "numbering.set": "设置文书编号格式",
            "numbering.reset": "恢复默认文书编号格式",
            "deadline.create": "设定期限",
            "deadline.close": "期限完成",
            "deadline.suspend": "期限中止",
            "deadline.resume": "期限恢复计算",
            "deadline.restart": "期限重新起算",
            "deadline.overdue": "期限逾期",
            "notification.read": "阅读通知",
            "import.queue": "提交导入任务",
            "import.finish": "导入任务结束",
            "audit.verify": "校验审计链",
        }
    )
    register_audit_object_types(
        [
            "core.agency",
            "core.agencypower",
            "core.calendarday",
            "core.calendaryear",
            "core.deadline",
            "core.document",
            "core.enforcementitem",
            "core.enterprise",
            "core.notification",
            "core.numberingpattern",
            "core.user",
        ]
    )
    register_audit_field_labels(
        {
            "diff": "变更内容",
            "reason": "原因",
            "attempts": "清除的失败登录次数",
            "created_ids": "新增记录编号",
            "error": "错误",
            "rows": "行数",
            "temporary": "临时密码",
            "unlocked": "已解除锁定",
            "kind": "类别",
            "on": "日期",
            "date": "日期",
            "from": "原状态",
            "to": "新状态",
            "created": "新增",
            "updated": "更新",
            "unchanged": "未变",
            "rejected": "未通过",
            "rejected_rows": "未通过行数",
            "failed": "失败",
            "source": "来源",
            "basis": "依据",
            "year": "年度",
            "years": "年度",
            "filename": "文件名",
            "file": "文件",
            "row": "行号",
            "ids": "编号",
            "deadline_ids": "期限编号",
            "recipients": "接收人",
            "holidays": "节假日",
            "workdays": "调休上班日",
            "replaced_rows": "替换的日历行数",
            "replaced": "替换",
            "old_due_date": "原届满日",
            "due_date": "届满日",
            "old_provisional": "原为临时期限",
            "provisional": "临时期限",
            "start_date": "起算日",
            "old_start_date": "原起算日",
            "end_date": "结束日",
            "suspended_days": "中止天数",
            "previous": "原值",
            "before": "原值",
            "after": "新值",
            "pattern": "编号格式",
            "sequence_source": "序号来源",
            "number": "文号",
            "username": "用户名",
            "failures": "失败次数",
            "fields": "字段",
            "changed": "变更",
            "message": "说明",
            "model": "数据类别",
            "code": "编码",
            "name": "名称",
            "title": "标题",
            "officer": "执法人员",
            "holder": "持证人",
            "hours": "学时",
            "result": "结果",
            "start_on": "开始日期",
            "item": "执法事项",
            "is_key": "是否重点",
            "credit_code": "统一社会信用代码",
            "certificate_no": "证号",
            "entrusting_agency": "委托机关",
            "valid_from": "生效日期",
            "valid_to": "失效日期",
            "violations": "违法行为",
            "review_due": "年审截止",
            "from_year": "起始年度",
            "annual_hours": "年度学时",
            "responsible": "负责人",
            "closed": "已关闭",
            "status": "状态",
            "successor": "新证",
            "roles": "角色",
            "agency": "所属机构",
            "is_active": "启用",
            "scope": "范围",
            "run": "校验编号",
            "sha256": "文件哈希（SHA-256）",
        }
    )
