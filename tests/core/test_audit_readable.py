"""全过程记录 a supervisor can read: every emitted action labelled in Chinese, business object types only,
a change as 字段 · 原值 · 新值 with Chinese field names, and 校验审计链 as a background run with progress."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.urls import reverse

from cases.choices import CaseAction
from cases.services.credit import LISTING_LABELS
from enforcement.core import roles
from enforcement.core.models import AuditEvent, AuditVerification, VerificationStatus
from enforcement.core.registry import REGISTRY
from enforcement.core.services.audit import record_event
from enforcement.core.services.audit_display import action_label, change_rows
from enforcement.core.services.catalog import ACTION_LABELS as ITEM_ACTIONS
from enforcement.core.tasks import verify_audit_chain_task
from inspections.choices import HazardAction, PlanAction, SchemeAction
from tests.factories import EnterpriseFactory, UserFactory
from training.choices import CertificateAction

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["enforcement", "training", "discretion", "inspections", "cases", "supervision"]
# f-string action codes: the prefix and every value the placeholder can take (a new prefix fails the test
# until its values are listed here).
DYNAMIC_PREFIXES: dict[str, list[str]] = {
    "item.": list(ITEM_ACTIONS),
    "certificate.": [str(a) for a in CertificateAction],
    "scheme.": [str(a) for a in SchemeAction],
    "hazard.": [str(a) for a in HazardAction],
    "plan.": [str(a) for a in PlanAction],
    "case.": [str(a) for a in CaseAction],
    "credit.listing_": list(LISTING_LABELS),
}
CODE = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _sources() -> list[Path]:
    return [
        p
        for pkg in PACKAGES
        if (ROOT / pkg).is_dir()
        for p in (ROOT / pkg).rglob("*.py")
        if "migrations" not in p.parts
    ]


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", None)) == name
    ]


def _enclosing_function(tree: ast.AST, call: ast.Call) -> ast.FunctionDef | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(child is call for child in ast.walk(node)):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.FunctionDef) and n is not node]
            if not any(any(c is call for c in ast.walk(i)) for i in inner):
                return node
    return None


def emitted_actions() -> tuple[set[str], list[str]]:
    """Every action code the code base passes to ``record_event`` (statically), and what could not be read.

    Literal codes, both branches of a conditional, f-strings through ``DYNAMIC_PREFIXES``, and a parameter
    of the enclosing function through the ``<param>=`` literals its callers pass.
    """
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in _sources()}
    found: set[str] = set()
    unreadable: list[str] = []

    def take(node: ast.expr, where: str, tree: ast.AST, call: ast.Call) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
        elif isinstance(node, ast.IfExp):
            take(node.body, where, tree, call)
            take(node.orelse, where, tree, call)
        elif isinstance(node, ast.JoinedStr):
            prefix = node.values[0].value if isinstance(node.values[0], ast.Constant) else ""
            if prefix in DYNAMIC_PREFIXES and len(node.values) == 2:
                found.update(f"{prefix}{v}" for v in DYNAMIC_PREFIXES[prefix])
            else:
                unreadable.append(f"{where}: {ast.unparse(node)}")
        elif isinstance(node, ast.Name):
            func = _enclosing_function(tree, call)
            values = [
                kw.value.value
                for other in trees.values()
                for c in (_calls(other, func.name) if func else [])
                for kw in c.keywords
                if kw.arg == node.id and isinstance(kw.value, ast.Constant)
            ]
            if not values:
                unreadable.append(f"{where}: {node.id}")
            found.update(values)
        else:
            unreadable.append(f"{where}: {ast.unparse(node)}")

    for path, tree in trees.items():
        for call in _calls(tree, "record_event"):
            action = (
                call.args[0]
                if call.args
                else next((k.value for k in call.keywords if k.arg == "action"), None)
            )
            if action is None:
                continue  # the definition's own recursive mention, if any
            take(action, f"{path.relative_to(ROOT)}:{call.lineno}", tree, call)
    return found, unreadable


# --- labels ------------------------------------------------------------------------------------------


def test_every_emitted_action_has_a_chinese_label():
    found, unreadable = emitted_actions()
    assert unreadable == [], "action codes the label test cannot read; list them in DYNAMIC_PREFIXES"
    assert len(found) >= 50  # sanity: the scan sees the services (core, training, discretion)
    missing = sorted(code for code in found if code not in REGISTRY.audit_actions)
    assert missing == []
    assert all(CODE.match(code) for code in found)
    for code in found:
        assert re.search(r"[\u4e00-\u9fff]", REGISTRY.audit_actions[code]), code


def test_labels_read_in_chinese():
    assert action_label("auth.login") == "登录"
    assert action_label("certificate.suspend") == "暂扣执法证"
    assert action_label("item.cancel") == "取消执法事项"
    assert action_label("audit.verify") == "校验审计链"
    assert action_label("nobody.knows") == "其他操作（nobody.knows）"


# --- object types ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_object_type_filter_lists_business_objects_only(client, personas):
    client.force_login(personas.supervisor)
    response = client.get("/audit/")
    types = dict(response.context["object_types"])
    assert types["core.enterprise"] == "生产经营单位"
    assert types["training.certificate"] == "执法证"
    assert types["discretion.benchmarkversion"] == "裁量基准版本"
    assert types["core.user"] == "用户"
    assert types["inspections.hazard"] == "隐患"
    for technical in (
        "axes.accessattempt",
        "axes.accesslog",
        "authtoken.token",
        "core.documentcounter",
        "core.auditchainhead",
        "core.auditevent",
        "core.remindersent",
        "contenttypes.contenttype",
        "sessions.session",
        "auth.permission",
        "guardian.userobjectpermission",
    ):
        assert technical not in types
    html = response.content.decode()
    assert "axes" not in html and "accessattempt" not in html
    assert all(re.search(r"[\u4e00-\u9fff]", label) for label in types.values())


# --- the change table --------------------------------------------------------------------------------


def _record(*args, **kwargs) -> AuditEvent:
    with transaction.atomic():
        return record_event(*args, **kwargs)


@pytest.mark.django_db
def test_change_rows_use_model_verbose_names_and_choice_labels(personas):
    from enforcement.core.models import Enterprise
    from training.models import Certificate

    rows = change_rows(
        {"diff": {"name": ["旧名称", "新名称"], "address": ["", "A"]}, "reason": "核实"}, Enterprise
    )
    assert [(r.label, r.old, r.new, r.is_change) for r in rows][0] == ("单位名称", "旧名称", "新名称", True)
    assert rows[-1].label == "原因" and rows[-1].new == "核实" and not rows[-1].is_change
    cert_rows = change_rows({"from": "issued", "to": "suspended", "on": "2026-03-01"}, Certificate)
    assert (cert_rows[0].label, cert_rows[0].old, cert_rows[0].new) == ("状态", "已核发", "暂扣")
    assert cert_rows[1].label == "日期"


@pytest.mark.django_db
def test_audit_page_shows_a_change_table_not_json(client, personas):
    enterprise = EnterpriseFactory(agency=personas.agencies.district_a, name="浦口化工有限公司")
    _record(
        "enterprise.update",
        actor=personas.officer1,
        obj=enterprise,
        data={"diff": {"name": ["浦口化工有限公司", "浦口新材料化工有限公司"], "address": ["旧址", "新址"]}},
    )
    client.force_login(personas.supervisor)
    html = client.get("/audit/").content.decode()
    assert '<th scope="col">字段</th><th scope="col">原值</th><th scope="col">新值</th>' in html
    assert (
        '<tr data-field="name"><th scope="row">单位名称</th><td>浦口化工有限公司</td><td>浦口新材料化工有限公司</td></tr>'
        in html
    )
    assert '<th scope="row">地址</th>' in html
    assert '"diff"' not in html and "<pre" not in html
    assert ">enterprise.update<" not in html  # the code is no longer shown next to its label


# --- 校验审计链 -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["supervisor", "cityadmin", "admin"])
def test_verification_runs_in_the_background_with_progress(
    client, personas, name, django_capture_on_commit_callbacks
):
    city = personas.agencies.city.id
    for i in range(5):
        _record("calendar.update", actor=personas.cityadmin, agency_id=city, data={"i": i})
    user = getattr(personas, name)
    client.force_login(user)
    assert 'id="verify-chain"' in client.get("/audit/").content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("core:audit_verify"))
    run = AuditVerification.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:audit_verification", args=[run.pk])
    assert len(callbacks) == 1  # the task is enqueued after commit
    assert run.status == VerificationStatus.QUEUED and run.requested_by_id == user.pk
    event = AuditEvent.objects.get(action="audit.verify")
    assert (event.actor_id, event.agency_id_ref) == (user.pk, user.agency_id)

    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 1s"' in page and "等待后台开始校验" in page
    # A second click while it waits opens the same run.
    with django_capture_on_commit_callbacks(execute=False) as again:
        assert client.post(reverse("core:audit_verify"))["Location"] == response["Location"]
    assert again == [] and AuditVerification.objects.count() == 1

    verify_audit_chain_task(run.pk)  # what the worker runs
    run.refresh_from_db()
    assert (run.status, run.intact, run.checked, run.total) == (VerificationStatus.DONE, True, 6, 6)
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial
    assert "审计链完整：已校验全部 6 条记录" in partial
    assert "audit chain" not in partial and "intact" not in partial


@pytest.mark.django_db
def test_progress_is_written_while_the_chain_is_walked(personas):
    from enforcement.core.services import audit_runs

    for i in range(7):
        _record(
            "calendar.update", actor=personas.cityadmin, agency_id=personas.agencies.city.id, data={"i": i}
        )
    run, _ = audit_runs.start_verification(actor=personas.supervisor)
    seen: list[tuple[int, int]] = []
    original = audit_runs.verify_chain

    def walk(**kwargs):
        def progress(checked: int, total: int) -> None:
            kwargs["progress"](checked, total)
            row = AuditVerification.objects.get(pk=run.pk)
            seen.append((row.checked, row.total))

        return original(chunk_size=3, progress=progress)

    audit_runs.verify_chain = walk
    try:
        audit_runs.run_verification(run.pk)
    finally:
        audit_runs.verify_chain = original
    assert seen == [(3, 8), (6, 8)]
    run.refresh_from_db()
    assert (run.checked, run.intact) == (8, True)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["officer1", "head", "reviewer", "assistant", "expired"])
def test_other_roles_may_not_verify(client, personas, name):
    client.force_login(getattr(personas, name))
    assert client.post(reverse("core:audit_verify")).status_code == 403
    assert AuditVerification.objects.count() == 0
    assert AuditEvent.objects.filter(action="audit.verify").count() == 0


@pytest.mark.django_db
def test_a_run_is_seen_by_its_requester_and_superusers_only(client, personas):
    from enforcement.core.services.audit_runs import start_verification

    run, _ = start_verification(actor=personas.supervisor)
    url = reverse("core:audit_verification", args=[run.pk])
    for name, status in [("supervisor", 200), ("admin", 200), ("cityadmin", 404), ("officer1", 403)]:
        client.force_login(getattr(personas, name))
        assert client.get(url).status_code == status, name
    client.logout()
    assert client.get(url).status_code == 302


pg_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL triggers")


def _tamper(seq: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE core_auditevent SET data = '{\"i\": 99}' WHERE seq = %s", [seq])
        cursor.execute("SET LOCAL session_replication_role = origin")


@pg_only
@pytest.mark.django_db
def test_broken_chain_shown_by_scope(client, personas):
    from enforcement.core.services.audit_runs import outcome_for, run_verification, start_verification

    a = personas.agencies
    district_supervisor = UserFactory(username="supervisor_a", agency=a.district_a, roles=[roles.SUPERVISOR])
    _record("calendar.update", actor=personas.cityadmin, agency_id=a.district_b.id, data={"i": 1})
    _record("calendar.update", actor=personas.cityadmin, agency_id=a.district_b.id, data={"i": 2})
    _tamper(2)
    runs = {}
    for user in (personas.supervisor, district_supervisor, personas.admin):
        run, _ = start_verification(actor=user)
        runs[user.username] = run_verification(run.pk)
    city = outcome_for(runs["supervisor"], personas.supervisor)
    assert city.level == "danger" and city.headline == "审计链校验未通过：记录被篡改。"
    assert "第 2 条记录" in city.details[0] and city.event_id is not None
    outside = outcome_for(runs["supervisor_a"], district_supervisor)
    assert outside.details == ("问题记录不在您的查看范围内，请报告平台管理员核查。",)
    assert outside.event_id is None
    full = outcome_for(runs["admin"], personas.admin)
    assert full.details[0].startswith("第 2 条记录：按存储内容重算的哈希与存储的哈希不符")
    assert "/" not in full.details[0]


def test_every_data_key_the_services_write_has_a_chinese_name():
    """The keys of the ``data={...}`` literals passed to ``record_event`` (``diff`` keys are model fields,
    named by their verbose_name)."""
    keys: set[str] = set()
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _calls(tree, "record_event"):
            for kw in call.keywords:
                if kw.arg == "data" and isinstance(kw.value, ast.Dict):
                    keys.update(k.value for k in kw.value.keys if isinstance(k, ast.Constant))
    assert len(keys) >= 40
    missing = sorted(k for k in keys if k not in REGISTRY.audit_field_labels)
    assert missing == []
