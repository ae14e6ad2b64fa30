"""The comparison as an XLSX workbook (openpyxl): a sheet with one column per parcel and
one row per item (labels in 中文 and English, units in the labels), a sheet of the
policies per parcel, and a sheet of notes (date, sources, the synthetic-data notice).

Text from the database is written as text, never as a formula: a value starting with
``=``, ``+``, ``-`` or ``@`` cannot turn into a formula when the file is opened.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from zoneatlas.messages import label

FORMULA_START = ("=", "+", "-", "@")


def _put(sheet: Worksheet, row: int, column: int, value: Any, *, bold: bool = False) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"  # a string, whatever it starts with
    if bold:
        cell.font = Font(bold=True)


def _heading(message: str, unit_zh: str = "", unit_en: str = "") -> tuple[str, str]:
    name = label(message)
    return (
        f"{name.zh}({unit_zh})" if unit_zh else name.zh,
        f"{name.en} ({unit_en})" if unit_en else name.en,
    )


def _compare_sheet(sheet: Worksheet, comparison: dict[str, Any]) -> None:
    sheet.title = label("compare.sheet").zh
    headers = [*_heading("compare.code"), *comparison["codes"]]
    for column, value in enumerate(headers, start=1):
        _put(sheet, 1, column, value, bold=True)
    for r, row in enumerate(comparison["rows"], start=2):
        zh = f"{row['label_zh']}({row['unit_zh']})" if row["unit_zh"] else row["label_zh"]
        en = f"{row['label_en']} ({row['unit_en']})" if row["unit_en"] else row["label_en"]
        _put(sheet, r, 1, zh, bold=True)
        _put(sheet, r, 2, en)
        for c, value in enumerate(row["values"], start=3):
            _put(sheet, r, c, value)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 32
    for c in range(len(comparison["codes"])):
        sheet.column_dimensions[chr(ord("C") + c)].width = 22
    sheet.freeze_panes = "C2"


def _policies_sheet(sheet: Worksheet, comparison: dict[str, Any]) -> None:
    sheet.title = label("compare.policies_sheet").zh
    headers = [
        _heading("compare.code")[0],
        _heading("compare.policy")[0],
        _heading("compare.policy")[1],
        _heading("compare.policy_status")[0],
        _heading("compare.policy_value", "万元", "万元")[0],
    ]
    for column, value in enumerate(headers, start=1):
        _put(sheet, 1, column, value, bold=True)
    row = 2
    for parcel in comparison["parcels"]:
        for policy in parcel["policies"]:
            values = [
                parcel["code"],
                policy["title_zh"],
                policy["title_en"],
                policy["eligibility_zh"],
                policy["value_wan"],
            ]
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value)
            row += 1
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 48


def _notes_sheet(sheet: Worksheet, comparison: dict[str, Any]) -> None:
    sheet.title = label("compare.notes").zh
    note = label("compare.synthetic_note")
    date = label("compare.valuation_date")
    lines = [
        (f"{date.zh} {date.en}", comparison["date"]),
        (note.zh, ""),
        (note.en, ""),
    ]
    for r, (text, value) in enumerate(lines, start=1):
        _put(sheet, r, 1, text)
        _put(sheet, r, 2, value)
        sheet.cell(row=r, column=1).alignment = Alignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 80


def comparison_xlsx(comparison: dict[str, Any]) -> bytes:
    """The workbook of a comparison made by :func:`zoneatlas.investor.compare.compare_parcels`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    _compare_sheet(sheet, comparison)
    _policies_sheet(book.create_sheet(), comparison)
    _notes_sheet(book.create_sheet(), comparison)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
