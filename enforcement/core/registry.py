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
    demo_seeders: list[DemoSeeder] = field(default_factory=list)
    dashboard_panels: list[DashboardPanel] = field(default_factory=list)
    importers: dict[str, Importer] = field(default_factory=dict)


REGISTRY = _Registry()


# --- named providers: one app offers a function another app calls without importing it -------------
# Used for cross-app actions and facts (ERRATA "Access and layering"): the cases app registers
# ``hazard.file_case`` (open a case from a hazard) and ``enterprise.recently_penalised``; inspections asks
# for them by name and, when nothing is registered, offers no such action.

HAZARD_FILE_CASE = "hazard.file_case"  # (hazard, *, actor, reason) -> the new case (a model instance)
RECENTLY_PENALISED = "enterprise.recently_penalised"  # (enterprise_ids, since: date) -> set of ids
KNOWN_PROVIDERS = frozenset({HAZARD_FILE_CASE, RECENTLY_PENALISED})
_PROVIDERS: dict[str, Callable[..., Any]] = {}


def register_provider(name: str, func: Callable[..., Any]) -> None:
    if name not in KNOWN_PROVIDERS:
        raise ValueError(f"unknown provider name {name!r}")
    _PROVIDERS[name] = func


def unregister_provider(name: str) -> None:
    _PROVIDERS.pop(name, None)


def get_provider(name: str) -> Callable[..., Any] | None:
    return _PROVIDERS.get(name)


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


def register_importer(importer: Importer) -> None:
    REGISTRY.importers[importer.kind] = importer


def register_audit_actions(actions: dict[str, str]) -> None:
    """Map action codes to Chinese labels shown on the audit page."""
    REGISTRY.audit_actions.update(actions)


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
            "deadline.overdue": "期限逾期",
            "notification.read": "阅读通知",
            "import.queue": "提交导入任务",
            "import.finish": "导入任务结束",
        }
    )
