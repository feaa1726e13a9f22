"""行政许可 figures of the 年报 (spec §10 item 2): entered by the agency's head or supervisor, validated,
kept as a dated history; the report shows them per agency and rolled up the tree, 未填报 where none were
entered (never 0), in the PDF (pdftotext) and the XLSX; a report as of a date is unchanged by a later entry."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
import time_machine
from openpyxl import load_workbook

from enforcement.core.exceptions import InvalidInput, NotAllowed
from enforcement.core.models import AuditEvent
from supervision.models import LicensingFigures
from supervision.rules import licensing as rules
from supervision.services import licensing
from supervision.services.report import build_now
from tests.supervision.report import report_world as w
from tests.supervision.report.report_world import AS_OF, YEAR

pytestmark = pytest.mark.django_db
D = dt.date
A = {"applied": 10, "accepted": 8, "granted": 6, "refused": 1, "revoked": 1}
B = {"applied": 5, "accepted": 5, "granted": 4, "refused": 1, "revoked": 0}
LABELS = ["行政许可申请数", "行政许可受理数", "准予行政许可数", "不予行政许可数", "撤销行政许可数"]


def enter(agency, values, actor, on: dt.date, note: str = "政务服务网导出"):
    with time_machine.travel(w.at(on), tick=False):
        return licensing.enter_figures(agency, YEAR, values, actor=actor, source_note=note)


@pytest.fixture
def entered(world):
    a = world.agencies
    enter(a.district_a, A, world.head, D(2026, 1, 20))
    enter(a.district_b, B, world.head_b, D(2026, 1, 25))
    return world


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return out.stdout.decode()


def test_rules_validate_in_chinese():
    assert rules.validate(A) == {}
    assert rules.validate({**A, "accepted": 11}) == {"accepted": ["受理数不能大于申请数"]}
    assert rules.validate({**A, "granted": 8}) == {"granted": ["准予许可数与不予许可数之和不能大于受理数"]}
    assert rules.validate({**A, "revoked": -1}) == {"revoked": ["不能为负数"]}
    assert rules.validate({**A, "applied": "十"}) == {"applied": ["请填写整数"]}
    # beyond the column's range: a Chinese message, not a database error
    assert rules.validate({**A, "applied": 99999999999}) == {"applied": ["数值过大（不超过2147483647）"]}


def test_roll_up_sums_what_was_entered_and_never_fakes_a_zero():
    paths = {"1": "1/", "2": "1/2/", "3": "1/2/3/", "4": "1/4/"}
    rolled = rules.roll_up({"1": None, "2": A, "3": None, "4": B}, paths)
    assert rolled["1"] == {"counts": {k: A[k] + B[k] for k in A}, "missing": 2}
    assert rolled["2"] == {"counts": A, "missing": 1}
    assert rolled["3"] == {"counts": None, "missing": 1}
    assert rules.cell(rolled["3"], "applied") == "未填报"
    assert rules.cell(rolled["2"], "applied") == 10


def test_bad_input_changes_nothing(world):
    before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="受理数不能大于申请数") as exc:
        licensing.enter_figures(world.agencies.district_a, YEAR, {**A, "accepted": 20}, actor=world.head)
    assert exc.value.fields == {"accepted": ["受理数不能大于申请数"]}
    with pytest.raises(InvalidInput, match="统计年度"):
        licensing.enter_figures(world.agencies.district_a, 2030, A, actor=world.head)
    assert not LicensingFigures.objects.exists() and AuditEvent.objects.count() == before


def test_who_may_enter(world):
    a = world.agencies
    for who, agency in [
        (world.officer1, a.district_a),
        (world.head_b, a.district_a),  # another agency's head
        (world.supervisor, a.district_a),  # the city's supervisor reads, the district reports its own
        (world.cityadmin, a.city),
    ]:
        with pytest.raises(NotAllowed):
            licensing.enter_figures(agency, YEAR, A, actor=who)
    licensing.enter_figures(a.city, YEAR, A, actor=world.supervisor)
    licensing.enter_figures(a.district_a, YEAR, A, actor=world.admin)
    row = licensing.enter_figures(a.district_a, YEAR, A, actor=world.head)
    assert AuditEvent.objects.filter(action="supervision.licensing_enter").count() == 3
    event = AuditEvent.objects.filter(action="supervision.licensing_enter").last()
    assert event.data["licence_accepted"] == 8 and row.entered_by == world.head


def test_report_rolls_up_and_shows_not_entered(entered, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = entered.agencies
    report = build_now(year=YEAR, agency=a.city, actor=entered.supervisor, as_of=AS_OF)
    by_name = {r["name"]: r for r in report.figures["agencies"]}
    assert by_name[a.city.name]["licensing"]["total"]["counts"] == {k: A[k] + B[k] for k in A}
    assert by_name[a.district_a.name]["licensing"]["total"]["counts"] == A
    assert by_name[a.street_a.name]["licensing"]["total"]["counts"] is None
    assert by_name[a.district_b.name]["licensing"]["total"]["counts"] == B
    expected = {
        label: [rules.cell(r["licensing"]["total"], field) for r in report.figures["agencies"]]
        for label, field in zip(LABELS, rules.FIELDS, strict=True)
    }
    assert expected["行政许可申请数"] == [15, 10, "未填报", 5]
    # XLSX: the five rows after the computed indicators, 未填报 as text
    ws = load_workbook(io.BytesIO((tmp_path / report.xlsx.name).read_bytes())).active
    rows = {r[0]: list(r[2:6]) for r in ws.iter_rows(values_only=True) if r and r[0] in expected}
    assert rows == expected
    text = " ".join(str(c) for r in ws.iter_rows(values_only=True) for c in r if c)
    assert a.city.name in text.split("未填报行政许可统计数据的机关：")[1]
    assert (
        "受理行政许可申请13件（收到申请15件），准予许可10件，不予许可2件，撤销行政许可1件（另有2个机关未填报）。"
        in (report.narrative)
    )
    # PDF: each line carries the same values in the same order
    lines = pdf_text(report.pdf.read()).splitlines()
    for label, values in expected.items():
        line = next(ln for ln in lines if ln.strip().startswith(label + " "))
        assert line.split()[-4:] == [str(v) for v in values], label


def test_as_of_report_unchanged_by_a_later_entry(entered, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    a = entered.agencies
    first = build_now(year=YEAR, agency=a.city, actor=entered.supervisor, as_of=AS_OF)
    enter(a.district_a, {**A, "applied": 12}, entered.head, D(2026, 2, 10), note="更正")
    again = build_now(year=YEAR, agency=a.city, actor=entered.supervisor, as_of=AS_OF)
    assert again.figures == first.figures
    later = build_now(year=YEAR, agency=a.city, actor=entered.supervisor, as_of=D(2026, 2, 28))
    assert later.figures["agencies"][0]["licensing"]["total"]["counts"]["applied"] == 17
    assert LicensingFigures.objects.filter(agency=a.district_a).count() == 2  # the old entry stays


def test_page_matrix_and_form(client, entered):
    a = entered.agencies
    client.force_login(entered.officer1)
    assert client.get("/supervision/reports/licensing/").status_code == 403
    assert client.post("/supervision/reports/licensing/", {"year": YEAR, **A}).status_code == 403
    client.force_login(entered.head_b)
    post = {"year": YEAR, "agency": a.district_a.pk, **A}
    assert client.post("/supervision/reports/licensing/", post).status_code == 403
    page = client.get(f"/supervision/reports/licensing/?year={YEAR}").content.decode()
    assert a.district_b.name in page and a.district_a.name not in page.split('id="licensing-history"')[1]
    client.force_login(entered.head)
    assert 'id="licensing-link"' in client.get("/supervision/reports/").content.decode()
    bad = client.post("/supervision/reports/licensing/", {**post, "accepted": 20})
    assert bad.status_code == 200 and "受理数不能大于申请数" in bad.content.decode()
    huge = client.post("/supervision/reports/licensing/", {**post, "applied": 99999999999})
    assert huge.status_code == 200 and "数值过大" in huge.content.decode()
    typo = client.post("/supervision/reports/licensing/", {**post, "year": f"{YEAR}年", "applied": 12})
    assert (
        typo.status_code == 200 and "统计年度无效" in typo.content.decode()
    )  # never filed under a default year
    assert LicensingFigures.objects.filter(agency=a.district_a).count() == 1
    ok = client.post("/supervision/reports/licensing/", {**post, "applied": 11, "source_note": "更正"})
    assert ok.status_code == 302
    assert licensing.current(a.district_a, YEAR).applied == 11
    client.force_login(entered.supervisor)  # the city reads the subtree's history
    page = client.get(f"/supervision/reports/licensing/?year={YEAR}").content.decode()
    history = page.split('id="licensing-history"')[1]
    assert a.district_a.name in history and a.district_b.name in history
