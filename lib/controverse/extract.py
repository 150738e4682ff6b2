"""Run the extraction over a corpus and return the five tables of DESIGN.md.

``run(corpus)`` loads the corpus if given a path, groups documents by language, parses only
the documents the annotation store does not hold for the current pipeline fingerprint, and
returns documents, mentions, quotes, statements and events as DataFrames. Per-document
problems (empty text, unknown language, unbalanced quote marks, very long text) are in
``tables["problems"]`` (a DataFrame: doc_id, problem), never fatal.

One document's extraction is the pure function :func:`extract_records` (records in, rows
out), which the process pool (``n_process``) and the Dask engine (``engine="dask"``) run on
their workers; each worker process loads the pipeline once.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd

from controverse import paths
from controverse.tables import COLUMNS, conform

MAX_CHUNK_CHARS = 100_000
DEFAULT_BATCH = 16
TABLES = ("documents", "mentions", "quotes", "statements", "events")


# ----------------------------------------------------------------------------- one document


def _doc_rows(doc) -> dict[str, list[dict]]:
    return {
        "mentions": [vars(m).copy() for m in doc._.mentions or []],
        "quotes": [vars(q).copy() for q in doc._.quotes or []],
        "statements": [vars(s).copy() for s in doc._.statements or []],
        "events": [vars(e).copy() for e in doc._.events or []],
    }


def _shift(rows: dict[str, list[dict]], offset: int) -> dict[str, list[dict]]:
    for table in rows.values():
        for row in table:
            row["start"] += offset
            row["end"] += offset
    return rows


def _chunks(text: str, size: int = MAX_CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts at paragraph (else sentence, else space) boundaries."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for separator in ("\n\n", ". ", " "):
                cut = text.rfind(separator, start + size // 2, end)
                if cut != -1:
                    end = cut + len(separator)
                    break
        yield start, text[start:end]
        start = end


def extract_records(
    records: list[dict[str, Any]], lang: str, model: str | None = None
) -> list[dict]:
    """Parse records ({content_hash, text, date}) of one language; return per-record results
    ({content_hash, rows, problems}). Pure apart from loading the (cached) pipeline."""
    from controverse import nlp as nlp_module

    nlp = nlp_module.load(lang, model)
    results = []
    small = [r for r in records if r["text"].strip() and len(r["text"]) <= MAX_CHUNK_CHARS]
    docs = (
        nlp_module.make_doc(nlp, r["text"], doc_id=r.get("doc_id"), doc_date=r.get("date"))
        for r in small
    )
    parsed = dict(
        zip([id(r) for r in small], nlp.pipe(docs, batch_size=DEFAULT_BATCH), strict=True)
    )
    for record in records:
        problems = list(record.get("problems", []))
        text = record["text"]
        if not text.strip():
            problems.append("empty text: nothing extracted")
            rows = {t: [] for t in ("mentions", "quotes", "statements", "events")}
        elif len(text) > MAX_CHUNK_CHARS:
            problems.append(
                f"long text ({len(text)} characters) parsed in chunks of {MAX_CHUNK_CHARS}; "
                "quotes across chunk boundaries are not found"
            )
            rows = {t: [] for t in ("mentions", "quotes", "statements", "events")}
            for offset, piece in _chunks(text):
                doc = nlp(
                    nlp_module.make_doc(
                        nlp, piece, doc_id=record.get("doc_id"), doc_date=record.get("date")
                    )
                )
                problems += doc._.problems or []
                for table, table_rows in _shift(_doc_rows(doc), offset).items():
                    rows[table] += table_rows
        else:
            doc = parsed[id(record)]
            problems += doc._.problems or []
            rows = _doc_rows(doc)
        results.append({"content_hash": record["content_hash"], "rows": rows, "problems": problems})
    return results


# ----------------------------------------------------------------------------- the run


def _language_of(document: pd.Series, lang: str) -> tuple[str, list[str]]:
    from controverse.nlp import LANGUAGES

    if lang != "auto":
        return lang, []
    language = str(document.get("language") or "")
    if language in LANGUAGES:
        return language, []
    return "fr", [f"language {language or 'unknown'!r} has no pipeline: parsed as French"]


def _progress(total: int, progress: bool | None):
    from tqdm.auto import tqdm

    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    return tqdm(total=total, disable=not progress, unit="doc", desc="extracting")


def _batches(items: list, size: int) -> Iterator[list]:
    for index in range(0, len(items), size):
        yield items[index : index + size]


def run(
    corpus: pd.DataFrame | str | Path | Iterable[str | Path],
    *,
    lang: str = "auto",
    n_process: int = 1,
    store_path: str | Path = paths.STORE_PATH,
    use_cache: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    model_size: str = "md",
    batch_size: int = 64,
    progress: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """The five tables (plus ``problems``) for ``corpus``; see the module docstring."""
    from controverse.corpus import load_corpus
    from controverse.nlp import model_name, pipeline_fingerprint
    from controverse.store import AnnotationStore

    if lang not in ("auto", "fr", "en"):
        raise ValueError(f"lang must be auto, fr or en, not {lang!r}")
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be local or dask, not {engine!r}")
    documents = corpus if isinstance(corpus, pd.DataFrame) else load_corpus(corpus)
    documents = documents.reset_index(drop=True)
    if "content_hash" not in documents:
        from controverse.corpus import content_hash

        documents = documents.assign(content_hash=documents["text"].map(content_hash))

    groups: dict[str, list[dict]] = {}
    for _, document in documents.iterrows():
        language, problems = _language_of(document, lang)
        groups.setdefault(language, []).append(
            {
                "doc_id": document["doc_id"],
                "content_hash": document["content_hash"],
                "text": document["text"],
                "date": document["date"],
                "problems": problems,
                "_language": language,
            }
        )

    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES[1:]}
    problem_rows = []
    with AnnotationStore(store_path) as store:
        for language, records in groups.items():
            model = model_name(language, model_size if language == "fr" else "sm")
            fingerprint = pipeline_fingerprint(language, model)
            known = store.known(fingerprint) if use_cache else set()
            todo, seen = [], set()
            for record in records:
                if record["content_hash"] not in known and record["content_hash"] not in seen:
                    seen.add(record["content_hash"])
                    todo.append(record)
            if todo:
                _extract_into_store(
                    store,
                    todo,
                    language,
                    model,
                    fingerprint,
                    n_process,
                    engine,
                    scheduler,
                    batch_size,
                    progress,
                )
            wanted = pd.DataFrame(
                [{"doc_id": r["doc_id"], "content_hash": r["content_hash"]} for r in records]
            )
            stored = store.tables(wanted, fingerprint)
            for table in parts:
                parts[table].append(stored[table])
            for doc_id, problems in stored["problems"]:
                problem_rows += [{"doc_id": doc_id, "problem": p} for p in problems]

    order = {doc_id: index for index, doc_id in enumerate(documents["doc_id"])}
    tables = {"documents": conform(documents, "documents")[list(COLUMNS["documents"])]}
    for table, frames in parts.items():
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        if len(frame):
            frame = frame.assign(_order=frame["doc_id"].map(order))
            frame = frame.sort_values(["_order", "start", "end"], kind="stable").drop(
                columns="_order"
            )
        tables[table] = conform(frame, table)[list(COLUMNS[table])]
    tables["problems"] = pd.DataFrame(problem_rows, columns=["doc_id", "problem"])
    return tables


class _StoreWriter:
    """Results into the store a batch of whole documents per transaction (a commit per
    document made the store the bottleneck); what is buffered is written on close, also when
    the run is interrupted, so finished documents are kept and none is half-written."""

    FLUSH_DOCUMENTS = 64
    FLUSH_SECONDS = 2.0

    def __init__(self, store, fingerprint: str, bar):
        self.store, self.fingerprint, self.bar = store, fingerprint, bar
        self.buffer: list[tuple[str, dict, list]] = []
        self.last_flush = time.monotonic()

    def add(self, result: dict) -> None:
        self.buffer.append((result["content_hash"], result["rows"], result["problems"]))
        if (
            len(self.buffer) >= self.FLUSH_DOCUMENTS
            or time.monotonic() - self.last_flush >= self.FLUSH_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.store.put_many(self.fingerprint, self.buffer)
            self.bar.update(len(self.buffer))
            self.buffer = []
        self.last_flush = time.monotonic()


def _extract_into_store(
    store, todo, language, model, fingerprint, n_process, engine, scheduler, batch_size, progress
):
    bar = _progress(len(todo), progress)
    writer = _StoreWriter(store, fingerprint, bar)
    try:
        if engine == "dask":
            from controverse.engines import run_dask

            run_dask(
                _strip(todo), lang=language, model=model, scheduler=scheduler, on_result=writer.add
            )
        elif n_process > 1:
            with ProcessPoolExecutor(max_workers=n_process) as pool:
                batches = list(_batches(_strip(todo), batch_size))
                for results in pool.map(
                    extract_records, batches, [language] * len(batches), [model] * len(batches)
                ):
                    for result in results:
                        writer.add(result)
        else:
            for batch in _batches(_strip(todo), batch_size):
                for result in extract_records(batch, language, model):
                    writer.add(result)
    finally:
        try:
            writer.flush()
        finally:
            bar.close()


def _strip(records: list[dict]) -> list[dict]:
    """Records without the private keys (what workers receive)."""
    return [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]


def write_tables(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table as ``NAME.parquet`` and ``NAME.csv`` in ``out_dir``, atomically."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        frame = tables[name]
        for suffix in (".parquet", ".csv"):
            target = out / f"{name}{suffix}"
            temporary = out / f".{name}{suffix}.tmp"
            if suffix == ".parquet":
                frame.to_parquet(temporary, index=False)
            else:
                csv_frame = frame.copy()
                if "actor_ids" in csv_frame:
                    csv_frame["actor_ids"] = csv_frame["actor_ids"].map(
                        lambda v: json.dumps(list(v))
                    )
                csv_frame.to_csv(temporary, index=False)
            os.replace(temporary, target)
            written.append(target)
    return written
