"""The built 年报: the figures read back from the PDF (pdftotext) and the XLSX equal the computed ones,
files stored with their SHA-256, the narrative drafted and editable, and the as-of rule under late edits."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess

import pytest
from openpyxl import load_workbook

from cases.models import Case, CaseDecision
from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent
from supervision.rules import statistics as rules
from supervision.services.report import build_now, update_narrative
from tests.supervision.report import report_world as w
from tests.supervision.report.report_world import AS_OF, YEAR

pytestmark = pytest.mark.django_db
D = dt.date


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


def test_pdf_and_xlsx_carry_the_figures(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = build_now(year=YEAR, agency=world.agencies.city, actor=world.supervisor, as_of=AS_OF)
    assert report.status == "done" and report.percent == 100
    pdf = report.pdf.read()
    assert hashlib.sha256(pdf).hexdigest() == report.pdf_sha256
    xlsx = (tmp_path / report.xlsx.name).read_bytes()
    assert hashlib.sha256(xlsx).hexdigest() == report.xlsx_sha256
    agencies = report.figures["agencies"]
    # XLSX: row per indicator, column per agency (rolled-up totals)
    ws = load_workbook(io.BytesIO(xlsx)).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows[2]
    assert list(header[2:6]) == [a["name"] for a in agencies]
    body = {r[0]: r for r in rows[3 : 3 + len(rules.INDICATORS)]}
    for ind in rules.INDICATORS:
        for col, a in enumerate(agencies):
            value = a["total"][ind.key]
            cell = body[ind.label.strip()][2 + col]
            assert (float(value) if isinstance(value, str) and value != "—" else value) == cell, ind.key
    # PDF: each indicator's line shows the same values in the same order
    text = pdf_text(pdf)
    assert "2025年度行政执法统计年报" in text and "数据截止日：2026-01-31" in text
    lines = text.splitlines()
    for ind in rules.INDICATORS:
        label = ind.label.strip()
        line = next(
            ln for ln in lines if ln.strip().startswith(label + " ") or ln.strip().startswith(label + "　")
        )
        tokens = line.split()
        assert tokens[-len(agencies) :] == [str(a["total"][ind.key]) for a in agencies], label
    assert "行政执法情况说明" in text and "罚没金额3.50万元" in text.replace(" ", "").replace("\n", "")
    assert AuditEvent.objects.filter(action="annual_report.build").count() == 1


def test_as_of_report_unchanged_by_later_edits(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = world.agencies
    first = build_now(year=YEAR, agency=a.city, actor=world.supervisor, as_of=AS_OF)
    # late edits after 31 January: a decision entered for 2025, a revocation, a new filing event, a status change
    late = w.case(a.district_a, world.officer1, "辛公司")
    w.event(late, "approve_filing", D(2025, 11, 1), recorded=D(2026, 2, 20))
    w.decision(late, D(2025, 11, 20), amount=7000, recorded=D(2026, 2, 20))
    # a later remedy varies the amount the way cases.services.remedies does (the original is kept)
    CaseDecision.objects.filter(party_name="丙公司").update(
        ended_on=D(2026, 2, 15), original_amount=10000, amount=1
    )
    Case.objects.update(status="closed")
    second = build_now(year=YEAR, agency=a.city, actor=world.supervisor, as_of=AS_OF)
    assert second.figures == first.figures
    later = build_now(year=YEAR, agency=a.city, actor=world.supervisor, as_of=D(2026, 2, 28))
    assert later.headline["filed"] == first.headline["filed"] + 1


def test_narrative_drafted_and_edited_by_the_head(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = build_now(year=YEAR, agency=world.agencies.district_a, actor=world.head, as_of=AS_OF)
    assert report.narrative.startswith("2025年，南京市浦口区应急管理局（含下级机关）共立案")
    old_hash = report.pdf_sha256
    with pytest.raises(NotAllowed):
        update_narrative(report, "改写", actor=world.officer1)
    with pytest.raises(InvalidInput):
        update_narrative(report, "  ", actor=world.head)
    edited = update_narrative(report, "本年度执法工作总体平稳。", actor=world.head)
    assert edited.narrative == "本年度执法工作总体平稳。" and edited.pdf_sha256 != old_hash
    assert "本年度执法工作总体平稳" in pdf_text(edited.pdf.read())


def test_start_refuses_outsiders_and_open_years(world):
    with pytest.raises(NotAllowed):
        build_now(year=YEAR, agency=world.agencies.city, actor=world.head)  # head of a district
    with pytest.raises(NotAllowed):
        build_now(year=YEAR, agency=world.agencies.district_a, actor=world.officer1)
    with pytest.raises(InvalidInput):
        build_now(year=2026, agency=world.agencies.city, actor=world.supervisor)
