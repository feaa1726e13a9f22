"""Every figure of the 执法效能评估 equals the count computed independently from the raw rows; the
drill-down lists exactly the records counted; build, rebuild, publish (frozen) with audit events; the PDF
carries the figures (pdftotext); the half-yearly beat builds through Celery."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest

from cases.models import CaseEvent
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent
from supervision.models import EfficacyEvaluation, EfficacyRow
from supervision.rules import efficacy as rules
from supervision.services.efficacy import build_evaluation, publish_evaluation, schedule_due_evaluations
from supervision.services.efficacy_figures import compute, drill_queryset
from tests.supervision.efficacy import expected
from tests.supervision.efficacy.conftest import AS_OF, H1

pytestmark = pytest.mark.django_db


def test_every_figure_equals_the_independent_count_and_its_drill_down(eworld, after_h1):
    a = eworld.p.agencies
    parts = compute(a.city, H1, AS_OF)
    assert set(parts) == {a.city.pk, a.district_a.pk, a.district_b.pk, a.street_a.pk}
    for agency in (a.city, a.district_a, a.district_b, a.street_a):
        want = expected.ids(agency, H1.start, H1.end, AS_OF)
        got = parts[agency.pk]
        for f in rules.FIGURES:
            num_ids, den_ids = want[f.key]
            if f.kind == rules.COUNT:
                assert got[f.key] == [len(num_ids), None], (agency.name, f.key)
            elif f.key == "plan_completion":
                assert got[f.key] == [len(num_ids), expected.planned(agency, H1.months, 2026)], agency.name
            elif f.key == "days_to_decision":
                assert got[f.key] == [expected.working_days(agency, H1.start, H1.end), len(den_ids)]
            elif f.key == "review_score":
                assert got[f.key] == [expected.review_total(agency, den_ids), len(den_ids)]
            else:
                assert got[f.key] == [len(num_ids), len(den_ids)], (agency.name, f.key)
    da = parts[a.district_a.pk]
    # the world is not trivial: each figure of district A has something behind it
    assert da["plan_completion"] == [2, 40]
    assert da["key_coverage"] == [1, 2]
    assert da["hazards_on_time"] == [1, 3]
    assert da["filed"] == [2, None] and da["closed"] == [1, None]
    assert da["days_to_decision"][1] == 1 and da["days_to_decision"][0] > 15
    assert da["review_score"] == [180, 2]
    assert da["scheme_compliance"] == [1, 2]
    assert da["reconsideration_corrected"] == [1, 1] and da["litigation_lost"] == [0, 1]
    assert da["certificate_rate"][0] >= 3 and da["training_compliance"][0] == 1
    assert parts[a.district_b.pk]["reconsideration_corrected"] == [0, 0]  # pending: no fake 0 %
    assert parts[a.street_a.pk]["days_to_decision"] == [0, 1]  # decided on the filing day
    # the drill-down lists exactly the records counted
    for agency in (a.district_a, a.district_b):
        want = expected.ids(agency, H1.start, H1.end, AS_OF)
        for f in rules.FIGURES:
            num_ids, den_ids = want[f.key]
            if f.key != "plan_completion":
                den = drill_queryset(f.key, "den", agency, H1, AS_OF)
                assert set(den.values_list("pk", flat=True)) == den_ids, (agency.name, f.key)
            num = drill_queryset(f.key, "num", agency, H1, AS_OF)
            assert set(num.values_list("pk", flat=True)) == (
                num_ids if f.kind == rules.RATE or f.key == "plan_completion" else den_ids
            )
    quotas = drill_queryset("plan_completion", "den", a.district_a, H1, AS_OF)
    assert sum(q.count for q in quotas) == 40
    whole = drill_queryset("filed", "num", a.city, H1, AS_OF, subtree=True)
    assert whole.count() == 3  # c1, c2 (A), c5 (street); c3 was filed in 2025, c4 in July


def test_build_publish_freeze_audit_and_pdf(eworld, after_h1, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    p, a = eworld.p, eworld.p.agencies
    with pytest.raises(NotAllowed):
        build_evaluation(agency=a.city, period=H1, actor=p.head)  # a district head, not of the city
    with pytest.raises(InvalidInput):
        build_evaluation(
            agency=a.city, period=rules.Period(2026, 2), actor=p.supervisor, as_of=dt.date(2026, 6, 30)
        )
    ev = build_evaluation(agency=a.city, period=H1, actor=p.supervisor)
    assert ev.status == "draft" and not ev.interim and ev.as_of == AS_OF
    assert EfficacyRow.objects.filter(evaluation=ev).count() == 4
    row = ev.rows.get(agency=a.district_a)
    assert row.parts["hazards_on_time"] == [1, 3]
    assert "hazards_on_time" in row.lagging and "低于要求90%" in row.lagging["hazards_on_time"][0]
    assert ev.rows.get(agency=a.city).rank is None or ev.rows.get(agency=a.city).score is not None
    assert ev.trend["periods"] == ["2024H2", "2025H1", "2025H2", "2026H1"]
    assert not ev.pdf and ev.pdf_sha256 == ""  # a draft's PDF is rendered on download
    again = build_evaluation(agency=a.city, period=H1, actor=p.supervisor)  # a draft is rebuilt in place
    assert again.pk == ev.pk and EfficacyRow.objects.filter(evaluation=ev).count() == 4
    published = publish_evaluation(again, actor=p.supervisor)
    assert published.published and published.published_by == p.supervisor
    with pytest.raises(InvalidInput):
        build_evaluation(agency=a.city, period=H1, actor=p.supervisor)
    with pytest.raises(InvalidInput):
        publish_evaluation(published, actor=p.supervisor)
    assert len(published.pdf_sha256) == 64
    content = published.pdf.read()
    assert hashlib.sha256(content).hexdigest() == published.pdf_sha256
    path = tmp_path / "e.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    flat = text.stdout.replace(" ", "")
    assert "南京市应急管理局2026年上半年执法效能评估" in flat and "已发布" in flat
    assert "33.3(1/3)" in flat  # district A's hazards on time
    assert "5.0(2/40)" in flat  # district A's plan completion
    assert "90.0(180/2)" in flat  # district A's average spot-check score
    assert "综合得分排名" in flat and "趋势" in flat
    actions = list(
        AuditEvent.objects.filter(object_id=ev.pk, action__startswith="efficacy.").values_list(
            "action", flat=True
        )
    )
    assert actions.count("efficacy.build") == 2 and actions.count("efficacy.publish") == 1
    # the trend of the next half-year reads the published (frozen) figures, not today's records
    CaseEvent.objects.filter(case=eworld.cases["c1"], action="approve_filing").update(
        on_date=dt.date(2025, 1, 2)
    )
    assert compute(a.city, H1, AS_OF)[a.district_a.pk]["filed"] == [1, None]
    h2 = build_evaluation(agency=a.city, period=rules.Period(2026, 2), actor=p.supervisor)
    assert h2.interim and h2.trend["periods"][-2:] == ["2026H1", "2026H2"]
    assert h2.trend["series"][str(a.district_a.pk)]["filed"][-2] == "2"


def test_interim_evaluation_may_not_be_published(personas, frozen, work_calendar, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    p, a = personas, personas.agencies
    ev = build_evaluation(agency=a.district_a, period=H1, actor=p.head)  # 1 June: H1 still running
    assert ev.interim and ev.rows.count() == 2
    with pytest.raises(InvalidInput):
        publish_evaluation(ev, actor=p.head)
    with pytest.raises(InvalidInput):
        build_evaluation(agency=a.district_a, period=rules.Period(2026, 2), actor=p.head)  # not begun


def test_beat_builds_the_half_year_just_ended(personas, work_calendar, after_h1, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    built = schedule_due_evaluations(dt.date(2026, 7, 5))
    evs = EfficacyEvaluation.objects.filter(pk__in=built)
    assert {(e.agency.code, e.year, e.half, e.created_by_id) for e in evs} == {("320000", 2026, 1, None)}
    entry = settings.CELERY_BEAT_SCHEDULE["efficacy-evaluation-half-yearly"]
    assert entry["task"] == "supervision.tasks.build_due_efficacy_evaluations_task"
    assert entry["schedule"].day_of_month == {5} and entry["schedule"].month_of_year == {1, 7}
