"""双随机 draws through the real services (spec §3.3): the pools (exclusions, eligible officers only),
recusals, never the same team twice in a row, the auditable record (re-run gives the same result, a changed
pool or snapshot is detected), publication within the plan's period, and the dashboard figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from enforcement.core import roles
from enforcement.core.exceptions import GuardFailed, InvalidInput, InvalidTransition, NotAllowed
from enforcement.core.models import AuditEvent, Deadline, DeadlineStatus
from enforcement.core.models.enterprise import RiskClass
from enforcement.core.registry import RECENTLY_PENALISED, get_provider, register_provider, unregister_provider
from inspections.choices import DrawStatus
from inspections.models import DrawSelection, RandomDraw, RandomDrawSnapshot
from inspections.services import draw_checks, draws, recusals
from tests.factories import EnterpriseFactory, UserFactory
from tests.training.helpers import give_certificate

CLASSES = (RiskClass.MAJOR, RiskClass.HIGH, RiskClass.GENERAL, RiskClass.LOW)


@pytest.fixture
def pool(world):
    """Ten enterprises of each risk class in district A (plus the world's enterprise, general), a key one."""
    a = world.personas.agencies.district_a
    made = {c: [EnterpriseFactory(agency=a, risk_class=c) for _ in range(10)] for c in CLASSES}
    made["key"] = [EnterpriseFactory(agency=a, risk_class=RiskClass.MAJOR, is_key=True)]
    return made


def spec(world, **changes):
    base = {
        "title": "2026年第二季度双随机抽查",
        "year": 2026,
        "period_start": dt.date(2026, 6, 1),
        "period_end": dt.date(2026, 6, 30),
        "items": (world.item.code,),
        "ratios": {"major": Decimal(50), "high": Decimal(30), "general": Decimal(20), "low": Decimal(10)},
    }
    return draws.DrawSpec(**{**base, **changes})


def drawn(world, *, actor=None, seed="", **changes) -> RandomDraw:
    draw = draws.create_draw(spec(world, **changes), actor=actor or world.personas.officer1)
    return draws.run_draw(draw, actor=actor or world.personas.officer1, seed=seed)


def qualified(world):
    p = world.personas
    return {p.officer1.pk, p.officer2.pk, p.head.pk}


def test_run_stores_the_auditable_record(world, pool):
    draw = drawn(world, seed="pukou2026q2")
    assert draw.status == DrawStatus.DRAWN
    # key enterprise left out: 10 major + 11 general (world's enterprise) + 10 high + 10 low
    assert draw.pool_size == 41
    strata = [row["stratum"] for row in draw.result]
    assert {s: strata.count(s) for s in set(strata)} == {"major": 5, "high": 3, "general": 2, "low": 1}
    snapshot = RandomDrawSnapshot.objects.get(draw=draw)
    assert len(snapshot.candidates) == 41
    assert sorted(snapshot.officers["officers"]) == sorted(qualified(world))
    assert list(DrawSelection.objects.filter(draw=draw).values_list("enterprise_id", flat=True)) == [
        row["enterprise"] for row in draw.result
    ]
    event = AuditEvent.objects.get(action="draw.run", object_id=draw.pk)
    assert (event.data["seed"], event.data["pool_hash"], event.data["result_hash"]) == (
        "pukou2026q2",
        draw.pool_hash,
        draw.result_hash,
    )
    deadline = Deadline.objects.get(kind="inspections.draw_publication", object_id=draw.pk)
    # 20 working days after Mon 2026-06-01 (端午 2026-06-19 is a holiday) → 2026-06-30
    assert (deadline.due_date, draw.publish_due) == (dt.date(2026, 6, 30), dt.date(2026, 6, 30))


def test_same_record_same_result_and_a_changed_pool_is_detected(world, pool):
    draw = drawn(world)
    check = draw_checks.check_draw(draw)
    assert check.ok and check.live.unchanged
    assert list(check.verification.rerun) == draws.rules.selections_from_json(draw.result)
    # the live directory changes: detected, the record still verifies
    victim = pool[RiskClass.LOW][0]
    victim.risk_class = RiskClass.HIGH
    victim.save(update_fields=["risk_class"])
    check = draw_checks.check_draw(draw)
    assert check.ok and check.live.changed == (victim.pk,)
    assert "类别变化1家" in "".join(check.messages())
    # the stored snapshot is altered: its hash no longer matches the record
    snapshot = RandomDrawSnapshot.objects.get(draw=draw)
    snapshot.candidates = snapshot.candidates[1:]
    snapshot.save(update_fields=["candidates"])
    check = draw_checks.verify_draw(RandomDraw.objects.get(pk=draw.pk), actor=world.personas.supervisor)
    assert not check.ok and not check.verification.pool_hash_ok
    assert AuditEvent.objects.filter(action="draw.verify").latest("seq").data["pool_hash_matches"] is False


def test_a_tampered_result_is_detected_against_the_audit_trail(world, pool):
    draw = drawn(world)
    RandomDraw.objects.filter(pk=draw.pk).update(result=list(reversed(draw.result)), result_hash="0" * 64)
    check = draw_checks.check_draw(RandomDraw.objects.get(pk=draw.pk))
    assert (check.verification.result_ok, check.audit_ok, check.ok) == (False, False, False)


def test_uncertified_expired_and_assistant_officers_are_never_drawn(world, pool):
    p = world.personas
    uncertified = UserFactory(username="newbie", agency=p.agencies.district_a, roles=[roles.OFFICER])
    give_certificate(p.assistant, actor=p.cityadmin, issued_on=dt.date(2025, 3, 1))  # an assistant stays out
    allowed = qualified(world)
    for i in range(5):
        draw = drawn(world, seed=f"officers-{i}", ratios={"*": Decimal(100)})
        used = {o for row in draw.result for o in row["officers"]}
        assert used <= allowed and len(used) == 3
        assert not used & {uncertified.pk, p.expired.pk, p.assistant.pk, p.reviewer.pk}


def test_recusal_is_respected(world, pool):
    p = world.personas
    recusals.declare_recusal(
        actor=p.officer1, officer=p.officer1, enterprise=world.enterprise, reason="配偶在该企业任职"
    )
    draw = drawn(world, seed="recusal", ratios={"general": Decimal(100)})
    row = next(r for r in draw.result if r["enterprise"] == world.enterprise.pk)
    assert set(row["officers"]) == {p.officer2.pk, p.head.pk}
    # the only team left is the one that had this enterprise last time: refused rather than repeated
    with pytest.raises(GuardFailed) as exc:
        drawn(world, seed="recusal-2", ratios={"general": Decimal(100)})
    assert exc.value.code == "draw.same_team_again"


def test_recusal_declared_only_by_the_officer_or_head(world, pool):
    p = world.personas
    with pytest.raises(NotAllowed):
        recusals.declare_recusal(
            actor=p.officer2, officer=p.officer1, enterprise=world.enterprise, reason="亲属"
        )
    with pytest.raises(InvalidInput):
        recusals.declare_recusal(
            actor=p.head, officer=p.officer1, enterprise=world.other_enterprise, reason="亲属"
        )
    recusals.declare_recusal(actor=p.head, officer=p.officer1, enterprise=world.enterprise, reason="亲属")
    with pytest.raises(InvalidTransition):
        recusals.declare_recusal(
            actor=p.officer1, officer=p.officer1, enterprise=world.enterprise, reason="亲属"
        )


def test_never_the_same_team_twice_in_a_row(world, pool):
    previous: dict[int, set[int]] = {}
    for i in range(4):
        draw = drawn(world, seed=f"row-{i}", ratios={"*": Decimal(100)})
        for row in draw.result:
            assert set(row["officers"]) != previous.get(row["enterprise"])
        previous = {row["enterprise"]: set(row["officers"]) for row in draw.result}


def test_no_possible_team_is_refused_naming_the_enterprise(world, pool):
    p = world.personas
    recusals.declare_recusal(actor=p.head, officer=p.officer1, enterprise=world.enterprise, reason="亲属")
    recusals.declare_recusal(actor=p.head, officer=p.officer2, enterprise=world.enterprise, reason="亲属")
    draw = draws.create_draw(spec(world, ratios={"general": Decimal(100)}), actor=p.officer1)
    with pytest.raises(GuardFailed) as exc:
        draws.run_draw(draw, actor=p.officer1)
    assert exc.value.code == "draw.too_few_officers" and world.enterprise.name in exc.value.message
    draw.refresh_from_db()
    assert (draw.status, draw.seed, DrawSelection.objects.count()) == (DrawStatus.DRAFT, "", 0)


def test_exclusions_inspected_this_year_and_penalised(world, pool):
    world.inspection()  # the world's enterprise was inspected this year
    penalised = pool[RiskClass.LOW][0]
    previous = get_provider(RECENTLY_PENALISED)  # the cases app's real provider
    register_provider(RECENTLY_PENALISED, lambda ids, since: {penalised.pk} & set(ids))
    try:
        draw = drawn(world, ratios={"*": Decimal(100)})
    finally:
        unregister_provider(RECENTLY_PENALISED)
        if previous is not None:
            register_provider(RECENTLY_PENALISED, previous)
    assert get_provider(RECENTLY_PENALISED) is previous
    ids = {row["enterprise"] for row in draw.result}
    assert draw.pool_size == 39
    assert world.enterprise.pk not in ids and penalised.pk not in ids and pool["key"][0].pk not in ids
    assert draw.parameters["exclude_penalised_since"] == "2025-01-01"


def test_include_key_and_filters(world, pool):
    draw = drawn(world, ratios={"*": Decimal(100)}, include_key=True, risk_classes=("major",))
    assert draw.pool_size == 11


def test_refusals_change_nothing(world, pool):
    p = world.personas
    with pytest.raises(NotAllowed):
        draws.create_draw(spec(world), actor=p.assistant)
    with pytest.raises(InvalidInput):
        draws.create_draw(spec(world, ratios={"major": "120"}), actor=p.officer1)
    with pytest.raises(InvalidInput):
        draws.create_draw(spec(world, ratios={"nonsense": 5}), actor=p.officer1)
    with pytest.raises(InvalidInput):
        draws.create_draw(spec(world, period_end=dt.date(2027, 1, 5)), actor=p.officer1)
    with pytest.raises(InvalidInput):
        draws.create_draw(spec(world, items=("NOPE",)), actor=p.officer1)
    assert RandomDraw.objects.count() == 0
    draw = draws.create_draw(spec(world), actor=p.officer1)
    with pytest.raises(NotAllowed):
        draws.run_draw(draw, actor=p.officer_other)
    with pytest.raises(InvalidInput):
        draws.run_draw(draw, actor=p.officer1, seed="not a seed!")
    draws.run_draw(draw, actor=p.officer1)
    with pytest.raises(InvalidTransition):
        draws.run_draw(draw, actor=p.officer1)


def test_publish_by_the_head_within_the_period(world, pool):
    p = world.personas
    draw = drawn(world)
    with pytest.raises(NotAllowed):
        draws.publish_draw(draw, actor=p.officer1)
    draw = draws.publish_draw(draw, actor=p.head)
    assert draw.status == DrawStatus.PUBLISHED
    deadline = Deadline.objects.get(kind="inspections.draw_publication", object_id=draw.pk)
    assert deadline.status == DeadlineStatus.MET
    assert AuditEvent.objects.get(action="draw.publish").data["late"] is False
    with pytest.raises(InvalidTransition):
        draws.publish_draw(draw, actor=p.head)
    assert draws.draws_published(p.agencies.district_a, 2026) == 1
    assert draws.draws_published(p.agencies.district_a, 2025) == 0
    assert draws.draws_published(p.agencies.district_b, 2026) == 0
    figures = draws.draw_figures(p.agencies.district_a, 2026)
    assert figures == {"total": 1, "drawn": 0, "published": 1, "overdue": 0, "enterprises": 11}


def test_the_plan_of_the_year_is_linked_and_sets_the_publication_period(world, pool):
    from inspections.models import AnnualPlan
    from inspections.services import plans

    p = world.personas
    plan = AnnualPlan.objects.get(agency=p.agencies.district_a, year=2026)  # the world's published plan
    plans.transition_plan(
        plan,
        "adjust",
        actor=p.head,
        reason="抽查结果公示期限改为10个工作日",
        params={"inputs": {"publish_draws_within_days": 10}},
    )
    draw = drawn(world)
    # 10 working days after Mon 2026-06-01 → Mon 2026-06-15
    assert (draw.plan_id, draw.year, draw.publish_due) == (plan.pk, 2026, dt.date(2026, 6, 15))
    other_year = draws.create_draw(
        spec(world, year=2027, period_start=dt.date(2027, 1, 4), period_end=dt.date(2027, 1, 29)),
        actor=p.officer1,
    )
    assert other_year.plan_id is None
