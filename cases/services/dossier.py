"""The archived file as one PDF (spec §2.2 row 16, §4 forms 36–37, §8 卷面 rules): 案卷首页, 卷内目录 with
the page where each item starts, every document and evidence item in the order 立案 → 调查取证 → 审查 →
决定 → 送达 → 执行 → 结案, then the 备考表. The materials' pages carry the file's page numbers (Arabic,
bottom right); cover, 目录 and 备考表 are not numbered. The PDF is stored with its SHA-256 as a new
``CaseDossier`` version; versions are never rewritten."""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone
from pypdf import PdfReader, PdfWriter

from enforcement.core.models import Document
from enforcement.core.pdf import render_pdf

from ..models import Case, CaseDossier, CaseEvidence
from .common import handlers_of

# stage of each known document kind; a kind not listed goes with 调查取证 when issued before the decision,
# with 执行 after it
STAGES = ("立案", "调查取证", "审查", "决定", "送达", "执行", "结案")
STAGE_OF_KIND = {
    "case_filing": 0,
    "case_handling": 2,
    "penalty_notice": 2,
    "hearing_notice": 2,
    "hearing_summons": 2,
    "hearing_record": 2,
    "legal_review_opinion": 2,
    "collective_record": 2,
    "penalty_decision": 3,
    "no_penalty_decision": 3,
    "service_receipt": 4,
    "case_closing": 6,
}
IMAGE_TYPES = ("image/jpeg", "image/png")


@dataclass
class Material:
    stage: int
    order: tuple[Any, ...]
    title: str
    number: str
    date: Any
    pdf: bytes
    note: str = ""
    pages: int = 0
    start: int = 0


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _document_materials(case: Case) -> list[Material]:
    ct = ContentType.objects.get_for_model(Case)
    out = []
    for doc in Document.objects.filter(content_type=ct, object_id=case.pk).order_by("issued_at", "id"):
        with doc.file.open("rb") as fh:
            pdf = fh.read()
        issued_on = timezone.localdate(doc.issued_at)
        stage = STAGE_OF_KIND.get(doc.kind)
        if stage is None:
            stage = 1 if case.decided_on is None or issued_on <= case.decided_on else 5
        out.append(Material(stage, (doc.issued_at, doc.pk), doc.title, doc.number, issued_on, pdf))
    return out


def _evidence_pdf(case: Case, item: CaseEvidence) -> bytes:
    if item.content_type == "application/pdf":
        with item.file.open("rb") as fh:
            return fh.read()
    image = None
    if item.content_type in IMAGE_TYPES:
        with item.file.open("rb") as fh:
            image = f"data:{item.content_type};base64,{base64.b64encode(fh.read()).decode()}"
    return render_pdf("cases/dossier/evidence.html", {"case": case, "item": item, "image": image})


def _evidence_materials(case: Case) -> list[Material]:
    out = []
    for item in CaseEvidence.objects.filter(case=case).select_related("collector").order_by("id"):
        when = item.collected_at or item.uploaded_at
        note = f"已作废：{item.superseded_reason}" if item.superseded_at else ""
        out.append(
            Material(
                1,
                (when, item.pk),
                f"{item.get_kind_display()}：{item.description}",
                "",
                timezone.localdate(when),
                _evidence_pdf(case, item),
                note,
            )
        )
    return out


def _bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _stamp(pdf: bytes, first: int) -> bytes:
    """Number the pages of ``pdf`` first, first+1, … at the bottom right."""
    reader = PdfReader(io.BytesIO(pdf))
    numbers = list(range(first, first + len(reader.pages)))
    overlay = PdfReader(io.BytesIO(render_pdf("cases/dossier/page_numbers.html", {"numbers": numbers})))
    writer = PdfWriter(clone_from=reader)
    for page, stamp in zip(writer.pages, overlay.pages, strict=True):
        page.merge_page(stamp)
    return _bytes(writer)


def build_dossier(case: Case, *, reason: str, version: int, actor: Any) -> tuple[bytes, int, int, int]:
    """(pdf, total pages, material pages, items). Pure of side effects: reads the case, writes nothing."""
    materials = sorted(
        _document_materials(case) + _evidence_materials(case), key=lambda m: (m.stage, m.order)
    )
    page = 1
    for m in materials:
        m.pages, m.start = _pages(m.pdf), page
        page += m.pages
    material_pages = page - 1
    context = {
        "case": case,
        "handlers": handlers_of(case),
        "decisions": list(case.decisions.all()),
        "closure": getattr(case, "closure", None),
        "materials": materials,
        "stages": STAGES,
        "material_pages": material_pages,
        "items": len(materials),
        "supplements": list(case.supplements.select_related("recorded_by")),
        "superseded": [m for m in materials if m.note],
        "reason": reason,
        "version": version,
        "actor": actor,
        "today": timezone.localdate(),
    }
    body = PdfWriter()
    for m in materials:
        body.append(PdfReader(io.BytesIO(m.pdf)))
    final = PdfWriter()
    final.append(PdfReader(io.BytesIO(render_pdf("cases/dossier/cover.html", context))))
    final.append(PdfReader(io.BytesIO(render_pdf("cases/dossier/toc.html", context))))
    if material_pages:
        final.append(PdfReader(io.BytesIO(_stamp(_bytes(body), 1))))
    final.append(PdfReader(io.BytesIO(render_pdf("cases/dossier/remarks.html", context))))
    out = io.BytesIO()
    final.write(out)
    data = out.getvalue()
    return data, len(final.pages), material_pages, len(materials)


def issue_dossier(case: Case, *, actor: Any, reason: str) -> CaseDossier:
    """Build and store the next dossier version (call inside the caller's transaction)."""
    version = (CaseDossier.objects.filter(case=case).aggregate(v=Max("version"))["v"] or 0) + 1
    pdf, pages, material_pages, items = build_dossier(case, reason=reason, version=version, actor=actor)
    row = CaseDossier(
        case=case,
        version=version,
        sha256=hashlib.sha256(pdf).hexdigest(),
        pages=pages,
        material_pages=material_pages,
        items=items,
        reason=reason[:200],
        issued_by=actor,
    )
    row.file.save(f"{case.pk}-v{version}.pdf", ContentFile(pdf), save=False)
    row.save(force_insert=True)
    return row
