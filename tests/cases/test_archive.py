"""结案 and the sealed archive (spec §2.2 rows 15–16; 15号令 Art 65): the 结案审批表, the dossier PDF
(案卷首页, 卷内目录 with page numbers, materials in order, 备考表) with its SHA-256, nothing changeable
afterwards — through the services, the API, the pages and PostgreSQL itself — supplements that re-issue
the dossier, and borrowing with the head's approval, logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import subprocess

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from pypdf import PdfReader

from cases.choices import CaseAction
from cases.choices import CaseStatus as S
from cases.models import Case, CaseDossier, CaseEvidence
from cases.services import evidence as evidence_services
from enforcement.core.exceptions import DomainError, GuardFailed, InvalidTransition
from enforcement.core.models import AuditEvent, Document
from tests.support.images import PNG

pytestmark = pytest.mark.documents


def text_of(pdf: bytes, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return "".join(out.decode().split())


def no_penalty_case(cw) -> Case:
    c = cw.reach(S.FILED)
    return cw.move(
        c, "conclude_investigation", facts="经查，违法事实不成立。", proposal="no_penalty", violations=[]
    )


def with_evidence(cw, c: Case) -> Case:
    scan = weasyprint.HTML(
        string="<p>询问笔录扫描件第一页</p><p style='break-before:page'>第二页</p>"
    ).write_pdf()
    evidence_services.add_evidence(
        c,
        actor=cw.personas.officer1,
        file=SimpleUploadedFile("photo.png", PNG),
        kind="photo",
        description="现场照片",
    )
    evidence_services.add_evidence(
        c,
        actor=cw.personas.officer1,
        file=SimpleUploadedFile("scan.pdf", scan),
        kind="documentary",
        description="书证扫描件",
    )
    return c


def archived(cw) -> Case:
    p = cw.personas
    c = with_evidence(cw, no_penalty_case(cw))
    c = cw.move(c, "decide", p.head)
    c = cw.move(c, "close", p.head, ground="no_penalty", note="")
    return cw.move(c, "archive", p.officer1)


def test_close_issues_the_closing_form_and_archive_builds_the_dossier(cw, frozen):
    c = archived(cw)
    assert c.status == S.ARCHIVED and c.closure.ground == "no_penalty"
    closing = Document.objects.get(kind="case_closing", object_id=c.pk)
    assert closing.number.startswith("（浦）应急结")
    assert "决定不予行政处罚" in text_of(closing.file.read())

    dossier = CaseDossier.objects.get(case=c)
    with dossier.file.open("rb") as fh:
        pdf = fh.read()
    assert hashlib.sha256(pdf).hexdigest() == dossier.sha256 and dossier.version == 1
    reader = PdfReader(io.BytesIO(pdf))
    docs = list(
        Document.objects.filter(
            object_id=c.pk, kind__in=["case_filing", "case_report", "no_penalty_decision", "case_closing"]
        )
    )
    doc_pages = {d.kind: len(PdfReader(d.file.path).pages) for d in docs}
    # 2 evidence items: the photo on one page, the scanned PDF's own two pages
    assert dossier.items == 6 and dossier.material_pages == sum(doc_pages.values()) + 1 + 2
    assert len(reader.pages) == dossier.pages == 1 + 1 + dossier.material_pages + 1  # cover, 目录, …, 备考表

    cover, toc, remarks = text_of(pdf, 1), text_of(pdf, 2), text_of(pdf, len(reader.pages))
    assert "行政处罚案卷" in cover and c.number in cover and c.party_name in cover and "共6件" in cover
    # 目录: 立案 → 调查取证 (evidence) → 决定 → 结案, each row with its date and the page(s) it occupies
    # 立案 → 调查取证 (evidence) → 审查 (呈批表) → 决定 → 结案
    order = ["立案审批表", "现场照片", "书证", "案件处理呈批", "不予行政处罚", "结案审批表"]
    positions = [toc.index(t) for t in order]
    assert positions == sorted(positions)
    sizes = [
        doc_pages["case_filing"],
        1,
        2,
        doc_pages["case_report"],
        doc_pages["no_penalty_decision"],
        doc_pages["case_closing"],
    ]
    start, cells = 1, []
    for n in sizes:
        cells.append(f"2026-06-01{start}-{start + n - 1}" if n > 1 else f"2026-06-01{start}")
        start += n
    where = [toc.index(cell) for cell in cells]
    assert where == sorted(where), (cells, toc)
    assert "备考表" in remarks and "本卷共6件" in remarks
    # the materials carry the file's page numbers; cover, 目录 and 备考表 do not
    first_material, last_material = 3, 2 + dossier.material_pages
    assert text_of(pdf, first_material).endswith("1")
    photo_page = first_material + doc_pages["case_filing"]
    assert "现场照片" in text_of(pdf, photo_page) and "询问笔录扫描件第一页" in text_of(pdf, photo_page + 1)
    assert text_of(pdf, last_material).endswith(str(dossier.material_pages))
    assert not cover.endswith("1") and not remarks.endswith(str(dossier.material_pages + 1))


def test_an_archived_case_refuses_every_action_and_change(cw, frozen, client):
    p = cw.personas
    c = archived(cw)
    for action in CaseAction.values:
        with pytest.raises(DomainError):
            cw.move(c, action, p.head)
    item = CaseEvidence.objects.filter(case=c).first()
    with pytest.raises(DomainError):
        evidence_services.supersede_evidence(item, actor=p.officer1, reason="拍错了")
    with pytest.raises(DomainError):
        evidence_services.add_evidence(
            c, actor=p.officer1, file=SimpleUploadedFile("late.png", PNG), kind="photo", description="补拍"
        )
    client.force_login(p.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/actions/close/",
        {"ground": "other", "note": "x" * 20},
        content_type="application/json",
    )
    assert r.status_code in (403, 409)
    r = client.post(
        f"/api/v1/cases/{c.pk}/evidence/",
        {"file": SimpleUploadedFile("late.png", PNG), "kind": "photo", "description": "补拍"},
    )
    assert r.status_code in (400, 409) and CaseEvidence.objects.filter(case=c).count() == 2
    page = client.get(f"/cases/{c.pk}/").content.decode()
    assert "归档案卷（只读）" in page and 'id="form-' not in page


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_a_direct_update_of_the_sealed_file(cw, frozen):
    c = archived(cw)
    statements = [
        ("UPDATE cases_case SET cause = 'x' WHERE id = %s", [c.pk]),
        ("DELETE FROM cases_case WHERE id = %s", [c.pk]),
        ("UPDATE cases_caseevidence SET description = 'x' WHERE case_id = %s", [c.pk]),
        ("DELETE FROM cases_caseevidence WHERE case_id = %s", [c.pk]),
        ("UPDATE core_document SET sha256 = 'x' WHERE object_id = %s AND kind = 'case_closing'", [c.pk]),
        ("UPDATE cases_casedossier SET sha256 = 'x' WHERE case_id = %s", [c.pk]),
        ("UPDATE cases_casehandler SET is_lead = NOT is_lead WHERE case_id = %s", [c.pk]),
    ]
    for sql, args in statements:
        with pytest.raises(DatabaseError, match="归档"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, args)
    c.refresh_from_db()
    assert c.status == S.ARCHIVED and CaseEvidence.objects.filter(case=c).count() == 2


def test_a_case_not_yet_archived_is_not_sealed(cw, frozen):
    c = no_penalty_case(cw)
    with connection.cursor() as cur:
        cur.execute("UPDATE cases_case SET cause = 'x' WHERE id = %s", [c.pk])
    c.refresh_from_db()
    assert c.cause == "x"


def test_close_guards_name_what_is_missing(cw, frozen):
    p = cw.personas
    c = no_penalty_case(cw)
    c = cw.move(c, "decide", p.head)
    with pytest.raises(GuardFailed) as e:
        cw.move(c, "close", p.head, ground="performed", note="")
    assert e.value.code == "case.close_input" and "已作出处罚决定" in e.value.message
    with pytest.raises(DomainError):
        cw.move(c, "close", p.officer1, ground="no_penalty")  # a handler may not close: the head approves
    with pytest.raises(InvalidTransition):
        cw.move(c, "archive", p.officer1)  # not closed yet
    assert Case.objects.get(pk=c.pk).status == S.NO_PENALTY


def test_borrowing_needs_the_heads_approval_and_every_read_is_logged(cw, frozen, client):
    p = cw.personas
    c = archived(cw)
    # the head reads the file; a handler must borrow it; another officer of the agency does not see the case
    client.force_login(p.head)
    assert client.get(f"/cases/{c.pk}/dossier/").status_code == 200
    client.force_login(p.officer1)
    assert client.get(f"/api/v1/cases/{c.pk}/dossier/pdf/").status_code == 403
    r = client.post(
        f"/api/v1/cases/{c.pk}/borrowings/",
        {"purpose": "行政诉讼应诉", "until": "2026-06-10"},
        content_type="application/json",
    )
    assert r.status_code == 201
    bid = r.json()["id"]
    r = client.post(
        f"/api/v1/cases/{c.pk}/borrowings/{bid}/decide/", {"approved": True}, content_type="application/json"
    )
    assert r.status_code == 403  # only the head approves
    client.force_login(p.head)
    assert client.post(f"/cases/{c.pk}/borrowings/{bid}/decide/", {"approved": "true"}).status_code == 302
    client.force_login(p.officer1)
    got = client.get(f"/api/v1/cases/{c.pk}/dossier/pdf/")
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    reads = AuditEvent.objects.filter(action="case.download_dossier", object_id=str(c.pk))
    assert sorted(e.actor_id for e in reads) == sorted([p.head.pk, p.officer1.pk])
    assert client.post(f"/cases/{c.pk}/borrowings/{bid}/return/").status_code == 302
    assert client.get(f"/api/v1/cases/{c.pk}/dossier/pdf/").status_code == 403
    client.force_login(p.officer_other)
    assert client.get(f"/api/v1/cases/{c.pk}/dossier/").status_code == 404
    assert client.get(f"/cases/{c.pk}/dossier/").status_code == 404


def test_a_supplement_reissues_the_dossier_and_keeps_the_first(cw, frozen, client):
    p = cw.personas
    c = archived(cw)
    first = CaseDossier.objects.get(case=c)
    client.force_login(p.officer1)
    r = client.post(
        f"/api/v1/cases/{c.pk}/supplements/",
        {"title": "行政诉讼判决维持", "text": "人民法院判决驳回原告诉讼请求。", "date": "2026-06-01"},
        content_type="application/json",
    )
    assert r.status_code == 201
    second = CaseDossier.objects.get(case=c, version=2)
    assert second.sha256 != first.sha256 and second.reason == "补充：行政诉讼判决维持"
    with second.file.open("rb") as fh:
        pdf = fh.read()
    assert "行政诉讼判决维持" in text_of(pdf, len(PdfReader(io.BytesIO(pdf)).pages))
    with first.file.open("rb") as fh:
        assert hashlib.sha256(fh.read()).hexdigest() == first.sha256  # the first version is untouched
    client.force_login(p.officer_other)
    assert (
        client.post(f"/api/v1/cases/{c.pk}/supplements/", {}, content_type="application/json").status_code
        == 404
    )


def test_only_a_handler_or_the_head_appends_a_supplement(cw, frozen, client):
    """The guard is the service's: a reviewer who may see nothing more is refused by the service itself."""
    from cases.services import closing
    from enforcement.core.exceptions import NotAllowed

    p = cw.personas
    c = archived(cw)
    with pytest.raises(NotAllowed):
        closing.add_supplement(c, actor=p.reviewer, title="判决", text="维持", on_date=dt.date(2026, 6, 1))
    assert not c.supplements.exists()
    client.force_login(p.head)
    r = client.post(f"/cases/{c.pk}/supplements/", {"title": "判决维持", "text": "法院判决维持原决定。"})
    assert r.status_code == 302 and c.supplements.count() == 1
