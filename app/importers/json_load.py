"""Read a JSON export safely: a size limit, no NaN or Infinity, no duplicate keys, nesting
kept shallow, and the "format" and "version" checked before anything else is looked at."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.importers.plan import ImportFailed

FORMAT = "stagecraft-json"  # app.export.json_export.FORMAT (the exporters sit above us)
VERSION = 1
MAX_BYTES = 512 * 1024 * 1024


def load_document(source: Path | str | dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The document of a JSON export file (or an already parsed one), and its name for
    messages. ImportFailed when it is not a Stagecraft JSON export this version reads."""
    if isinstance(source, dict):
        document, name = source, "the JSON document"
    else:
        path = Path(source)
        name = path.name
        document = _parse(path)
    check_header(document, name)
    return document, name


def _parse(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFailed(
                f"{path.name} is {size / 1e6:,.0f} MB; a JSON export over "
                f"{MAX_BYTES // (1024 * 1024)} MB cannot be imported"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"cannot read {path.name}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed(
            f"{path.name} is not a Stagecraft JSON export (not UTF-8 text)"
        ) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError:  # the C parser stops at Python's recursion limit
        raise ImportFailed(f"{path.name} is nested too deeply to be a Stagecraft export") from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{path.name} is not a Stagecraft JSON export (broken JSON at line {error.lineno}: "
            f"{error.msg})"
        ) from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ImportFailed(f"the JSON names the field {key[:40]!r} twice in one object")
        found[key] = value
    return found


def _no_constant(word: str) -> Any:
    raise ImportFailed(f"the JSON holds {word}, which is not a number a Stagecraft export writes")


def check_header(document: Any, name: str) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFailed(
            f'{name} is not a Stagecraft JSON export (no "format": "{FORMAT}"); '
            "export it again with File → Export → JSON"
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFailed(f"{name} has no readable version number ({str(version)[:20]!r})")
    if version > VERSION:
        raise ImportFailed(
            f"{name} is JSON format version {version}, from a newer Stagecraft; this one reads "
            f"version {VERSION}: update Stagecraft to import it"
        )
