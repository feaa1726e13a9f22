"""Admin maintenance: new version as a copy, publish (closes the predecessor), compare item by item,
admin edits through services; denials change nothing and write no audit event."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from discretion.models import BenchmarkVersion, StatutoryRange, Violation
from discretion.rules import RecommendationRequest
from discretion.services import (
    compare_versions,
    create_version_copy,
    delete_catalog_object,
    load_seed_benchmark,
    publish_version,
    recommend,
    save_catalog_object,
)
from enforcement.core.exceptions import InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def copy(benchmark, actor, code="YJ-2026", start=dt.date(2026, 1, 1), **kw):
    return create_version_copy(
        benchmark,
        code=code,
        name="应急管理行政处罚裁量权基准（2026）",
        effective_from=start,
        actor=actor,
        **kw,
    )


def test_seed_is_idempotent_and_complete(benchmark):
    assert Violation.objects.filter(version=benchmark).count() == 89
    assert load_seed_benchmark() == {
        "violations": 0,
        "enforcement_item_links": 0,
        "circumstances": 0,
        "first_offence_entries": 0,
        "review_criteria": 0,
        "synonyms": 0,
    }
    assert AuditEvent.objects.filter(action="discretion.seed").count() == 1
    marks = dict(
        Violation.objects.filter(
            version=benchmark, code__in=["AQ-097-I7", "CF-045-I1", "YH-026-I1"]
        ).values_list("code", "verification")
    )
    assert marks == {"AQ-097-I7": "✅", "CF-045-I1": "◐", "YH-026-I1": "◐"}
    note = Violation.objects.get(version=benchmark, code="WH-077-P2").basis_note
    assert note.startswith("spec §6.5 #27：幅度按 spec 原样录入（✅）")
    assert Violation.objects.get(version=benchmark, code="WH-077-P2").law_effective_to == dt.date(2026, 4, 30)


def test_copy_version_is_a_full_draft_copy_with_one_audit_event(benchmark, personas):
    new = copy(benchmark, personas.cityadmin)
    assert (new.status, new.copied_from_id, new.effective_from) == (
        "draft",
        benchmark.pk,
        dt.date(2026, 1, 1),
    )
    assert new.violations.count() == 89
    assert (
        StatutoryRange.objects.filter(violation__version=new).count()
        == StatutoryRange.objects.filter(violation__version=benchmark).count()
    )
    assert new.violations.get(code="AQ-097-I7").tiers.get().ranges.count() == 2
    assert new.circumstances.count() == benchmark.circumstances.count() == 8
    diff = compare_versions(benchmark, new)
    assert (diff.added, diff.removed, diff.changed, diff.unchanged) == ([], [], [], 89)
    events = AuditEvent.objects.filter(action="discretion.version_copy")
    assert [(e.actor_id, e.data) for e in events] == [
        (personas.cityadmin.pk, {"source": "YJ-2024-90", "violations": 89})
    ]


@pytest.mark.parametrize("who", ["officer1", "head", "supervisor", "reviewer"])
def test_copy_refused_for_non_admins_and_nothing_changes(benchmark, personas, who):
    before = (BenchmarkVersion.objects.count(), Violation.objects.count(), AuditEvent.objects.count())
    with pytest.raises(NotAllowed):
        copy(benchmark, getattr(personas, who))
    assert (BenchmarkVersion.objects.count(), Violation.objects.count(), AuditEvent.objects.count()) == before


def test_copy_with_end_before_start_is_refused(benchmark, personas):
    with pytest.raises(InvalidInput, match="失效日期不得早于施行日期"):
        copy(benchmark, personas.cityadmin, effective_to=dt.date(2025, 12, 31))


def test_compare_lists_added_removed_changed(benchmark, personas):
    new = copy(benchmark, personas.cityadmin)
    r = StatutoryRange.objects.get(
        violation__version=new, violation__code="AQ-102", subject="unit", stage="first"
    )
    r.max_amount = 40000
    save_catalog_object(r, actor=personas.cityadmin, changed=["max_amount"])
    gone = new.violations.get(code="AQ-100")
    gone.delete()
    added = new.violations.get(code="AQ-109")
    added.code = "AQ-109-NEW"
    save_catalog_object(added, actor=personas.cityadmin, changed=["code"])
    diff = compare_versions(benchmark, new)
    assert diff.added == [("AQ-109-NEW", "高危行业、领域的生产经营单位未按照国家规定投保安全生产责任保险")]
    assert [c for c, _ in diff.removed] == ["AQ-100", "AQ-109"]
    [change] = diff.changed
    assert change.code == "AQ-102"
    assert [(x["min"], x["max"]) for x in change.ranges_removed] == [(None, 50000)]
    assert [(x["min"], x["max"]) for x in change.ranges_added] == [(None, 40000)]
    assert diff.unchanged == 86


def test_published_contents_are_frozen(benchmark, personas):
    r = StatutoryRange.objects.filter(violation__version=benchmark).first()
    r.max_amount = 1
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidTransition):
        save_catalog_object(r, actor=personas.cityadmin)
    r.refresh_from_db()
    assert r.max_amount != 1 and AuditEvent.objects.count() == before


def test_publish_closes_predecessor_and_calculator_follows(benchmark, personas):
    new = copy(benchmark, personas.cityadmin)
    tier_range = new.violations.get(code="AQ-097-I7").tiers.get().ranges.get(stage="first")
    tier_range.max_amount = 20000
    save_catalog_object(tier_range, actor=personas.cityadmin)
    publish_version(new, actor=personas.cityadmin)
    benchmark.refresh_from_db()
    new.refresh_from_db()
    assert (benchmark.effective_to, new.status) == (dt.date(2025, 12, 31), "published")
    with pytest.raises(InvalidTransition):
        publish_version(new, actor=personas.cityadmin)

    def run(vdate, ddate):
        return recommend(
            RecommendationRequest("AQ-097-I7", "unit", vdate, ddate, facts={"uncertified_persons": 1})
        )

    old_only = run(dt.date(2025, 3, 1), dt.date(2025, 4, 1))
    assert (old_only.version.code, old_only.fines[0].max) == ("YJ-2024-90", 30000)
    across = run(dt.date(2025, 11, 1), dt.date(2026, 2, 1))  # the newer version is lighter: it applies
    assert (across.version.code, across.fines[0].max, across.fines[0].recommended) == (
        "YJ-2026",
        20000,
        10000,
    )
    assert "对当事人较轻" in across.version_reason


def test_publish_refused_for_officer(benchmark, personas):
    new = copy(benchmark, personas.cityadmin)
    before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        publish_version(new, actor=personas.officer1)
    new.refresh_from_db()
    assert new.status == "draft" and AuditEvent.objects.count() == before


def test_seed_demo_loads_the_benchmark_through_the_registered_seeder(db):
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert Violation.objects.filter(version__code="YJ-2024-90").count() == 89
    assert AuditEvent.objects.filter(action="discretion.seed").count() == 1


def test_an_edit_loaded_before_publishing_is_refused_after_it(benchmark, personas):
    """The version row is locked and re-read in the save: a stale draft instance cannot slip an edit into
    a version published in between (nothing changes, no audit event)."""
    new = copy(benchmark, personas.cityadmin)
    v = new.violations.select_related("version").get(code="AQ-102")
    r = StatutoryRange.objects.select_related("violation__version").filter(violation=v).first()
    publish_version(new, actor=personas.cityadmin)
    before = AuditEvent.objects.count()
    v.name = "改名"
    with pytest.raises(InvalidTransition, match="已发布或参考版本的内容不能修改"):
        save_catalog_object(v, actor=personas.cityadmin)
    with pytest.raises(InvalidTransition, match="已发布或参考版本的内容不能删除"):
        delete_catalog_object(r, actor=personas.cityadmin)
    v.refresh_from_db()
    assert v.name == "生产经营单位未采取措施消除事故隐患"
    assert StatutoryRange.objects.filter(pk=r.pk).exists()
    assert AuditEvent.objects.count() == before
