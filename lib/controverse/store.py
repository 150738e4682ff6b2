"""The annotation store: an embedded DuckDB file of extraction rows, keyed by document
content hash and pipeline fingerprint, so an unchanged document is never parsed twice.

Rows are stored without their doc_id (two documents with the same text share them) and
every document is written in one transaction: an interrupted run leaves whole documents
or nothing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pandas as pd

from controverse.tables import COLUMNS

ROW_TABLES = ("mentions", "quotes", "statements", "events")
_SQL_TYPES = {"string": "VARCHAR", "Int64": "BIGINT", "Float64": "DOUBLE", "object": "VARCHAR"}


LOCK_WAIT_SECONDS = 120


def _connect(path: str):
    """Open the store, waiting while another process holds its lock (DuckDB allows one
    writer process); a clear error after LOCK_WAIT_SECONDS."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return duckdb.connect(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise RuntimeError(
                    f"annotation store {path} is locked by another process: {exc}"
                ) from exc
            time.sleep(0.5)


def _columns(table: str) -> list[str]:
    return [c for c in COLUMNS[table] if c != "doc_id"]


class AnnotationStore:
    """``AnnotationStore(path)``; ``path=":memory:"`` for a throwaway store."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = _connect(self.path)
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS parsed (content_hash VARCHAR, fingerprint VARCHAR, "
            "problems VARCHAR, PRIMARY KEY (content_hash, fingerprint))"
        )
        for table in ROW_TABLES:
            columns = ", ".join(f'"{c}" {_SQL_TYPES[COLUMNS[table][c]]}' for c in _columns(table))
            self.con.execute(
                f"CREATE TABLE IF NOT EXISTS {table} (content_hash VARCHAR, fingerprint VARCHAR, "
                f"seq INTEGER, {columns})"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def has(self, content_hash: str, fingerprint: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM parsed WHERE content_hash = ? AND fingerprint = ?",
            [content_hash, fingerprint],
        ).fetchone()
        return row is not None

    def known(self, fingerprint: str) -> set[str]:
        """Content hashes already parsed with this fingerprint."""
        rows = self.con.execute(
            "SELECT content_hash FROM parsed WHERE fingerprint = ?", [fingerprint]
        ).fetchall()
        return {r[0] for r in rows}

    def put(self, content_hash: str, fingerprint: str, rows: dict[str, list[dict]], problems=()):
        """Store one document's rows, replacing any previous copy, in one transaction."""
        self.put_many(fingerprint, [(content_hash, rows, problems)])

    def put_many(self, fingerprint: str, documents: list[tuple[str, dict, list]]) -> None:
        """Store whole documents ``(content_hash, rows, problems)`` in one transaction,
        replacing previous copies: all of them or, on any error, none.

        Rows go in as one DataFrame per table (DuckDB's executemany is row by row), and a
        previous copy is deleted only when there is one (a DELETE scans its table)."""
        if not documents:
            return
        hashes = [content_hash for content_hash, _rows, _problems in documents]
        self.con.execute("BEGIN TRANSACTION")
        try:
            existing = self.con.execute(
                "SELECT content_hash FROM parsed WHERE fingerprint = ? "
                "AND list_contains(?, content_hash)",
                [fingerprint, hashes],
            ).fetchall()
            if existing:
                stale = [row[0] for row in existing]
                for table in (*ROW_TABLES, "parsed"):
                    self.con.execute(
                        f"DELETE FROM {table} WHERE fingerprint = ? "
                        "AND list_contains(?, content_hash)",
                        [fingerprint, stale],
                    )
            for table in ROW_TABLES:
                columns = _columns(table)
                records = []
                for content_hash, rows, _problems in documents:
                    for seq, row in enumerate(rows.get(table, [])):
                        record = {"content_hash": content_hash, "fingerprint": fingerprint}
                        record["seq"] = seq
                        for column in columns:
                            value = row.get(column)
                            if column == "actor_ids":
                                value = json.dumps(list(value or []))
                            record[column] = value
                        records.append(record)
                if records:
                    frame = pd.DataFrame(
                        records, columns=["content_hash", "fingerprint", "seq", *columns]
                    ).astype(object)
                    self._insert_frame(table, frame)
            parsed = pd.DataFrame(
                {
                    "content_hash": hashes,
                    "fingerprint": fingerprint,
                    "problems": [json.dumps(list(problems)) for _h, _r, problems in documents],
                }
            )
            self._insert_frame("parsed", parsed)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _insert_frame(self, table: str, frame: pd.DataFrame) -> None:
        self.con.register("incoming", frame)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM incoming")
        finally:
            self.con.unregister("incoming")

    def tables(self, documents: pd.DataFrame, fingerprint: str) -> dict[str, pd.DataFrame]:
        """The rows of ``documents`` (doc_id, content_hash) as contract tables, in order."""
        keys = documents[["doc_id", "content_hash"]].copy()
        keys["doc_order"] = range(len(keys))
        self.con.register("wanted", keys)
        out = {}
        try:
            for table in ROW_TABLES:
                columns = ", ".join(f't."{c}"' for c in _columns(table))
                frame = self.con.execute(
                    f"SELECT w.doc_id, {columns} FROM {table} t JOIN wanted w "
                    "ON t.content_hash = w.content_hash WHERE t.fingerprint = ? "
                    "ORDER BY w.doc_order, t.seq",
                    [fingerprint],
                ).df()
                if table == "events":
                    frame["actor_ids"] = frame["actor_ids"].map(
                        lambda v: json.loads(v) if isinstance(v, str) else []
                    )
                out[table] = frame
            problems = self.con.execute(
                "SELECT w.doc_id, p.problems FROM parsed p JOIN wanted w "
                "ON p.content_hash = w.content_hash WHERE p.fingerprint = ?",
                [fingerprint],
            ).fetchall()
        finally:
            self.con.unregister("wanted")
        out["problems"] = [(doc_id, json.loads(p)) for doc_id, p in problems if p and p != "[]"]
        return out

    def count_documents(self, fingerprint: str | None = None) -> int:
        if fingerprint is None:
            return self.con.execute("SELECT count(*) FROM parsed").fetchone()[0]
        return self.con.execute(
            "SELECT count(*) FROM parsed WHERE fingerprint = ?", [fingerprint]
        ).fetchone()[0]
