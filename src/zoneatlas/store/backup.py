"""Backend-neutral backup and restore of a whole database.

A backup is a zip file: ``manifest.json`` (format, schema revision, row counts) and one
JSON-lines file per table under ``tables/``. Values keep their exact type: bytes (WKB) as
base64, dates as ISO strings, floats in Python's shortest round-trip form. A restore
replaces every row in one transaction, so a failed restore leaves the database as it was.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from zoneatlas.errors import ZoneAtlasError
from zoneatlas.store.schema import metadata

FORMAT = "zoneatlas-backup/1"


class BackupInvalid(ZoneAtlasError):
    """A backup file that cannot be restored."""


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "$b64" in value:
            return base64.b64decode(value["$b64"])
        if "$date" in value:
            return dt.date.fromisoformat(value["$date"])
    return value


def schema_revision(conn: Connection) -> str | None:
    try:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no alembic_version table: an empty, unmigrated database
        return None


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    primary = list(table.primary_key.columns)
    for row in conn.execute(select(table).order_by(*primary)).mappings():
        yield {key: _encode(value) for key, value in row.items()}


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write every table of ``engine``'s database to the zip file ``path``; return row counts."""
    counts: dict[str, int] = {}
    partial = path.with_name(path.name + ".partial")
    with engine.connect() as conn, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in metadata.sorted_tables:
            lines = [json.dumps(row, ensure_ascii=False) for row in _rows(conn, table)]
            counts[table.name] = len(lines)
            archive.writestr(f"tables/{table.name}.jsonl", "\n".join(lines))
        manifest = {
            "format": FORMAT,
            "schema_revision": schema_revision(conn),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "tables": counts,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    partial.replace(path)
    return counts


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupInvalid(f"{path}: not a Zone Atlas backup (no readable manifest.json)") from exc
    if manifest.get("format") != FORMAT:
        raise BackupInvalid(f"{path}: unknown backup format {manifest.get('format')!r}")
    return manifest


def restore(engine: Engine, path: Path) -> dict[str, int]:
    """Replace all data in ``engine``'s (migrated) database with the backup at ``path``."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupInvalid(f"{path}: not a readable zip file ({exc})") from exc
    with archive:
        manifest = _read_manifest(archive, path)
        try:
            return _replace_all(engine, archive, manifest, path)
        except DBAPIError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise BackupInvalid(
                f"{path}: a row was rejected by the database ({reason}); nothing was restored"
            ) from exc
        except (KeyError, ValueError) as exc:
            raise BackupInvalid(f"{path}: damaged backup ({exc}); nothing was restored") from exc


def _replace_all(
    engine: Engine, archive: zipfile.ZipFile, manifest: dict[str, Any], path: Path
) -> dict[str, int]:
    """Delete every row and insert the backup's, in one transaction."""
    with engine.begin() as conn:
        revision = schema_revision(conn)
        if manifest.get("schema_revision") != revision:
            raise BackupInvalid(
                f"{path}: made at schema revision {manifest.get('schema_revision')}, "
                f"the database is at {revision}; run `zoneatlas db upgrade` on a database "
                "at the backup's revision first"
            )
        for table in reversed(metadata.sorted_tables):
            conn.execute(delete(table))
        counts = {}
        for table in metadata.sorted_tables:
            text_rows = archive.read(f"tables/{table.name}.jsonl").decode("utf-8")
            rows = [
                {key: _decode(value) for key, value in json.loads(line).items()}
                for line in text_rows.splitlines()
                if line
            ]
            if rows:
                conn.execute(insert(table), rows)
            counts[table.name] = len(rows)
        if conn.dialect.name == "postgresql":
            _reset_sequences(conn)
    return counts


def _reset_sequences(conn: Connection) -> None:
    """After inserting explicit ids, move each serial sequence past the largest id."""
    for table in metadata.sorted_tables:
        highest = conn.execute(select(func.max(table.c.id))).scalar()
        conn.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, 'id'), :value, :called)"),
            {"table": table.name, "value": highest or 1, "called": highest is not None},
        )
