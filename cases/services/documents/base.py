"""Issuing one case 文书: through the core service (numbered, stored, SHA-256, audited) with the render
context kept frozen beside it (``CaseDocument``) for the re-render check, or, while ``previewing()``,
rendered as a 样稿 only (no number, nothing stored, no audit).

``settings.CASES_RENDER_DOCUMENTS = False`` skips rendering on issue (state-machine tests, ERRATA
budgets); a preview, asked for explicitly, always renders."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from enforcement.core.models import Document
from enforcement.core.registry import REGISTRY
from enforcement.core.services.document_render import freeze_context, preview_document
from enforcement.core.services.documents import issue_document

from ...models import Case, CaseDocument
from ..common import handlers_of
from .kinds import TITLES


@dataclass(frozen=True)
class Draft:
    """One 样稿 rendered during a preview."""

    kind: str
    title: str
    pdf: bytes


_PREVIEW: ContextVar[list[Draft] | None] = ContextVar("case_document_preview", default=None)


def enabled() -> bool:
    return _PREVIEW.get() is not None or bool(getattr(settings, "CASES_RENDER_DOCUMENTS", True))


@contextlib.contextmanager
def previewing() -> Iterator[list[Draft]]:
    """Within the block, case documents are rendered as 样稿 into the yielded list instead of issued."""
    drafts: list[Draft] = []
    token = _PREVIEW.set(drafts)
    try:
        yield drafts
    finally:
        _PREVIEW.reset(token)


def base_context(case: Case) -> dict[str, Any]:
    return {"case": case, "handlers": handlers_of(case)}


def issue(
    kind: str, case: Case, actor: Any, title: str | None = None, *, number: bool = True, **context: Any
) -> Document | None:
    if not enabled():
        return None
    full = {**base_context(case), **context}
    title = title or TITLES.get(kind) or REGISTRY.document_kinds[kind].label
    drafts = _PREVIEW.get()
    if drafts is not None:
        pdf = preview_document(kind=kind, agency=case.deciding_agency, title=title, context=full)
        drafts.append(Draft(kind, title, pdf))
        return None
    doc = issue_document(
        kind=kind,
        agency=case.deciding_agency,
        title=title,
        subject=case,
        actor=actor,
        context=full,
        number=number,
    )
    CaseDocument.objects.create(document=doc, case=case, context=freeze_context(full))
    return doc
