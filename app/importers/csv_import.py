"""Read a spreadsheet of cards (the CSV export's columns, or a sheet with only Lane, Step
and Card) into an import plan, streaming it row by row so a sheet of 100,000 rows keeps
memory and time in bounds and reports its progress.

Lanes, steps and stages are made in the order the rows give them; a Blueprint column
makes one blueprint per name. Cells longer than limits.TEXT are cut (and said so); a cell
longer than the csv module's field limit (131,072 characters) refuses the file."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.importers import csv_columns as cells
from app.importers.csv_decode import CountingReader, choose_encoding, open_text
from app.importers.csv_sheet import SheetBlueprint
from app.importers.limits import MAX_CARDS
from app.importers.plan import ImportFailed, ImportPlan

Progress = Callable[[int, int], None]
EVERY = 1000  # rows between two progress calls
DELIMITERS = ",;\t"


def read_csv(path: Path | str, progress: Progress | None = None) -> ImportPlan:
    """The plan of ``path``; ImportFailed with a one-line message when it cannot be read.
    ``progress(bytes read, bytes in all)`` is called every thousand rows and at the end;
    it may raise ImportCancelled to stop."""
    path = Path(path)
    try:
        total = path.stat().st_size
        encoding, note = choose_encoding(path)
        return _read(path, encoding, note, total, progress)
    except UnicodeDecodeError:
        raise ImportFailed(
            f"{path.name} is not valid {encoding.upper()} text; save it from the spreadsheet "
            "as CSV UTF-8"
        ) from None
    except OSError as error:
        raise ImportFailed(f"cannot read {path.name}: {error.strerror or error}") from None


def _read(
    path: Path, encoding: str, note: str, total: int, progress: Progress | None
) -> ImportPlan:
    plan = ImportPlan(source=path.name, skipped=[note] if note else [])
    sample, _ = open_text(path, encoding)
    with sample:
        delimiter, skip_first = _delimiter(sample.read(64 * 1024))
    stream, counter = open_text(path, encoding)
    with stream:
        reader = csv.reader(stream, delimiter=delimiter)
        try:
            if skip_first:
                next(reader, None)
            headings = next(reader, None)
            if headings is None:
                raise ImportFailed(f"{path.name} is empty; nothing to import")
            fields, ignored = cells.map_headings(headings)
            if ignored:
                plan.skipped.append("columns not brought in: " + ", ".join(ignored)[:300])
            sheets = _rows(reader, fields, path, plan.skipped, counter, total, progress)
        except csv.Error as error:
            raise ImportFailed(_csv_message(reader.line_num, error)) from None
    for sheet in sheets.values():
        plan.blueprints.append(sheet.plan())
    if progress is not None:
        progress(total, total)
    return plan


def _rows(
    reader: Any,  # a csv reader: rows of cells, and the line it has read to
    fields: dict[str, int],
    path: Path,
    skipped: list[str],
    counter: CountingReader,
    total: int,
    progress: Progress | None,
) -> dict[str, SheetBlueprint]:
    sheets: dict[str, SheetBlueprint] = {}
    width = max(fields.values()) + 1
    rows = 0
    for row in reader:
        rows += 1
        if progress is not None and rows % EVERY == 0:
            progress(min(counter.count, total), total)
        if not any(cell.strip() for cell in row):
            continue
        if rows > MAX_CARDS:
            raise ImportFailed(
                f"{path.name} has more than {MAX_CARDS:,} rows; split it into smaller files"
            )
        if len(row) < width:
            row = row + [""] * (width - len(row))
        values = {field: cells.unguard(row[index]) for field, index in fields.items()}
        name = values.get("blueprint", "").strip() or path.stem or "Imported"
        sheet = sheets.get(name.casefold())
        if sheet is None:
            sheet = sheets[name.casefold()] = SheetBlueprint(name, skipped)
        sheet.add(values, reader.line_num)
    return sheets


def _delimiter(sample: str) -> tuple[str, bool]:
    """The separator of the sheet, and whether its first line is Excel's "sep=;" hint."""
    first = sample.split("\n", 1)[0].strip("\r\ufeff")
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], True
    try:
        sniffed = csv.Sniffer().sniff(sample[:16384], delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    # The heading row decides: the separator that splits it into known columns.
    for candidate in dict.fromkeys((sniffed, *DELIMITERS)):
        if not candidate:
            continue
        try:
            headings = next(csv.reader([first], delimiter=candidate), [])
        except csv.Error:
            continue
        known = {cells.HEADINGS.get(cells.normalise(h)) for h in headings} - {None}
        if {"lane", "step", "card"} <= known:
            return candidate, False
    # None does: the sniffed one, else the one the heading row holds most of (the
    # headings then say which required column is missing).
    most = max(DELIMITERS, key=first.count)
    return sniffed or (most if first.count(most) else ","), False


def _csv_message(line: int, error: csv.Error) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return (
            f"line {line}: a cell is longer than {csv.field_size_limit():,} characters; "
            "a card holds at most a few pages of text"
        )
    return f"line {line}: the file is not a well-formed CSV ({text}); save it again as CSV"
