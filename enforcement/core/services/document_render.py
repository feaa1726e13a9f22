"""Rendering a 文书 outside issue: the draft preview (样稿) and the re-render check of an issued one.

``preview_document`` renders a kind's template with the context an issue would use, marked 样稿, with
no number allocated, nothing stored and no audit event. ``freeze_context``/``thaw_context`` turn a
render context (model instances, dates, lists, dicts) into JSON and back, so that an app can keep the
context it issued a document with and ``check_document`` can re-render it later and compare: the
stored file's SHA-256 against the one recorded at issue (tampering), the re-rendered bytes and the
extracted text against the stored file (whether the stored context still produces the document).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import subprocess
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from ..exceptions import InvalidInput
from ..models import Agency, Document
from ..pdf import render_pdf
from ..registry import REGISTRY
from .documents import verify_document

DRAFT_NUMBER = "（样稿，未编号）"
SKIPPED_FIELDS = frozenset({"password"})  # never copied into a stored context
RELATED_DEPTH = 2  # how far cached related objects are kept (case → enterprise → …)


def _template(kind: str, template: str | None) -> tuple[Any, str]:
    kind_def = REGISTRY.document_kinds.get(kind)
    if kind_def is None:
        raise InvalidInput(f"未登记的文书种类：{kind}", code="unknown_document_kind")
    name = template or kind_def.template
    if not name:
        raise InvalidInput(f"文书种类“{kind_def.label}”未配置模板", code="no_template")
    return kind_def, name


def _document_block(
    kind_def: Any, title: str, number: str, agency: Agency, issued_at: dt.datetime, draft: bool
) -> dict[str, Any]:
    return {
        "kind": kind_def.code,
        "kind_label": kind_def.label,
        "title": title,
        "number": number,
        "agency": agency,
        "agency_name": agency.name,
        "issued_at": issued_at,
        "issued_on": timezone.localdate(issued_at),
        "draft": draft,
    }


def preview_document(
    *, kind: str, agency: Agency, title: str, context: dict[str, Any], template: str | None = None
) -> bytes:
    """The PDF an issue of ``kind`` would produce now, watermarked 样稿 and unnumbered. Writes nothing."""
    kind_def, name = _template(kind, template)
    block = _document_block(kind_def, title, DRAFT_NUMBER, agency, timezone.now(), draft=True)
    return render_pdf(name, {**context, "document": block})


# --- stored contexts ------------------------------------------------------------------------------


def _freeze(value: Any, depth: int = 0) -> Any:
    if isinstance(value, models.Model):
        fields = {}
        for f in value._meta.concrete_fields:
            if f.name in SKIPPED_FIELDS:
                continue
            raw = getattr(value, f.attname)
            fields[f.attname] = _freeze(raw, depth)
        frozen: dict[str, Any] = {"__model__": value._meta.label_lower, "fields": fields}
        # related objects the template read while rendering (e.g. case.enterprise.contact_phone)
        # are kept too, so a later change to them does not change the re-rendered document
        cache = getattr(value._state, "fields_cache", {})
        related = {
            name: _freeze(obj, depth + 1)
            for name, obj in cache.items()
            if isinstance(obj, models.Model) and depth < RELATED_DEPTH
        }
        if related:
            frozen["related"] = related
        return frozen
    if isinstance(value, dict):
        return {str(k): _freeze(v, depth) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_freeze(v, depth) for v in value]
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"__decimal__": str(value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def freeze_context(context: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe copy of a render context; model instances keep their field values (not passwords)."""
    frozen: dict[str, Any] = _freeze({k: v for k, v in context.items() if k != "document"})
    return frozen


def _thaw(value: Any) -> Any:
    if isinstance(value, list):
        return [_thaw(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "__model__" in value:
        model = apps.get_model(value["__model__"])
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        kwargs = {}
        for attname, raw in value["fields"].items():
            field = by_attname.get(attname)
            if field is None:
                continue
            kwargs[attname] = field.to_python(_thaw(raw)) if raw is not None else None
        instance = model(**kwargs)
        instance._state.adding = False
        for name, obj in (value.get("related") or {}).items():
            instance._state.fields_cache[name] = _thaw(obj)
        return instance
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__decimal__" in value:
        return decimal.Decimal(value["__decimal__"])
    return {k: _thaw(v) for k, v in value.items()}


def thaw_context(frozen: dict[str, Any]) -> dict[str, Any]:
    """The render context back from ``freeze_context`` (unsaved model instances with the stored values)."""
    thawed: dict[str, Any] = _thaw(frozen)
    return thawed


# --- re-render check ------------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The text of a PDF (poppler ``pdftotext``), whitespace removed (CJK layouts break lines anywhere)."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return "".join(out.stdout.decode("utf-8", "replace").split())


@dataclass(frozen=True)
class DocumentCheck:
    document: Document
    file_intact: bool  # the stored file's SHA-256 equals the one recorded at issue
    bytes_match: bool  # re-rendering the stored context gives the very bytes recorded
    text_match: bool  # … or at least the same text as the stored file
    rerendered: bool = True  # False: no stored context, only the SHA-256 was checked

    @property
    def ok(self) -> bool:
        return self.file_intact and (not self.rerendered or self.bytes_match or self.text_match)

    @property
    def verdict(self) -> str:
        if not self.file_intact:
            return "文件已被改动或缺失（SHA-256 与出具时不符）"
        if not self.rerendered:
            return "文件完好（SHA-256 与出具时相同）；无出具时的内容，未重新生成比对"
        if self.bytes_match:
            return "一致：重新生成与存档文件逐字节相同"
        if self.text_match:
            return "一致：重新生成的文字与存档文件相同"
        return "不一致：按出具时的内容重新生成与存档文件不同"


def _stored_bytes(document: Document) -> bytes | None:
    try:
        with document.file.open("rb") as handle:
            data: bytes = handle.read()
            return data
    except (FileNotFoundError, ValueError):
        return None


def check_document(
    document: Document, context: dict[str, Any], *, template: str | None = None
) -> DocumentCheck:
    """Re-render ``document`` from ``context`` (the one it was issued with, thawed) and compare."""
    kind_def, name = _template(document.kind, template)
    block = _document_block(
        kind_def, document.title, document.number, document.agency, document.issued_at, draft=False
    )
    again = render_pdf(name, {**context, "document": block})
    intact = verify_document(document)
    bytes_match = hashlib.sha256(again).hexdigest() == document.sha256
    stored = _stored_bytes(document)
    text_match = bytes_match or (stored is not None and pdf_text(stored) == pdf_text(again))
    return DocumentCheck(document, file_intact=intact, bytes_match=bytes_match, text_match=text_match)


def check_file_only(document: Document) -> DocumentCheck:
    """For a document issued without a kept context: the SHA-256 check alone."""
    return DocumentCheck(document, verify_document(document), False, False, rerendered=False)
