"""Read a table-set document from YAML, JSON or a dict, and validate it completely.

Big tables may live in CSV files next to the document: wherever the document has a mapping
``{csv: FILE}``, it is replaced by the CSV's rows (a list of mappings, numbers converted),
so ``index: {csv: index.csv}`` with a header ``date,index`` is a valid index series.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zoneatlas.errors import UnsupportedFormat
from zoneatlas.landprice.checks import check_table_set
from zoneatlas.landprice.errors import Problem, TableSetInvalid
from zoneatlas.landprice.tables import TableSet


def parse_table_set(data: Any, source: str = "table set") -> TableSet:
    """Validate a parsed document (a dict) and return the :class:`TableSet`.

    Parameters
    ----------
    data
        The document as parsed from YAML or JSON.
    source
        Name used in the error message (usually the file name).

    Raises
    ------
    TableSetInvalid
        With every problem found, each naming its field path.
    """
    try:
        tables = TableSet.model_validate(data)
    except ValidationError as exc:
        raise TableSetInvalid(source, [_problem(error) for error in exc.errors()]) from None
    problems = check_table_set(tables)
    if problems:
        raise TableSetInvalid(source, problems)
    return tables


def load_table_set(path: Path) -> TableSet:
    """Read and validate a table set from a ``.yaml``/``.yml`` or ``.json`` file.

    Raises
    ------
    UnsupportedFormat
        Another extension.
    TableSetInvalid
        The file cannot be parsed, or the table set is invalid.
    """
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise UnsupportedFormat(f"{path}: a table set is .yaml, .yml or .json")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TableSetInvalid(str(path), [Problem("", f"cannot read: {exc.strerror}")]) from None
    data = _parse_text(text, suffix, str(path))
    return parse_table_set(_inline_csv(data, path.parent, str(path)), str(path))


def _parse_text(text: str, suffix: str, source: str) -> Any:
    if suffix == ".json":
        try:
            return json.loads(text)
        except ValueError as exc:
            raise TableSetInvalid(source, [Problem("", f"not valid JSON: {exc}")]) from None
    try:
        import yaml  # PyYAML, imported here so JSON-only users do not need it
    except ImportError:
        raise UnsupportedFormat(
            f"{source}: reading YAML needs PyYAML (pip install pyyaml)"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TableSetInvalid(source, [Problem("", f"not valid YAML: {exc}")]) from None


def _inline_csv(node: Any, folder: Path, source: str) -> Any:
    if isinstance(node, dict):
        if set(node) == {"csv"} and isinstance(node["csv"], str):
            return _read_csv(folder / node["csv"], source)
        return {key: _inline_csv(value, folder, source) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline_csv(value, folder, source) for value in node]
    return node


def _read_csv(path: Path, source: str) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [{k: _number(v) for k, v in row.items()} for row in csv.DictReader(handle)]
    except OSError as exc:
        raise TableSetInvalid(
            source, [Problem("", f"cannot read {path}: {exc.strerror}")]
        ) from None


def _number(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text


def _problem(error: Any) -> Problem:
    """A pydantic error as a Problem whose path reads ``uses.residential.far_table[2].far``."""
    path = ""
    for part in error.get("loc", ()):
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return Problem(path, str(error.get("msg", "invalid")))
