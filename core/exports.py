"""One export module: every CSV and XLSX the site offers is written here.

CSV, one dialect (documented in README "Exports"), the one Swedish Excel opens by double-click:
- UTF-8 with a byte-order mark (so Excel does not guess Windows-1252), CRLF line ends;
- semicolon as the separator (Swedish Excel's list separator), minimal quoting;
- numbers without thousands separators and with a decimal comma ("1234,5"; whole kronor "860000"),
  so Excel reads them as numbers and `core.formatting.parse_sv_decimal` reads them back;
- dates as ISO 8601 (2014-03-07); an empty field means "no value".
`read_csv` reads this dialect back (and, for files people made themselves, a comma-separated one).

XLSX: real number cells with Swedish number formats (thousands grouped, "kr" for kronor), dates as
date cells, a bold and frozen header row, values instead of formulas (so every cell holds what
it shows, whatever program opens it).

Both are safe against formula injection (OWASP CSV injection): a text cell beginning with `=`, `+`,
`-`, `@`, tab or carriage return gets a leading apostrophe and stays text; characters XML cannot
carry are removed (`core.safetext`). Numbers are written as numbers and never changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from core.safetext import clean_text, neutralise_formula

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_DELIMITER = ";"

#: XLSX number formats. XLSX files store format codes in the en-US form; Excel shows them with the
#: reader's own marks, so a Swedish Excel shows "1 234 567 kr" and "12,5".
INTEGER = "#,##0"
DECIMAL_1 = "#,##0.0"
DECIMAL_2 = "#,##0.00"
KRONOR = '#,##0" kr"'
DECIMAL_ANY = "#,##0.0##"
DATE = "yyyy-mm-dd"


# -- CSV -------------------------------------------------------------------------------------------
def csv_number(value) -> str:
    """A number in the CSV dialect: no grouping, decimal comma, no exponent ("1234,5", "-3")."""
    if isinstance(value, int):
        return str(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f").replace(".", ",")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return csv_number(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_formula(clean_text(value))


def to_csv(rows) -> bytes:
    """Rows (lists of str, int, Decimal, date or None) as CSV in the one dialect, as bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def read_csv(text: str) -> list[list[str]]:
    """Rows of a CSV file in our dialect. A file with a byte-order mark is ours (or saved by Excel as
    "CSV UTF-8"): semicolons. Without one, a first line with a comma and no semicolon is read as
    comma-separated, for files people make by hand."""
    ours = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = CSV_DELIMITER if ours or CSV_DELIMITER in first or "," not in first else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def unneutralise(text: str) -> str:
    """Undo `neutralise_formula` on text read back from one of our exports."""
    if text.startswith("'") and text[1:].startswith(("=", "+", "-", "@", "\t", "\r")):
        return text[1:]
    return text


# -- XLSX ------------------------------------------------------------------------------------------
#: Characters Excel does not allow in a sheet's name.
_SHEET_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")


def sheet_title(name, taken=frozenset()) -> str:
    """A worksheet name Excel accepts: without \\ / * ? : [ ], at most 31 characters, not empty, not starting or
    ending with an apostrophe, unique in the workbook (a number is added)."""
    title = " ".join(_SHEET_FORBIDDEN.sub(" ", clean_text(name)).split()).strip("'")[:31].strip() or "Blad"
    candidate, n = title, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate, n = title[: 31 - len(suffix)] + suffix, n + 1
    return candidate


@dataclass
class Sheet:
    """One worksheet: optional title lines above the header, a header row, rows, notes below."""

    name: str
    header: list[str]
    rows: list[list]
    #: Number format per column index (INTEGER, DECIMAL_1, KRONOR ...); dates get DATE by themselves.
    formats: dict[int, str] = field(default_factory=dict)
    title_lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Row indices (into `rows`) shown bold: group headings and totals.
    bold_rows: set[int] = field(default_factory=set)
    widths: dict[int, int] = field(default_factory=dict)


def _xlsx_value(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(dt.UTC).replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    return neutralise_formula(clean_text(value))


def to_xlsx(sheets: list[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(sheet_title(spec.name, taken={w.title for w in workbook.worksheets}))
        for line in spec.title_lines:
            ws.append([_xlsx_value(line)])
            ws.cell(row=ws.max_row, column=1).font = bold
        ws.append([_xlsx_value(h) for h in spec.header])
        header_row = ws.max_row
        for cell in ws[header_row]:
            cell.font = bold
            cell.data_type = "s"
        ws.freeze_panes = f"A{header_row + 1}"
        for index, row in enumerate(spec.rows):
            ws.append([_xlsx_value(v) for v in row])
            for column, cell in enumerate(ws[ws.max_row]):
                if cell.value is None:
                    continue
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, even if openpyxl would take it for one
                elif column in spec.formats:
                    cell.number_format = spec.formats[column]
                elif isinstance(cell.value, dt.date):
                    cell.number_format = DATE
                elif isinstance(cell.value, int | float):
                    # No number left in Excel's "General" format: thousands grouped, decimals shown as
                    # they are (a Swedish Excel writes them "1 234 567" and "12,5").
                    cell.number_format = INTEGER if isinstance(cell.value, int) else DECIMAL_ANY
                if index in spec.bold_rows:
                    cell.font = bold
        if spec.notes:
            ws.append([])
            for note in spec.notes:
                ws.append([_xlsx_value(note)])
                ws.cell(row=ws.max_row, column=1).data_type = "s"
        for column, width in spec.widths.items():
            ws.column_dimensions[get_column_letter(column + 1)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
