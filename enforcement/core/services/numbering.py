"""文书编号 — document numbers such as ``（宁）应急罚〔2026〕12号``.

Numbers follow a pattern configured per agency and document kind (``NumberingPattern``), falling back
to the kind's registered ``DocumentKind.default_pattern``. The observed convention (spec §4.2, ◐ real
published 应急 documents) is ``（<区划简称>）应急<文书代字>〔<YYYY>〕<序号>号``; squads or series letters
may be embedded as literal text (``（湘怀沅）应急现记〔{year}〕执法二中队-{seq}号``).

Placeholders: ``{short}`` agency short name (宁), ``{year}``, ``{seq}`` (format specs such as
``{seq:03d}`` are allowed) and ``{code}`` the kind's 文书代字 (罚). Full-width brackets （）〔〕 are used
on output; half-width ``()`` / ``[]`` (and 【】﹝﹞) are accepted on input and normalised.

The sequence comes from ``DocumentCounter`` (one row per agency, kind and year) locked with
``SELECT … FOR UPDATE``: concurrent issuers queue on the row, so numbers never repeat, and because the
increment is part of the caller's transaction a rollback also returns the number, so none is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from ..exceptions import InvalidInput
from ..rules.numbering import format_number

if TYPE_CHECKING:
    from ..models import Agency


@dataclass(frozen=True)
class NumberingRule:
    """The effective rule for one agency and kind: the pattern, the 代字 and where the sequence comes from."""

    pattern: str
    code: str
    sequence_source: str  # SequenceSource value


@dataclass(frozen=True)
class Allocation:
    seq: int
    number: str
    from_counter: bool  # False when the sequence was supplied by the caller (e.g. the case number)


def numbering_rule(agency: Agency, kind: str) -> NumberingRule:
    """The agency's configured pattern for ``kind``, else the registered default. ``InvalidInput`` if unknown."""
    from ..models import NumberingPattern, SequenceSource
    from ..registry import REGISTRY

    registered = REGISTRY.document_kinds.get(kind)
    configured = NumberingPattern.objects.filter(agency=agency, kind=kind).first()
    if registered is None and configured is None:
        raise InvalidInput(f"未登记的文书种类：{kind}", code="unknown_document_kind")
    code = (registered.abbr or registered.code) if registered else kind
    if configured is not None:
        return NumberingRule(configured.pattern, code, configured.sequence_source)
    assert registered is not None
    return NumberingRule(registered.default_pattern, code, SequenceSource.COUNTER)


def _locked_counter(agency: Agency, kind: str, year: int):  # -> DocumentCounter
    """Lock (creating if needed) the counter row for (agency, kind, year).

    Two transactions may both miss the row and try to create it: the second INSERT waits on the
    unique index until the first commits, then fails; its savepoint is rolled back and it locks the
    row the first one created.
    """
    from ..models import DocumentCounter

    lookup = {"agency": agency, "kind": kind, "year": year}
    counter = DocumentCounter.objects.select_for_update().filter(**lookup).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            DocumentCounter.objects.create(**lookup, last_value=0)
    except IntegrityError:
        pass  # created concurrently by another transaction; lock theirs below
    return DocumentCounter.objects.select_for_update().get(**lookup)


def allocate(agency: Agency, kind: str, year: int, *, fixed_seq: int | None = None) -> Allocation:
    """Allocate the next number, or format the caller's sequence when the rule takes it from the case.

    Call inside the transaction that stores the numbered document: the counter row stays locked until
    that transaction ends, and a rollback returns the number.
    """
    from ..models import SequenceSource

    rule = numbering_rule(agency, kind)
    with transaction.atomic():
        if rule.sequence_source == SequenceSource.CASE:
            if fixed_seq is None:
                raise InvalidInput(
                    "该文书按案件编号编号，但未提供案件编号（预立案阶段不能出具）", code="sequence_required"
                )
            number = format_number(
                rule.pattern, short=agency.short_name, year=year, seq=fixed_seq, code=rule.code
            )
            return Allocation(fixed_seq, number, from_counter=False)
        counter = _locked_counter(agency, kind, year)
        seq = counter.last_value + 1
        number = format_number(rule.pattern, short=agency.short_name, year=year, seq=seq, code=rule.code)
        counter.last_value = seq
        counter.save(update_fields=["last_value"])
        return Allocation(seq, number, from_counter=True)


def allocate_number(agency: Agency, kind: str, year: int, *, fixed_seq: int | None = None) -> tuple[int, str]:
    """Allocate ``(seq, number)`` for a document of ``kind`` issued by ``agency`` in ``year``.

    ``year`` is the local (Beijing) year of issue (``timezone.localdate().year``). ``fixed_seq`` is
    used only when the agency numbers this kind by case number (``SequenceSource.CASE``); callers that
    have a case number may always pass it. Raises ``InvalidInput`` for an unknown kind, a bad pattern,
    or a case-numbered kind without ``fixed_seq``.
    """
    result = allocate(agency, kind, year, fixed_seq=fixed_seq)
    return result.seq, result.number
