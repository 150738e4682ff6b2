"""Choosing the documents and rows an analysis covers (date range, language, sample size)."""

from __future__ import annotations

import pandas as pd


def select_documents(
    documents: pd.DataFrame,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    language: str = "all",
    max_documents: int = 0,
) -> pd.DataFrame:
    """The documents dated within [date_from, date_to] in ``language`` ("all" keeps every one).

    Dates are compared at their own precision: a document dated "2020-10" is inside a range
    that ends on 2020-10-01, since its month overlaps it. ``max_documents`` > 0 keeps an evenly
    spread sample of that many documents (deterministic), for smoke runs.
    """
    kept = documents
    if date_from:
        kept = kept[kept["date"].astype(str).map(lambda d: _period_end(d) >= date_from)]
    if date_to:
        kept = kept[kept["date"].astype(str).map(lambda d: _period_start(d) <= date_to)]
    if language and language != "all":
        kept = kept[kept["language"] == language]
    kept = kept.sort_values(["date", "doc_id"], kind="stable")
    if max_documents and len(kept) > max_documents:
        step = len(kept) / max_documents
        kept = kept.iloc[[int(i * step) for i in range(max_documents)]]
    return kept.reset_index(drop=True)


def _period_start(date: str) -> str:
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date)


def _period_end(date: str) -> str:
    return {4: f"{date}-12-31", 7: f"{date}-31"}.get(len(date), date)


def rows_for_documents(table: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows of an extraction table that belong to the given documents."""
    return table[table["doc_id"].isin(set(documents["doc_id"]))].reset_index(drop=True)
