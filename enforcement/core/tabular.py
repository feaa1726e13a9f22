"""Reading and writing spreadsheets for imports/exports: XLSX (openpyxl) and CSV (UTF-8 or GB18030)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from .exceptions import InvalidInput
from .rules.text import strip_control_characters

MAX_ROWS = 100_000  # data rows per import; larger files are refused before any work starts


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number (the header is row 1)
    message: str
    key: str = ""  # e.g. the credit code or item code of the row, when readable


@dataclass
class ImportReport:
    """Outcome of an import: counts, and one Chinese reason per rejected row."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": [{"row": e.row, "key": e.key, "message": e.message} for e in self.errors],
        }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_rows(
    upload: IO[bytes], filename: str, *, required: Sequence[str] = ()
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (row number, {header: text}) for every non-empty data row of an XLSX or CSV upload.

    ``required`` names header columns that must be present (InvalidInput otherwise).
    """
    name = (filename or "").lower()
    raw = upload.read()
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        rows = _xlsx_rows(raw)
    elif name.endswith(".csv") or name.endswith(".txt"):
        rows = _csv_rows(raw)
    else:
        raise InvalidInput("只支持 .xlsx 或 .csv 文件", fields={"file": ["只支持 .xlsx 或 .csv 文件"]})
    header: list[str] | None = None
    for number, values in _read_all(rows):
        if header is None:
            header = [_cell(v) for v in values]
            if not any(header):
                raise InvalidInput("第1行应为表头", fields={"file": ["第1行应为表头"]})
            missing = [c for c in required if c not in header]
            if missing:
                message = "表头须包含：" + "、".join(required) + "（缺少：" + "、".join(missing) + "）"
                raise InvalidInput(message, fields={"file": [message]})
            continue
        texts = [_cell(v) for v in values]
        if not any(texts):
            continue
        yield number, {h: (texts[i] if i < len(texts) else "") for i, h in enumerate(header) if h}
    if header is None:
        raise InvalidInput("文件是空的", fields={"file": ["文件是空的"]})


def count_data_rows(upload: IO[bytes], filename: str) -> int:
    """How many data rows the upload has (the header not counted), cheaply and before any work: from the
    sheet's recorded dimension (XLSX) or its line count (CSV), checked exactly only when that is over
    ``MAX_ROWS``. Raises InvalidInput for a file over the cap, a zip bomb or an unreadable file; the
    upload is rewound afterwards."""
    name = (filename or "").lower()
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    if name.endswith(".xlsx") or raw[:2] == b"PK":
        estimate = _xlsx_dimension(raw)
        if estimate is None or estimate > MAX_ROWS:
            estimate = _exact_count(_xlsx_rows(raw))
    elif name.endswith(".csv") or name.endswith(".txt"):
        estimate = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1) - 1
        if estimate > MAX_ROWS:
            estimate = _exact_count(_csv_rows(raw))
    else:
        raise InvalidInput("只支持 .xlsx 或 .csv 文件", fields={"file": ["只支持 .xlsx 或 .csv 文件"]})
    return max(0, estimate)


def _xlsx_dimension(raw: bytes) -> int | None:
    from openpyxl import load_workbook

    _check_container(raw)
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        message = "无法读取该Excel文件：文件不是有效的 XLSX 工作簿，请确认是 .xlsx 格式"
        raise InvalidInput(message, fields={"file": [message]}) from None
    max_row = wb.worksheets[0].max_row if wb.worksheets else None
    wb.close()
    return None if max_row is None else max_row - 1


def _exact_count(rows: Iterator[tuple[int, Sequence[Any]]]) -> int:
    data = _read_all(rows)
    return sum(1 for _, values in data[1:] if any(v not in (None, "") for v in values))


def _read_all(rows: Iterator[tuple[int, Sequence[Any]]]) -> list[tuple[int, Sequence[Any]]]:
    """Every row, read before any is handed out: the row cap and a file broken half-way through are
    reported before the caller writes anything."""
    collected: list[tuple[int, Sequence[Any]]] = []
    try:
        for number, values in rows:
            if number > MAX_ROWS + 1 and any(v not in (None, "") for v in values):
                message = f"一次最多导入{MAX_ROWS}行，请分批导入"
                raise InvalidInput(message, fields={"file": [message]})
            collected.append((number, values))
    except InvalidInput:
        raise
    except Exception:  # openpyxl/zip/csv errors in the middle of a damaged file
        raise InvalidInput("文件内容已损坏，无法读取，请重新导出后再导入", fields={"file": ["文件已损坏"]})
    return collected


def _xlsx_rows(raw: bytes) -> Iterator[tuple[int, Sequence[Any]]]:
    from openpyxl import load_workbook

    _check_container(raw)
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        raise InvalidInput("无法读取该Excel文件，请确认是 .xlsx 格式", fields={"file": ["文件格式无效"]})
    ws = wb.worksheets[0]
    yield from enumerate(ws.iter_rows(values_only=True), start=1)
    wb.close()


def _check_container(raw: bytes) -> None:
    """A zip bomb (or a container with macros) is refused before anything is expanded."""
    from .rules.uploads import DAMAGED, UploadRefused, check_zip_container

    try:
        check_zip_container(raw)
    except UploadRefused as exc:
        if exc.code != DAMAGED:  # a damaged file is openpyxl's to report
            raise InvalidInput(exc.message, fields={"file": [exc.message]}) from None


def open_workbook(raw: bytes) -> Any:
    """An openpyxl read-only workbook of ``raw`` after the zip-bomb check (for imports that read several
    sheets themselves); InvalidInput for a file that is not a readable XLSX."""
    from openpyxl import load_workbook

    _check_container(raw)
    try:
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:
        raise InvalidInput("文件不是有效的 XLSX 工作簿", fields={"file": ["文件格式无效"]}) from None


def _csv_rows(raw: bytes) -> Iterator[tuple[int, Sequence[Any]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InvalidInput("CSV文件编码无法识别，请另存为UTF-8", fields={"file": ["编码无法识别"]})
    yield from enumerate(csv.reader(io.StringIO(text)), start=1)


def export_cell(value: Any) -> Any:
    """A value as an XLSX cell can hold it: text loses the control characters XLSX forbids (a stored
    value from before the text rules, or from a pasted document, must never crash an export)."""
    if isinstance(value, str):
        return strip_control_characters(value)
    return value


def write_xlsx(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """An XLSX workbook with one sheet: a bold header row and the given rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook always has one sheet
    ws.title = title[:31]
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([export_cell(v) for v in row])
    for i, h in enumerate(header, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(10, min(60, len(h) * 3))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
