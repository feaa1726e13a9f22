"""Benchmark: the archived dossier PDF of a case with 50 documents (target ≤ 0.5 s per page).

Inside a transaction that is rolled back: 50 文书 are issued on one seeded case through the core document
service (立案审批表 layout), two evidence items are attached (a photo and a two-page scanned PDF), then
``build_dossier`` merges them with its cover, 卷内目录, page numbering and 备考表. Printed: pages, seconds for
the build and seconds per page (wall and this process's CPU). Stored files of the rolled-back rows are deleted.

    .venv/bin/python benchmarks/bench_dossier.py
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enforcement.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

DOCS = int(os.environ.get("BENCH_DOSSIER_DOCS", "50"))


class Rollback(Exception):
    pass


def main() -> None:
    import weasyprint
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from cases.models import Case, CaseEvidence
    from cases.services.common import handlers_of
    from cases.services.dossier import build_dossier
    from cases.services.evidence import add_evidence
    from enforcement.core.models import Document
    from enforcement.core.services.documents import issue_document

    case = Case.objects.exclude(number=None).order_by("id").first()
    if case is None:
        sys.exit("bench_dossier: no filed case in the seeded database")
    actor = handlers_of(case)[0]
    files: list[str] = []
    try:
        with transaction.atomic():
            print(f"bench_dossier: issuing {DOCS} documents …", file=sys.stderr)
            for i in range(DOCS):
                doc = issue_document(
                    kind="case_filing",
                    agency=case.deciding_agency,
                    title=f"立案审批表（基准测试{i + 1}）",
                    subject=case,
                    actor=None,
                    context={"case": case, "handlers": handlers_of(case)},
                )
                files.append(doc.file.name)
            scan = weasyprint.HTML(
                string="<p>扫描件第一页</p><p style='break-before:page'>第二页</p>"
            ).write_pdf()
            buf = io.BytesIO()
            Image.effect_mandelbrot((1600, 1200), (-2.0, -1.2, 1.0, 1.2), 60).convert("RGB").save(buf, "PNG")
            item = add_evidence(
                case,
                actor=actor,
                file=SimpleUploadedFile("p.png", buf.getvalue()),
                kind="photo",
                description="现场照片",
            )
            files.append(item.file.name)
            item = add_evidence(
                case,
                actor=actor,
                file=SimpleUploadedFile("s.pdf", scan),
                kind="documentary",
                description="书证扫描件",
            )
            files.append(item.file.name)
            docs = Document.objects.filter(object_id=case.pk, content_type__model="case").count()
            items = CaseEvidence.objects.filter(case=case).count()
            cpu0, t0 = time.process_time(), time.perf_counter()
            pdf, pages, material_pages, n = build_dossier(case, reason="基准测试", version=1, actor=actor)
            wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
            print(
                f"dossier_pdf documents={docs} evidence={items} items={n} pages={pages} "
                f"material_pages={material_pages} bytes={len(pdf)} seconds={wall:.2f} "
                f"s_per_page={wall / pages:.3f} cpu_s_per_page={cpu / pages:.3f} target_s_per_page=0.5"
            )
            raise Rollback
    except Rollback:
        pass
    finally:
        from django.core.files.storage import default_storage

        for name in files:
            default_storage.delete(name)


if __name__ == "__main__":
    main()
