"""Services for 文书编号格式: the document-number pattern each agency configures per document kind.

Spec §4.2: numbers such as ``（宁）应急罚〔2026〕12号`` follow a pattern set per agency and document kind.
An agency without its own pattern uses the kind's registered default (``DocumentKind.default_pattern``).
Who: agency admins (系统管理员) for their agency and its subtree, and the platform superuser
(``permissions.may_manage_agency``). Changing a pattern never touches the counters: the sequence of
(agency, kind, year) goes on where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ..exceptions import InvalidInput, NotAllowed
from ..models import Agency, NumberingPattern, SequenceSource
from ..permissions import may_manage_agency
from ..registry import REGISTRY, DocumentKind
from ..rules.numbering import format_number
from ..rules.text import text_error
from .audit import record_event

PATTERN_MAX_LENGTH = 100


@dataclass(frozen=True)
class NumberingRow:
    """One document kind as an agency numbers it (for the page): the effective pattern and an example."""

    kind: str
    label: str
    pattern: str
    sequence_source: str
    configured: bool  # False: the registered default applies
    default_pattern: str
    example: str


def _kind(code: str) -> DocumentKind:
    kind = REGISTRY.document_kinds.get(code)
    if kind is None:
        raise InvalidInput(
            f"未登记的文书种类：{code}", code="unknown_document_kind", fields={"kind": ["未登记的文书种类"]}
        )
    return kind


def _example(pattern: str, agency: Agency, kind: DocumentKind, seq: int = 1) -> str:
    """The number this pattern gives the agency's first document of this year (raises InvalidInput)."""
    return format_number(
        pattern,
        short=agency.short_name,
        year=timezone.localdate().year,
        seq=seq,
        code=kind.abbr or kind.code,
    )


def numbering_overview(agency: Agency) -> list[NumberingRow]:
    """Every registered document kind with the pattern ``agency`` uses for it (one query)."""
    configured = {p.kind: p for p in NumberingPattern.objects.filter(agency=agency)}
    rows = []
    for kind in sorted(REGISTRY.document_kinds.values(), key=lambda k: k.code):
        own = configured.get(kind.code)
        pattern = own.pattern if own else kind.default_pattern
        source = own.sequence_source if own else SequenceSource.COUNTER
        try:
            example = _example(pattern, agency, kind)
        except InvalidInput as exc:  # a stored pattern that no longer formats (should not happen)
            example = exc.message
        rows.append(
            NumberingRow(
                kind.code, kind.label, pattern, source, own is not None, kind.default_pattern, example
            )
        )
    return rows


def set_numbering_pattern(
    agency: Agency | int,
    kind: str,
    *,
    pattern: str,
    sequence_source: str = SequenceSource.COUNTER,
    actor: Any,
) -> NumberingPattern:
    """Configure how ``agency`` numbers documents of ``kind`` (create or change its pattern).

    Guards: ``actor`` manages the agency (NotAllowed, 403); the kind is registered, the pattern is well
    formed with a ``{seq}`` and formats a number for this agency, the sequence source is known
    (InvalidInput, 400). Writes one ``numbering.set`` audit event; no event when nothing changes.
    """
    pk = agency.pk if isinstance(agency, Agency) else agency
    text = (pattern or "").strip()
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=pk)
        if not may_manage_agency(actor, locked):
            raise NotAllowed("只有本机构或上级机构的系统管理员可以设置文书编号格式")
        kind_def = _kind(kind)
        if not text:
            raise InvalidInput(
                "请填写编号格式", code="invalid_pattern", fields={"pattern": ["请填写编号格式"]}
            )
        if len(text) > PATTERN_MAX_LENGTH:
            message = f"编号格式不能超过{PATTERN_MAX_LENGTH}个字符"
            raise InvalidInput(message, code="invalid_pattern", fields={"pattern": [message]})
        problem = text_error(text, max_length=PATTERN_MAX_LENGTH)
        if problem is None and ("/" in text or "\\" in text):
            problem = "编号格式不能包含“/”或“\\”（文书编号会出现在文件名和链接中）"
        if problem:
            raise InvalidInput(problem, code="invalid_pattern", fields={"pattern": [problem]})
        try:
            _example(text, locked, kind_def)
        except InvalidInput as exc:
            raise InvalidInput(exc.message, code=exc.code, fields={"pattern": [exc.message]})
        if sequence_source not in SequenceSource.values:
            raise InvalidInput(
                f"序号来源“{sequence_source}”无效", fields={"sequence_source": ["请选择序号来源"]}
            )
        row = NumberingPattern.objects.select_for_update().filter(agency=locked, kind=kind).first()
        old = (row.pattern, row.sequence_source) if row else (None, None)
        if old == (text, sequence_source):
            assert row is not None
            return row
        if row is None:
            row = NumberingPattern.objects.create(
                agency=locked, kind=kind, pattern=text, sequence_source=sequence_source
            )
        else:
            row.pattern, row.sequence_source = text, sequence_source
            row.save(update_fields=["pattern", "sequence_source"])
        record_event(
            "numbering.set",
            actor=actor,
            obj=row,
            agency_id=locked.pk,
            data={
                "kind": kind,
                "pattern": [old[0], text],
                "sequence_source": [old[1], sequence_source],
            },
        )
    return row


def reset_numbering_pattern(agency: Agency | int, kind: str, *, actor: Any) -> bool:
    """Drop ``agency``'s own pattern for ``kind`` so the registered default applies again.

    Returns False (and records nothing) when the agency had no pattern of its own. Guards as
    ``set_numbering_pattern``. Writes one ``numbering.reset`` audit event.
    """
    pk = agency.pk if isinstance(agency, Agency) else agency
    with transaction.atomic():
        locked = Agency.objects.select_for_update().get(pk=pk)
        if not may_manage_agency(actor, locked):
            raise NotAllowed("只有本机构或上级机构的系统管理员可以设置文书编号格式")
        row = NumberingPattern.objects.select_for_update().filter(agency=locked, kind=kind).first()
        if row is None:
            return False
        data = {"kind": kind, "pattern": row.pattern, "sequence_source": row.sequence_source}
        record_event("numbering.reset", actor=actor, obj=locked, agency_id=locked.pk, data=data)
        row.delete()
    return True
