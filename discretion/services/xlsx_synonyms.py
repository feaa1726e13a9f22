"""The synonym table (检索同义词) as a sheet of the catalogue XLSX: exported with every version, merged on
import (the table is shared by all versions: rows are matched on group + officer terms)."""

from __future__ import annotations

from typing import Any, BinaryIO

from openpyxl import Workbook, load_workbook

from ..models import Synonym

SHEET = "检索同义词"
COLUMNS = ["group", "officer_terms", "law_terms", "note"]


def add_synonym_sheet(wb: Workbook) -> None:
    ws = wb.create_sheet(SHEET)
    ws.append(COLUMNS)
    for s in Synonym.objects.order_by("group", "id"):
        ws.append([s.group, s.officer_terms, s.law_terms, s.note])


def read_synonym_sheet(file: BinaryIO, errors: list[tuple[str, int, str, str]]) -> list[dict[str, str]]:
    """Rows of the synonym sheet (none when the workbook has no such sheet); bad rows go to ``errors``."""
    file.seek(0)
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # reported by the main reader already
        return []
    out: list[dict[str, str]] = []
    if SHEET in wb.sheetnames:
        rows = wb[SHEET].iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        for n, values in enumerate(rows, start=2):
            if values is None or all(v in (None, "") for v in values):
                continue
            row: dict[str, Any] = dict(zip(header, values, strict=False))
            clean = {c: str(row.get(c) or "").strip() for c in COLUMNS}
            for col in ("group", "officer_terms", "law_terms"):
                if not clean[col]:
                    errors.append((SHEET, n, col, "必填"))
            out.append(clean)
    wb.close()
    return out


def merge_synonyms(rows: list[dict[str, str]]) -> int:
    """Create or update rows by (group, officer terms); call inside the import's transaction."""
    changed = 0
    for r in rows:
        obj, created = Synonym.objects.select_for_update().get_or_create(
            group=r["group"][:60],
            officer_terms=r["officer_terms"][:300],
            defaults={"law_terms": r["law_terms"][:300], "note": r["note"][:200]},
        )
        if not created and (obj.law_terms, obj.note) != (r["law_terms"][:300], r["note"][:200]):
            obj.law_terms, obj.note = r["law_terms"][:300], r["note"][:200]
            obj.save(update_fields=["law_terms", "note", "updated_at"])
            changed += 1
        changed += int(created)
    return changed
