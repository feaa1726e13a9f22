"""文书 service: issue numbered PDF documents and check them later.

``issue_document`` is the one way a document comes into existence. Every app's document (立案审批表,
责令限期整改指令书, 行政处罚决定书 …) goes through it after registering its kind with
``register_document_kind``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from .. import roles
from ..access import get_object_for_user, visible_agency_ids
from ..exceptions import InvalidInput, NotAllowed
from ..models import Agency, Document, EnforcementItem, ItemStatus
from ..pdf import render_pdf
from ..registry import REGISTRY
from .audit import record_event
from .numbering import allocate

CATALOG_KIND = "catalog"


def get_document_for_user(user: Any, pk: Any) -> Document:
    """The document with ``pk`` if ``user`` may see it (agency scope); 404 otherwise."""
    document: Document = get_object_for_user(Document.objects, user, pk)
    return document


def _may_issue_for(actor: Any, agency: Agency) -> bool:
    if actor is None:  # system jobs (e.g. scheduled reports)
        return True
    if not getattr(actor, "is_active", False):
        return False
    return bool(actor.is_superuser or visible_agency_ids(actor).filter(pk=agency.pk).exists())


def _file_name(kind: str, agency: Agency, year: int | None, seq: int | None) -> str:
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    numbered = f"{year}-{seq:05d}" if seq is not None else "unnumbered"
    return f"{kind}-{agency.code}-{numbered}-{stamp}.pdf"


def issue_document(
    *,
    kind: str,
    agency: Agency,
    title: str,
    template: str | None = None,
    context: dict[str, Any] | None = None,
    subject: models.Model | None = None,
    actor: Any,
    number: bool = True,
    year: int | None = None,
    fixed_seq: int | None = None,
) -> Document:
    """Issue one 文书: number it, render it to PDF, store the file with its SHA-256, record the event.

    All in one transaction, in this order: allocate the number (locking the agency/kind/year counter
    row until commit), render the PDF with that number printed in it, hash, store the file, create the
    row, ``record_event("document.issue")``. If anything fails the whole transaction rolls back,
    the counter increment included, so no number is skipped.

    ``template`` defaults to the kind's registered template; ``context`` is passed to it together
    with ``document`` (title, number, agency_name, issued_on, kind_label). ``year`` defaults to the
    local (Beijing) year of issue. ``fixed_seq`` is the case number for agencies that number a case's
    documents by it (``SequenceSource.CASE``). ``actor=None`` means the system.

    Raises ``InvalidInput`` (unknown kind, no template, bad pattern, missing case number) and
    ``NotAllowed`` (actor may not act for ``agency``); nothing is stored on refusal.
    """
    kind_def = REGISTRY.document_kinds.get(kind)
    if kind_def is None:
        raise InvalidInput(f"未登记的文书种类：{kind}", code="unknown_document_kind")
    template_name = template or kind_def.template
    if not template_name:
        raise InvalidInput(f"文书种类“{kind_def.label}”未配置模板", code="no_template")
    if not _may_issue_for(actor, agency):
        raise NotAllowed(f"无权以{agency.name}名义出具文书")

    issued_at = timezone.now()
    issued_on = timezone.localdate(issued_at)
    number_year = year or issued_on.year
    stored_file: FieldFile | None = None
    try:
        with transaction.atomic():
            seq: int | None = None
            number_text = ""
            if number:
                allocation = allocate(agency, kind, number_year, fixed_seq=fixed_seq)
                number_text = allocation.number
                seq = allocation.seq if allocation.from_counter else None
            doc_context = {
                **(context or {}),
                "document": {
                    "kind": kind,
                    "kind_label": kind_def.label,
                    "title": title,
                    "number": number_text,
                    "agency": agency,
                    "agency_name": agency.name,
                    "issued_at": issued_at,
                    "issued_on": issued_on,
                },
            }
            pdf = render_pdf(template_name, doc_context)
            digest = hashlib.sha256(pdf).hexdigest()
            document = Document(
                kind=kind,
                title=title,
                number=number_text,
                year=number_year if number else None,
                seq=seq,
                agency=agency,
                content_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
                object_id=subject.pk if subject is not None else None,
                sha256=digest,
                issued_at=issued_at,
                issued_by=actor if actor is not None else None,
            )
            document.file.save(_file_name(kind, agency, number_year, seq), ContentFile(pdf), save=False)
            stored_file = document.file
            document.save(force_insert=True)
            record_event(
                "document.issue",
                actor=actor,
                obj=document,
                agency_id=agency.pk,
                data={"kind": kind, "number": number_text, "sha256": digest, "file": document.file.name},
            )
    except BaseException:
        # The row is gone with the rollback; do not leave its file behind. (A rollback of an
        # enclosing transaction after we return cannot be seen here; such orphans hold no number.)
        if stored_file is not None and stored_file.name:
            stored_file.storage.delete(stored_file.name)
        raise
    return document


def verify_document(document: Document) -> bool:
    """True when the stored file's SHA-256 still equals the one recorded at issue."""
    digest = hashlib.sha256()
    try:
        with document.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return False
    return digest.hexdigest() == document.sha256


# --- 执法事项目录 printout ------------------------------------------------------------------------


def may_print_catalog(user: Any) -> bool:
    """Agency admins (系统管理员) and platform superusers may issue the catalog printout."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or (user.agency_id is not None and user.has_role(roles.AGENCY_ADMIN)))


def catalog_items(on: dt.date) -> models.QuerySet[EnforcementItem]:
    """Items in force on ``on``: status 有效 and within their effective period."""
    return (
        EnforcementItem.objects.filter(status=ItemStatus.ACTIVE, effective_from__lte=on)
        .filter(models.Q(effective_to__isnull=True) | models.Q(effective_to__gte=on))
        .order_by("code")
    )


def issue_catalog_printout(*, agency: Agency, actor: Any) -> Document:
    """Issue the 应急管理执法事项目录 of the items in force today, numbered e.g. （宁）应急目录〔2026〕1号.

    Raises ``NotAllowed`` unless ``actor`` is a superuser or an agency admin whose scope holds ``agency``.
    """
    if not may_print_catalog(actor):
        raise NotAllowed("仅系统管理员可以印发执法事项目录")
    items = list(catalog_items(timezone.localdate()))
    return issue_document(
        kind=CATALOG_KIND,
        agency=agency,
        title="应急管理执法事项目录",
        context={"items": items},
        actor=actor,
    )
